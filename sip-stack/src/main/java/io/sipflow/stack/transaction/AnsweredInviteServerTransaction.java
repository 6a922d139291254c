package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.ACCEPTED;
import static io.sipflow.stack.transaction.TransactionState.COMPLETED;
import static io.sipflow.stack.transaction.TransactionState.CONFIRMED;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The INVITE server transaction after its final response (RFC 3261 §17.2.1 as updated by
 * RFC 6026 §8.5–8.7), without the request ({@link IndexedServerTransaction} says why):
 * <ul>
 * <li>3xx–6xx → Completed: Timer G (unreliable) resends the response at T1, doubling up to T2,
 *     and so does each retransmitted INVITE; Timer H (64·T1) without ACK → Terminated, TU
 *     told; ACK → Confirmed, where Timer I (T4 unreliable, 0 reliable) absorbs further ACKs.
 * <li>2xx → Accepted: retransmitted INVITEs absorbed, further 2xx from the TU (the UAS core's
 *     retransmissions) sent, ACKs are the TU's; Timer L (64·T1) ends it.
 * </ul>
 */
final class AnsweredInviteServerTransaction extends AnsweredServerTransaction {
    /** Timer G (Completed). */
    private TimerWheel.Timeout retransmit;
    /** Timer H (Completed), I (Confirmed) or L (Accepted): the one that ends the machine. */
    private TimerWheel.Timeout end;
    private long intervalG;

    private AnsweredInviteServerTransaction(IndexedServerTransaction live, TransactionState state, byte[] finalResponse,
            String finalToTag) {
        super(live, state, finalResponse, finalToTag);
    }

    /** The remnant of {@code live} after it sent a 2xx: Accepted (Timer L once started). */
    static AnsweredInviteServerTransaction accepted(IndexedServerTransaction live, String toTag) {
        return new AnsweredInviteServerTransaction(live, ACCEPTED, null, toTag);
    }

    /** The remnant of {@code live} after it sent a 3xx–6xx: Completed (Timers G and H once started). */
    static AnsweredInviteServerTransaction completed(IndexedServerTransaction live, byte[] response, String toTag) {
        return new AnsweredInviteServerTransaction(live, COMPLETED, response, toTag);
    }

    @Override
    void startTimers() {
        if (is(COMPLETED) && !reliable) {
            intervalG = timers.t1();
            retransmit = schedule(intervalG, this::timerG);
        }
        end = schedule(timers.timeout(), this); // H in Completed, L in Accepted: both 64·T1
    }

    /** Accepted is only Timer L's wait: absorb INVITEs, leave ACKs and 2xx to the TU (RFC 6026 §8.7). */
    @Override
    boolean compactable() {
        return is(ACCEPTED);
    }

    @Override
    boolean isInvite() {
        return true;
    }

    @Override
    boolean receiveAck(SipRequest ack) {
        if (is(ACCEPTED)) return false;
        if (is(COMPLETED)) {
            state(CONFIRMED);
            cancel(retransmit);
            cancel(end);
            retransmit = null;
            long i = timers.timerI(reliable);
            if (i == 0) terminate();
            else end = schedule(i, this);
        }
        return true;
    }

    @Override
    void sendFromTu(OutgoingResponse r, CompletableFuture<Flow> result) {
        // RFC 6026 Figure 7: "2xx from TU: send response" (the UAS core's retransmissions).
        TransactionState s = state(); // Terminated once a slab entry's time is over
        if (s == ACCEPTED && r.isSuccess()) transmit(r.bytes(), result);
        else if (s == ACCEPTED) refuse(result, "INVITE already answered with 2xx");
        else refuse(result, "INVITE transaction is " + s + ": final response already sent");
    }

    /** The timer that ends the machine fired: H in Completed, I in Confirmed, L in Accepted. */
    @Override
    public void run() {
        if (is(COMPLETED)) timerH();
        else terminate();
    }

    private void timerG() {
        if (!is(COMPLETED)) return;
        transmit(finalResponse);
        intervalG = Math.min(2 * intervalG, timers.t2());
        retransmit = schedule(intervalG, this::timerG);
    }

    private void timerH() {
        if (!is(COMPLETED)) return;
        terminate();
        ctx.serverFailure(this, "Timer H: no ACK for the final response");
    }

    @Override
    void cancelTimers() {
        cancel(retransmit);
        cancel(end);
    }
}
