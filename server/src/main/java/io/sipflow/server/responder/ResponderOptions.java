package io.sipflow.server.responder;

/**
 * How the responder answers.
 *
 * @param ringing send 180 Ringing before the 200 to an INVITE (the reference peers of the
 *     benchmarks answer with the 200 straight away; turning this off compares like with like)
 * @param answerDelayMillis time between the 180 and the 200 (0 = at once); during it a CANCEL
 *     ends the call with 487 (RFC 3261 §9.2)
 * @param maxRegisterExpires the longest registration the responder grants, in seconds
 */
public record ResponderOptions(boolean ringing, long answerDelayMillis, int maxRegisterExpires) {
    public static final ResponderOptions DEFAULT = new ResponderOptions(true, 0, 3600);

    public ResponderOptions {
        if (answerDelayMillis < 0) throw new IllegalArgumentException("answerDelayMillis must be >= 0");
        if (maxRegisterExpires < 0) throw new IllegalArgumentException("maxRegisterExpires must be >= 0");
    }
}
