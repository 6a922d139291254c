package io.sipflow.srf;

import io.sipflow.message.SipMessage;
import java.time.Instant;

/** Call detail records for every INVITE the application handles (drachtio's cdr:attempt/start/stop). */
public sealed interface CdrEvent {
    Instant time();

    String callId();

    /** A call was offered ({@link DialogRole#UAS}) or placed ({@link DialogRole#UAC}). */
    record Attempt(Instant time, String callId, DialogRole role, SipMessage message) implements CdrEvent {}

    /** The call was answered. */
    record Start(Instant time, String callId, DialogRole role, SipMessage message) implements CdrEvent {}

    /** The call ended, or failed before it was answered. */
    record Stop(Instant time, String callId, DialogRole role, StopReason reason) implements CdrEvent {}

    enum StopReason {
        CALL_REJECTED,
        CALL_CANCELED,
        NORMAL_RELEASE,
        SESSION_EXPIRED,
        ACK_TIMEOUT,
        REQUEST_FAILED
    }
}
