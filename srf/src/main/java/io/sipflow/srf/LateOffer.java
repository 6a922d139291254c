package io.sipflow.srf;

import io.sipflow.message.SipResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The 2xx to an INVITE sent without an offer (late offer, 3pcc: RFC 3725): the peer's offer,
 * and {@link #ack(String)} to send the answer in the ACK (RFC 3264 §4, RFC 3261 §13.2.1).
 * Until then the peer retransmits its 2xx (and ends the call after 64·T1).
 */
public final class LateOffer {
    private final SipResponse response;
    private final String offer;
    private final Function<String, CompletableFuture<Dialog>> acker;

    LateOffer(SipResponse response, String offer, Function<String, CompletableFuture<Dialog>> acker) {
        this.response = response;
        this.offer = offer;
        this.acker = acker;
    }

    /** The peer's offer in its 2xx (null if it sent none). */
    public String remoteSdp() {
        return offer;
    }

    public SipResponse response() {
        return response;
    }

    /** Sends the ACK carrying {@code answerSdp}; completes with the confirmed dialog. */
    public CompletableFuture<Dialog> ack(String answerSdp) {
        return acker.apply(answerSdp);
    }
}
