package io.sipflow.stack.transaction;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportLayer;
import io.sipflow.stack.transport.TransportListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An in-memory transport: records what is sent, hands it to a {@link FakeNetwork} when wired
 * to one, and lets a test inject inbound messages as text. No sockets, no threads.
 */
final class FakeTransportLayer implements TransportLayer {
    record Sent(byte[] bytes, Destination destination, Flow reuse) {
        SipMessage message() {
            return SipParser.defaults().parse(bytes);
        }

        SipRequest request() {
            return (SipRequest) message();
        }

        SipResponse response() {
            return (SipResponse) message();
        }

        String firstLine() {
            String t = new String(bytes, StandardCharsets.UTF_8);
            return t.substring(0, t.indexOf('\r'));
        }

        /** Where it went: the reused connection's peer, else the destination. */
        String target() {
            if (reuse != null && reuse.isOpen() && reuse.transport().isConnectionOriented()) return "flow:" + reuse.remoteAddress();
            return destination.toString();
        }
    }

    final List<ListenPoint> listenPoints;
    final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    TransportListener listener;
    FakeNetwork network;
    /** Sends matching this fail with an IOException (a transport error). */
    Predicate<Sent> failWhen = s -> false;

    FakeTransportLayer(ListenPoint... points) {
        this.listenPoints = List.of(points);
    }

    /** UDP and TCP on host:5060. */
    static FakeTransportLayer at(String host) {
        return new FakeTransportLayer(ListenPoint.of(Transport.UDP, host, 5060), ListenPoint.of(Transport.TCP, host, 5060));
    }

    @Override
    public void setListener(TransportListener l) {
        this.listener = l;
    }

    @Override
    public CompletableFuture<List<ListenPoint>> start() {
        return CompletableFuture.completedFuture(listenPoints);
    }

    @Override
    public List<ListenPoint> listenPoints() {
        return listenPoints;
    }

    @Override
    public ListenPoint listenPointFor(Transport transport, boolean ipv6) {
        for (ListenPoint lp : listenPoints) if (lp.transport() == transport) return lp;
        return null;
    }

    @Override
    public CompletableFuture<Flow> send(SipMessage message, Destination destination, Flow reuse) {
        return sendBytes(message.toBytes(), destination, reuse);
    }

    @Override
    public CompletableFuture<Flow> sendBytes(byte[] encoded, Destination destination, Flow reuse) {
        Sent s = new Sent(encoded, destination, reuse);
        sent.add(s);
        if (failWhen.test(s)) return CompletableFuture.failedFuture(new IOException("connection refused"));
        boolean onConnection = reuse != null && reuse.isOpen() && reuse.transport().isConnectionOriented();
        Flow used = onConnection || destination == null ? reuse : flowTo(destination);
        if (network != null) network.carry(this, s, used);
        return CompletableFuture.completedFuture(used);
    }

    Flow flowTo(Destination d) {
        ListenPoint lp = listenPointFor(d.transport(), false);
        return new TestFlow(d.transport(), lp, lp.bindAddress(), d.address(), true);
    }

    /** Injects a message as if it arrived from {@code from} (host:port) over UDP. */
    void deliver(String text, String fromHost, int fromPort) {
        deliver(text, flowFrom(Transport.UDP, fromHost, fromPort));
    }

    void deliver(byte[] bytes, Flow flow) {
        SipMessage m;
        try {
            m = SipParser.defaults().parse(bytes);
        } catch (SipParseException e) {
            listener.onParseError(e, flow);
            return;
        }
        listener.onMessage(m, flow);
    }

    void deliver(String text, Flow flow) {
        deliver(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), flow);
    }

    Flow flowFrom(Transport t, String host, int port) {
        ListenPoint lp = listenPointFor(t, false);
        return new TestFlow(t, lp, lp.bindAddress(), new InetSocketAddress(host, port), true);
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    List<String> firstLines() {
        synchronized (sent) {
            return sent.stream().map(Sent::firstLine).toList();
        }
    }

    @Override
    public int openConnections() {
        return 0;
    }

    @Override
    public void close() {}
}
