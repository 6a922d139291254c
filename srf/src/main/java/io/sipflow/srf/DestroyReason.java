package io.sipflow.srf;

/** Why a dialog ended. */
public enum DestroyReason {
    /** The peer sent BYE (or the terminating NOTIFY of a subscription). */
    NORMAL_RELEASE,
    /** This application ended it with {@link Dialog#destroy()}. */
    LOCAL_RELEASE,
    /** No ACK came for the 2xx within 64·T1 (RFC 3261 §13.3.1.4); a BYE was sent. */
    ACK_TIMEOUT,
    /** The session was not refreshed in time (RFC 4028 §10); a BYE was sent. */
    SESSION_TIMER_EXPIRED,
    /** An in-dialog request got 481 or timed out (RFC 3261 §12.2.1.2). */
    REQUEST_FAILED,
    /** The subscriber unsubscribed (Expires: 0, RFC 6665 §4.1.2.3). */
    UNSUBSCRIBED,
    /** A forked 2xx lost to an earlier one (RFC 3261 §13.2.2.4); it was ACKed and BYE'd. */
    FORK_LOST
}
