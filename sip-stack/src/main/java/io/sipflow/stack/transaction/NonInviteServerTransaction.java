package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;
import static io.sipflow.stack.transaction.TransactionState.TRYING;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8): Trying → Proceeding →
 * Completed → Terminated. This class is Trying and Proceeding: retransmissions are absorbed in
 * Trying and answered with the latest provisional in Proceeding. The final response goes to
 * Completed — an {@link AnsweredNonInviteServerTransaction} over an unreliable transport (Timer
 * J, 64·T1), straight to Terminated over a reliable one (J is 0).
 */
final class NonInviteServerTransaction extends ServerTransactionBase {
    private byte[] lastProvisional;

    NonInviteServerTransaction(TransactionContext ctx, SipRequest request, Flow flow, ResponseRoute route) {
        super(ctx, TRYING, request, flow, route);
    }

    @Override
    public boolean isInvite() {
        return false;
    }

    @Override
    void start() {}

    @Override
    void retransmissionBeforeFinal(SipRequest retransmission, Flow from) {
        if (is(PROCEEDING)) transmit(lastProvisional);
    }

    @Override
    void sendBeforeFinal(OutgoingResponse r, CompletableFuture<Flow> result) {
        if (!is(TRYING) && !is(PROCEEDING)) {
            refuse(result, "transaction is " + state() + ": final response already sent");
            return;
        }
        if (r.isProvisional()) {
            state(PROCEEDING);
            lastProvisional = r.bytes();
            transmit(r.bytes(), result);
            return;
        }
        lastProvisional = null;
        long j = timers.timerJ(reliable);
        if (j == 0) {
            // Completed lasts no time on a reliable transport: send and end here.
            transmit(r.bytes(), result);
            terminate();
            return;
        }
        AnsweredNonInviteServerTransaction next = new AnsweredNonInviteServerTransaction(this, r.bytes(), r.toTag(), j);
        handOver(next);
        next.transmit(r.bytes(), result);
    }

    @Override
    void transportError(Throwable cause) {
        if (is(TRYING) || is(PROCEEDING)) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }

    @Override
    void cancelTimers() {}
}
