package io.sipflow.stack.transaction;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Numeric host handling without DNS: Via sent-by, received and maddr values and URI hosts
 * are often IP literals, and comparing or using them must never block on a lookup.
 */
public final class IpLiterals {
    private IpLiterals() {}

    /**
     * The address for an IPv4 dotted quad or an IPv6 reference (with or without brackets),
     * or null for a host name (which needs RFC 3263 resolution).
     */
    public static InetAddress parse(String host) {
        if (host == null || host.isEmpty()) return null;
        String h = host;
        if (h.charAt(0) == '[') {
            if (h.charAt(h.length() - 1) != ']') return null;
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            int pct = h.indexOf('%');
            int end = pct < 0 ? h.length() : pct;
            for (int i = 0; i < end; i++) {
                char c = h.charAt(i);
                if (c != ':' && c != '.' && Character.digit(c, 16) < 0) return null;
            }
        } else if (!isDottedQuad(h)) {
            return null;
        }
        try {
            // A literal: InetAddress only checks its format, no lookup happens.
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** True for {@code a.b.c.d} with four decimal parts of at most 255. */
    static boolean isDottedQuad(String h) {
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= h.length(); i++) {
            char c = i < h.length() ? h.charAt(i) : '.';
            if (c == '.') {
                if (value < 0) return false;
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) return false;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /**
     * The textual form of an address: dotted quad, or for IPv6 the RFC 5952 canonical form
     * (lower case, longest run of two or more zero groups as {@code ::}, no scope), without brackets.
     */
    public static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) return a.getHostAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** True when {@code host} is a literal naming {@code address} (a host name never is). */
    public static boolean sameAddress(String host, InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4 && host.indexOf(':') < 0 && !host.startsWith("[")) {
            // Every request passes here (§18.2.1): compare a dotted quad without allocating.
            return dottedQuadEquals(host, b);
        }
        InetAddress a = parse(host);
        return a != null && a.equals(address);
    }

    private static boolean dottedQuadEquals(String h, byte[] b) {
        int part = 0;
        int value = -1;
        for (int i = 0; i <= h.length(); i++) {
            char c = i < h.length() ? h.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3 || value != (b[part] & 0xff)) return false;
                part++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) return false;
            } else {
                return false;
            }
        }
        return part == 4;
    }
}
