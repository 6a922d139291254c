package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared lexical rules of the authentication headers (RFC 3261 §20.7, §20.27, §20.28, §20.44,
 * §25.1; RFC 7235 §2.1; RFC 7616 §3): an auth-scheme, then either a comma-separated list of
 * {@code name=(token / quoted-string)} auth-params or a token68 blob. Not public API.
 */
final class AuthParams {
    private AuthParams() {}

    /**
     * One auth-param as read.
     *
     * @param name the name as written
     * @param value the value with quotes removed and quoted-pairs resolved
     * @param raw the value as written (quotes kept)
     * @param at the offset of the name, for errors
     */
    record Param(String name, String value, String raw, int at) {}

    /** What follows the scheme: params (possibly empty) or a token68. */
    record Body(List<Param> params, String token68) {}

    /** True for a token68 character (RFC 7235 §2.1). */
    private static boolean isToken68Char(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /**
     * Reads what follows an auth-scheme at the lexer's position (the scheme already read):
     * nothing, a token68 (when {@code allowToken68}), or {@code auth-param *(COMMA auth-param)}.
     * Leaves the lexer after the last element.
     */
    static Body parseBody(Lexer lx, boolean allowToken68) {
        int afterScheme = lx.pos();
        lx.skipWs();
        if (lx.atEnd()) return new Body(List.of(), null);
        if (lx.pos() == afterScheme) throw lx.error("expected white space after the auth-scheme");
        if (allowToken68 && !looksLikeParam(lx)) {
            int start = lx.pos();
            while (isToken68Char(lx.peek())) lx.next();
            if (lx.pos() == start) throw lx.error("expected auth-param or token68");
            while (lx.peek() == '=') lx.next();
            return new Body(List.of(), lx.slice(start, lx.pos()));
        }
        return new Body(parseList(lx), null);
    }

    /** True when the text here reads {@code token "=" (token / quoted-string)}. */
    private static boolean looksLikeParam(Lexer lx) {
        int save = lx.pos();
        try {
            if (lx.tokenOrNull() == null) return false;
            if (!lx.skipIf('=')) return false;
            int c = lx.peek();
            return c == '"' || Lexer.isTokenChar(c);
        } finally {
            lx.pos(save);
        }
    }

    /**
     * Reads {@code auth-param *(COMMA auth-param)}; empty list elements are skipped (RFC 7230
     * §7 leniency) and a name that appears twice is an error (RFC 7235 §2.1).
     */
    static List<Param> parseList(Lexer lx) {
        List<Param> out = new ArrayList<>(10);
        do {
            lx.skipWs();
            if (lx.peek() == ',') continue;
            if (lx.atEnd()) break;
            int at = lx.pos();
            String name = lx.token();
            int afterName = lx.pos();
            lx.skipWs();
            if (lx.peek() != '=') {
                if (lx.pos() > afterName && Lexer.isTokenChar(lx.peek())) {
                    throw lx.error("a second auth-scheme: one challenge or credential per header field value");
                }
                throw lx.error("expected '=' after " + name);
            }
            lx.expect('=');
            int vs = lx.pos();
            String value = lx.peek() == '"' ? lx.quotedString() : lx.token();
            String raw = lx.slice(vs, lx.pos());
            for (Param p : out) {
                if (p.name.equalsIgnoreCase(name)) {
                    lx.pos(at);
                    throw lx.error("duplicate auth-param " + name);
                }
            }
            out.add(new Param(name, value, raw, at));
        } while (lx.skipIf(','));
        return out;
    }

    /** The other params as {@link Parameters} (raw values, quotes kept). */
    static Parameters toParameters(List<Param> others) {
        if (others.isEmpty()) return Parameters.EMPTY;
        String[] nv = new String[others.size() * 2];
        for (int i = 0; i < others.size(); i++) {
            nv[2 * i] = others.get(i).name();
            nv[2 * i + 1] = others.get(i).raw();
        }
        return Parameters.of(nv);
    }

    /** A value that must be 8 hex digits (nc-value, RFC 3261 §25.1, RFC 7616 §3.4). */
    static String nc(Lexer lx, Param p) {
        String v = p.value();
        boolean ok = v.length() == 8;
        for (int i = 0; i < v.length() && ok; i++) ok = Character.digit(v.charAt(i), 16) >= 0;
        if (!ok) {
            lx.pos(p.at());
            throw lx.error("nc must be 8 hex digits");
        }
        return v;
    }

    /** {@code "true"}/{@code "false"} in any case; anything else is an error. */
    static boolean bool(Lexer lx, Param p) {
        if (p.value().equalsIgnoreCase("true")) return true;
        if (p.value().equalsIgnoreCase("false")) return false;
        lx.pos(p.at());
        throw lx.error(p.name() + " must be true or false");
    }

    /** Formats a nonce count as 8 lower-case hex digits. */
    static String nc(long count) {
        if (count < 1 || count > 0xFFFFFFFFL) throw new IllegalArgumentException("nonce count out of range: " + count);
        return String.format(java.util.Locale.ROOT, "%08x", count);
    }

    /** Checks a value set through a builder: no CR, LF or NUL (they cannot be written). */
    static String checkValue(String name, String v) {
        if (v == null) return null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) throw new IllegalArgumentException(name + " must not contain CR, LF or NUL");
        }
        return v;
    }

    /** Checks raw auth-params given to a factory: token names, values a token or a quoted-string. */
    static Parameters checkRaw(Parameters p) {
        for (int i = 0; i < p.size(); i++) {
            checkName(p.name(i));
            for (int j = 0; j < i; j++) {
                if (p.name(j).equalsIgnoreCase(p.name(i))) throw new IllegalArgumentException("duplicate auth-param " + p.name(i));
            }
            String v = p.rawValue(i);
            boolean ok = v != null && Lexer.isToken(v);
            if (!ok && v != null && v.startsWith("\"")) {
                try {
                    Lexer lx = new Lexer(v, "auth-param");
                    lx.quotedString();
                    ok = lx.atEnd() && checkValue(p.name(i), v) != null;
                } catch (io.sipflow.message.SipParseException e) {
                    ok = false;
                }
            }
            if (!ok) throw new IllegalArgumentException("auth-param value must be a token or a quoted-string: " + p.name(i) + "=" + v);
        }
        return p;
    }

    /** Checks a name given to a builder: a token. */
    static String checkName(String name) {
        if (name == null || !Lexer.isToken(name)) throw new IllegalArgumentException("bad auth-param name: " + name);
        return name;
    }

    /** Accumulates {@code name=value} parts joined by {@code ", "}. */
    static final class Writer {
        private final StringBuilder sb;
        private final int mark;

        Writer(String scheme) {
            sb = new StringBuilder(160).append(scheme).append(' ');
            mark = sb.length();
        }

        private StringBuilder next() {
            if (sb.length() > mark) sb.append(", ");
            return sb;
        }

        /** A value written as a quoted-string. */
        Writer quoted(String name, String value) {
            if (value != null) next().append(name).append('=').append(Lexer.quote(value));
            return this;
        }

        /** A value written as a token (quoted only when it is not a token). */
        Writer token(String name, String value) {
            if (value != null) next().append(name).append('=').append(Lexer.isToken(value) ? value : Lexer.quote(value));
            return this;
        }

        /** Other params, raw as kept in {@code p}. */
        Writer raw(Parameters p) {
            for (int i = 0; i < p.size(); i++) {
                String v = p.rawValue(i);
                next().append(p.name(i)).append('=').append(v == null ? "\"\"" : v);
            }
            return this;
        }

        @Override
        public String toString() {
            int len = sb.length();
            return (len == mark ? sb.substring(0, len - 1) : sb.toString());
        }
    }

    /** Sets a raw other-param: the value is written as a token when it is one, else quoted. */
    static Parameters withOther(Parameters p, String name, String value) {
        checkName(name);
        checkValue(name, value);
        if (value == null) return p.without(name);
        return p.with(name, Lexer.isToken(value) ? value : Lexer.quote(value));
    }

    static boolean eqIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
