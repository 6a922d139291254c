package io.sipflow.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}.
 *
 * <p>For {@code IP4} the address may carry a multicast TTL and a number of addresses,
 * {@code 224.2.1.1/127/3}; for {@code IP6} only a number of addresses, {@code ff15::101/3}
 * (IPv6 has no TTL, RFC 8866 §5.7). Those suffixes are split into {@link #ttl()} and
 * {@link #addressCount()}; for any other address type the whole connection address is kept
 * verbatim in {@link #address()}. Addresses are not resolved nor checked beyond their shape:
 * RFC 8866 also allows fully qualified domain names.
 *
 * @param netType the network type, {@code "IN"}
 * @param addrType {@code "IP4"}, {@code "IP6"} or another registered type
 * @param address the address without the {@code /ttl/count} suffix
 * @param ttl the IPv4 multicast TTL 0..255, or {@link #NONE}
 * @param addressCount the number of addresses (at least 1), or {@link #NONE} when not given
 */
public record Connection(String netType, String addrType, String address, int ttl, int addressCount) {
    /** Marks an absent TTL or address count. */
    public static final int NONE = -1;
    /** The Internet network type. */
    public static final String IN = "IN";
    /** IPv4 address type. */
    public static final String IP4 = "IP4";
    /** IPv6 address type. */
    public static final String IP6 = "IP6";

    /** Validates the components. */
    public Connection {
        Syntax.requireField(netType, "connection nettype");
        Syntax.requireField(addrType, "connection addrtype");
        Syntax.requireField(address, "connection address");
        boolean ip4 = IP4.equalsIgnoreCase(addrType);
        boolean ip6 = IP6.equalsIgnoreCase(addrType);
        if ((ip4 || ip6) && address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("put the TTL and address count in their own components: " + address);
        }
        if (ttl != NONE && (!ip4 || ttl < 0 || ttl > 255)) {
            throw new IllegalArgumentException("a TTL (0..255) exists only for IP4 connection addresses: " + ttl);
        }
        if (addressCount != NONE && (!(ip4 || ip6) || addressCount < 1)) {
            throw new IllegalArgumentException("the address count must be at least 1, for IP4/IP6 only: "
                    + addressCount);
        }
        if (ip4 && addressCount != NONE && ttl == NONE) {
            throw new IllegalArgumentException("an IP4 address count needs a TTL (RFC 8866 §5.7)");
        }
    }

    /**
     * {@code IN IP4 address} or {@code IN IP6 address}: the address type follows the address (a
     * colon means IPv6; brackets around an IPv6 literal are removed).
     */
    public static Connection of(String address) {
        Objects.requireNonNull(address, "address");
        String addr = stripBrackets(address);
        return new Connection(IN, addrTypeOf(addr), addr, NONE, NONE);
    }

    /** The connection for an {@link InetAddress} (no name lookup is made). */
    public static Connection of(InetAddress address) {
        String literal = address.getHostAddress();
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone); // scope ids have no meaning to the peer
        }
        return new Connection(IN, address instanceof Inet6Address ? IP6 : IP4, literal, NONE, NONE);
    }

    /** True when the address type is {@code IP6}. */
    public boolean isIp6() {
        return IP6.equalsIgnoreCase(addrType);
    }

    /** True when the address type is {@code IP4}. */
    public boolean isIp4() {
        return IP4.equalsIgnoreCase(addrType);
    }

    /** True for an IPv4 multicast address (224.0.0.0/4) or an IPv6 one (ff00::/8). */
    public boolean isMulticast() {
        if (isIp4()) {
            int dot = address.indexOf('.');
            long first = dot > 0 ? Syntax.parseUnsigned(address, 0, dot) : -1;
            return first >= 224 && first <= 239;
        }
        if (isIp6()) {
            return address.length() >= 2 && (address.charAt(0) == 'f' || address.charAt(0) == 'F')
                    && (address.charAt(1) == 'f' || address.charAt(1) == 'F');
        }
        return false;
    }

    /**
     * True for {@code IN IP4 0.0.0.0}, the way RFC 2543 put a call on hold; RFC 3264 §8.4 no
     * longer recommends it but still asks implementations to understand it.
     */
    public boolean isHoldAddress() {
        return isIp4() && "0.0.0.0".equals(address);
    }

    /**
     * This connection with another unicast address: {@code IN}, the address type following the
     * address, no TTL nor count.
     */
    public Connection withAddress(String newAddress) {
        return of(newAddress);
    }

    /** The text after {@code c=}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append(netType).append(' ').append(addrType).append(' ').append(address);
        if (ttl != NONE) {
            sb.append('/').append(ttl);
        }
        if (addressCount != NONE) {
            sb.append('/').append(addressCount);
        }
    }

    /**
     * Parses {@code <nettype> <addrtype> <connection-address>} in {@code s[from,to)} (already
     * trimmed), or returns {@code null} when it is malformed. Shared by {@code c=} and
     * {@code a=rtcp} parsing; allocation-light because it is on the parse path.
     */
    static Connection parse(String s, int from, int to) {
        int a = from;
        int b = nextSpace(s, a, to);
        int c = Syntax.trimStart(s, b, to);
        int d = nextSpace(s, c, to);
        int e = Syntax.trimStart(s, d, to);
        int f = nextSpace(s, e, to);
        if (b == a || d == c || f == e || f != to) {
            return null; // fewer or more than three fields
        }
        String netType = Tokens.get(s, a, b);
        String addrType = Tokens.get(s, c, d);
        boolean ip4 = IP4.equalsIgnoreCase(addrType);
        boolean ip6 = IP6.equalsIgnoreCase(addrType);
        if (!ip4 && !ip6) {
            return new Connection(netType, addrType, Tokens.get(s, e, f), NONE, NONE);
        }
        int slash1 = s.indexOf('/', e, f);
        if (slash1 < 0) {
            return new Connection(netType, addrType, Tokens.get(s, e, f), NONE, NONE);
        }
        if (slash1 == e) {
            return null;
        }
        int slash2 = s.indexOf('/', slash1 + 1, f);
        int ttl = NONE;
        long count;
        if (ip6) {
            if (slash2 >= 0) {
                return null; // IPv6 has no TTL, so one suffix at most (RFC 8866 §5.7)
            }
            count = Syntax.parseUnsigned(s, slash1 + 1, f);
        } else {
            long t = Syntax.parseUnsigned(s, slash1 + 1, slash2 < 0 ? f : slash2);
            if (t < 0 || t > 255) {
                return null;
            }
            ttl = (int) t;
            count = slash2 < 0 ? NONE : Syntax.parseUnsigned(s, slash2 + 1, f);
        }
        if (ip6 || slash2 >= 0) {
            if (count < 1 || count > Integer.MAX_VALUE) {
                return null;
            }
        }
        return new Connection(netType, addrType, Tokens.get(s, e, slash1), ttl, (int) count);
    }

    private static int nextSpace(String s, int from, int to) {
        while (from < to && !Syntax.isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    static String addrTypeOf(String address) {
        return address.indexOf(':') >= 0 ? IP6 : IP4;
    }

    static String stripBrackets(String address) {
        Objects.requireNonNull(address, "address");
        if (address.length() > 2 && address.charAt(0) == '[' && address.charAt(address.length() - 1) == ']') {
            return address.substring(1, address.length() - 1);
        }
        return address;
    }
}
