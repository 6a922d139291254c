package io.sipflow.stack.transport;

import io.netty.util.NetUtil;
import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The server transport's duty on every inbound request (RFC 3261 §18.2.1): record where the
 * request really came from in the top Via, so that the response finds its way back through
 * NATs.
 *
 * <ul>
 *   <li>{@code received=<source IP>} when sent-by is a domain name or an IP other than the
 *       packet source (§18.2.1), and always when {@code rport} is present (RFC 3581 §4);
 *   <li>{@code rport=<source port>} when the client asked for it with an empty {@code rport}
 *       (RFC 3581 §4).
 * </ul>
 *
 * A request whose Via needs nothing keeps its original bytes (no re-serialization).
 */
public final class ViaReceived {
    private ViaReceived() {}

    /**
     * Stamps the top Via of {@code request} with the packet source.
     *
     * @return true when the Via was changed
     * @throws io.sipflow.message.SipParseException when the top Via does not parse
     */
    public static boolean stamp(SipRequest request, InetSocketAddress source) {
        Via via = request.topVia();
        if (via == null || source == null || source.getAddress() == null) return false;
        InetAddress src = source.getAddress();
        boolean rport = via.hasRport();
        if (!rport && sameAddress(via.host(), src)) return false;
        Via stamped = via.withReceived(NetUtil.toAddressString(src));
        if (rport) stamped = stamped.withRport(source.getPort());
        request.removeFirst(Header.VIA);
        request.addFirst(Header.VIA, stamped);
        return true;
    }

    /** True when {@code host} is an IP literal equal to {@code address} (never does DNS). */
    static boolean sameAddress(String host, InetAddress address) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(h);
        if (literal == null) return false; // a domain name: §18.2.1 always adds received
        byte[] a = address.getAddress();
        if (literal.length == a.length) return Arrays.equals(literal, a);
        // An IPv4 address seen as IPv4-mapped IPv6 (or the reverse) is the same host.
        byte[] v4 = literal.length == 4 ? literal : a;
        byte[] v6 = literal.length == 16 ? literal : a;
        if (!NetUtil.isValidIpV4Address(NetUtil.bytesToIpAddress(v4))) return false;
        for (int i = 0; i < 10; i++) if (v6[i] != 0) return false;
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) return false;
        return Arrays.equals(Arrays.copyOfRange(v6, 12, 16), v4);
    }
}
