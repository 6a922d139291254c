package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transport.Flow;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a dialog's requests go when the peer sits behind a NAT (drachtio-server's NAT detection,
 * on by default there too). RFC 3261 §12.2.1.1 sends them to the remote target (the peer's
 * Contact), which behind a NAT names a private address nobody outside can reach; the peer's
 * NAT binding is the address its requests came from. So when a request that came straight from
 * the peer (one Via, no Record-Route: no proxy in between) shows the peer behind a NAT, the
 * dialog's requests (BYE, re-INVITE, NOTIFY, their ACKs) go to that source address and port,
 * from the socket the request reached (the symmetric flow RFC 3581 §4 relies on; RFC 5626 §5.3
 * does the same with flows). The Request-URI stays the Contact.
 *
 * <p>Connection-oriented transports (TCP, TLS, WebSocket) always reuse the peer's connection,
 * whatever this setting (RFC 5923 spirit); this decides for UDP. Responses follow the Via
 * ({@code received}/{@code rport}, RFC 3581) in every mode.
 */
public enum NatTraversal {
    /** RFC 3261 strictly: requests go to the Contact. */
    OFF,
    /**
     * The default: the peer is behind a NAT when its Contact (or top Via sent-by) names a
     * private address (RFC 1918, RFC 6598 shared space, link-local, IPv6 unique local) that is
     * not where the request came from (drachtio's detection).
     */
    DETECT,
    /**
     * Any Contact that is not the request's source address and port counts as behind a NAT
     * (drachtio's {@code --aggressive-nat-detection}), e.g. a UA that advertises a public but
     * wrong address or port.
     */
    AGGRESSIVE;

    /**
     * The flow a dialog keeps for its requests after the peer's {@code request} came on
     * {@code in}: the connection for a connection-oriented transport; over UDP, the source when
     * the request's Contact shows the peer behind a NAT, null when its Contact is reachable as
     * it is, and {@code current} when it has no Contact (a BYE, an INFO: nothing new learnt).
     *
     * @param direct no Record-Route in the dialog: the peer's requests come to us unproxied
     */
    Flow flowFor(SipRequest request, Flow in, boolean direct, Flow current) {
        if (in == null) return current;
        if (in.transport().isReliable()) return in;
        Address contact = request.contact();
        if (contact == null || contact.isWildcard()) return current;
        return direct && behindNat(request, in) ? in : null;
    }

    /** True when {@code request}, received over UDP on {@code in}, shows its sender behind a NAT. */
    boolean behindNat(SipRequest request, Flow in) {
        if (this == OFF) return false;
        InetSocketAddress source = in.remoteAddress();
        if (source == null || source.getAddress() == null) return false;
        // Most in-dialog requests (BYE, INFO, …) carry no Contact: nothing to judge, the dialog keeps what it had.
        Address contact = request.contact();
        if (contact == null || contact.isWildcard() || !(contact.uri() instanceof SipUri uri)) return false;
        if (request.count(Header.VIA) != 1) return false; // a proxy's request: its source is the proxy
        InetAddress host = literal(uri.host());
        int port = uri.port() > 0 ? uri.port() : uri.isSecure() ? 5061 : 5060;
        if (host != null && host.equals(source.getAddress()) && port == source.getPort()) return false;
        if (this == AGGRESSIVE) return true;
        if (host != null && isPrivate(host) && !host.equals(source.getAddress())) return true;
        Via via = request.topVia();
        InetAddress sentBy = via == null ? null : literal(via.host());
        return sentBy != null && isPrivate(sentBy) && !sentBy.equals(source.getAddress());
    }

    /** RFC 1918, RFC 6598 (carrier-grade NAT), link-local, IPv6 unique local (RFC 4193) and site-local. */
    static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
        return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc; // fc00::/7
    }

    /** The address of an IP literal host (IPv6 possibly in brackets); null for a name (never resolved). */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) return null;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) && h.chars().filter(c -> c == '.').count() == 3;
        boolean v6 = h.indexOf(':') >= 0; // no host name has one: Java takes it as a literal, never a lookup
        if (!v4 && !v6) return null;
        try {
            return InetAddress.getByName(h); // a literal: no lookup
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
