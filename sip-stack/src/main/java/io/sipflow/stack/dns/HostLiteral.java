package io.sipflow.stack.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * Recognises numeric hosts (RFC 3261 §19.1.1 IPv4address / IPv6reference), which bypass DNS
 * (RFC 3263 §4.1-4.2). Never triggers a lookup: {@link InetAddress#getByName} would for names.
 */
final class HostLiteral {
    private HostLiteral() {}

    /** The address a numeric host denotes, or null when {@code host} is a name. */
    static InetAddress parse(String host) {
        if (host == null || host.isEmpty()) return null;
        String h = host;
        if (h.length() > 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
            h = h.substring(1, h.length() - 1);
        }
        byte[] bytes = h.indexOf(':') >= 0 ? Address.toByteArray(h, Address.IPv6) : Address.toByteArray(h, Address.IPv4);
        if (bytes == null) return null;
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of wrong length from dnsjava", e);
        }
    }
}
