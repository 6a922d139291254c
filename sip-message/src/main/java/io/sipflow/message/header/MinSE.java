package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;

/**
 * The Min-SE header (RFC 4028 §5): the minimum session interval in delta-seconds, with any
 * generic parameters: {@code Min-SE: 90}. RFC 4028 §4 sets 90 s as the smallest allowed value
 * ({@link #MIN}); that is checked by the session timer, not the parser. Immutable.
 */
public final class MinSE {
    /** The smallest session interval a Min-SE may name (RFC 4028 §4, §5). */
    public static final long MIN = 90;

    private final long deltaSeconds;
    private final Parameters params;

    private MinSE(long deltaSeconds, Parameters params) {
        this.deltaSeconds = deltaSeconds;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    public static MinSE of(long deltaSeconds) {
        HeaderValues.checkDelta("Min-SE", deltaSeconds);
        return new MinSE(deltaSeconds, Parameters.EMPTY);
    }

    public static MinSE parse(Lexer lx) {
        long n = HeaderValues.deltaSeconds(lx, "Min-SE");
        return new MinSE(n, Parameters.parse(lx));
    }

    public static MinSE parse(String text) {
        Lexer lx = new Lexer(text, "Min-SE");
        MinSE m = parse(lx);
        lx.expectEnd();
        return m;
    }

    public long deltaSeconds() {
        return deltaSeconds;
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    public MinSE withDeltaSeconds(long seconds) {
        HeaderValues.checkDelta("Min-SE", seconds);
        return new MinSE(seconds, params);
    }

    /** A copy with a parameter set (quoted unless a token; null value for a flag). */
    public MinSE withParam(String name, String value) {
        return new MinSE(deltaSeconds, HeaderValues.withParam(params, name, value));
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder().append(deltaSeconds)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinSE m && deltaSeconds == m.deltaSeconds && params.equals(m.params);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(deltaSeconds) * 31 + params.hashCode();
    }
}
