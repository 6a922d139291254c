package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.List;
import java.util.Objects;

/**
 * The Event header (RFC 6665 §8.2.1, §7.2.1; compact form {@code o}): an event-type, i.e. an
 * event package with optional dot-separated templates ({@code presence.winfo}, RFC 6665
 * §8.2.1 and RFC 3857), an optional {@code id} parameter and other parameters:
 * {@code Event: dialog;id=1234}.
 *
 * <p>Equality follows RFC 6665 §8.2.1: the event-types compare byte by byte (case-sensitively)
 * and the {@code id} parameters byte by byte (an Event with an id never matches one without);
 * no other parameter counts. {@code Event: foo;id=1234} equals
 * {@code Event: foo;param=abcd;id=1234} but not {@code Event: Foo;id=1234}. Immutable.
 */
public final class Event {
    /** The presence package (RFC 3856). */
    public static final Event PRESENCE = of("presence");
    /** The dialog package (RFC 4235). */
    public static final Event DIALOG = of("dialog");
    /** The registration package (RFC 3680). */
    public static final Event REG = of("reg");
    /** The message-summary package (RFC 3842). */
    public static final Event MESSAGE_SUMMARY = of("message-summary");
    /** The conference package (RFC 4575). */
    public static final Event CONFERENCE = of("conference");
    /** The refer package without id (RFC 3515); see {@link #refer(long)}. */
    public static final Event REFER = of("refer");

    private final String type;
    private final Parameters params;

    private Event(String type, Parameters params) {
        this.type = type;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    /**
     * An event with the given event-type.
     *
     * @throws IllegalArgumentException when {@code type} is not {@code token-nodot *("." token-nodot)}
     */
    public static Event of(String type) {
        if (!isEventType(type)) throw new IllegalArgumentException("bad event-type: " + type);
        return new Event(type, Parameters.EMPTY);
    }

    /** An event with an {@code id} parameter. */
    public static Event of(String type, String id) {
        return of(type).withId(id);
    }

    /** {@code refer;id=<CSeq of the REFER>} for the NOTIFYs of a REFER after the first (RFC 3515 §2.4.6). */
    public static Event refer(long referCseq) {
        return REFER.withId(Long.toString(referCseq));
    }

    /** event-type = event-package *("." event-template), each a token-nodot (RFC 6665 §8.2.1). */
    static boolean isEventType(String t) {
        if (t == null || !Lexer.isToken(t) || t.startsWith(".") || t.endsWith(".")) return false;
        return !t.contains("..");
    }

    public static Event parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        String type = lx.token();
        if (!isEventType(type)) {
            lx.pos(at);
            throw lx.error("bad event-type '" + type + "'");
        }
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        HeaderValues.once(lx, p, ps, "id");
        int save = lx.pos();
        HeaderValues.tokenParam(lx, p, "id", ps);
        lx.pos(save);
        return new Event(type, p);
    }

    public static Event parse(String text) {
        Lexer lx = new Lexer(text, "Event");
        Event e = parse(lx);
        lx.expectEnd();
        return e;
    }

    /** The whole event-type, e.g. {@code presence.winfo}. */
    public String type() {
        return type;
    }

    /** The event package: the event-type up to the first dot, e.g. {@code presence}. */
    public String eventPackage() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The event templates in order, e.g. {@code [winfo]} for {@code presence.winfo}; empty when none. */
    public List<String> templates() {
        int dot = type.indexOf('.');
        return dot < 0 ? List.of() : List.of(type.substring(dot + 1).split("\\."));
    }

    /** The {@code id} parameter, or null. */
    public String id() {
        return params.get("id");
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A copy with the {@code id} parameter set (a token), or removed with null. */
    public Event withId(String id) {
        if (id == null) return new Event(type, params.without("id"));
        return new Event(type, params.with("id", HeaderValues.checkToken("id", id)));
    }

    /** A copy with a parameter set (quoted unless a token; null value for a flag). */
    public Event withParam(String name, String value) {
        if (name.equalsIgnoreCase("id")) return withId(value);
        return new Event(type, HeaderValues.withParam(params, name, value));
    }

    public Event withoutParam(String name) {
        return new Event(type, params.without(name));
    }

    /** Same as {@link #equals}: the RFC 6665 §8.2.1 matching of SUBSCRIBE and NOTIFY. */
    public boolean matches(Event other) {
        return equals(other);
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder(type)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && type.equals(e.type) && Objects.equals(id(), e.id());
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Objects.hashCode(id());
    }
}
