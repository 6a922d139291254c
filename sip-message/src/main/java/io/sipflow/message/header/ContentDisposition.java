package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Locale;

/**
 * The Content-Disposition header (RFC 3261 §20.11; RFC 2183): how to interpret the body or
 * a body part: {@code render}, {@code session}, {@code icon}, {@code alert} or an extension
 * token, with the {@code handling} parameter ({@code optional} or {@code required}, the
 * default) and any others: {@code Content-Disposition: session;handling=required}.
 *
 * <p>The type and the handling value compare case-insensitively. Immutable.
 */
public final class ContentDisposition {
    public static final ContentDisposition SESSION = of("session");
    public static final ContentDisposition RENDER = of("render");
    public static final ContentDisposition ICON = of("icon");
    public static final ContentDisposition ALERT = of("alert");
    /** A body part referenced from another one (RFC 5621). */
    public static final ContentDisposition BY_REFERENCE = of("by-reference");

    public static final String OPTIONAL = "optional";
    public static final String REQUIRED = "required";

    private final String type;
    private final Parameters params;

    private ContentDisposition(String type, Parameters params) {
        this.type = type;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    public static ContentDisposition of(String type) {
        return new ContentDisposition(HeaderValues.checkToken("disposition type", type), Parameters.EMPTY);
    }

    public static ContentDisposition parse(Lexer lx) {
        lx.skipWs();
        String type = lx.token();
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        int end = lx.pos();
        HeaderValues.once(lx, p, ps, "handling");
        HeaderValues.tokenParam(lx, p, "handling", ps);
        lx.pos(end);
        return new ContentDisposition(type, p);
    }

    public static ContentDisposition parse(String text) {
        Lexer lx = new Lexer(text, "Content-Disposition");
        ContentDisposition d = parse(lx);
        lx.expectEnd();
        return d;
    }

    /** The disposition type as written. */
    public String type() {
        return type;
    }

    /** True for the same type, case-insensitively. */
    public boolean is(String t) {
        return type.equalsIgnoreCase(t);
    }

    /** The {@code handling} parameter as written, or null. */
    public String handling() {
        return params.get("handling");
    }

    /**
     * True when the body may be ignored if its type or disposition is not understood:
     * {@code handling=optional}. Absent handling means required (§20.11).
     */
    public boolean isOptional() {
        String h = handling();
        return h != null && h.equalsIgnoreCase(OPTIONAL);
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A copy with {@code handling} set (a token, e.g. {@link #OPTIONAL}); null removes it. */
    public ContentDisposition withHandling(String handling) {
        if (handling == null) return new ContentDisposition(type, params.without("handling"));
        return new ContentDisposition(type, params.with("handling", HeaderValues.checkToken("handling", handling)));
    }

    /** A copy with a parameter set (quoted unless a token; null value for a flag). */
    public ContentDisposition withParam(String name, String value) {
        if (name.equalsIgnoreCase("handling")) return withHandling(value);
        return new ContentDisposition(type, HeaderValues.withParam(params, name, value));
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder(type)).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ContentDisposition d) || !type.equalsIgnoreCase(d.type)) return false;
        String h = handling();
        String dh = d.handling();
        if (h == null ? dh != null : !h.equalsIgnoreCase(dh)) return false;
        return params.without("handling").equals(d.params.without("handling"));
    }

    @Override
    public int hashCode() {
        String h = handling();
        return type.toLowerCase(Locale.ROOT).hashCode() * 31 + (h == null ? 0 : h.toLowerCase(Locale.ROOT).hashCode())
                + params.without("handling").hashCode();
    }
}
