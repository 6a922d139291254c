package io.sipflow.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the session level and each media description have in common (RFC 8866 §5): an optional
 * {@code i=} line, {@code b=} lines, an optional {@code k=} line, and {@code a=} attributes kept
 * in their order, plus lines of unknown type.
 *
 * <p>Attribute names are compared ignoring ASCII case, because RFC 8866's grammar is ABNF, whose
 * literal strings are case-insensitive (RFC 5234 §2.3); the stored name keeps its case.
 *
 * <p>Like the rest of the model this is mutable and not thread-safe: one owner at a time
 * (see {@link SessionDescription}).
 *
 * @param <S> the concrete section type, returned by the fluent mutators
 */
public abstract sealed class SdpSection<S extends SdpSection<S>> permits SessionDescription, MediaDescription {
    String information;
    String key;
    final ElementList<Bandwidth> bandwidths = new ElementList<>("bandwidth");
    final ElementList<Attribute> attributes = new ElementList<>("attribute");
    final ElementList<UnknownLine> unknownLines = new ElementList<>("unknown line");

    SdpSection() {}

    abstract S self();

    /** The {@code i=} text, or {@code null}. */
    public String information() {
        return information;
    }

    /** Sets the {@code i=} text; {@code null} removes the line. */
    public S setInformation(String text) {
        information = text == null ? null : Syntax.requireText(text, "i= text");
        return self();
    }

    /** The {@code k=} value (obsolete, RFC 8866 §5.12; kept so that it is passed on), or {@code null}. */
    public String key() {
        return key;
    }

    /** Sets the {@code k=} value; {@code null} removes the line. */
    public S setKey(String value) {
        key = value == null ? null : Syntax.requireText(value, "k= value");
        return self();
    }

    /** The {@code b=} lines, in order (live, mutable). */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** Adds a {@code b=} line. */
    public S addBandwidth(String type, long value) {
        bandwidths.add(new Bandwidth(type, value));
        return self();
    }

    /**
     * The {@code a=} lines in their order (live, mutable). Attributes this library has no typed
     * helper for (ICE, crypto, fingerprint, ssrc, ...) are here verbatim.
     */
    public List<Attribute> attributes() {
        return attributes;
    }

    /**
     * Lines with a type letter RFC 8866 does not define, in order (live, mutable); empty for a
     * well-formed description. RFC 8866 §5 lets a receiver reject descriptions that have any.
     */
    public List<UnknownLine> unknownLines() {
        return unknownLines;
    }

