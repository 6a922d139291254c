package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * A server transaction as the §17.2.3 table holds it: its matching keys and what its state
 * machine needs to answer a retransmission, an ACK or a CANCEL on the shard. Two kinds:
 * <ul>
 * <li>until the final response, the whole transaction with its request, shared with the TU
 *     ({@link ServerTransactionBase});
 * <li>from the final response on, a small remnant that runs the rest of the machine
 *     (Completed/Confirmed/Accepted, timers G, H, I, J, L) and keeps only keys, route and the
 *     final response bytes ({@link AnsweredInviteServerTransaction},
 *     {@link AnsweredNonInviteServerTransaction}).
 * </ul>
 * Why two: a transaction outlives its request's usefulness by 64·T1 (Timer J for a non-INVITE
 * over UDP, RFC 6026 Timer L for an accepted INVITE). Holding the request and its parsed
 * headers for those 32 s multiplied the memory of every call and made old-generation garbage
 * collection the limit of the call rate; the remnant keeps a few hundred bytes instead.
 * The two commonest remnants — an INVITE in Accepted, a non-INVITE in Completed over UDP —
 * are not even objects in the table: the shard keeps their keys and bytes in its
 * {@link RemnantSlab}, because tens of thousands of 32-second-lived objects, however small,
 * made every young collection copy them (pauses of 50–150 ms at 8,000 calls/s).
 */
abstract class IndexedServerTransaction extends Transaction {
    final String method;
    final ResponseRoute route;
    final boolean reliable;
    /**
     * The keys of {@link ServerTransactionTable} (§17.2.3 match key, §8.2.2.2 merge key or null,
     * the request's To tag) and its bucket chain; shard-owned. Fields, not a record: one object
     * fewer per transaction, and the remnant lives 32 s.
     */
    Object matchKey;
    ServerTransactionTable.MergeKey mergeKey;
    String requestToTag;
    IndexedServerTransaction nextInBucket;

    IndexedServerTransaction(TransactionContext ctx, TransactionState initial, String method, ResponseRoute route,
            boolean reliable) {
        super(ctx, initial);
        this.method = method;
        this.route = route;
        this.reliable = reliable;
    }

    final void keys(Object match, ServerTransactionTable.MergeKey merge, String toTag) {
        matchKey = match;
        mergeKey = merge;
        requestToTag = toTag;
    }

    /** True for an INVITE server transaction (an ACK can match only those). */
    abstract boolean isInvite();

    /** A retransmission of the request matched this transaction (§17.2.3). */
    abstract void receiveRetransmission(SipRequest retransmission, Flow from);

    /**
     * An ACK matched by the §17.2.3 rules. Returns false when it is not this transaction's to
     * absorb: in Accepted it acknowledges a 2xx and belongs to the TU (RFC 6026 §8.7).
     */
    boolean receiveAck(SipRequest ack) {
        return true;
    }

    /** A response from the TU, on the shard. */
    abstract void sendFromTu(OutgoingResponse response, CompletableFuture<Flow> result);

    /**
     * The To tag of the final response, or null before one: RFC 2543 ACK matching compares it
     * (§17.2.3), and the 200 to a CANCEL carries it (§9.2).
     */
    abstract String finalToTag();

    /** The To tag of the 200 to a CANCEL matching this transaction (§9.2: as in its responses). */
    abstract String toTagForCancel();

    /** {@code tag}, as the request's own To tag instance when equal (one String kept, not two). */
    static String sameTag(String tag, String requestToTag) {
        return tag != null && tag.equals(requestToTag) ? requestToTag : tag;
    }

    /** Sends (or resends) response bytes; failures come back through {@link #transportError}. */
    final CompletableFuture<Flow> transmit(byte[] bytes) {
        return watch(ctx.sendResponse(bytes, route));
    }

    final void transmit(byte[] bytes, CompletableFuture<Flow> result) {
        transmit(bytes).whenComplete((f, e) -> {
            if (e != null) result.completeExceptionally(e);
            else result.complete(f);
        });
    }

    static void refuse(CompletableFuture<Flow> result, String why) {
        result.completeExceptionally(new IllegalStateException(why));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + method + " " + state() + "]";
    }
}
