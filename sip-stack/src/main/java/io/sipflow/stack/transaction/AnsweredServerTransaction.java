package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.COMPLETED;
import static io.sipflow.stack.transaction.TransactionState.TERMINATED;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;

/**
 * What both remnants of an answered server transaction share ({@link IndexedServerTransaction}
 * says why they exist): the final response as sent, resent for each retransmitted request
 * while Completed (§17.2.1, §17.2.2), its To tag, and the end of the machine on a transport
 * error in Completed (§17.2.4). Implements {@link Runnable} so that the remnant is its own
 * timer task: one object fewer for the 32 s it lives.
 *
 * <p>A remnant the shard keeps in its {@link RemnantSlab} instead (Accepted, or a non-INVITE
 * Completed over UDP: {@link #compactable()}) is only the view of the transaction the TU still
 * holds: it is not in the matching table, runs no timers (the slab ends the entry at the same
 * 64·T1), and reads as Terminated from that time on.
 */
abstract class AnsweredServerTransaction extends IndexedServerTransaction implements Runnable {
    /** The final response sent, for retransmissions; null for a 2xx to INVITE (the TU resends it). */
    final byte[] finalResponse;
    private final String finalToTag;
    /** The slab entry holding this remnant, -1 when the remnant is itself in the table. */
    private int slabHandle = -1;
    /** When the slab entry ends (the 64·T1 timer of the machine), on {@link #clock}. */
    private long compactUntil;
    private Clock clock;

    AnsweredServerTransaction(IndexedServerTransaction live, TransactionState state, byte[] finalResponse,
            String finalToTag) {
        super(live.ctx, state, live.method, live.route, live.reliable);
        this.finalResponse = finalResponse;
        this.finalToTag = sameTag(finalToTag, live.requestToTag);
    }

    /** Starts the machine's timers: the remnant runs the rest of the machine itself. */
    abstract void startTimers();

    /** True when only the 64·T1 wait of this state is left, which the shard's slab can keep. */
    abstract boolean compactable();

    /** The shard keeps the remnant in its slab as entry {@code handle}, ending at {@code until}. */
    final void compacted(int handle, long until, Clock c) {
        slabHandle = handle;
        compactUntil = until;
        clock = c;
    }

    /** The slab entry, or -1. */
    final int slabHandle() {
        return slabHandle;
    }

    @Override
    public TransactionState state() {
        TransactionState s = super.state();
        // The slab ends the entry at the first timer tick at or after its time, as the timer did.
        if (slabHandle >= 0 && s != TERMINATED && clock.millis() >= compactUntil) return TERMINATED;
        return s;
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
        if (state() == COMPLETED) {
            terminate();
            ctx.serverFailure(this, "transport error: " + cause);
        }
    }
}
