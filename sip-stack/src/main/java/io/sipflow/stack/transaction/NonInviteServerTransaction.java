package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.COMPLETED;
import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;
import static io.sipflow.stack.transaction.TransactionState.TRYING;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8): Trying → Proceeding →
 * Completed → Terminated. Retransmissions are absorbed in Trying, answered with the latest
 * provisional in Proceeding and with the final response in Completed, until Timer J
 * (64·T1 unreliable, 0 reliable). Further finals from the TU are discarded.
 */
final class NonInviteServerTransaction extends ServerTransactionBase {
    private TimerWheel.Timeout timerJ;

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
    void receiveRetransmission(SipRequest retransmission, Flow from) {
        if (is(PROCEEDING)) transmit(lastProvisional);
        else if (is(COMPLETED)) transmit(finalResponse);
    }

    @Override
    void sendFromTu(OutgoingResponse r, CompletableFuture<Flow> result) {
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
        state(COMPLETED);
        finalResponse = r.bytes();
        finalToTag = r.toTag();
        transmit(r.bytes(), result);
        long j = timers.timerJ(reliable);
        if (j == 0) terminate();
        else timerJ = schedule(j, this::terminate);
    }

    @Override
    void transportError(Throwable cause) {
        if (is(TRYING) || is(PROCEEDING) || is(COMPLETED)) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }

    @Override
    void cancelTimers() {
        cancel(timerJ);
    }
}
