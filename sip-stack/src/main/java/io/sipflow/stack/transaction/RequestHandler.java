package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;

/**
 * The transaction user (TU) for incoming traffic. Called on the shard thread when the stack
 * was told the handler never blocks, otherwise on the configured executor (virtual threads by
 * default); the events of one transaction are delivered in order, one at a time.
 */
@FunctionalInterface
public interface RequestHandler {
    /** A new request (not a retransmission, not an ACK or CANCEL): answer it through {@code tx}. */
    void onRequest(ServerTransaction tx);

    /**
     * An ACK that matches no server transaction: the ACK for a 2xx (§13.3.1.4, §17.2.3; RFC
     * 6026), end to end and not part of any transaction. The stack has already stopped
     * retransmitting the matching 2xx.
     */
    default void onAck(SipRequest ack, Flow flow) {}

    /**
     * A CANCEL matched {@code tx} before it was answered finally (§9.2). The stack has answered
     * the CANCEL with 200 and, unless configured for proxying, the INVITE with 487.
     */
    default void onCancel(ServerTransaction tx, SipRequest cancel) {}

    /**
     * No ACK arrived within 64·T1 for the 2xx sent on {@code tx} (§13.3.1.4): the dialog is
     * confirmed but the session should end (the TU sends BYE).
     */
    default void onAckTimeout(ServerTransaction tx, SipResponse response) {}

    /**
     * A response that matches no client transaction (§17.1.3). A stateful proxy forwards it
     * statelessly (§16.7 step 1); a UA ignores it.
     */
    default void onStrayResponse(SipResponse response, Flow flow) {}
}
