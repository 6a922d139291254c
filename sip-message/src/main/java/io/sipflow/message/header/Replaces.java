package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import io.sipflow.message.uri.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The Replaces header (RFC 3891 §6.1): the dialog an INVITE replaces, by Call-ID, to-tag and
 * from-tag, with the optional {@code early-only} flag:
 * {@code Replaces: 98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff}.
 *
 * <p>RFC 3891 §6.1: the value MUST contain exactly one to-tag and one from-tag; a missing or
 * repeated one is a parse error. The tags are named from the point of view of the UA that
 * receives the INVITE (its dialog's local tag is the to-tag). A tag of {@code 0} matches a tag
 * of zero and an absent tag (RFC 2543 dialogs), see {@link #matches}.
 *
 * <p>In a REFER the value travels escaped in the Refer-To URI headers
 * ({@code ?Replaces=98732%40sip.example.com%3Bfrom-tag%3Dr33th4x0r%3Bto-tag%3Dff87ff},
 * RFC 3891, RFC 3515 §2.1): read it with {@link #fromUri(SipUri)}, write it with
 * {@link #addTo(SipUri)}. Immutable; Call-ID and tags compare case-sensitively.
 */
public final class Replaces {
    private final String callId;
    private final Parameters params;

    private Replaces(String callId, Parameters params) {
        this.callId = callId;
        this.params = params;
    }

    /** The dialog {@code callId} with the given tags (both required). */
    public static Replaces of(String callId, String toTag, String fromTag) {
        if (callId == null || callId.isEmpty() || !isWord(callId)) throw new IllegalArgumentException("bad Call-ID: " + callId);
        return new Replaces(callId, Parameters.of("to-tag", HeaderValues.checkToken("to-tag", toTag),
                "from-tag", HeaderValues.checkToken("from-tag", fromTag)));
    }

    private static boolean isWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c == 0x7f || c == ';' || c == ',') return false;
        }
        return true;
    }

    public static Replaces parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        String callId = lx.until(" \t\r\n;,");
        if (callId.isEmpty()) throw lx.error("missing Call-ID");
        if (!isWord(callId)) {
            lx.pos(at);
            throw lx.error("bad character in Call-ID");
        }
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        int end = lx.pos();
        HeaderValues.once(lx, p, ps, "to-tag", "from-tag", "early-only");
        if (HeaderValues.tokenParam(lx, p, "to-tag", ps) == null || HeaderValues.tokenParam(lx, p, "from-tag", ps) == null) {
            lx.pos(ps);
            throw lx.error("Replaces needs a to-tag and a from-tag (RFC 3891 §6.1)");
        }
        if (p.has("early-only") && p.getRaw("early-only") != null) {
            lx.pos(ps);
            throw lx.error("early-only takes no value");
        }
        lx.pos(end);
        return new Replaces(callId, p);
    }

    public static Replaces parse(String text) {
        Lexer lx = new Lexer(text, "Replaces");
        Replaces r = parse(lx);
        lx.expectEnd();
        return r;
    }

    /**
     * The Replaces carried in the headers of a URI (e.g. the Refer-To of an attended transfer),
     * unescaped and parsed; null when the URI has none.
     *
     * @throws io.sipflow.message.SipParseException when it is there but malformed
     */
    public static Replaces fromUri(SipUri uri) {
        String headers = uri.headers();
        if (headers == null) return null;
        for (String h : headers.split("&")) {
            int eq = h.indexOf('=');
            String name = SipUri.unescape(eq < 0 ? h : h.substring(0, eq));
            if (name.equalsIgnoreCase("Replaces")) return parse(SipUri.unescape(eq < 0 ? "" : h.substring(eq + 1)));
        }
        return null;
    }

    /** {@code Replaces=<escaped value>}: this value as a URI header (RFC 3261 §19.1.1, §25.1 hvalue). */
    public String toUriHeader() {
        return "Replaces=" + escape(toString());
    }

    /** A copy of {@code target} carrying this value in its headers (replacing any Replaces there). */
    public SipUri addTo(SipUri target) {
        StringBuilder sb = new StringBuilder();
        String headers = target.headers();
        if (headers != null) {
            for (String h : headers.split("&")) {
                if (h.isEmpty()) continue;
                int eq = h.indexOf('=');
                if (SipUri.unescape(eq < 0 ? h : h.substring(0, eq)).equalsIgnoreCase("Replaces")) continue;
                sb.append(h).append('&');
            }
        }
        return target.withHeaders(sb.append(toUriHeader()).toString());
    }

    /** Escapes all but unreserved and hnv-unreserved characters (RFC 3261 §25.1). */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.!~*'()[]/?:+$".indexOf(c) >= 0;
            if (plain) sb.append((char) c);
            else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return sb.toString();
    }

    public String callId() {
        return callId;
    }

    public String toTag() {
        return params.get("to-tag");
    }

    public String fromTag() {
        return params.get("from-tag");
    }

    /** True with the {@code early-only} flag: replace only an early dialog (RFC 3891 §3). */
    public boolean earlyOnly() {
        return params.has("early-only");
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    public Replaces withEarlyOnly(boolean earlyOnly) {
        return new Replaces(callId, earlyOnly ? params.with("early-only", null) : params.without("early-only"));
    }

    /** A copy with another parameter set (quoted unless a token; null value for a flag). */
    public Replaces withParam(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "to-tag", "from-tag", "early-only" -> throw new IllegalArgumentException("use of(...) or withEarlyOnly for " + name);
            default -> {
                return new Replaces(callId, HeaderValues.withParam(params, name, value));
            }
        }
    }

    /**
     * True when this names the dialog with {@code callId}, whose local tag (at the UA receiving
     * the INVITE) is {@code localTag} and remote tag {@code remoteTag}; a tag {@code 0} here
     * matches {@code 0} or an absent (null) tag (RFC 3891 §3, §6.1).
     */
    public boolean matches(String callId, String localTag, String remoteTag) {
        return this.callId.equals(callId) && tagMatches(toTag(), localTag) && tagMatches(fromTag(), remoteTag);
    }

    private static boolean tagMatches(String mine, String theirs) {
        if (mine.equals("0") && (theirs == null || theirs.equals("0"))) return true;
        return mine.equals(theirs);
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder(callId)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Replaces r && callId.equals(r.callId) && params.equals(r.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callId, params);
    }
}
