package io.sipflow.sdp;

import java.util.Objects;

/**
 * A line whose type letter RFC 8866 does not define, kept so that it is not silently lost.
 *
 * <p>RFC 8866 §5 says a parser must either ignore or reject a description with a type letter it
 * does not understand. This library keeps such lines (in order, and re-serialized next to the
 * line they followed) and lets the application decide: {@link SdpSection#unknownLines()} is
 * empty for every well-formed description.
 */
public final class UnknownLine {
    private final char type;
    private final String value;
    /*
     * Where the line was, as "after the line of type anchorType with index anchorIndex in its
     * group" (e.g. after attribute #2 of the section). 0 means "at the end of the section", which
     * is where lines created by applications go. Not part of equality: it is layout only.
     */
    final char anchorType;
    final int anchorIndex;

    private UnknownLine(char type, String value, char anchorType, int anchorIndex) {
        if (!Syntax.isAsciiLetter(type) || "vosiuepcbtrzkam".indexOf(type) >= 0) {
            throw new IllegalArgumentException("not an unknown type letter: " + type);
        }
        this.type = type;
        this.value = Syntax.requireText(value, "line value");
        this.anchorType = anchorType;
        this.anchorIndex = anchorIndex;
    }

    /** A line {@code <type>=<value>}; it is serialized at the end of its section. */
    public static UnknownLine of(char type, String value) {
        return new UnknownLine(type, value, (char) 0, 0);
    }

    static UnknownLine anchored(char type, String value, char anchorType, int anchorIndex) {
        return new UnknownLine(type, value, anchorType, anchorIndex);
    }

    /** The type letter. */
    public char type() {
        return type;
    }

    /** The text after the {@code =}, verbatim. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownLine u && u.type == type && u.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value);
    }

    /** The whole line without its line end, {@code <type>=<value>}. */
    @Override
    public String toString() {
        return type + "=" + value;
    }
}
