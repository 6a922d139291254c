package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.ACCEPTED;
import static io.sipflow.stack.transaction.TransactionState.CALLING;
import static io.sipflow.stack.transaction.TransactionState.COMPLETED;
import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;

import io.sipflow.message.Header;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;

/**
 * The INVITE client transaction: RFC 3261 §17.1.1 (Figure 5) as updated by RFC 6026 §8.4
 * (Figure 5 there): Calling → Proceeding → Completed / Accepted → Terminated.
 * <ul>
 * <li>Timer A (unreliable only): retransmit at T1, 2·T1, 4·T1… while Calling (no T2 cap for INVITE).
 * <li>Timer B: 64·T1 in Calling without any response → Terminated, TU told (408).
 * <li>1xx → Proceeding (A and B stop). 3xx–6xx → Completed: the transaction ACKs it
 *     (§17.1.1.3), and re-ACKs each retransmission until Timer D (≥ 32 s unreliable, 0 reliable).
 * <li>2xx → Accepted (RFC 6026): further 2xx (retransmissions, other forks) go to the TU, which
 *     ACKs them itself; Timer M (64·T1) ends the transaction.
 * <li>Timer C (proxies, §16.8, optional): without a final response — as 408 in Calling, a
 *     CANCEL request to the TU in Proceeding.
 * </ul>
 */
final class InviteClientTransaction extends ClientTransactionBase {
    private TimerWheel.Timeout timerA;
    private TimerWheel.Timeout timerB;
    private TimerWheel.Timeout timerC;
    private TimerWheel.Timeout timerD;
    private TimerWheel.Timeout timerM;
    private long intervalA;
    private byte[] ack;

    InviteClientTransaction(TransactionContext ctx, OutgoingRequest request, Destination destination, Flow reuse,
            ClientTransactionUser user) {
        super(ctx, CALLING, request, destination, reuse, user);
    }

    @Override
    void start() {
        transmit();
        if (!reliable) {
            intervalA = timers.t1();
            timerA = schedule(intervalA, this::timerA);
        }
        timerB = schedule(timers.timeout(), this::timerB);
        if (timers.timerC() > 0) timerC = schedule(timers.timerC(), this::timerC);
    }

    private void timerA() {
        if (!is(CALLING)) return;
        transmit();
        intervalA *= 2;
        timerA = schedule(intervalA, this::timerA);
    }

    private void timerB() {
        if (!is(CALLING)) return;
        terminate();
        user.timedOut();
    }

    private void timerC() {
        if (is(CALLING)) {
            // §16.8: no provisional yet — behave as if a 408 had arrived.
            terminate();
            user.timedOut();
        } else if (is(PROCEEDING)) {
            user.timerCFired();
        }
    }

    @Override
    void receiveResponse(SipResponse response, Flow flow) {
        int status = response.status();
        switch (state()) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    state(PROCEEDING);
                    cancel(timerA);
                    cancel(timerB);
                    if (timers.timerC() > 0) {
                        // §16.6 step 11: every provisional response restarts Timer C.
                        cancel(timerC);
                        timerC = schedule(timers.timerC(), this::timerC);
                    }
                    user.provisional(response, flow);
                } else if (status < 300) {
                    state(ACCEPTED);
                    cancelTimers();
                    timerM = schedule(timers.timeout(), this::terminate);
                    user.finalResponse(response, flow);
                } else {
                    state(COMPLETED);
                    cancelTimers();
                    sendAck(response, flow);
                    long d = timers.timerD(reliable);
                    if (d == 0) terminate();
                    else timerD = schedule(d, this::terminate);
                    user.finalResponse(response, flow);
                }
            }
            case COMPLETED -> {
                // A retransmitted final response: ACK again, do not pass it up (§17.1.1.2).
                if (status >= 300) sendAck(response, flow);
            }
            case ACCEPTED -> {
                if (status >= 200 && status < 300) user.additionalSuccess(response, flow);
            }
            default -> {}
        }
    }

    /** §17.1.1.3: sent where the INVITE went (on the response's connection when there is one). */
    private void sendAck(SipResponse response, Flow flow) {
        if (ack == null) {
            ack = request.snapshot().ack(response.header(Header.TO.name())).toBytes();
        }
        Flow via = flow != null && flow.transport().isConnectionOriented() ? flow : reuse;
        watch(ctx.send(ack, destination, via));
    }

    @Override
    void transportError(Throwable cause) {
        switch (state()) {
            case CALLING, PROCEEDING -> {
                terminate();
                user.transportFailed(cause);
            }
            case COMPLETED -> terminate();
            default -> {}
        }
    }

    /** Ends the transaction without telling the TU (the INVITE was cancelled and never answered, §9.1). */
    void abandon() {
        terminate();
    }

    @Override
    void cancelTimers() {
        cancel(timerA);
        cancel(timerB);
        cancel(timerC);
        cancel(timerD);
        cancel(timerM);
    }
}
