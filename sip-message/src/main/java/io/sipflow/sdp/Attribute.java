package io.sipflow.sdp;

/**
 * One {@code a=} line (RFC 8866 §5.13): either a property attribute {@code a=<name>} (value
 * {@code null}) or a value attribute {@code a=<name>:<value>}.
 *
 * <p>The value is everything after the first colon, kept verbatim (including leading or trailing
 * spaces) so that attributes this library does not interpret, such as ICE {@code candidate},
 * {@code crypto}, {@code fingerprint} or {@code setup}, are re-serialized exactly as received.
 * Typed readers such as {@link RtpMap#parse(String)} trim as they need.
 *
 * @param name the attribute name: non-empty, without colon, CR, LF or NUL, without leading or
 *     trailing whitespace
 * @param value the value after the colon ({@code ""} for {@code a=name:}), or {@code null} for a
 *     property attribute; never contains CR, LF or NUL
 */
public record Attribute(String name, String value) {

    /** Validates the components (they must serialize to exactly one {@code a=} line). */
    public Attribute {
        if (name == null || name.isEmpty() || name.indexOf(':') >= 0 || !Syntax.isText(name)
                || Syntax.isWhitespace(name.charAt(0)) || Syntax.isWhitespace(name.charAt(name.length() - 1))) {
            throw new IllegalArgumentException("invalid attribute name: "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        if (value != null && !Syntax.isText(value)) {
            throw new IllegalArgumentException("attribute value must not contain CR, LF or NUL");
        }
    }

    /** A property attribute such as {@code a=rtcp-mux}. */
    public static Attribute of(String name) {
        return new Attribute(name, null);
    }

    /** A value attribute such as {@code a=mid:0}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, java.util.Objects.requireNonNull(value, "value"));
    }

    /** True for a property attribute (no colon, no value). */
    public boolean isProperty() {
        return value == null;
    }

    /** True when the name equals {@code other}, ignoring ASCII case (RFC 5234 §2.3). */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The text after {@code a=}: {@code name} or {@code name:value}. */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }
}
