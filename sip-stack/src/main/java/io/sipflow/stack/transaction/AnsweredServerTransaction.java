package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.COMPLETED;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;

/**
 * What both remnants of an answered server transaction share ({@link IndexedServerTransaction}
 * says why they exist): the final response as sent, resent for each retransmitted request
 * while Completed (§17.2.1, §17.2.2), its To tag, and the end of the machine on a transport
 * error in Completed (§17.2.4). Implements {@link Runnable} so that the remnant is its own
 * timer task: one object fewer for the 32 s it lives.
 */
abstract class AnsweredServerTransaction extends IndexedServerTransaction implements Runnable {
    /** The final response sent, for retransmissions; null for a 2xx to INVITE (the TU resends it). */
    final byte[] finalResponse;
    private final String finalToTag;

    AnsweredServerTransaction(IndexedServerTransaction live, TransactionState state, byte[] finalResponse,
            String finalToTag) {
        super(live.ctx, state, live.method, live.route, live.reliable);
        this.finalResponse = finalResponse;
        this.finalToTag = sameTag(finalToTag, live.requestToTag);
    }

    @Override
    final String finalToTag() {
        return finalToTag;
    }

    @Override
    final String toTagForCancel() {
        return finalToTag;
    }

    @Override
    final void receiveRetransmission(SipRequest retransmission, Flow from) {
        // Only Completed resends; Accepted (RFC 6026 §8.7) and Confirmed absorb.
        if (is(COMPLETED)) transmit(finalResponse);
    }

    @Override
    final void transportError(Throwable cause) {
        if (is(COMPLETED)) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }
}
