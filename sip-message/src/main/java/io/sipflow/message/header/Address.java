package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import java.util.Objects;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39, §25.1):
 * the value of From, To, Contact, Route, Record-Route, Path, Refer-To, P-Asserted-Identity…
 * {@code "Alice" <sip:alice@example.com>;tag=1928301774}. {@code Contact: *} is the
 * {@linkplain #isWildcard() wildcard}. Immutable; {@code with} methods return a copy.
 *
 * <h2>Addresses read from a received message, and keeping them</h2>
 * An address read from a received message ({@code from()}, {@code to()}, {@code contact()}…)
 * keeps its display name and URI as bounds in that message's bytes, made Strings only when
 * asked for: reading a tag costs no String for them, and {@linkplain #appendTo writing} the
 * address unchanged (a response echoing From and To, §8.2.6.2) copies the bytes as received.
 * Such an address therefore <em>refers to the whole message's byte array</em> while it lives.
 * <b>Whatever keeps an address longer than its message</b> (a dialog's From/To/remote target,
 * a transaction's copy of its request's headers) <b>keeps {@link #detached()}</b>: a copy that
 * refers to nothing but its own bytes (the name-addr only, some tens of bytes). Every
 * {@code with…} method returns such a detached copy as well, and {@link #isDetached()} tells
 * whether an address is. Detaching an address that is already detached (or was built in code)
 * returns it unchanged, so callers may detach whatever they keep without checking.
 */
public final class Address {
    /** {@code Contact: *} (RFC 3261 §10.2.2: remove all bindings). */
    public static final Address WILDCARD = new Address(true, null, null, Parameters.EMPTY, false);

    private final boolean wildcard;
    /**
     * The display name; for a parsed address made from {@link #src} on first use (a stack
     * reading From/To tags never needs it). Two threads may both make it: equal immutable
     * Strings, so the race is benign.
     */
    private String displayName;
    /**
     * The URI, parsed on first use: reading a From/To tag (what the stack does per message)
     * never pays for URI parsing. The race on first use is benign: Uri values are immutable.
     */
    private Uri uri;
    /** The URI as written, when parsed from text and not yet needed as a Uri; made from {@link #src} on first use. */
    private String uriText;
    private final Parameters params;
    /** Whether the URI was written in angle brackets; kept for faithful re-serialization. */
    private final boolean bracketed;
    /**
     * The bytes parsed from (a received message's, never changed while it lives), or null:
     * {@code src[displayStart..displayEnd)} is the display name as written (with quotes when
     * {@link #displayQuoted}; displayStart -1 for none or already made) and
     * {@code src[uriStart..uriEnd)} the URI text (uriStart -1 when not pending).
     */
    private final byte[] src;
    private final int displayStart;
    private final int displayEnd;
    private final boolean displayQuoted;
    private final int uriStart;
    private final int uriEnd;

    private Address(boolean wildcard, String displayName, Uri uri, Parameters params, boolean bracketed) {
        this(wildcard, displayName, uri, null, params, bracketed);
    }

    private Address(boolean wildcard, String displayName, Uri uri, String uriText, Parameters params, boolean bracketed) {
        this(wildcard, displayName, uri, uriText, params, bracketed, null, -1, -1, false, -1, -1);
    }

    private Address(boolean wildcard, String displayName, Uri uri, String uriText, Parameters params, boolean bracketed,
            byte[] src, int displayStart, int displayEnd, boolean displayQuoted, int uriStart, int uriEnd) {
        this.wildcard = wildcard;
        this.displayName = displayName;
        this.uri = uri;
        this.uriText = uriText;
        this.params = params == null ? Parameters.EMPTY : params;
        this.bracketed = bracketed;
        this.src = src;
        this.displayStart = displayStart;
        this.displayEnd = displayEnd;
        this.displayQuoted = displayQuoted;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
    }

    /**
     * A detached copy with other parameters and bracketing: display name and URI stay as they
     * are (made, or pending in a copy of the name-addr's bytes).
     */
    private Address copy(Parameters p, boolean brackets) {
        if (src == null) return new Address(wildcard, displayName, uri, uriText, p, brackets);
        int from = headStart();
        byte[] own = java.util.Arrays.copyOfRange(src, from, headEnd());
        return new Address(wildcard, displayName, uri, uriText, p, brackets, own,
                displayStart < 0 ? -1 : displayStart - from, displayStart < 0 ? -1 : displayEnd - from, displayQuoted,
                uriStart - from, uriEnd - from);
    }

    /**
     * This address without a reference to the message it was read from: itself when it has
     * none (built in code, already detached, or an addr-spec), else a copy holding only its
     * own name-addr bytes (see the class comment). Keep this, not the address a message
     * returned, in anything that outlives the message.
     */
    public Address detached() {
        return isDetached() ? this : copy(params, bracketed);
    }

    /**
     * False while this address refers to the bytes of the message it was read from (which it
     * then keeps alive); true for one built in code or {@link #detached()}.
     */
    public boolean isDetached() {
        return src == null || (headStart() == 0 && headEnd() == src.length);
    }

    /** Where the name-addr starts in {@link #src}: the display name, or the {@code <}. */
    private int headStart() {
        if (displayStart >= 0) return displayStart;
        int p = uriStart - 1;
        while (src[p] != '<') p--; // only white space between '<' and the URI
        return p;
    }

    /** Just after the name-addr's {@code >} in {@link #src}. */
    private int headEnd() {
        int p = uriEnd;
        while (src[p] != '>') p++; // only white space between the URI and '>'
        return p + 1;
    }

    public static Address of(Uri uri) {
        return new Address(false, null, Objects.requireNonNull(uri), Parameters.EMPTY, true);
    }

    public static Address of(String displayName, Uri uri) {
        return new Address(false, displayName, Objects.requireNonNull(uri), Parameters.EMPTY, true);
    }

    public static Address of(String displayName, Uri uri, Parameters params) {
        return new Address(false, displayName, Objects.requireNonNull(uri), params, true);
    }

    /** Parses one address (name-addr or addr-spec, or {@code *}) at the lexer's position. */
    public static Address parse(Lexer lx) {
        lx.skipWs();
        String what = "Address";
        if (lx.peek() == '*') {
            int save = lx.pos();
            lx.next();
            lx.skipWs();
            int c = lx.peek();
            if (c == -1 || c == ',' || c == ';') {
                Parameters p = Parameters.parse(lx);
                return p.isEmpty() ? WILDCARD : new Address(true, null, null, p, false);
            }
            lx.pos(save);
        }
        // The display name and the URI are checked here but kept as bounds in the bytes: most
        // reads of a received From/To want only the tag.
        int ds = -1;
        int de = -1;
        boolean quoted = false;
        int c = lx.peek();
        if (c == '"') {
            ds = lx.pos();
            lx.skipQuotedString();
            de = lx.pos();
            quoted = true;
            lx.skipWs();
            if (lx.peek() != '<') throw lx.error("expected '<' after display name");
        } else if (c != '<') {
            // Either *(token LWS) before '<', or an addr-spec: look for '<' before any ; , or quote.
            int save = lx.pos();
            lx.skipUntil("<;,\"");
            if (lx.peek() == '<') {
                // trimmed as String.trim() would, checked, and made a String once
                int s = save;
                int e = lx.pos();
                while (s < e && lx.byteAt(s) <= ' ') s++;
                while (e > s && lx.byteAt(e - 1) <= ' ') e--;
                for (int i = s; i < e; i++) {
                    int ch = lx.byteAt(i);
                    if (ch < 0x20 || ch == '>' || ch == '(' || ch == ')') {
                        lx.pos(i);
                        throw lx.error("bad character in display name");
                    }
                }
                if (e > s) {
                    ds = s;
                    de = e;
                }
            } else {
                lx.pos(save);
                return parseAddrSpec(lx, what);
            }
        }
        // name-addr: "<" addr-spec ">"
        lx.next(); // '<'
        lx.skipWs();
        int us = lx.pos();
        lx.skipUntil("> \t");
        int ue = lx.pos();
        lx.skipWs();
        if (lx.peek() != '>') throw lx.error(lx.atEnd() ? "missing '>'" : "white space inside <URI>");
        if (ue == us) throw lx.error("empty URI");
        lx.next(); // '>'
        Parameters params = Parameters.parse(lx);
        return new Address(false, null, null, null, params, true, lx.bytes(), ds < 0 ? -1 : lx.offset(ds),
                ds < 0 ? -1 : lx.offset(de), quoted, lx.offset(us), lx.offset(ue));
    }

    /**
     * The common case of a whole value, parsed straight from the bytes {@code b[start..end)}
     * (a received, unfolded value): {@code ["display name"|token display name] <URI>} followed
     * by {@link Parameters#parseSimple simple parameters} to the end, e.g.
     * {@code "Alice" <sip:alice@atlanta.example.com>;tag=1928301774}. Returns what
     * {@link #parse(Lexer)} followed by the end of the value returns, or null for any other
     * form (addr-spec, {@code *}, white space inside the brackets or around parameters,
     * several values, anything malformed): the caller then runs the general parser, which
     * also reports errors. Needs no lexer object (see {@link Parameters#parseSimple}).
     */
    public static Address parseSimple(byte[] b, int start, int end) {
        int p = start;
        int ds = -1;
        int de = -1;
        boolean quoted = false;
        if (p >= end) return null;
        byte c = b[p];
        if (c == '"') {
            ds = p++;
            while ((p = Lexer.indexOfAny(b, p, end, (byte) '"', (byte) '\\', (byte) '"')) < end && b[p] != '"') {
                p += 2; // a quoted-pair, as Lexer.skipQuotedString
            }
            if (p >= end) return null;
            de = ++p;
            quoted = true;
            while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
            if (p >= end || b[p] != '<') return null;
        } else if (c != '<') {
            // *(token LWS) before '<': checked as Address.parse checks it, trimmed at both ends
            while (p < end && (c = b[p]) != '<') {
                if ((c >= 0 && c < 0x20) || c == '>' || c == '(' || c == ')' || c == ';' || c == ',' || c == '"') {
                    return null;
                }
                p++;
            }
            if (p >= end) return null;
            int s = start;
            int e = p;
            while (s < e && (b[s] & 0xff) <= ' ') s++;
            while (e > s && (b[e - 1] & 0xff) <= ' ') e--;
            if (e > s) {
                ds = s;
                de = e;
            }
        }
        int us = ++p; // past '<'
        if (p < end && (b[p] == '\r' || b[p] == '\n')) return null; // white space the parser skips
        p = Lexer.indexOfAny(b, p, end, (byte) '>', (byte) ' ', (byte) '\t');
        if (p >= end || p == us || b[p] != '>') return null;
        int ue = p;
        Parameters params = Parameters.parseSimple(b, p + 1, end);
        if (params == null) return null;
        return new Address(false, null, null, null, params, true, b, ds, de, quoted, us, ue);
    }

    private static Address parseAddrSpec(Lexer lx, String what) {
        // In the addr-spec form, everything from the first ';' on is header parameters (§20.10).
        String text = lx.until(";, \t\r\n>");
        if (text.isEmpty()) throw lx.error("missing address");
        if (text.indexOf(':') <= 0) throw lx.error("URI without scheme");
        Parameters params = Parameters.parse(lx);
        return new Address(false, null, null, text, params, false);
    }

    /** Parses a single address value. */
    public static Address parse(String text) {
        Lexer lx = new Lexer(text, "Address");
        Address a = parse(lx);
        lx.expectEnd();
        return a;
    }

    public boolean isWildcard() {
        return wildcard;
    }

    /** The display name without quotes and escapes, or null. */
    public String displayName() {
        String d = displayName;
        if (d == null && displayStart >= 0) {
            d = displayQuoted
                    ? new Lexer(src, displayStart, displayEnd, "Address").quotedString() // checked when parsed
                    : new String(src, displayStart, displayEnd - displayStart, java.nio.charset.StandardCharsets.UTF_8);
            displayName = d;
        }
        return d;
    }

    /** The URI text as written, made from the bytes on first use; null when built from a Uri. */
    private String uriText() {
        String t = uriText;
        if (t == null && uriStart >= 0) {
            t = new String(src, uriStart, uriEnd - uriStart, java.nio.charset.StandardCharsets.UTF_8);
            uriText = t;
        }
        return t;
    }

    /**
     * The URI; null only for the wildcard.
     *
     * @throws io.sipflow.message.SipParseException when the URI written in the header does not
     *     parse ({@link io.sipflow.message.SipMessage#validate()} checks From and To)
     */
    public Uri uri() {
        Uri u = uri;
        String t;
        if (u == null && (t = uriText()) != null) {
            u = Uri.parse(t, "Address");
            uri = u;
        }
        return u;
    }

    /**
     * Checks that the URI parses, without keeping the result: validating a received message
     * must not make it heavier for a transaction that never reads the URI.
     *
     * @throws io.sipflow.message.SipParseException when it does not parse
     */
    public void checkUri() {
        String t;
        if (uri == null && (t = uriText()) != null) Uri.parse(t, "Address");
    }

    /** The URI when it is a SIP/SIPS URI, else null. */
    public SipUri sipUri() {
        return uri() instanceof SipUri s ? s : null;
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The {@code tag} parameter of From/To (§19.3), or null. */
    public String tag() {
        return params.get("tag");
    }

    /** The Contact {@code expires} parameter, or -1 when absent or not a number. */
    public long expires() {
        String v = params.get("expires");
        if (v == null || v.isEmpty() || v.length() > 10) return -1;
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The Contact {@code q} preference (0..1), or -1 when absent or malformed. */
    public double q() {
        String v = params.get("q");
        if (v == null) return -1;
        try {
            double d = Double.parseDouble(v);
            return d >= 0 && d <= 1 ? d : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Address withTag(String tag) {
        return withParam("tag", tag);
    }

    public Address withParam(String name, String value) {
        return copy(params.with(name, value), bracketed || !wildcard);
    }

    public Address withoutParam(String name) {
        return copy(params.without(name), bracketed);
    }

    public Address withParams(Parameters p) {
        return copy(p, bracketed || !p.isEmpty());
    }

    public Address withUri(Uri u) {
        return new Address(false, displayName(), u, params, true);
    }

    public Address withDisplayName(String name) {
        return new Address(wildcard, name, uri, uriText(), params, true);
    }

    /** The URI as text (without parsing it when it was never needed). */
    public String uriString() {
        if (uri != null) return uri.toString();
        return uriText();
    }

    /**
     * The wire form. An address read from a message whose display name and URI were not
     * changed writes its name-addr as received (display name, {@code <URI>}), then its
     * parameters. Otherwise angle brackets are always written when the URI has parameters or
     * headers, or a display name is present, since §20 forbids the addr-spec form then.
     */
    public StringBuilder appendTo(StringBuilder sb) {
        if (wildcard) {
            sb.append('*');
            return params.appendTo(sb);
        }
        if (src != null) {
            // Read from a message and display name and URI unchanged: the name-addr as
            // received, without making (and caching) their Strings.
            Lexer.appendUtf8(sb, src, headStart(), headEnd());
            return params.appendTo(sb);
        }
        String display = displayName();
        boolean brackets = bracketed || display != null || uriNeedsBrackets();
        if (display != null) sb.append(Lexer.quote(display)).append(' ');
        if (brackets) sb.append('<');
        sb.append(uriString());
        if (brackets) sb.append('>');
        return params.appendTo(sb);
    }

    private boolean uriNeedsBrackets() {
        String s = uriString();
        return s.indexOf(';') >= 0 || s.indexOf('?') >= 0 || s.indexOf(',') >= 0;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(48)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && wildcard == a.wildcard && Objects.equals(displayName(), a.displayName())
                && Objects.equals(uri(), a.uri()) && params.equals(a.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wildcard, uri(), params);
    }
}
