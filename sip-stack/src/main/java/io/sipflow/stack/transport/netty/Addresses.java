package io.sipflow.stack.transport.netty;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;

/** Socket addresses as text without DNS (RFC 5952 IPv6 form, in brackets). */
final class Addresses {
    private Addresses() {}

    static String text(InetSocketAddress a) {
        return a == null ? "-" : NetUtil.toSocketAddressString(a);
    }
}
