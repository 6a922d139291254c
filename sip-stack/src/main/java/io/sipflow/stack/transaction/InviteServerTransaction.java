package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.ACCEPTED;
import static io.sipflow.stack.transaction.TransactionState.COMPLETED;
import static io.sipflow.stack.transaction.TransactionState.CONFIRMED;
import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The INVITE server transaction: RFC 3261 §17.2.1 (Figure 7) as updated by RFC 6026 §8.5–8.7
 * (Figure 7 there): Proceeding → Completed → Confirmed → Terminated, or Proceeding →
 * Accepted → Terminated for a 2xx.
 * <ul>
 * <li>{@code 100 Trying} after {@link TimerConfig#trying100()} unless the TU answered first
 *     (§17.2.1); a retransmitted INVITE before that gets it at once.
 * <li>Proceeding: a retransmitted INVITE gets the latest provisional again.
 * <li>3xx–6xx → Completed: Timer G (unreliable) resends it at T1, doubling up to T2, and so
 *     does each retransmitted INVITE; Timer H (64·T1) without ACK → Terminated, TU told.
 * <li>ACK → Confirmed: Timer I (T4 unreliable, 0 reliable) absorbs further ACKs.
 * <li>2xx → Accepted (RFC 6026): retransmitted INVITEs absorbed, further 2xx from the TU sent,
 *     ACKs are the TU's (they match no transaction); Timer L (64·T1) ends it. The 2xx itself
 *     is retransmitted by the UAS core ({@link SuccessRetransmitter}, §13.3.1.4).
 * </ul>
 */
final class InviteServerTransaction extends ServerTransactionBase {
    private final RequestSnapshot snapshot;
    private TimerWheel.Timeout timer100;
    private TimerWheel.Timeout timerG;
    private TimerWheel.Timeout timerH;
    private TimerWheel.Timeout timerI;
    private TimerWheel.Timeout timerL;
    private long intervalG;
    /** To tag of the latest provisional sent, reused by a stack-generated 487. */
    private String provisionalToTag;
    /** The stack sent its own 100 Trying (rebuilt, not stored, for retransmitted INVITEs). */
    private boolean sent100;

    InviteServerTransaction(TransactionContext ctx, SipRequest request, Flow flow, ResponseRoute route,
            RequestSnapshot snapshot) {
        super(ctx, PROCEEDING, request, flow, route);
        this.snapshot = snapshot;
    }

    @Override
    public boolean isInvite() {
        return true;
    }

    RequestSnapshot snapshot() {
        return snapshot;
    }

    @Override
    void start() {
        if (timers.trying100() == 0) send100();
        else timer100 = schedule(timers.trying100(), this::timer100);
    }

    private void timer100() {
        timer100 = null;
        if (is(PROCEEDING) && lastProvisional == null) send100();
    }

    /**
     * The stack's own 100 Trying. Not kept: a retransmitted INVITE gets it rebuilt from the
     * snapshot (same bytes), so an unanswered transaction holds no response copy.
     */
    private void send100() {
        sent100 = true;
        transmit(snapshot.response(100, null, null).toBytes());
    }

    @Override
    void receiveRetransmission(SipRequest retransmission, Flow from) {
        switch (state()) {
            case PROCEEDING -> {
                if (lastProvisional != null) {
                    transmit(lastProvisional);
                } else if (sent100) {
                    send100();
                } else {
                    // The TU is slow and the client is retransmitting: quench it now.
                    cancel(timer100);
                    timer100 = null;
                    send100();
                }
            }
            case COMPLETED -> transmit(finalResponse);
            default -> {} // Accepted absorbs (RFC 6026 §8.7); Confirmed too
        }
    }

    /**
     * An ACK matched by the §17.2.3 rules. Returns false when it is not this transaction's to
     * absorb: in Accepted it acknowledges a 2xx and belongs to the TU (RFC 6026 §8.7).
     */
    boolean receiveAck(SipRequest ack) {
        switch (state()) {
            case COMPLETED -> {
                state(CONFIRMED);
                cancel(timerG);
                cancel(timerH);
                long i = timers.timerI(reliable);
                if (i == 0) terminate();
                else timerI = schedule(i, this::terminate);
                return true;
            }
            case ACCEPTED -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    @Override
    void sendFromTu(OutgoingResponse r, CompletableFuture<Flow> result) {
        if (is(ACCEPTED)) {
            // RFC 6026 Figure 7: "2xx from TU: send response" (the UAS core's retransmissions).
            if (r.isSuccess()) transmit(r.bytes(), result);
            else refuse(result, "INVITE already answered with 2xx");
            return;
        }
        if (!is(PROCEEDING)) {
            refuse(result, "INVITE transaction is " + state() + ": final response already sent");
            return;
        }
        cancel(timer100);
        timer100 = null;
        if (r.isProvisional()) {
            lastProvisional = r.bytes();
            provisionalToTag = r.toTag();
            transmit(r.bytes(), result);
        } else if (r.isSuccess()) {
            state(ACCEPTED);
            lastProvisional = null; // Accepted absorbs retransmissions: nothing to resend
            finalToTag = r.toTag();
            timerL = schedule(timers.timeout(), this::terminate);
            transmit(r.bytes(), result);
            ctx.successSent(this, r);
        } else {
            state(COMPLETED);
            lastProvisional = null;
            finalResponse = r.bytes();
            finalToTag = r.toTag();
            transmit(r.bytes(), result);
            if (!reliable) {
                intervalG = timers.t1();
                timerG = schedule(intervalG, this::timerG);
            }
            timerH = schedule(timers.timeout(), this::timerH);
        }
    }

    private void timerG() {
        if (!is(COMPLETED)) return;
        transmit(finalResponse);
        intervalG = Math.min(2 * intervalG, timers.t2());
        timerG = schedule(intervalG, this::timerG);
    }

    private void timerH() {
        if (!is(COMPLETED)) return;
        terminate();
        ctx.serverFailure(this, "Timer H: no ACK for the final response");
    }

    /**
     * A CANCEL matched this transaction (§9.2). Returns true when the INVITE was still
     * unanswered; with {@code answer487} the transaction then answers it with 487.
     */
    boolean cancelled(boolean answer487) {
        if (!is(PROCEEDING)) return false;
        markCancelled();
        if (answer487) {
            String tag = provisionalToTag != null ? provisionalToTag : localTag();
            sendFromTu(OutgoingResponse.of(snapshot.response(487, null, tag)), new CompletableFuture<>());
        }
        return true;
    }

    @Override
    void transportError(Throwable cause) {
        if (is(PROCEEDING) || is(COMPLETED)) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }

    @Override
    void cancelTimers() {
        cancel(timer100);
        cancel(timerG);
        cancel(timerH);
        cancel(timerI);
        cancel(timerL);
    }
}
