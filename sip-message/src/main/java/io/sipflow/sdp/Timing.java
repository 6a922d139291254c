package io.sipflow.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One time description (RFC 8866 §5.9–§5.11): a {@code t=<start-time> <stop-time>} line, the
 * {@code r=} repeat lines that follow it and the {@code z=} time-zone line that may follow them.
 *
 * <p>SIP sessions use {@code t=0 0} ({@link #PERMANENT}, RFC 3264 §5). Repeat and zone lines are
 * kept as their (syntax-checked) text, which is all a SIP element needs to pass them on; in
 * RFC 4566 the single {@code z=} line came after all time descriptions, in RFC 8866 it follows
 * the repeat lines, and attaching it to the preceding {@code t=} serializes both forms back
 * unchanged.
 *
 * @param start the start time in NTP seconds, 0 for unbounded
 * @param stop the stop time in NTP seconds, 0 for unbounded
 * @param repeats the text after each {@code r=}, in order (immutable)
 * @param zoneAdjustments the text after {@code z=}, or {@code null}
 */
public record Timing(long start, long stop, List<String> repeats, String zoneAdjustments) {
    /** {@code t=0 0}: a session that is not bounded in time, as used by SIP. */
    public static final Timing PERMANENT = new Timing(0, 0, List.of(), null);

    /** Validates the components and freezes the repeat list. */
    public Timing {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        repeats = List.copyOf(Objects.requireNonNull(repeats, "repeats"));
        for (String r : repeats) {
            if (!Syntax.isText(r) || r.isEmpty()) {
                throw new IllegalArgumentException("invalid r= value");
            }
        }
        if (zoneAdjustments != null && (!Syntax.isText(zoneAdjustments) || zoneAdjustments.isEmpty())) {
            throw new IllegalArgumentException("invalid z= value");
        }
    }

    /** A time description without repeat or zone lines. */
    public static Timing of(long start, long stop) {
        return start == 0 && stop == 0 ? PERMANENT : new Timing(start, stop, List.of(), null);
    }

    /** The text after {@code t=}. */
    @Override
    public String toString() {
        return Long.toString(start) + ' ' + stop;
    }
}
