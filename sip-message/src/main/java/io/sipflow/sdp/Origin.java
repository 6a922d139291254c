package io.sipflow.sdp;

import java.util.OptionalLong;

/**
 * The {@code o=} line (RFC 8866 §5.2):
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}.
 *
 * <p><b>Why the session id and version are strings.</b> RFC 8866 §5.2 only says they are numeric
 * ({@code 1*DIGIT}); it recommends NTP timestamps, and deployed peers send 64-bit unsigned values
 * or 20-digit numbers that do not fit a Java {@code long}. Keeping the digits as received means
 * such a description round-trips byte for byte and its version can still be incremented
 * ({@link #nextVersion()} adds one in decimal, without {@code BigInteger}). When the value fits,
 * {@link #sessionIdAsLong()} and {@link #sessionVersionAsLong()} give it as a {@code long}.
 *
 * @param username the user's login or {@code "-"} (RFC 8866 §5.2); no whitespace
 * @param sessionId the session id: one or more decimal digits
 * @param sessionVersion the session version: one or more decimal digits
 * @param netType the network type, {@code "IN"}
 * @param addrType the address type, {@code "IP4"} or {@code "IP6"}
 * @param address the address of the originating host (or an FQDN)
 */
public record Origin(String username, String sessionId, String sessionVersion,
                     String netType, String addrType, String address) {

    /** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);

    /** Validates the components. */
    public Origin {
        Syntax.requireField(username, "origin username");
        if (!Syntax.isAllDigits(sessionId == null ? "" : sessionId)) {
            throw new IllegalArgumentException("origin sess-id must be decimal digits: " + sessionId);
        }
        if (!Syntax.isAllDigits(sessionVersion == null ? "" : sessionVersion)) {
            throw new IllegalArgumentException("origin sess-version must be decimal digits: " + sessionVersion);
        }
        Syntax.requireField(netType, "origin nettype");
        Syntax.requireField(addrType, "origin addrtype");
        Syntax.requireField(address, "origin address");
    }

    /**
     * An origin {@code IN IP4|IP6 address}; the address type follows the address (a colon means
     * IPv6).
     */
    public static Origin of(String username, long sessionId, long sessionVersion, String address) {
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("sess-id and sess-version must not be negative");
        }
        String addr = Connection.stripBrackets(address);
        return new Origin(username, Long.toString(sessionId), Long.toString(sessionVersion),
                Connection.IN, Connection.addrTypeOf(addr), addr);
    }

    /**
     * An origin with username {@code "-"} and the current time in NTP seconds as session id and
     * version, as RFC 8866 §5.2 recommends for uniqueness.
     */
    public static Origin of(String address) {
        long ntp = System.currentTimeMillis() / 1000 + NTP_UNIX_OFFSET;
        return of("-", ntp, ntp, address);
    }

    /** The session id as a {@code long}, or empty when it has more digits than a long holds. */
    public OptionalLong sessionIdAsLong() {
        return asLong(sessionId);
    }

    /** The session version as a {@code long}, or empty when it has more digits than a long holds. */
    public OptionalLong sessionVersionAsLong() {
        return asLong(sessionVersion);
    }

    /**
     * This origin with the session version incremented by one, as RFC 3264 §8 requires for every
     * offer that changes the session ("the version number MUST increase by one"). Works on
     * versions of any length ({@code 999} becomes {@code 1000}).
     */
    public Origin nextVersion() {
        return new Origin(username, sessionId, increment(sessionVersion), netType, addrType, address);
    }

    /** This origin with another session version. */
    public Origin withSessionVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("sess-version must not be negative");
        }
        return new Origin(username, sessionId, Long.toString(version), netType, addrType, address);
    }

    /** This origin with another address; the address type follows it (IPv6 when it has a colon). */
    public Origin withAddress(String newAddress) {
        String addr = Connection.stripBrackets(newAddress);
        return new Origin(username, sessionId, sessionVersion, Connection.IN, Connection.addrTypeOf(addr), addr);
    }

    /** The text after {@code o=}. */
    @Override
    public String toString() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }

    static OptionalLong asLong(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++; // leading zeros do not count toward the magnitude
        }
        int len = digits.length() - i;
        if (len > LONG_MAX.length()
                || (len == LONG_MAX.length() && digits.substring(i).compareTo(LONG_MAX) > 0)) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (; i < digits.length(); i++) {
            v = v * 10 + (digits.charAt(i) - '0');
        }
        return OptionalLong.of(v);
    }

    /** Adds one to a string of decimal digits, growing it when every digit carries. */
    static String increment(String digits) {
        char[] c = digits.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            if (c[i] != '9') {
                c[i]++;
                return new String(c);
            }
            c[i] = '0';
        }
        return "1" + new String(c);
    }
}
