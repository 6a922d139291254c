package io.sipflow.srf;

/**
 * A dialog changed state (RFC 4235 §3.7.1).
 *
 * @param state the new state
 * @param direction {@code INITIATOR} when this application sent the creating request
 * @param callId the Call-ID
 * @param localTag our tag (null before we have one)
 * @param remoteTag the peer's tag (null before an answer with a tag)
 * @param dialog the dialog, once one exists (null for TRYING/PROCEEDING/REJECTED/CANCELLED without early dialog)
 */
public record DialogStateEvent(DialogState state, Direction direction, String callId, String localTag, String remoteTag,
        Dialog dialog) {
    public enum Direction {
        INITIATOR,
        RECIPIENT
    }
}
