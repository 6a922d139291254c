package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Locale;

/**
 * The Subscription-State header of a NOTIFY (RFC 6665 §8.2.3): the substate
 * ({@code active}, {@code pending}, {@code terminated} or an extension token) with the
 * {@code expires}, {@code reason} and {@code retry-after} parameters and any others:
 * {@code Subscription-State: terminated;reason=timeout}.
 *
 * <p>The substate compares case-insensitively, parameters as {@link Parameters} do; expires
 * and retry-after are
 * delta-seconds (at most 2^32-1), a value out of range is {@code VALUE_OUT_OF_RANGE}.
 * Immutable; build with {@link #active(long)}, {@link #pending(long)},
 * {@link #terminated(String)}.
 */
public final class SubscriptionState {
    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String TERMINATED = "terminated";

    // event-reason-value (RFC 6665 §8.2.3)
    public static final String DEACTIVATED = "deactivated";
    public static final String PROBATION = "probation";
    public static final String REJECTED = "rejected";
    public static final String TIMEOUT = "timeout";
    public static final String GIVEUP = "giveup";
    public static final String NORESOURCE = "noresource";
    public static final String INVARIANT = "invariant";

    private final String state;
    private final Parameters params;

    private SubscriptionState(String state, Parameters params) {
        this.state = state;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    /** {@code active;expires=<seconds>} (a notifier always includes expires, RFC 6665). */
    public static SubscriptionState active(long expires) {
        return new SubscriptionState(ACTIVE, Parameters.EMPTY).withExpires(expires);
    }

    /** {@code pending;expires=<seconds>}. */
    public static SubscriptionState pending(long expires) {
        return new SubscriptionState(PENDING, Parameters.EMPTY).withExpires(expires);
    }

    /** {@code terminated;reason=<reason>}; a null reason gives plain {@code terminated}. */
    public static SubscriptionState terminated(String reason) {
        SubscriptionState s = new SubscriptionState(TERMINATED, Parameters.EMPTY);
        return reason == null ? s : s.withReason(reason);
    }

    /** {@code terminated;reason=<reason>;retry-after=<seconds>} (e.g. probation, giveup). */
    public static SubscriptionState terminated(String reason, long retryAfter) {
        return terminated(reason).withRetryAfter(retryAfter);
    }

    /** Any substate (an extension token), without parameters. */
    public static SubscriptionState of(String state) {
        return new SubscriptionState(HeaderValues.checkToken("substate", state), Parameters.EMPTY);
    }

    public static SubscriptionState parse(Lexer lx) {
        lx.skipWs();
        String state = lx.token();
        int ps = lx.pos();
        Parameters p = Parameters.parse(lx);
        int end = lx.pos();
        HeaderValues.once(lx, p, ps, "expires", "reason", "retry-after");
        HeaderValues.deltaParam(lx, p, "expires", ps, "Subscription-State");
        HeaderValues.deltaParam(lx, p, "retry-after", ps, "Subscription-State");
        HeaderValues.tokenParam(lx, p, "reason", ps);
        lx.pos(end);
        return new SubscriptionState(state, p);
    }

    public static SubscriptionState parse(String text) {
        Lexer lx = new Lexer(text, "Subscription-State");
        SubscriptionState s = parse(lx);
        lx.expectEnd();
        return s;
    }

    /** The substate as written ({@code active}, {@code pending}, {@code terminated} or an extension). */
    public String state() {
        return state;
    }

    public boolean isActive() {
        return state.equalsIgnoreCase(ACTIVE);
    }

    public boolean isPending() {
        return state.equalsIgnoreCase(PENDING);
    }

    public boolean isTerminated() {
        return state.equalsIgnoreCase(TERMINATED);
    }

    /** The {@code expires} parameter in seconds, or -1. */
    public long expires() {
        return HeaderValues.delta(params, "expires");
    }

    /** The {@code reason} parameter, or null. */
    public String reason() {
        return params.get("reason");
    }

    /** The {@code retry-after} parameter in seconds, or -1. */
    public long retryAfter() {
        return HeaderValues.delta(params, "retry-after");
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A copy with {@code expires} set; -1 removes it. */
    public SubscriptionState withExpires(long seconds) {
        return withDelta("expires", seconds);
    }

    /** A copy with {@code retry-after} set; -1 removes it. */
    public SubscriptionState withRetryAfter(long seconds) {
        return withDelta("retry-after", seconds);
    }

    /** A copy with {@code reason} set (a token); null removes it. */
    public SubscriptionState withReason(String reason) {
        if (reason == null) return new SubscriptionState(state, params.without("reason"));
        return new SubscriptionState(state, params.with("reason", HeaderValues.checkToken("reason", reason)));
    }

    private SubscriptionState withDelta(String name, long seconds) {
        if (seconds == -1) return new SubscriptionState(state, params.without(name));
        HeaderValues.checkDelta(name, seconds);
        return new SubscriptionState(state, params.with(name, Long.toString(seconds)));
    }

    /** A copy with another parameter set (quoted unless a token; null value for a flag). */
    public SubscriptionState withParam(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "expires", "retry-after", "reason" -> throw new IllegalArgumentException("use the typed method for " + name);
            default -> {
                return new SubscriptionState(state, HeaderValues.withParam(params, name, value));
            }
        }
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder(state)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionState s && state.equalsIgnoreCase(s.state) && params.equals(s.params);
    }

    @Override
    public int hashCode() {
        return state.toLowerCase(Locale.ROOT).hashCode() * 31 + params.hashCode();
    }
}
