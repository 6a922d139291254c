package io.sipflow.message.uri;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.header.Parameters;
import io.sipflow.message.internal.Lexer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1): {@code sip:user:password@host:port;uri-params?headers}.
 *
 * <p>The user part, parameters and headers are kept as written (escaped), so the URI
 * re-serializes exactly; {@link #userDecoded()} un-escapes the user. The host keeps IPv6
 * references in brackets ({@code [2001:db8::1]}, RFC 5118). Immutable; the {@code with}
 * methods return a changed copy. {@link #equivalentTo} compares per §19.1.4.
 */
public final class SipUri implements Uri {
    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Parameters params;
    private final String headers;

    public SipUri(boolean secure, String user, String password, String host, int port, Parameters params, String headers) {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("host is required");
        if (port < -1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.params = params == null ? Parameters.EMPTY : params;
        this.headers = headers;
    }

    /** {@code sip:user@host} ({@code user} may be null). */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user, null, host, -1, Parameters.EMPTY, null);
    }

    /** {@code sip:user@host:port} ({@code user} may be null, port -1 for none). */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, null, host, port, Parameters.EMPTY, null);
    }

    /** Parses a {@code sip:} or {@code sips:} URI; anything else is an error. */
    public static SipUri parse(String text) {
        Uri u = Uri.parse(text);
        if (u instanceof SipUri s) return s;
        throw new SipParseException(ParseProblem.MALFORMED_HEADER, "not a SIP URI: " + u.scheme(), "URI", 0);
    }

    static SipUri parse(String text, boolean secure, int start, String what) {
        int len = text.length();
        String user = null;
        String password = null;
        int i = start;
        // A raw '@' can only be the end of userinfo: param and header characters exclude it (§25.1).
        int at = text.indexOf('@', start);
        if (at >= 0) {
            int colon = -1;
            for (int k = start; k < at; k++) {
                char c = text.charAt(k);
                if (c == ':' && colon < 0) colon = k;
                else if (!isUserChar(c)) throw bad("bad character in user part", what, k);
                else if (c == '%') checkEscape(text, k, at, what);
            }
            if (colon >= 0) {
                user = text.substring(start, colon);
                password = text.substring(colon + 1, at);
            } else {
                user = text.substring(start, at);
            }
            if (user.isEmpty()) throw bad("empty user part", what, start);
            i = at + 1;
        }
        int hostStart = i;
        if (i < len && text.charAt(i) == '[') {
            while (i < len && text.charAt(i) != ']') {
                char c = text.charAt(i);
                if (i > hostStart && !(isHex(c) || c == ':' || c == '.')) throw bad("bad IPv6 reference", what, i);
                i++;
            }
            if (i >= len) throw bad("unterminated IPv6 reference", what, hostStart);
            i++;
            if (i - hostStart < 4) throw bad("bad IPv6 reference", what, hostStart);
        } else {
            while (i < len) {
                char c = text.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_') {
                    i++;
                } else {
                    break;
                }
            }
        }
        if (i == hostStart) throw bad("missing host", what, i);
        String host = text.substring(hostStart, i);
        int port = -1;
        if (i < len && text.charAt(i) == ':') {
            int ps = ++i;
            int p = 0;
            while (i < len && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - ps < 6) {
                p = p * 10 + (text.charAt(i++) - '0');
            }
            if (i == ps || p > 65535) throw bad("bad port", what, ps);
            port = p;
        }
        Parameters params = Parameters.EMPTY;
        if (i < len && text.charAt(i) == ';') {
            int[] stop = new int[1];
            params = parseUriParams(text, i, len, what, stop);
            i = stop[0];
        }
        String headers = null;
        if (i < len && text.charAt(i) == '?') {
            for (int k = i + 1; k < len; k++) {
                char c = text.charAt(k);
                if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f) throw bad("bad character in URI headers", what, k);
                if (c == '%') checkEscape(text, k, len, what);
            }
            headers = text.substring(i + 1);
            i = len;
        }
        if (i < len) throw bad("unexpected character '" + text.charAt(i) + "' in URI", what, i);
        return new SipUri(secure, user, password, host, port, params, headers);
    }

    /**
     * URI parameters (§19.1.1) in {@code text[from..end)}: {@code *(";" pname ["=" pvalue])},
     * stopping at '?' or the end; the index where they stopped goes to {@code stop[0]}.
     */
    static Parameters parseUriParams(String text, int from, int end, String what, int[] stop) {
        int i = from;
        String[] pairs = new String[8];
        int n = 0;
        while (i < end && text.charAt(i) == ';') {
            int ns = ++i;
            while (i < end && isParamChar(text.charAt(i))) {
                if (text.charAt(i) == '%') checkEscape(text, i, end, what);
                i++;
            }
            if (i == ns) throw bad("empty URI parameter name", what, i);
            String name = text.substring(ns, i);
            String value = null;
            if (i < end && text.charAt(i) == '=') {
                int vs = ++i;
                while (i < end && isParamChar(text.charAt(i))) {
                    if (text.charAt(i) == '%') checkEscape(text, i, end, what);
                    i++;
                }
                value = text.substring(vs, i);
            }
            if (n + 2 > pairs.length) pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            pairs[n++] = name;
            pairs[n++] = value;
        }
        stop[0] = i;
        return n == 0 ? Parameters.EMPTY : Parameters.of(java.util.Arrays.copyOf(pairs, n));
    }

    private static SipParseException bad(String detail, String what, int at) {
        return new SipParseException(ParseProblem.MALFORMED_HEADER, detail, what, at);
    }

    /** escaped = "%" HEXDIG HEXDIG (§25.1). */
    private static void checkEscape(String text, int k, int end, String what) {
        if (k + 2 >= end || !isHex(text.charAt(k + 1)) || !isHex(text.charAt(k + 2))) {
            throw bad("bad escape", what, k);
        }
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** unreserved / escaped / user-unreserved (§25.1). */
    private static boolean isUserChar(char c) {
        return isUnreserved(c) || c == '%' || "&=+$,;?/".indexOf(c) >= 0;
    }

    /** paramchar = param-unreserved / unreserved / escaped (§25.1). */
    private static boolean isParamChar(char c) {
        return isUnreserved(c) || c == '%' || "[]/:&+$".indexOf(c) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0;
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part as written (escaped), or null. */
    public String user() {
        return user;
    }

    /** The user part with %HH escapes decoded (UTF-8), or null. */
    public String userDecoded() {
        return user == null ? null : unescape(user);
    }

    public String password() {
        return password;
    }

    /** The host as written; an IPv6 reference keeps its brackets. */
    public String host() {
        return host;
    }

    /** The port, or -1 when the URI has none (the default depends on the transport, §19.1.2). */
    public int port() {
        return port;
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The {@code transport} parameter in lower case, or null. */
    public String transport() {
        String t = params.get("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** The {@code lr} flag of a loose-routing proxy (RFC 3261 §19.1.1). */
    public boolean lr() {
        return params.has("lr");
    }

    public String maddr() {
        return params.get("maddr");
    }

    /** The headers part after '?', as written (escaped), or null. */
    public String headers() {
        return headers;
    }

    public SipUri withUser(String u) {
        return new SipUri(secure, u, password, host, port, params, headers);
    }

    public SipUri withHost(String h) {
        return new SipUri(secure, user, password, h, port, params, headers);
    }

    public SipUri withPort(int p) {
        return new SipUri(secure, user, password, host, p, params, headers);
    }

    public SipUri withSecure(boolean s) {
        return new SipUri(s, user, password, host, port, params, headers);
    }

    public SipUri withParams(Parameters p) {
        return new SipUri(secure, user, password, host, port, p, headers);
    }

    public SipUri withParam(String name, String value) {
        return withParams(params.with(name, value));
    }

    public SipUri withoutParam(String name) {
        return withParams(params.without(name));
    }

    public SipUri withHeaders(String h) {
        return new SipUri(secure, user, password, host, port, params, h);
    }

    /** Decodes %HH escapes as UTF-8; a malformed escape is kept literally. */
    public static String unescape(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * URI comparison of RFC 3261 §19.1.4: scheme, user and password (case-sensitive, after
     * un-escaping), host (case-insensitive), port (absent is not 5060); the parameters
     * user, ttl, method, maddr and transport must agree when either URI has them; other
     * parameters only when both have them; headers must agree, in any order. Parameter names
     * and values compare case-insensitively after un-escaping ("characters other than those in
     * the reserved set are equivalent to their encoding").
     */
    public boolean equivalentTo(SipUri o) {
        if (o == this) return true;
        if (secure != o.secure || port != o.port) return false;
        if (!Objects.equals(userDecoded(), o.userDecoded())) return false;
        if (!Objects.equals(password == null ? null : unescape(password), o.password == null ? null : unescape(o.password))) {
            return false;
        }
        if (!host.equalsIgnoreCase(o.host)) return false;
        for (String p : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
            int a = indexOfParam(params, p);
            int b = indexOfParam(o.params, p);
            if ((a >= 0 || b >= 0) && (a < 0 || b < 0 || !sameParamValue(params.rawValue(a), o.params.rawValue(b)))) {
                return false;
            }
        }
        for (int i = 0; i < params.size(); i++) {
            int j = indexOfParam(o.params, unescape(params.name(i)));
            if (j >= 0 && !sameParamValue(params.rawValue(i), o.params.rawValue(j))) return false;
        }
        return sameHeaders(headers, o.headers);
    }

    /** Index of the parameter whose un-escaped name is {@code decodedName} (any case), or -1. */
    private static int indexOfParam(Parameters p, String decodedName) {
        for (int i = 0; i < p.size(); i++) {
            if (unescape(p.name(i)).equalsIgnoreCase(decodedName)) return i;
        }
        return -1;
    }

    private static boolean sameParamValue(String a, String b) {
        return a == null ? b == null : b != null && unescape(a).equalsIgnoreCase(unescape(b));
    }

    /** §19.1.4: every header present in one must be in the other with the same value; order is free. */
    private static boolean sameHeaders(String a, String b) {
        if (a == null || b == null) return a == b;
        java.util.List<String> x = headerList(a);
        java.util.List<String> y = headerList(b);
        return x.equals(y);
    }

    private static java.util.List<String> headerList(String headers) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (from <= headers.length()) {
            int amp = headers.indexOf('&', from);
            if (amp < 0) amp = headers.length();
            String h = headers.substring(from, amp);
            int eq = h.indexOf('=');
            String name = unescape(eq < 0 ? h : h.substring(0, eq)).toLowerCase(Locale.ROOT);
            out.add(eq < 0 ? name : name + "=" + unescape(h.substring(eq + 1)));
            from = amp + 1;
        }
        java.util.Collections.sort(out);
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32 + host.length());
        sb.append(secure ? "sips:" : "sip:");
        if (user != null) {
            sb.append(user);
            if (password != null) sb.append(':').append(password);
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) sb.append(':').append(port);
        params.appendTo(sb);
        if (headers != null) sb.append('?').append(headers);
        return sb.toString();
    }

    /** Structural equality: same text components (use {@link #equivalentTo} for §19.1.4). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri u && secure == u.secure && port == u.port && Objects.equals(user, u.user)
                && Objects.equals(password, u.password) && host.equalsIgnoreCase(u.host) && params.equals(u.params)
                && Objects.equals(headers, u.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, user, host.toLowerCase(Locale.ROOT), port);
    }
}
