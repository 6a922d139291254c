package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Via;
import io.sipflow.stack.transport.Flow;
import java.net.InetSocketAddress;

/**
 * What the server transport does to every request it receives (RFC 3261 §18.2.1, RFC 3581
 * §4): when the top Via's sent-by host is not the packet's source address, add
 * {@code received=<source IP>}; when the top Via carries an empty {@code rport}, fill in the
 * source port and add {@code received} even if it equals sent-by. Responses are then routed
 * back through NATs (§18.2.2).
 */
final class ViaStamp {
    private ViaStamp() {}

    /** Rewrites the top Via of {@code request} when needed; returns true when it changed. */
    static boolean apply(SipRequest request, Flow flow) {
        Via top = request.topVia();
        InetSocketAddress source = flow.remoteAddress();
        if (top == null || source == null || source.getAddress() == null) return false;
        boolean askedRport = top.hasRport() && top.rport() < 0;
        boolean differs = !IpLiterals.sameAddress(top.host(), source.getAddress());
        if (!askedRport && !differs) return false;
        Via stamped = top.withReceived(hostAddress(source));
        if (askedRport) stamped = stamped.withRport(source.getPort());
        request.removeFirst(Header.VIA);
        request.addFirst(Header.VIA, stamped);
        return true;
    }

    private static String hostAddress(InetSocketAddress a) {
        return IpLiterals.format(a.getAddress());
    }
}
