package io.sipflow.message.header;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.internal.Lexer;
import java.util.Locale;

/**
 * One value of the Reason header (RFC 3326 §2; a comma-separated list): the protocol
 * ({@code SIP}, {@code Q.850} or another token), the {@code cause} and {@code text} parameters
 * and any others (e.g. {@code location}, RFC 8606):
 * {@code Reason: SIP ;cause=200 ;text="Call completed elsewhere"},
 * {@code Reason: Q.850;cause=16;text="Terminated"}.
 *
 * <p>The text is read quoted, or leniently as a bare token; it is written quoted. The cause
 * is a number up to 2^31-1 ({@code VALUE_OUT_OF_RANGE} beyond). The protocol compares
 * case-insensitively. Immutable.
 */
public final class Reason {
    public static final String SIP = "SIP";
    public static final String Q850 = "Q.850";

    private final String protocol;
    private final Parameters params;

    private Reason(String protocol, Parameters params) {
        this.protocol = protocol;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    /** {@code SIP;cause=<status>;text="<text>"} (text may be null). */
    public static Reason sip(int statusCode, String text) {
        return of(SIP, statusCode, text);
    }

    /** {@code Q.850;cause=<cause>;text="<text>"} (text may be null). */
    public static Reason q850(int cause, String text) {
        return of(Q850, cause, text);
    }

    /** Any protocol with a cause (-1 for none) and text (null for none). */
    public static Reason of(String protocol, int cause, String text) {
        Reason r = new Reason(HeaderValues.checkToken("protocol", protocol), Parameters.EMPTY);
        if (cause >= 0) r = r.withCause(cause);
        return text == null ? r : r.withText(text);
    }

    public static Reason parse(Lexer lx) {
        lx.skipWs();
        String protocol = lx.token();
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        int end = lx.pos();
        HeaderValues.once(lx, p, ps, "cause", "text");
        if (p.has("cause")) {
            String v = p.getRaw("cause");
            if (v == null || v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                lx.pos(ps);
                throw lx.error("cause must be a number");
            }
            if (v.length() > 10 || Long.parseLong(v) > Integer.MAX_VALUE) {
                throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "cause too large", "Reason", ps);
            }
        }
        if (p.has("text")) {
            String raw = p.getRaw("text");
            if (raw == null) {
                lx.pos(ps);
                throw lx.error("text needs a value");
            }
            if (raw.charAt(0) != '"') p = p.with("text", Lexer.quote(raw)); // lenient: a bare token
        }
        lx.pos(end);
        return new Reason(protocol, p);
    }

    public static Reason parse(String text) {
        Lexer lx = new Lexer(text, "Reason");
        Reason r = parse(lx);
        lx.expectEnd();
        return r;
    }

    /** The protocol as written: SIP, Q.850, or another token. */
    public String protocol() {
        return protocol;
    }

    public boolean isSip() {
        return protocol.equalsIgnoreCase(SIP);
    }

    public boolean isQ850() {
        return protocol.equalsIgnoreCase(Q850);
    }

    /** The cause (a SIP status code or a Q.850 cause value), or -1 when absent. */
    public int cause() {
        String v = params.get("cause");
        return v == null ? -1 : Integer.parseInt(v);
    }

    /** The text with quotes removed, or null. */
    public String text() {
        return params.get("text");
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A copy with the cause set; -1 removes it. */
    public Reason withCause(int cause) {
        if (cause == -1) return new Reason(protocol, params.without("cause"));
        if (cause < 0) throw new IllegalArgumentException("cause out of range: " + cause);
        return new Reason(protocol, params.with("cause", Integer.toString(cause)));
    }

    /** A copy with the text set (always quoted); null removes it. */
    public Reason withText(String text) {
        if (text == null) return new Reason(protocol, params.without("text"));
        return new Reason(protocol, params.with("text", Lexer.quote(AuthParams.checkValue("text", text))));
    }

    /** A copy with another parameter set (quoted unless a token; null value for a flag). */
    public Reason withParam(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cause", "text" -> throw new IllegalArgumentException("use withCause/withText");
            default -> {
                return new Reason(protocol, HeaderValues.withParam(params, name, value));
            }
        }
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder(protocol)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reason r && protocol.equalsIgnoreCase(r.protocol) && params.equals(r.params);
    }

    @Override
    public int hashCode() {
        return protocol.toLowerCase(Locale.ROOT).hashCode() * 31 + params.hashCode();
    }
}
