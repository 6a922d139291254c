package io.sipflow.stack.transport.netty;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * The STUN keep-alive of RFC 5626 §4.4.2 on UDP listeners: a client sends a STUN Binding
 * request (RFC 5389 §6) to the SIP port and learns its public address from the response's
 * XOR-MAPPED-ADDRESS (RFC 5389 §15.2), which also tells it whether its NAT binding changed.
 * SIP messages start with a letter, STUN with two zero bits (RFC 5389 §6), so the two never
 * mix up (RFC 7983 §7).
 */
final class StunBinding {
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int HEADER = 20;

    private StunBinding() {}

    /** True for a well-formed STUN Binding request header (RFC 5389 §6). */
    static boolean isBindingRequest(byte[] d) {
        if (d.length < HEADER || (d[0] & 0xc0) != 0) return false;
        int type = ((d[0] & 0xff) << 8) | (d[1] & 0xff);
        int length = ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        return type == 0x0001 && length + HEADER == d.length && (length & 3) == 0 && readInt(d, 4) == MAGIC_COOKIE;
    }

    /** A Binding success response carrying the request's source as XOR-MAPPED-ADDRESS. */
    static byte[] successResponse(byte[] request, InetSocketAddress source) {
        byte[] addr = source.getAddress().getAddress();
        boolean v4 = source.getAddress() instanceof Inet4Address;
        int attrLen = 4 + addr.length;
        byte[] r = new byte[HEADER + 4 + attrLen];
        r[0] = 0x01; // Binding success response: 0x0101
        r[1] = 0x01;
        r[2] = (byte) ((4 + attrLen) >> 8);
        r[3] = (byte) (4 + attrLen);
        System.arraycopy(request, 4, r, 4, 16); // magic cookie and transaction ID
        r[20] = 0x00; // XOR-MAPPED-ADDRESS: 0x0020
        r[21] = 0x20;
        r[22] = 0;
        r[23] = (byte) attrLen;
        r[24] = 0;
        r[25] = (byte) (v4 ? 0x01 : 0x02);
        int xport = source.getPort() ^ (MAGIC_COOKIE >>> 16);
        r[26] = (byte) (xport >> 8);
        r[27] = (byte) xport;
        // The address is XORed with the cookie (IPv4) or cookie + transaction ID (IPv6).
        for (int i = 0; i < addr.length; i++) r[28 + i] = (byte) (addr[i] ^ request[4 + i]);
        return r;
    }

    private static int readInt(byte[] d, int o) {
        return ((d[o] & 0xff) << 24) | ((d[o + 1] & 0xff) << 16) | ((d[o + 2] & 0xff) << 8) | (d[o + 3] & 0xff);
    }
}
