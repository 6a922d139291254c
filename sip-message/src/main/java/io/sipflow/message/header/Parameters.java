package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ordered list of {@code ;name[=value]} parameters (RFC 3261 §7.3.1 generic-param, and
 * URI parameters of §19.1.1). Names compare case-insensitively; a parameter without a value
 * (a flag such as {@code lr} or {@code rport}) has a null value. Values are kept as written
 * (quoted strings keep their quotes) so that re-serialization is exact; {@link #get} removes
 * the quotes. Immutable: the {@code with}/{@code without} methods return a new list.
 */
public final class Parameters {
    public static final Parameters EMPTY = new Parameters(new String[0]);

    /**
     * name0, value0, name1, value1, ... for three parameters or more; null for up to two,
     * which are held in the fields below (nearly every Via, From, To and Contact: one object
     * instead of two, and smaller, for a parse and for a message kept in a transaction).
     */
    private final String[] pairs;
    /** The first and second name and value when {@link #pairs} is null; a null name: absent. */
    private final String n0;
    private final String v0;
    private final String n1;
    private final String v1;

    /** From alternating names and values (the array is not kept for up to two parameters). */
    private Parameters(String[] pairs) {
        int len = pairs.length;
        this.pairs = len > 4 ? pairs : null;
        this.n0 = len > 0 && len <= 4 ? pairs[0] : null;
        this.v0 = len > 0 && len <= 4 ? pairs[1] : null;
        this.n1 = len > 2 && len <= 4 ? pairs[2] : null;
        this.v1 = len > 2 && len <= 4 ? pairs[3] : null;
    }

    /** One or two parameters ({@code n1} null for one). */
    private Parameters(String n0, String v0, String n1, String v1) {
        this.pairs = null;
        this.n0 = n0;
        this.v0 = v0;
        this.n1 = n1;
        this.v1 = v1;
    }

    /** Element {@code k} of name0, value0, name1, value1, ... */
    private String at(int k) {
        String[] p = pairs;
        if (p != null) return p[k];
        return switch (k) {
            case 0 -> n0;
            case 1 -> v0;
            case 2 -> n1;
            default -> v1;
        };
    }

    /** Twice the number of parameters: the length of name0, value0, ... */
    private int length() {
        String[] p = pairs;
        return p != null ? p.length : n0 == null ? 0 : n1 == null ? 2 : 4;
    }

    /** A new array name0, value0, name1, value1, ... */
    private String[] toArray() {
        String[] p = pairs;
        if (p != null) return p.clone();
        return n0 == null ? new String[0] : n1 == null ? new String[] {n0, v0} : new String[] {n0, v0, n1, v1};
    }

    /** From alternating names and values (values may be null). */
    public static Parameters of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values must pair");
        for (int i = 0; i < namesAndValues.length; i += 2) Objects.requireNonNull(namesAndValues[i], "name");
        return namesAndValues.length == 0 ? EMPTY : new Parameters(namesAndValues.clone());
    }

    /**
     * Parses header parameters at the lexer's position: {@code *(SEMI generic-param)} where
     * gen-value = token / host (incl. an IPv6 reference, RFC 5118 §4.5) / quoted-string.
     * Stops before anything that is not {@code ;} (e.g. a {@code ,} between list elements).
     */
    public static Parameters parse(Lexer lx) {
        return parse(lx, 1);
    }

    /**
     * {@link #parse(Lexer)} with room for {@code expected} parameters from the start (a Via
     * usually has branch and rport or received): no array is grown or trimmed then.
     */
    static Parameters parse(Lexer lx, int expected) {
        String[] out = null;
        int n = 0;
        while (lx.skipIf(';')) {
            String name = lx.tokenInterned();
            String value = null;
            if (lx.skipIf('=')) {
                int c = lx.peek();
                if (c == '"') {
                    value = lx.rawQuotedString();
                } else if (c == '[') {
                    value = lx.until("]");
                    if (lx.peek() != ']') throw lx.error("unterminated IPv6 reference");
                    lx.next();
                    value = value + "]";
                } else {
                    // A token, unless it is the start of an unbracketed IPv6 address (which can
                    // only be when the token stops at a ':', or no token starts here).
                    int save = lx.pos();
                    value = lx.tokenOrNull();
                    if (value == null || lx.peek() == ':') {
                        lx.pos(save);
                        value = ipv6AddressOrNull(lx);
                        if (value == null) value = lx.token();
                    }
                }
            }
            // Most headers carry one or two parameters: start with what is expected, grow by doubling.
            if (out == null) out = new String[2 * expected];
            else if (n + 2 > out.length) out = Arrays.copyOf(out, out.length * 2);
            out[n++] = name;
            out[n++] = value;
        }
        return n == 0 ? EMPTY : new Parameters(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /**
     * The common case of {@link #parse(Lexer)} done straight on the bytes, for parameters that
     * run to the end of a value: {@code b[p..end)} is empty or {@code *(";" token ["=" token])}
     * with no white space (e.g. {@code ;tag=1928301774} or {@code ;branch=z9hG4bK74bf9;rport}).
     * Returns what {@code parse} would, or null for anything else (white space, quoted strings,
     * IPv6 references, a ',' or any other character, an empty name or value): the caller then
     * runs the general parser, which also reports errors. Small enough to be inlined, so the
     * typed reads of Via, From and To need no lexer object.
     */
    static Parameters parseSimple(byte[] b, int p, int end) {
        if (p == end) return EMPTY;
        // One or two parameters (nearly every From, To and Via): one pass.
        long first = simpleParam(b, p, end);
        if (first < 0) return null;
        int e1 = (int) first;
        if (e1 == end) return new Parameters(paramName(b, p, first), paramValue(b, first), null, null);
        long second = simpleParam(b, e1, end);
        if (second < 0) return null;
        if ((int) second == end) {
            return new Parameters(paramName(b, p, first), paramValue(b, first), paramName(b, e1, second),
                    paramValue(b, second));
        }
        return parseSimpleMany(b, p, end);
    }

    /**
     * {@code ";" token ["=" token]} at {@code b[p]}, followed by ';' or the end: returns the
     * name's end {@code << 32 |} the parameter's end, or -1 when there is no such parameter.
     */
    private static long simpleParam(byte[] b, int p, int end) {
        if (b[p] != ';') return -1;
        int i = Lexer.tokenEnd(b, p + 1, end);
        if (i == p + 1) return -1;
        int nameEnd = i;
        if (i < end && b[i] == '=') {
            int s = i + 1;
            i = Lexer.tokenEnd(b, s, end);
            if (i == s) return -1;
        }
        if (i < end && b[i] != ';') return -1;
        return (long) nameEnd << 32 | i;
    }

    /** The name of a parameter found by {@link #simpleParam} at {@code p}. */
    private static String paramName(byte[] b, int p, long found) {
        return Lexer.internToken(b, p + 1, (int) (found >>> 32));
    }

    /** The value of a parameter found by {@link #simpleParam}, or null for a flag. */
    private static String paramValue(byte[] b, long found) {
        int nameEnd = (int) (found >>> 32);
        int end = (int) found;
        return nameEnd == end ? null : Lexer.latin1(b, nameEnd + 1, end - nameEnd - 1); // ASCII
    }

    /** {@link #parseSimple} for three parameters or more. */
    private static Parameters parseSimpleMany(byte[] b, int p, int end) {
        int n = 0;
        for (int i = p; i < end; ) { // checked and counted first: the array is then made to size
            long found = simpleParam(b, i, end);
            if (found < 0) return null;
            i = (int) found;
            n += 2;
        }
        String[] out = new String[n];
        int k = 0;
        for (int i = p; i < end; ) {
            long found = simpleParam(b, i, end);
            out[k++] = paramName(b, i, found);
            out[k++] = paramValue(b, found);
            i = (int) found;
        }
        return new Parameters(out);
    }

    /**
     * An IPv6 address without brackets at the lexer's position, or null (position unchanged).
     * RFC 3261 §20.42 defines {@code via-received = "received" EQUAL (IPv4address / IPv6address)},
     * so {@code received=2001:db8::9:255} is well-formed (RFC 5118 §4.5) although ':' is not a
     * token character. Only a run of hex digits, ':' and '.' containing a ':' and not followed
     * by another token character qualifies, so nothing that parsed before changes meaning.
     */
    private static String ipv6AddressOrNull(Lexer lx) {
        int start = lx.pos();
        int end = lx.end();
        int p = 0;
        boolean colon = false;
        for (int c = lx.peek(p); start + p < end; c = lx.peek(++p)) {
            if (c == ':') {
                colon = true;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.')) {
                break;
            }
        }
        if (!colon || (start + p < end && Lexer.isTokenChar(lx.peek(p)))) return null;
        lx.pos(start + p);
        return lx.slice(start, start + p);
    }

    public int size() {
        return length() / 2;
    }

    public boolean isEmpty() {
        return n0 == null && pairs == null;
    }

    public String name(int i) {
        Objects.checkIndex(i, size());
        return at(2 * i);
    }

    /** The value as written (quotes kept), or null for a flag. */
    public String rawValue(int i) {
        Objects.checkIndex(i, size());
        return at(2 * i + 1);
    }

    /** The index of the name in name0, value0, ..., or -1. */
    private int indexOf(String name) {
        String[] p = pairs;
        if (p == null) {
            if (n0 == null) return -1;
            if (n0.equalsIgnoreCase(name)) return 0;
            return n1 != null && n1.equalsIgnoreCase(name) ? 2 : -1;
        }
        for (int i = 0; i < p.length; i += 2) {
            if (p[i].equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    /** True when the parameter is present, with or without a value. */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value with quotes removed; null when absent or a flag. */
    public String get(String name) {
        int i = indexOf(name);
        if (i < 0) return null;
        String v = at(i + 1);
        if (v != null && v.length() >= 2 && v.charAt(0) == '"') {
            return new Lexer(v, name).quotedString();
        }
        return v;
    }

    /** The value as written, quotes kept; null when absent or a flag. */
    public String getRaw(String name) {
        int i = indexOf(name);
        return i < 0 ? null : at(i + 1);
    }

    /** Sets (replacing in place, or appending) a parameter; a null value makes a flag. */
    public Parameters with(String name, String value) {
        Objects.requireNonNull(name, "name");
        int i = indexOf(name);
        String[] p = toArray();
        if (i >= 0) {
            p[i + 1] = value;
        } else {
            int n = p.length;
            p = Arrays.copyOf(p, n + 2);
            p[n] = name;
            p[n + 1] = value;
        }
        return new Parameters(p);
    }

    /** Sets a parameter whose value is quoted as a quoted-string (e.g. +sip.instance). */
    public Parameters withQuoted(String name, String value) {
        return with(name, Lexer.quote(value));
    }

    public Parameters without(String name) {
        int i = indexOf(name);
        if (i < 0) return this;
        String[] all = toArray();
        String[] p = new String[all.length - 2];
        System.arraycopy(all, 0, p, 0, i);
        System.arraycopy(all, i + 2, p, i, all.length - i - 2);
        return p.length == 0 ? EMPTY : new Parameters(p);
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    public StringBuilder appendTo(StringBuilder sb) {
        for (int i = 0, n = length(); i < n; i += 2) {
            sb.append(';').append(at(i));
            String v = at(i + 1);
            if (v != null) sb.append('=').append(v);
        }
        return sb;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }

    /** Same names (case-insensitively) with the same values, in any order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        int n = length();
        if (!(o instanceof Parameters other) || other.length() != n) return false;
        for (int i = 0; i < n; i += 2) {
            int j = other.indexOf(at(i));
            if (j < 0 || !Objects.equals(at(i + 1), other.at(j + 1))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0, n = length(); i < n; i += 2) {
            h += at(i).toLowerCase(java.util.Locale.ROOT).hashCode() ^ Objects.hashCode(at(i + 1));
        }
        return h;
    }
}
