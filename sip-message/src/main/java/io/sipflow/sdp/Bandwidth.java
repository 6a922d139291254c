package io.sipflow.sdp;

/**
 * A {@code b=<bwtype>:<bandwidth>} line (RFC 8866 §5.8), e.g. {@code b=AS:64} (kilobits per
 * second) or {@code b=TIAS:64000} (bits per second, RFC 3890).
 *
 * @param type the bandwidth type, e.g. {@code "AS"}, {@code "CT"}, {@code "TIAS"}, {@code "RS"}
 * @param value the non-negative bandwidth value, in the unit of the type
 */
public record Bandwidth(String type, long value) {
    /** Application-specific maximum, kilobits per second (RFC 8866 §5.8). */
    public static final String AS = "AS";
    /** Conference total, kilobits per second (RFC 8866 §5.8). */
    public static final String CT = "CT";
    /** Transport-independent application-specific maximum, bits per second (RFC 3890). */
    public static final String TIAS = "TIAS";

    /** Validates the components. */
    public Bandwidth {
        Syntax.requireField(type, "bandwidth type");
        if (type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bandwidth type must not contain ':'");
        }
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative: " + value);
        }
    }

    /** The text after {@code b=}. */
    @Override
    public String toString() {
        return type + ':' + value;
    }
}
