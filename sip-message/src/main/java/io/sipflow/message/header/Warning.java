package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Locale;
import java.util.Objects;

/**
 * One value of the Warning header (RFC 3261 §20.43, §25.1; a comma-separated list): a
 * three-digit warn-code, the warn-agent (host[:port] or a pseudonym) and a quoted warn-text:
 * {@code Warning: 307 isi.edu "Session parameter 'foo' not understood"}.
 * Immutable; the agent compares case-insensitively.
 */
public final class Warning {
    /** 300 Incompatible network protocol (§20.43). */
    public static final int INCOMPATIBLE_NETWORK_PROTOCOL = 300;
    /** 301 Incompatible network address formats. */
    public static final int INCOMPATIBLE_NETWORK_ADDRESS_FORMATS = 301;
    /** 302 Incompatible transport protocol. */
    public static final int INCOMPATIBLE_TRANSPORT_PROTOCOL = 302;
    /** 303 Incompatible bandwidth units. */
    public static final int INCOMPATIBLE_BANDWIDTH_UNITS = 303;
    /** 304 Media type not available. */
    public static final int MEDIA_TYPE_NOT_AVAILABLE = 304;
    /** 305 Incompatible media format. */
    public static final int INCOMPATIBLE_MEDIA_FORMAT = 305;
    /** 306 Attribute not understood. */
    public static final int ATTRIBUTE_NOT_UNDERSTOOD = 306;
    /** 307 Session description parameter not understood. */
    public static final int SESSION_DESCRIPTION_PARAMETER_NOT_UNDERSTOOD = 307;
    /** 330 Multicast not available. */
    public static final int MULTICAST_NOT_AVAILABLE = 330;
    /** 331 Unicast not available. */
    public static final int UNICAST_NOT_AVAILABLE = 331;
    /** 370 Insufficient bandwidth. */
    public static final int INSUFFICIENT_BANDWIDTH = 370;
    /** 380 SIPS Not Allowed (RFC 5630). */
    public static final int SIPS_NOT_ALLOWED = 380;
    /** 381 SIPS Required (RFC 5630). */
    public static final int SIPS_REQUIRED = 381;
    /** 399 Miscellaneous warning. */
    public static final int MISCELLANEOUS = 399;

    private final int code;
    private final String agent;
    private final String text;

    private Warning(int code, String agent, String text) {
        this.code = code;
        this.agent = agent;
        this.text = text;
    }

    /**
     * A warning.
     *
     * @param code the warn-code, 100..999 (3xx are defined, §20.43)
     * @param agent the host[:port] or pseudonym of the element adding it
     */
    public static Warning of(int code, String agent, String text) {
        if (code < 100 || code > 999) throw new IllegalArgumentException("warn-code must be 3 digits: " + code);
        Lexer lx = new Lexer(agent == null ? "" : agent, "warn-agent");
        boolean ok;
        try {
            agent(lx);
            ok = lx.atEnd();
        } catch (io.sipflow.message.SipParseException e) {
            ok = false;
        }
        if (!ok) throw new IllegalArgumentException("bad warn-agent: " + agent);
        return new Warning(code, agent, AuthParams.checkValue("warn-text", Objects.requireNonNull(text)));
    }

    public static Warning parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        int code = 0;
        for (int i = 0; i < 3; i++) {
            int c = lx.peek();
            if (c < '0' || c > '9') {
                lx.pos(at);
                throw lx.error("warn-code must be 3 digits");
            }
            code = code * 10 + (lx.next() - '0');
        }
        space(lx);
        String agent = agent(lx);
        space(lx);
        if (lx.peek() != '"') throw lx.error("expected a quoted warn-text");
        String text = lx.quotedString();
        return new Warning(code, agent, text);
    }

    /** hostport (IPv6 reference allowed) or pseudonym. */
    private static String agent(Lexer lx) {
        int start = lx.pos();
        if (lx.peek() == '[') {
            lx.until("]");
            if (lx.peek() != ']') throw lx.error("unterminated IPv6 reference");
            lx.next();
        } else {
            lx.token();
        }
        if (lx.skipIfTight(':')) {
            int at = lx.pos();
            long port = lx.number();
            if (port > 65535) {
                lx.pos(at);
                throw lx.error("port out of range");
            }
        }
        return lx.slice(start, lx.pos());
    }

    private static void space(Lexer lx) {
        int before = lx.pos();
        lx.skipWs();
        if (lx.pos() == before) throw lx.error("expected white space");
    }

    public static Warning parse(String text) {
        Lexer lx = new Lexer(text, "Warning");
        Warning w = parse(lx);
        lx.expectEnd();
        return w;
    }

    public int code() {
        return code;
    }

    /** The warn-agent as written. */
    public String agent() {
        return agent;
    }

    /** The warn-text, quotes removed. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        String c = code < 10 ? "00" + code : code < 100 ? "0" + code : Integer.toString(code);
        return c + " " + agent + " " + Lexer.quote(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Warning w && code == w.code && agent.equalsIgnoreCase(w.agent) && text.equals(w.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, agent.toLowerCase(Locale.ROOT), text);
    }
}
