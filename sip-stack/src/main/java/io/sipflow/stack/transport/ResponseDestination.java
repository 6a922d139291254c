package io.sipflow.stack.transport;

import io.netty.util.NetUtil;
import io.sipflow.message.header.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a server transport sends a response (RFC 3261 §18.2.2 with RFC 3581 §4), computed
 * from the top Via of the request (as stamped by {@link ViaReceived}) and the flow the
 * request arrived on. Pass the result to {@link TransportLayer#send} together with that flow
 * as {@code reuse}: on a reliable transport the open connection wins (§18.2.2), and the
 * destination is the fallback when it has closed.
 *
 * <p>Never does DNS: a sent-by or maddr that is a domain name (which §18.2.2 would resolve
 * with RFC 3263 §6) falls back to the packet source address, which is where a NATed client
 * is reachable anyway.
 */
public final class ResponseDestination {
    private ResponseDestination() {}

    public static Destination of(Via topVia, Flow requestFlow) {
        Transport t = requestFlow.transport();
        InetSocketAddress source = requestFlow.remoteAddress();
        if (topVia == null) return requestFlow.destination();
        int sentByPort = topVia.port() > 0 ? topVia.port() : t.defaultPort();
        if (t.isConnectionOriented()) {
            // §18.2.2: the connection first (reuse); if it is gone, connect to received (or the
            // source) at the sent-by port. RFC 3581 §4 rport does not apply to a new connection.
            InetAddress host = literal(topVia.received());
            if (host == null) host = source.getAddress();
            return new Destination(t, new InetSocketAddress(host, sentByPort));
        }
        InetAddress maddr = literal(topVia.maddr());
        if (maddr != null) return new Destination(t, new InetSocketAddress(maddr, sentByPort));
        int rport = topVia.rport();
        if (rport > 0) {
            // RFC 3581 §4: back to the source IP and port, through the NAT binding.
            InetAddress host = literal(topVia.received());
            return new Destination(t, new InetSocketAddress(host != null ? host : source.getAddress(), rport));
        }
        InetAddress received = literal(topVia.received());
        if (received != null) return new Destination(t, new InetSocketAddress(received, sentByPort));
        InetAddress sentBy = literal(topVia.host());
        return new Destination(t, new InetSocketAddress(sentBy != null ? sentBy : source.getAddress(), sentByPort));
    }

    /** The address of an IP literal (IPv6 with or without brackets), or null; never DNS. */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) return null;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] b = NetUtil.createByteArrayFromIpAddressString(h);
        if (b == null) return null;
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null; // unreachable: the length is 4 or 16
        }
    }
}
