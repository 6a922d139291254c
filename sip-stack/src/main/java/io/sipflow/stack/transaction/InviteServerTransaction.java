package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The INVITE server transaction: RFC 3261 §17.2.1 (Figure 7) as updated by RFC 6026 §8.5–8.7
 * (Figure 7 there): Proceeding → Completed → Confirmed → Terminated, or Proceeding →
 * Accepted → Terminated for a 2xx. This class is Proceeding; the final response hands the
 * rest to an {@link AnsweredInviteServerTransaction}.
 * <ul>
 * <li>{@code 100 Trying} after {@link TimerConfig#trying100()} unless the TU answered first
 *     (§17.2.1); a retransmitted INVITE before that gets it at once.
 * <li>Proceeding: a retransmitted INVITE gets the latest provisional again.
 * <li>A CANCEL while Proceeding (§9.2) can answer the INVITE with 487.
 * <li>A 2xx is also retransmitted by the UAS core until its ACK ({@link SuccessRetransmitter},
 *     §13.3.1.4): it matches no transaction (RFC 6026).
 * </ul>
 */
final class InviteServerTransaction extends ServerTransactionBase {
    private final RequestSnapshot snapshot;
    private TimerWheel.Timeout timer100;
    /** The latest provisional sent, for a retransmitted INVITE. */
    private byte[] lastProvisional;
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
    void retransmissionBeforeFinal(SipRequest retransmission, Flow from) {
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

    @Override
    void sendBeforeFinal(OutgoingResponse r, CompletableFuture<Flow> result) {
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
            return;
        }
        lastProvisional = null;
        AnsweredInviteServerTransaction next = r.isSuccess()
                ? AnsweredInviteServerTransaction.accepted(this, r.toTag())
                : AnsweredInviteServerTransaction.completed(this, r.bytes(), r.toTag());
        handOver(next);
        next.transmit(r.bytes(), result);
        if (r.isSuccess()) ctx.successSent(this, r);
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
        if (is(PROCEEDING)) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }

    @Override
    void cancelTimers() {
        cancel(timer100);
        timer100 = null;
    }
}
