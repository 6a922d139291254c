package io.sipflow.stack.transaction;

import io.sipflow.message.SipResponse;

/**
 * Responses to a request the application sent, in arrival order, on the same thread rules as
 * {@link RequestHandler}. The final response also completes {@link ClientTransaction#finalResponse()}.
 */
public interface ResponseListener {
    ResponseListener NONE = new ResponseListener() {};

    /** A 1xx (§17.1.1.2, §17.1.2.2). */
    default void onProvisional(ClientTransaction tx, SipResponse response) {}

    /** The final response (or the locally generated 408/503), just before the future completes. */
    default void onFinal(ClientTransaction tx, SipResponse response) {}

    /**
     * A 2xx to INVITE after the first one: a retransmission, or the answer of another fork
     * (RFC 6026 Accepted state). Each needs an ACK from the UAC core (§13.2.2.4).
     */
    default void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {}
}
