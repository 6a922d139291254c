package io.sipflow.srf;

import io.sipflow.message.SipRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A request this application sent (drachtio's cbRequest argument): what went out, and
 * {@link #cancel()} for an INVITE (RFC 3261 §9.1; sent once a provisional arrived).
 */
public final class SentRequest {
    private final SipRequest request;
    private final Runnable canceller;

    SentRequest(SipRequest request, Runnable canceller) {
        this.request = request;
        this.canceller = canceller;
    }

    /** The request as sent (read only). */
    public SipRequest request() {
        return request;
    }

    /** CANCELs the INVITE; the request then ends with 487 (or a 2xx that won the race, which is ACKed and BYE'd). */
    public void cancel() {
        canceller.run();
    }
}
