package io.sipflow.srf;

/** Shortcuts for {@link Dialog#modify(MediaChange)}: put the peer on hold or take it off (RFC 3264 §8.4). */
public enum MediaChange {
    HOLD,
    UNHOLD
}
