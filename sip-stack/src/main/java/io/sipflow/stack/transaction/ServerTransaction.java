package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * A request received by the stack and the server transaction that carries its responses
 * (RFC 3261 §17.2). Handed to {@link RequestHandler#onRequest}; the request belongs to the
 * application from then on (the stack keeps what it needs and never reads it again).
 * Every method may be called from any thread.
 */
public interface ServerTransaction {
    /** The request, with the top Via already stamped with received/rport (§18.2.1, RFC 3581). */
    SipRequest request();

    /** Where the request came from: transport, local listener, source address. */
    Flow flow();

    /** The request method. */
    String method();

    /** True for an INVITE server transaction. */
    boolean isInvite();

    /** The state of the machine; read from any thread, it may change right after. */
    TransactionState state();

    /**
     * The To tag this transaction puts in its responses unless the request already had one
     * (§8.2.6.2); one value per transaction so every response of a UAS dialog carries it.
     */
    String localTag();

    /** True when a matching CANCEL arrived (§9.2) before a final response was sent. */
    boolean isCancelled();

    /**
     * Sends a response through the transaction. The response belongs to the stack afterwards
     * (it is encoded on the calling thread). A 2xx to INVITE is retransmitted until its ACK
     * arrives (§13.3.1.4). Completes with the flow used, or exceptionally on a transport error
     * or when the state machine refuses it (e.g. a second final response).
     */
    CompletableFuture<Flow> respond(SipResponse response);

    /**
     * A response to the request per §8.2.6, with this transaction's To tag (except on 100).
     * Read the request; call it from the thread that handles the request.
     */
    default SipResponse createResponse(int status, String reason) {
        return request().createResponse(status, reason, localTag());
    }

    default SipResponse createResponse(int status) {
        return createResponse(status, null);
    }

    /** Builds and sends a response without headers of the application's own. */
    default CompletableFuture<Flow> respond(int status) {
        return respond(createResponse(status));
    }
}
