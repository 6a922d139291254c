package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * A request sent by the application and the client transaction(s) carrying it (RFC 3261
 * §17.1): one per destination tried, since RFC 3263 §4.3 fails over to the next destination
 * with a new transaction (new branch) on a timeout, a transport error or a 503.
 * Every method may be called from any thread.
 */
public interface ClientTransaction {
    /**
     * The request as given to the stack, with the stack's top Via once sent. Owned by the stack
     * after {@code sendRequest}: read it once {@link #finalResponse()} completed.
     */
    SipRequest request();

    String method();

    /** The state of the current attempt's machine ({@link TransactionState#CALLING} before the first send). */
    TransactionState state();

    /** The branch of the current attempt, or null before the first send. */
    String branch();

    /** The flow the last response arrived on (null before any). */
    Flow flow();

    /**
     * The final response: the first 2xx, or a 3xx–6xx. A timeout completes it with a locally
     * built {@code 408 Request Timeout} and a transport error with a {@code 503} (§8.1.3.1);
     * {@link #localFailure()} then says why. Never completes exceptionally.
     */
    CompletableFuture<SipResponse> finalResponse();

    /**
     * Why the final response was generated locally: a {@link java.util.concurrent.TimeoutException}
     * (Timer B/F), an {@link java.io.IOException} or other transport failure, a
     * {@link java.util.concurrent.RejectedExecutionException} (stack overloaded),
     * {@link java.util.concurrent.CancellationException} (cancelled, no answer to the CANCEL);
     * null when the final response came from the network or has not arrived.
     */
    Throwable localFailure();

    /**
     * Cancels an INVITE (§9.1): the CANCEL is sent once a provisional response has arrived
     * (at once if one has). Completes with the CANCEL's final response, or with null when a
     * final response to the INVITE was already received (nothing to cancel).
     *
     * @throws IllegalStateException for a non-INVITE request
     */
    CompletableFuture<SipResponse> cancel();
}
