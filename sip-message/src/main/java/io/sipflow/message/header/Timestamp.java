package io.sipflow.message.header;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.internal.Lexer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The Timestamp header (RFC 3261 §20.38, §8.2.6.1): when the client sent the request (a
 * decimal number, in a unit of its choosing, usually seconds) and, in a response, the delay
 * the server took: {@code Timestamp: 54}, {@code Timestamp: 1234567890.123 0.05}.
 *
 * <p>Values are kept as {@link BigDecimal}s with the precision written; they compare
 * numerically ({@code 54} equals {@code 54.0}). At most 40 digits on either side of the point
 * ({@code VALUE_OUT_OF_RANGE} beyond). Immutable.
 */
public final class Timestamp {
    private static final int MAX_DIGITS = 40;

    private final BigDecimal value;
    private final BigDecimal delay;

    private Timestamp(BigDecimal value, BigDecimal delay) {
        this.value = value;
        this.delay = delay;
    }

    /** A timestamp without delay; must not be negative. */
    public static Timestamp of(BigDecimal value) {
        return new Timestamp(check("value", value), null);
    }

    public static Timestamp of(long value) {
        return of(BigDecimal.valueOf(value));
    }

    /** The current time in seconds with millisecond precision. */
    public static Timestamp now() {
        return of(BigDecimal.valueOf(System.currentTimeMillis(), 3));
    }

    private static BigDecimal check(String what, BigDecimal v) {
        if (v == null || v.signum() < 0) throw new IllegalArgumentException(what + " must not be negative: " + v);
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    public static Timestamp parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        if (!isDigit(lx.peek())) throw lx.error("expected a number");
        BigDecimal value = decimal(lx, at);
        int save = lx.pos();
        lx.skipWs();
        BigDecimal delay = null;
        if (lx.pos() > save && (isDigit(lx.peek()) || lx.peek() == '.')) {
            delay = decimal(lx, lx.pos());
        } else {
            lx.pos(save);
        }
        return new Timestamp(value, delay);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** *(DIGIT) ["." *(DIGIT)], at least one digit in all. */
    private static BigDecimal decimal(Lexer lx, int at) {
        String whole = digits(lx, at);
        String frac = "";
        if (lx.peek() == '.') {
            lx.next();
            frac = digits(lx, at);
        }
        if (whole.isEmpty() && frac.isEmpty()) {
            lx.pos(at);
            throw lx.error("expected a number");
        }
        return new BigDecimal((whole.isEmpty() ? "0" : whole) + (frac.isEmpty() ? "" : "." + frac));
    }

    private static String digits(Lexer lx, int at) {
        int s = lx.pos();
        while (isDigit(lx.peek())) lx.next();
        if (lx.pos() - s > MAX_DIGITS) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "too many digits", "Timestamp", at);
        }
        return lx.slice(s, lx.pos());
    }

    public static Timestamp parse(String text) {
        Lexer lx = new Lexer(text, "Timestamp");
        Timestamp t = parse(lx);
        lx.expectEnd();
        return t;
    }

    /** The time the client put in the request. */
    public BigDecimal value() {
        return value;
    }

    /** The delay the server added (§8.2.6.1), or null. */
    public BigDecimal delay() {
        return delay;
    }

    /** A copy with the server's delay (§8.2.6.1); null removes it. */
    public Timestamp withDelay(BigDecimal d) {
        return new Timestamp(value, d == null ? null : check("delay", d));
    }

    /** A copy with the delay in seconds, millisecond precision. */
    public Timestamp withDelay(Duration d) {
        return withDelay(BigDecimal.valueOf(d.toMillis(), 3));
    }

    @Override
    public String toString() {
        String v = value.toPlainString();
        return delay == null ? v : v + " " + delay.toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timestamp t && value.compareTo(t.value) == 0
                && (delay == null ? t.delay == null : t.delay != null && delay.compareTo(t.delay) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value.stripTrailingZeros(), delay == null ? null : delay.stripTrailingZeros());
    }
}
