package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Locale;

/**
 * The Session-Expires header (RFC 4028 §4; compact form {@code x}): the session interval in
 * delta-seconds, the optional {@code refresher} parameter ({@code uac} or {@code uas}) and any
 * other parameters: {@code Session-Expires: 1800;refresher=uac}.
 *
 * <p>The interval is at most 2^32-1 ({@code VALUE_OUT_OF_RANGE} beyond); a refresher other
 * than uac/uas (in any case) is an error. Whether the interval is at least Min-SE (RFC 4028,
 * 422 Session Interval Too Small) is for the session timer, not the parser. Immutable.
 */
public final class SessionExpires {
    /** Who refreshes the session (RFC 4028 §4). */
    public enum Refresher {
        UAC, UAS;

        /** {@code uac} or {@code uas}, as written on the wire. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return token();
        }
    }

    private final long deltaSeconds;
    private final Parameters params;

    private SessionExpires(long deltaSeconds, Parameters params) {
        this.deltaSeconds = deltaSeconds;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    /** An interval without refresher (the UAS then chooses, RFC 4028). */
    public static SessionExpires of(long deltaSeconds) {
        HeaderValues.checkDelta("Session-Expires", deltaSeconds);
        return new SessionExpires(deltaSeconds, Parameters.EMPTY);
    }

    /** An interval with a refresher (null for none). */
    public static SessionExpires of(long deltaSeconds, Refresher refresher) {
        return of(deltaSeconds).withRefresher(refresher);
    }

    public static SessionExpires parse(Lexer lx) {
        long n = HeaderValues.deltaSeconds(lx, "Session-Expires");
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        int end = lx.pos();
        HeaderValues.once(lx, p, ps, "refresher");
        String r = HeaderValues.tokenParam(lx, p, "refresher", ps);
        if (r != null && !r.equalsIgnoreCase("uac") && !r.equalsIgnoreCase("uas")) {
            lx.pos(ps);
            throw lx.error("refresher must be uac or uas");
        }
        lx.pos(end);
        return new SessionExpires(n, p);
    }

    public static SessionExpires parse(String text) {
        Lexer lx = new Lexer(text, "Session-Expires");
        SessionExpires s = parse(lx);
        lx.expectEnd();
        return s;
    }

    /** The session interval in seconds. */
    public long deltaSeconds() {
        return deltaSeconds;
    }

    /** The refresher, or null when absent. */
    public Refresher refresher() {
        String r = params.get("refresher");
        if (r == null) return null;
        return r.equalsIgnoreCase("uac") ? Refresher.UAC : Refresher.UAS;
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    public SessionExpires withDeltaSeconds(long seconds) {
        HeaderValues.checkDelta("Session-Expires", seconds);
        return new SessionExpires(seconds, params);
    }

    /** A copy with the refresher set; null removes it. */
    public SessionExpires withRefresher(Refresher r) {
        return new SessionExpires(deltaSeconds, r == null ? params.without("refresher") : params.with("refresher", r.token()));
    }

    /** A copy with another parameter set (quoted unless a token; null value for a flag). */
    public SessionExpires withParam(String name, String value) {
        if (name.equalsIgnoreCase("refresher")) throw new IllegalArgumentException("use withRefresher");
        return new SessionExpires(deltaSeconds, HeaderValues.withParam(params, name, value));
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder().append(deltaSeconds)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionExpires s && deltaSeconds == s.deltaSeconds && refresher() == s.refresher()
                && params.without("refresher").equals(s.params.without("refresher"));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(deltaSeconds) * 31 + params.without("refresher").hashCode() + java.util.Objects.hashCode(refresher());
    }
}
