package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.SipStack;
import io.sipflow.stack.transaction.RequestHandler;
import io.sipflow.stack.transaction.ServerTransaction;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.netty.NettyTransportLayer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A bare stack-level UA on loopback UDP, to play misbehaving or special peers (forks, missing ACKs, no refresh). */
final class RawUa implements AutoCloseable {
    final SipStack stack;
    final BlockingQueue<SipRequest> acks = new LinkedBlockingQueue<>();
    final BlockingQueue<SipRequest> requests = new LinkedBlockingQueue<>();
    volatile Consumer<ServerTransaction> onRequest = tx -> tx.respond(200);

    RawUa() {
        NettyTransportLayer t = new NettyTransportLayer(TransportConfig.of(ListenPoint.parse("udp:127.0.0.1:0")));
        stack = SipStack.builder().transportLayer(t).timers(SrfTestBase.FAST).handler(new RequestHandler() {
            @Override
            public void onRequest(ServerTransaction tx) {
                requests.add(tx.request());
                onRequest.accept(tx);
            }

            @Override
            public void onAck(SipRequest ack, Flow flow) {
                acks.add(ack);
            }
        }).build();
        stack.start().join();
    }

    int port() {
        return stack.listenPoints().get(0).viaPort();
    }

    Address contact() {
        return Address.of(SipUri.of("raw", "127.0.0.1", port()));
    }

    /** A 2xx with our Contact and the given To tag. */
    SipResponse ok(SipRequest request, String toTag, String sdp) {
        SipResponse r = request.createResponse(200, null, toTag);
        r.set(Header.CONTACT, contact());
        if (sdp != null) r.setBody(sdp, "application/sdp");
        return r;
    }

    /** An INVITE to {@code target} from us. */
    SipRequest invite(String target, String sdp) {
        SipRequest r = SipRequest.create("INVITE", SipUri.parse(target), Address.of(SipUri.of("raw", "127.0.0.1", port())).withTag("rawtag"),
                Address.of(SipUri.parse(target)), "raw-" + System.nanoTime(), 1, null);
        r.set(Header.CONTACT, contact());
        r.setBody(sdp, "application/sdp");
        return r;
    }

    /** The ACK for a 2xx (RFC 3261 §13.2.2.4). */
    void ack(SipResponse ok) {
        SipRequest ack = SipRequest.create("ACK", ok.contact().uri(), ok.from(), ok.to(), ok.callId(), ok.cseq().seq(), null);
        ack.set(Header.CONTENT_LENGTH, 0);
        stack.sendAck(ack);
    }

    @Override
    public void close() {
        stack.close();
    }
}
