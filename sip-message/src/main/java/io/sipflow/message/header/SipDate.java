package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The Date header (RFC 3261 §20.17): an RFC 1123 date, always in GMT, with one-second
 * precision: {@code Date: Sat, 13 Nov 2010 23:29:00 GMT}.
 *
 * <p>Only the GMT form is accepted: {@code EST} and other zones are errors. The check happens
 * when the value is read ({@link io.sipflow.message.SipMessage#get}), not when the message is
 * parsed, as RFC 4475 §3.1.2.12 asks: an element that does not need the Date accepts such a
 * message. Names of days and months match case-insensitively (ABNF literals); a day of week
 * that does not agree with the date is tolerated, and a leap second (:60) reads as :59.
 * Immutable; equal when the instants are.
 */
public final class SipDate implements Comparable<SipDate> {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final Instant instant;

    private SipDate(Instant instant) {
        this.instant = instant;
    }

    /**
     * The date of {@code instant}, truncated to the second.
     *
     * @throws IllegalArgumentException outside the years 0000..9999
     */
    public static SipDate of(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.SECONDS);
        int year;
        try {
            year = LocalDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("instant out of range: " + instant, e);
        }
        if (year < 0 || year > 9999) throw new IllegalArgumentException("year out of range: " + year);
        return new SipDate(t);
    }

    public static SipDate now() {
        return of(Instant.now());
    }

    public static SipDate now(Clock clock) {
        return of(clock.instant());
    }

    /** Parses {@code wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"}. */
    public static SipDate parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        name(lx, DAYS, "day of week");
        if (!lx.skipIf(',')) throw lx.error("expected ','");
        int day = digits(lx, 1, 2, "day");
        space(lx);
        int month = name(lx, MONTHS, "month") + 1;
        space(lx);
        int year = digits(lx, 4, 4, "year");
        space(lx);
        int hour = digits(lx, 2, 2, "hour");
        colon(lx);
        int minute = digits(lx, 2, 2, "minute");
        colon(lx);
        int second = digits(lx, 2, 2, "second");
        space(lx);
        int zone = lx.pos();
        String gmt = lx.tokenOrNull();
        if (gmt == null || !gmt.equalsIgnoreCase("GMT")) {
            lx.pos(zone);
            throw lx.error("the time zone must be GMT (RFC 3261 §20.17)");
        }
        if (hour > 23 || minute > 59 || second > 60) {
            lx.pos(at);
            throw lx.error("bad time of day");
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            return new SipDate(date.atTime(hour, minute, Math.min(second, 59)).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            lx.pos(at);
            throw lx.error("no such date");
        }
    }

    public static SipDate parse(String text) {
        Lexer lx = new Lexer(text, "Date");
        SipDate d = parse(lx);
        lx.expectEnd();
        return d;
    }

    private static int name(Lexer lx, String[] names, String what) {
        int at = lx.pos();
        String t = lx.tokenOrNull();
        if (t != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(t)) return i;
            }
        }
        lx.pos(at);
        throw lx.error("bad " + what);
    }

    private static int digits(Lexer lx, int min, int max, String what) {
        int at = lx.pos();
        int v = 0;
        while (lx.pos() - at < max && lx.peek() >= '0' && lx.peek() <= '9') v = v * 10 + (lx.next() - '0');
        int n = lx.pos() - at;
        if (n < min || (lx.peek() >= '0' && lx.peek() <= '9')) {
            lx.pos(at);
            throw lx.error("bad " + what);
        }
        return v;
    }

    private static void space(Lexer lx) {
        int before = lx.pos();
        lx.skipWs();
        if (lx.pos() == before) throw lx.error("expected white space");
    }

    private static void colon(Lexer lx) {
        if (!lx.skipIfTight(':')) throw lx.error("expected ':'");
    }

    public Instant instant() {
        return instant;
    }

    @Override
    public int compareTo(SipDate o) {
        return instant.compareTo(o.instant);
    }

    /** The RFC 1123 form, e.g. {@code Sat, 13 Nov 2010 23:29:00 GMT}. */
    @Override
    public String toString() {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return String.format(java.util.Locale.ROOT, "%s, %02d %s %04d %02d:%02d:%02d GMT", DAYS[t.getDayOfWeek().ordinal()], t.getDayOfMonth(),
                MONTHS[t.getMonthValue() - 1], t.getYear(), t.getHour(), t.getMinute(), t.getSecond());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipDate d && instant.equals(d.instant);
    }

    @Override
    public int hashCode() {
        return instant.hashCode();
    }
}
