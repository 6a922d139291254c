package io.sipflow.sdp;

import java.util.Optional;

/**
 * The media direction attributes of RFC 8866 §6.7 ({@code a=sendrecv}, {@code a=sendonly},
 * {@code a=recvonly}, {@code a=inactive}), always from the point of view of the party that wrote
 * the session description.
 *
 * <p>A direction is modelled as two bits, "I send" and "I receive", which makes the offer/answer
 * rules of RFC 3264 §6.1 and the hold rules of RFC 3264 §8.4 simple bit operations.
 */
public enum Direction {
    /** Send and receive (the default when no direction attribute is present, RFC 8866 §6.7.1). */
    SENDRECV("sendrecv", true, true),
    /** Send only. */
    SENDONLY("sendonly", true, false),
    /** Receive only. */
    RECVONLY("recvonly", false, true),
    /** Neither send nor receive. */
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name, e.g. {@code "sendonly"}. */
    public String attributeName() {
        return attributeName;
    }

    /** True for {@link #SENDRECV} and {@link #SENDONLY}. */
    public boolean sends() {
        return sends;
    }

    /** True for {@link #SENDRECV} and {@link #RECVONLY}. */
    public boolean receives() {
        return receives;
    }

    /** The direction with the given send/receive bits. */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /**
     * The same stream seen from the other end: sendonly and recvonly swap, sendrecv and inactive
     * stay (RFC 3264 §6.1).
     */
    public Direction reverse() {
        return of(receives, sends);
    }

    /**
     * The direction to put in an answer to a stream offered as {@code offered}, by a party that
     * is willing to use {@code local} at most (RFC 3264 §6.1): the answerer may only send what
     * the offerer receives and receive what the offerer sends.
     */
    public static Direction answer(Direction offered, Direction local) {
        return of(offered.receives && local.sends, offered.sends && local.receives);
    }

    /**
     * The direction that puts a stream currently described as {@code this} on hold: stop
     * receiving, keep sending if we did (RFC 3264 §8.4: sendrecv becomes sendonly, recvonly
     * becomes inactive; sendonly and inactive stay).
     */
    public Direction hold() {
        return of(sends, false);
    }

    /** The direction for an attribute name (ASCII case ignored), or empty when it is not one. */
    public static Optional<Direction> fromAttributeName(String name) {
        Direction d = lookup(name);
        return Optional.ofNullable(d);
    }

    static Direction lookup(String name) {
        if (name == null || name.length() != 8) {
            return null;
        }
        for (Direction d : values()) {
            if (d.attributeName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }
}
