package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.COMPLETED;

import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The non-INVITE server transaction in Completed (RFC 3261 §17.2.2, Figure 8), without the
 * request ({@link IndexedServerTransaction} says why): each retransmission gets the final
 * response again until Timer J (64·T1 unreliable; a reliable transport never gets here, J is
 * 0); further finals from the TU are discarded.
 */
final class AnsweredNonInviteServerTransaction extends AnsweredServerTransaction {
    private final long intervalJ;
    private TimerWheel.Timeout timerJ;

    AnsweredNonInviteServerTransaction(IndexedServerTransaction live, byte[] finalResponse, String finalToTag, long timerJ) {
        super(live, COMPLETED, finalResponse, finalToTag);
        this.intervalJ = timerJ;
    }

    @Override
    void startTimers() {
        timerJ = schedule(intervalJ, this);
    }

    /** Completed is only Timer J's wait (it exists only over an unreliable transport) and resends one response. */
    @Override
    boolean compactable() {
        return true;
    }

    /** Timer J fired. */
    @Override
    public void run() {
        terminate();
    }

    @Override
    boolean isInvite() {
        return false;
    }

    @Override
    void sendFromTu(OutgoingResponse r, CompletableFuture<Flow> result) {
        refuse(result, "transaction is " + state() + ": final response already sent");
    }

    @Override
    void cancelTimers() {
        cancel(timerJ);
    }
}
