package io.sipflow.srf;

import io.sipflow.message.SipResponse;
import java.util.concurrent.CompletableFuture;

/**
 * What sends a {@link Response}'s messages, on the request's lane: the server transaction
 * directly, or the INVITE machinery that tracks early dialogs, reliable provisionals and the
 * 2xx's ACK.
 */
interface ResponseSender {
    /**
     * @param reliable send the 1xx reliably (RFC 3262)
     * @param acknowledged completed with the PRACK of a reliable 1xx, or the ACK of a 2xx to INVITE
     */
    CompletableFuture<SipResponse> send(SipResponse response, boolean reliable, CompletableFuture<Request> acknowledged);
}