    /** The first attribute with this name (ASCII case ignored). */
    public Optional<Attribute> attribute(String name) {
        for (int i = 0, n = attributes.size(); i < n; i++) {
            Attribute a = attributes.get(i);
            if (a.is(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The value of the first attribute with this name; empty if there is none or it is a property. */
    public Optional<String> attributeValue(String name) {
        return attribute(name).map(Attribute::value);
    }

    /** All attributes with this name, in order. */
    public List<Attribute> attributes(String name) {
        List<Attribute> out = new ArrayList<>(2);
        for (Attribute a : attributes) {
            if (a.is(name)) {
                out.add(a);
            }
        }
        return out;
    }

    /** True when an attribute with this name is present. */
    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** Appends a property attribute {@code a=name}. */
    public S addAttribute(String name) {
        attributes.add(Attribute.of(name));
        return self();
    }

    /** Appends a value attribute {@code a=name:value}. */
    public S addAttribute(String name, String value) {
        attributes.add(Attribute.of(name, value));
        return self();
    }

    /** Appends an attribute. */
    public S addAttribute(Attribute attribute) {
        attributes.add(attribute);
        return self();
    }

    /**
     * Makes {@code attribute} the only one with its name: it replaces the first attribute of that
     * name in place (keeping the line order a peer may have chosen) and the others are removed;
     * when there is none it is appended.
     */
    public S setAttribute(Attribute attribute) {
        Objects.requireNonNull(attribute, "attribute");
        String name = attribute.name();
        replaceFirstAndRemoveOthers(a -> a.is(name), attribute);
        return self();
    }

    /**
     * Replaces the first attribute matching {@code match} with {@code replacement} and removes
     * the other matches, in one pass (linear even for a hostile list of duplicates); appends the
     * replacement when nothing matches.
     */
    private void replaceFirstAndRemoveOthers(Predicate<Attribute> match, Attribute replacement) {
        int first = -1;
        for (int i = 0, n = attributes.size(); i < n; i++) {
            if (match.test(attributes.get(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            attributes.add(replacement);
            return;
        }
        attributes.set(first, replacement);
        int[] index = {0};
        int keep = first;
        attributes.removeIf(a -> index[0]++ > keep && match.test(a)); // ElementList tests in order
    }

    /** {@link #setAttribute(Attribute)} with a value attribute, or a property one when value is null. */
    public S setAttribute(String name, String value) {
        return setAttribute(new Attribute(name, value));
    }

    /** Removes every attribute with this name. */
    public S removeAttributes(String name) {
        attributes.removeIf(a -> a.is(name));
        return self();
    }

    /**
     * The direction attribute at this level (RFC 8866 §6.7), or empty when there is none. When a
     * (malformed) section has several, the first one counts.
     */
    public Optional<Direction> direction() {
        return Optional.ofNullable(directionOrNull());
    }

    Direction directionOrNull() {
        for (int i = 0, n = attributes.size(); i < n; i++) {
            Attribute a = attributes.get(i);
            if (a.value() == null) {
                Direction d = Direction.lookup(a.name());
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    /**
     * Media level overrides session level, sendrecv is the default (RFC 8866 §6.7). Helpers that
     * visit every media description look the session level up once and pass it here, so that
     * they stay linear.
     */
    static Direction effective(MediaDescription m, Direction sessionLevel) {
        Direction d = m.directionOrNull();
        if (d == null) {
            d = sessionLevel;
        }
        return d == null ? Direction.SENDRECV : d;
    }

    /**
     * Sets the direction at this level: the existing direction attribute is replaced in place
     * (others removed), or one is appended.
     */
    public S setDirection(Direction direction) {
        Objects.requireNonNull(direction, "direction");
        replaceFirstAndRemoveOthers(SdpSection::isDirection, Attribute.of(direction.attributeName()));
        return self();
    }

    private static boolean isDirection(Attribute a) {
        return a.value() == null && Direction.lookup(a.name()) != null;
    }

    /** Removes the direction attributes of this level. */
    public S clearDirection() {
        attributes.removeIf(SdpSection::isDirection);
        return self();
    }

    // ---- shared serialization -------------------------------------------------------------

    static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append("\r\n");
    }

    static void attributeLine(StringBuilder sb, Attribute a) {
        sb.append("a=").append(a.name());
        if (a.value() != null) {
            sb.append(':').append(a.value());
        }
        sb.append("\r\n");
    }

    /** Writes the unknown lines anchored to {@code type} up to {@code maxIndex}; {@code w} may be null. */
    static void unknown(StringBuilder sb, UnknownWriter w, char type, int maxIndex) {
        if (w != null) {
            w.write(sb, type, maxIndex);
        }
    }

    /**
     * Writes one group of lines and the unknown lines anchored in it: after line {@code i}
     * those anchored at {@code i}, after the last line also those anchored past the end (their
     * line was removed since parsing).
     */
    static <T> void group(StringBuilder sb, UnknownWriter w, char type, List<T> items) {
        int n = items.size();
        for (int i = 0; i < n; i++) {
            T item = items.get(i);
            if (item instanceof Attribute a) {
                attributeLine(sb, a);
            } else if (item instanceof Bandwidth b) {
                sb.append("b=").append(b.type()).append(':').append(b.value()).append("\r\n");
            } else if (item instanceof Connection c) {
                sb.append("c=");
                c.appendTo(sb);
                sb.append("\r\n");
            } else {
                line(sb, type, item.toString());
            }
            unknown(sb, w, type, i == n - 1 ? Integer.MAX_VALUE : i);
        }
        if (n == 0) {
            unknown(sb, w, type, Integer.MAX_VALUE);
        }
    }

    /** Writes an optional single line and the unknown lines anchored to its position. */
    static void single(StringBuilder sb, UnknownWriter w, char type, String value) {
        if (value != null) {
            line(sb, type, value);
        }
        unknown(sb, w, type, Integer.MAX_VALUE);
    }

    void copyCommonTo(SdpSection<?> other) {
        other.information = information;
        other.key = key;
        for (Bandwidth b : bandwidths) {
            other.bandwidths.addTrusted(b);
        }
        for (Attribute a : attributes) {
            other.attributes.addTrusted(a);
        }
        for (UnknownLine u : unknownLines) {
            other.unknownLines.addTrusted(u);
        }
    }

    boolean commonEquals(SdpSection<?> o) {
        return Objects.equals(information, o.information) && Objects.equals(key, o.key)
                && bandwidths.equals(o.bandwidths) && attributes.equals(o.attributes)
                && unknownLines.equals(o.unknownLines);
    }

    int commonHash() {
        return Objects.hash(information, key, bandwidths, attributes, unknownLines);
    }
}
