package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The Retry-After header (RFC 3261 §20.33): delta-seconds, an optional comment, the optional
 * {@code duration} parameter and any others:
 * {@code Retry-After: 18000;duration=3600}, {@code Retry-After: 120 (I'm in a meeting)}.
 *
 * <p>The comment is kept as text (quoted-pairs resolved, nested parentheses kept) and written
 * back with {@code (}, {@code )} and {@code \} escaped. Seconds and duration are at most
 * 2^32-1 ({@code VALUE_OUT_OF_RANGE} beyond). Immutable.
 */
public final class RetryAfter {
    private final long seconds;
    private final String comment;
    private final Parameters params;

    private RetryAfter(long seconds, String comment, Parameters params) {
        this.seconds = seconds;
        this.comment = comment;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    public static RetryAfter of(long seconds) {
        HeaderValues.checkDelta("Retry-After", seconds);
        return new RetryAfter(seconds, null, Parameters.EMPTY);
    }

    public static RetryAfter of(Duration d) {
        return of(d.toSeconds());
    }

    /** With a comment (free text; null for none). */
    public static RetryAfter of(long seconds, String comment) {
        return of(seconds).withComment(comment);
    }

    public static RetryAfter parse(Lexer lx) {
        long n = HeaderValues.deltaSeconds(lx, "Retry-After");
        String comment = null;
        int save = lx.pos();
        lx.skipWs();
        if (lx.peek() == '(') comment = uncomment(lx.comment());
        else lx.pos(save);
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        int end = lx.pos();
        HeaderValues.once(lx, p, ps, "duration");
        HeaderValues.deltaParam(lx, p, "duration", ps, "Retry-After");
        lx.pos(end);
        return new RetryAfter(n, comment, p);
    }

    public static RetryAfter parse(String text) {
        Lexer lx = new Lexer(text, "Retry-After");
        RetryAfter r = parse(lx);
        lx.expectEnd();
        return r;
    }

    /** The text inside a raw comment, quoted-pairs resolved. */
    private static String uncomment(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() - 1) c = raw.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }

    /** The seconds to wait. */
    public long seconds() {
        return seconds;
    }

    public Duration toDuration() {
        return Duration.ofSeconds(seconds);
    }

    /** The comment text without parentheses, or null. */
    public String comment() {
        return comment;
    }

    /** The {@code duration} parameter (how long the callee will be reachable), or -1. */
    public long duration() {
        return HeaderValues.delta(params, "duration");
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    public RetryAfter withSeconds(long s) {
        HeaderValues.checkDelta("Retry-After", s);
        return new RetryAfter(s, comment, params);
    }

    /** A copy with the comment set (null removes it). */
    public RetryAfter withComment(String c) {
        return new RetryAfter(seconds, AuthParams.checkValue("comment", c), params);
    }

    /** A copy with {@code duration} set; -1 removes it. */
    public RetryAfter withDuration(long d) {
        if (d == -1) return new RetryAfter(seconds, comment, params.without("duration"));
        HeaderValues.checkDelta("duration", d);
        return new RetryAfter(seconds, comment, params.with("duration", Long.toString(d)));
    }

    /** A copy with another parameter set (quoted unless a token; null value for a flag). */
    public RetryAfter withParam(String name, String value) {
        if (name.toLowerCase(Locale.ROOT).equals("duration")) throw new IllegalArgumentException("use withDuration");
        return new RetryAfter(seconds, comment, HeaderValues.withParam(params, name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32).append(seconds);
        if (comment != null) {
            sb.append(" (");
            for (int i = 0; i < comment.length(); i++) {
                char c = comment.charAt(i);
                if (c == '(' || c == ')' || c == '\\') sb.append('\\');
                sb.append(c);
            }
            sb.append(')');
        }
        return params.appendTo(sb).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryAfter r && seconds == r.seconds && Objects.equals(comment, r.comment)
                && params.equals(r.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seconds, comment, params);
    }
}
