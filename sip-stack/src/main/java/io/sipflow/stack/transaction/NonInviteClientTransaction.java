package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.COMPLETED;
import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;
import static io.sipflow.stack.transaction.TransactionState.TRYING;

import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;

/**
 * The non-INVITE client transaction, RFC 3261 §17.1.2 (Figure 6): Trying → Proceeding →
 * Completed → Terminated.
 * <ul>
 * <li>Timer E (unreliable only): retransmit at T1, doubling up to T2 while Trying; every T2 in Proceeding.
 * <li>Timer F: 64·T1 without a final response → Terminated, TU told (408).
 * <li>1xx → Proceeding; 2xx–6xx → Completed, passed up; retransmissions absorbed until
 *     Timer K (T4 unreliable, 0 reliable).
 * </ul>
 */
final class NonInviteClientTransaction extends ClientTransactionBase {
    private TimerWheel.Timeout timerE;
    private TimerWheel.Timeout timerF;
    private TimerWheel.Timeout timerK;
    private long intervalE;

    NonInviteClientTransaction(TransactionContext ctx, OutgoingRequest request, Destination destination, Flow reuse,
            ClientTransactionUser user) {
        super(ctx, TRYING, request, destination, reuse, user);
    }

    @Override
    void start() {
        transmit();
        if (!reliable) {
            intervalE = timers.t1();
            timerE = schedule(intervalE, this::timerE);
        }
        timerF = schedule(timers.timeout(), this::timerF);
    }

    private void timerE() {
        if (is(TRYING)) {
            intervalE = Math.min(2 * intervalE, timers.t2());
        } else if (is(PROCEEDING)) {
            intervalE = timers.t2();
        } else {
            return;
        }
        transmit();
        timerE = schedule(intervalE, this::timerE);
    }

    private void timerF() {
        if (!is(TRYING) && !is(PROCEEDING)) return;
        terminate();
        user.timedOut();
    }

    @Override
    void receiveResponse(SipResponse response, Flow flow) {
        if (!is(TRYING) && !is(PROCEEDING)) return; // Completed absorbs retransmissions
        if (response.status() < 200) {
            state(PROCEEDING);
            user.provisional(response, flow);
            return;
        }
        state(COMPLETED);
        cancelTimers();
        long k = timers.timerK(reliable);
        if (k == 0) terminate();
        else timerK = schedule(k, this::terminate);
        user.finalResponse(response, flow);
    }

    @Override
    void transportError(Throwable cause) {
        if (!is(TRYING) && !is(PROCEEDING)) return;
        terminate();
        user.transportFailed(cause);
    }

    @Override
    void cancelTimers() {
        cancel(timerE);
        cancel(timerF);
        cancel(timerK);
    }
}
