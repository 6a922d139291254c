package io.sipflow.stack.transaction;

import io.sipflow.message.header.Via;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where the responses to a request go (RFC 3261 §18.2.2, RFC 3581 §4), decided once from the
 * request's top Via (after {@link ViaStamp}) and the flow it arrived on:
 * <ol>
 * <li>reliable transport: back on the request's connection while it is open; otherwise a new
 *     connection to {@code received} (or sent-by host) at the sent-by port;
 * <li>{@code maddr}: to that address, at the sent-by port or the default port;
 * <li>{@code rport} with a value: to the source address and that port (RFC 3581);
 * <li>{@code received}: to that address at the sent-by port or the default port;
 * <li>otherwise to the sent-by host and port (a host name needs RFC 3263 §5 resolution).
 * </ol>
 * The request's flow is always passed along, so that a UDP response leaves from the socket
 * the request arrived on (RFC 3581 §4 needs the same source port).
 */
public final class ResponseRoute {
    private final Flow flow;
    private final Transport transport;
    private final String host;
    private final int port;
    /** The port as the Via wrote it, -1 when absent (RFC 3263 §5 then looks up SRV for a name). */
    private final int sentByPort;
    private final Destination destination;
    /** Its id in the shard's {@link RouteRegistry}, -1 before; verified there, never trusted alone. */
    int registryId = -1;

    private ResponseRoute(Flow flow, Transport transport, String host, int port, int sentByPort) {
        this.flow = flow;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.sentByPort = sentByPort;
        this.destination = numericDestination(flow, transport, host, port);
    }

    private static Destination numericDestination(Flow flow, Transport transport, String host, int port) {
        InetSocketAddress source = flow == null ? null : flow.remoteAddress();
        if (source != null && source.getAddress() != null && IpLiterals.sameAddress(host, source.getAddress())) {
            // The usual case: the response goes back to where the request came from — no parsing.
            return new Destination(transport, port == source.getPort() ? source : new InetSocketAddress(source.getAddress(), port));
        }
        InetAddress a = IpLiterals.parse(host);
        return a == null ? null : new Destination(transport, new InetSocketAddress(a, port));
    }

    /** The route for responses to a request whose top Via is {@code via}, received on {@code flow}. */
    public static ResponseRoute of(Via via, Flow flow) {
        return of(via, flow, null);
    }

    /**
     * As {@link #of(Via, Flow)}, returning {@code previous} itself when it is the same route
     * (same flow, transport, host and ports): consecutive requests from one peer then share one
     * route object, which a transaction keeps for up to 64·T1.
     */
    static ResponseRoute of(Via via, Flow flow, ResponseRoute previous) {
        // A request that came over a connection is answered on it whatever its Via says
        // (§18.2.2 wants the "existing connection"); otherwise the Via's transport decides.
        Transport t = flow.transport().isConnectionOriented() ? flow.transport() : Transport.fromName(via.transport());
        if (t == null) t = flow.transport();
        int written = via.port() > 0 ? via.port() : -1;
        int sentByPort = written > 0 ? written : t.defaultPort();
        String received = via.received();
        String host;
        int port = sentByPort;
        if (t.isConnectionOriented()) {
            host = received != null ? received : via.host();
        } else if (via.maddr() != null) {
            host = via.maddr();
        } else if (via.rport() > 0) {
            host = received != null ? received : IpLiterals.format(flow.remoteAddress().getAddress());
            port = written = via.rport();
        } else {
            host = received != null ? received : via.host();
        }
        if (previous != null && previous.flow == flow && previous.transport == t && previous.port == port
                && previous.sentByPort == written && previous.host.equals(host)) {
            return previous;
        }
        return new ResponseRoute(flow, t, host, port, written);
    }

    /** The request's flow: reused for connection-oriented transports. */
    public Flow flow() {
        return flow;
    }

    /** The numeric destination, or null when the host is a name still to resolve. */
    public Destination destination() {
        return destination;
    }

    /**
     * True when the flow cannot carry the response and the host is a name: locate it first
     * (RFC 3263 §5, {@link io.sipflow.stack.dns.ServerLocator#locateForResponse}).
     */
    public boolean needsResolution() {
        return destination == null && !(transport.isConnectionOriented() && flow != null && flow.isOpen());
    }

    /** The host to send to (received, maddr or sent-by). */
    public String host() {
        return host;
    }

    /** The port responses go to. */
    int port() {
        return port;
    }

    /** The port the Via gave for it, or -1 when it gave none. */
    public int sentByPort() {
        return sentByPort;
    }

    public Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return transport + " " + host + ":" + port + (flow != null && transport.isConnectionOriented() ? " via " + flow : "");
    }
}
