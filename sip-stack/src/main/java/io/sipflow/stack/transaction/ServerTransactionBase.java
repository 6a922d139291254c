package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A server transaction (§17.2) as the TU sees it, with its request: until its final response it
 * absorbs request retransmissions, resends the latest provisional for them, and carries the
 * TU's responses along the request's {@link ResponseRoute}. With the final response it hands
 * the rest of its machine to a small remnant that takes its place in the table
 * ({@link IndexedServerTransaction} says why) and from then on forwards to it: state, further
 * responses from the TU, a retransmission or ACK handed to it directly.
 * Everything but the accessors runs on the shard; {@link #respond} hops there.
 */
abstract class ServerTransactionBase extends IndexedServerTransaction implements ServerTransaction {
    final SipRequest request;
    final Flow flow;
    /** The To tag's random bits, drawn at once; formatted only when a response needs it. */
    private final long localTagBits;
    /** The formatted tag; racy but idempotent (every thread formats the same bits). */
    private String localTag;
    private volatile boolean cancelled;
    /** The remnant running the machine after the final response; written once, on the shard. */
    private volatile IndexedServerTransaction answered;

    /** How the TU hears about this transaction: its events in order. Set by the layer. */
    Executor tu;

    ServerTransactionBase(TransactionContext ctx, TransactionState initial, SipRequest request, Flow flow,
            ResponseRoute route) {
        super(ctx, initial, request.method(), route, flow.transport().isReliable());
        this.request = request;
        this.flow = flow;
        this.localTagBits = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    /** Called once the transaction is indexed; may send (100 Trying). */
    abstract void start();

    /** A retransmission of the request before the final response. */
    abstract void retransmissionBeforeFinal(SipRequest retransmission, Flow from);

    /** A response from the TU before the final response went out. */
    abstract void sendBeforeFinal(OutgoingResponse response, CompletableFuture<Flow> result);

    /**
     * The final response is being sent: {@code next} takes this transaction's place in the
     * table and runs the rest of the machine; this one stops its own timers and forwards.
     */
    final void handOver(AnsweredServerTransaction next) {
        cancelTimers();
        next.keys(matchKey, mergeKey, requestToTag);
        if (!ctx.replaced(this, next)) next.startTimers();
        state(next.state());
        answered = next;
    }

    @Override
    public final TransactionState state() {
        IndexedServerTransaction a = answered;
        return a != null ? a.state() : super.state();
    }

    @Override
    final void receiveRetransmission(SipRequest retransmission, Flow from) {
        IndexedServerTransaction a = answered;
        if (a != null) a.receiveRetransmission(retransmission, from);
        else retransmissionBeforeFinal(retransmission, from);
    }

    @Override
    final boolean receiveAck(SipRequest ack) {
        IndexedServerTransaction a = answered;
        return a == null || a.receiveAck(ack);
    }

    @Override
    final void sendFromTu(OutgoingResponse response, CompletableFuture<Flow> result) {
        IndexedServerTransaction a = answered;
        if (a != null) a.sendFromTu(response, result);
        else sendBeforeFinal(response, result);
    }

    @Override
    final String finalToTag() {
        IndexedServerTransaction a = answered;
        return a == null ? null : a.finalToTag();
    }

    @Override
    final String toTagForCancel() {
        return localTag();
    }

    @Override
    public final CompletableFuture<Flow> respond(SipResponse response) {
        CompletableFuture<Flow> result = new CompletableFuture<>();
        OutgoingResponse out;
        try {
            out = OutgoingResponse.of(response);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        ctx.shard().run(() -> sendFromTu(out, result));
        return result;
    }

    final void markCancelled() {
        cancelled = true;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String localTag() {
        String t = localTag;
        if (t == null) localTag = t = Tokens.tag(localTagBits);
        return t;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
