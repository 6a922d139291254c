package io.sipflow.srf;

import io.sipflow.message.SipRequest;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A request this application sent (drachtio's cbRequest argument): what went out, and
 * {@link #cancel()} for an INVITE (RFC 3261 §9.1; sent once a provisional arrived).
 */
public final class SentRequest {
    private final SipRequest request;
    private final Consumer<Map<String, String>> canceller;

    SentRequest(SipRequest request, Consumer<Map<String, String>> canceller) {
        this.request = request;
        this.canceller = canceller;
    }

    /** The request as sent (read only). */
    public SipRequest request() {
        return request;
    }

    /** CANCELs the INVITE; the request then ends with 487 (or a 2xx that won the race, which is ACKed and BYE'd). */
    public void cancel() {
        canceller.accept(null);
    }

    /**
     * CANCELs the INVITE with extra headers on the CANCEL, e.g.
     * {@code Map.of("Reason", "SIP;cause=200;text=\"Call completed elsewhere\"")} (RFC 3326).
     */
    public void cancel(Map<String, String> headers) {
        canceller.accept(headers);
    }
}
