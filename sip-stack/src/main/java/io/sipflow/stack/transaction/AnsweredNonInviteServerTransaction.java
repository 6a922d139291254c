package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.COMPLETED;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The non-INVITE server transaction in Completed (RFC 3261 §17.2.2, Figure 8), without the
 * request ({@link IndexedServerTransaction} says why): each retransmission gets the final
 * response again until Timer J (64·T1 unreliable; a reliable transport never gets here, J is
 * 0); further finals from the TU are discarded.
 */
final class AnsweredNonInviteServerTransaction extends IndexedServerTransaction implements Runnable {
    private final byte[] finalResponse;
    private final String finalToTag;
    private final TimerWheel.Timeout timerJ;

    AnsweredNonInviteServerTransaction(IndexedServerTransaction live, byte[] finalResponse, String finalToTag, long timerJ) {
        super(live.ctx, COMPLETED, live.method, live.route, live.reliable);
        this.finalResponse = finalResponse;
        this.finalToTag = sameTag(finalToTag, live.requestToTag);
        this.timerJ = schedule(timerJ, this);
    }

    /** Timer J fired. The remnant is its own timer task: one object fewer for 32 s. */
    @Override
    public void run() {
        terminate();
    }

    @Override
    boolean isInvite() {
        return false;
    }

    @Override
    String finalToTag() {
        return finalToTag;
    }

    @Override
    String toTagForCancel() {
        return finalToTag;
    }

    @Override
    void receiveRetransmission(SipRequest retransmission, Flow from) {
        if (is(COMPLETED)) transmit(finalResponse);
    }

    @Override
    void sendFromTu(OutgoingResponse r, CompletableFuture<Flow> result) {
        refuse(result, "transaction is " + state() + ": final response already sent");
    }

    @Override
    void transportError(Throwable cause) {
        if (is(COMPLETED)) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }

    @Override
    void cancelTimers() {
        cancel(timerJ);
    }
}
