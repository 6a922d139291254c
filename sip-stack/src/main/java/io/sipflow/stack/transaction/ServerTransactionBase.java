package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A server transaction (§17.2): absorbs request retransmissions, resends the latest response
 * for them, and carries the TU's responses along the request's {@link ResponseRoute}.
 * Everything but the accessors runs on the shard; {@link #respond} hops there.
 */
abstract class ServerTransactionBase extends Transaction implements ServerTransaction {
    final SipRequest request;
    final Flow flow;
    final String method;
    final ResponseRoute route;
    final boolean reliable;
    /** The To tag's random bits, drawn at once; formatted only when a response needs it. */
    private final long localTagBits;
    /** The formatted tag; racy but idempotent (every thread formats the same bits). */
    private String localTag;
    private volatile boolean cancelled;

    /** How the TU hears about this transaction: its events in order. Set by the layer. */
    Executor tu;
    /** Matching keys and the bucket chain of {@link ServerTransactionTable}; shard-owned. */
    ServerTransactionTable.Keys keys;
    ServerTransactionBase nextInBucket;

    /** The latest provisional / the final response, as sent (for retransmissions). */
    byte[] lastProvisional;
    byte[] finalResponse;
    /** To tag of the final response (RFC 2543 ACK matching compares it, §17.2.3). */
    String finalToTag;

    ServerTransactionBase(TransactionContext ctx, TransactionState initial, SipRequest request, Flow flow,
            ResponseRoute route) {
        super(ctx, initial);
        this.request = request;
        this.flow = flow;
        this.method = request.method();
        this.route = route;
        this.reliable = flow.transport().isReliable();
        this.localTagBits = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    /** Called once the transaction is indexed; may send (100 Trying). */
    abstract void start();

    /** A retransmission of the request matched this transaction (§17.2.3). */
    abstract void receiveRetransmission(SipRequest retransmission, Flow from);

    /** A response from the TU, on the shard. */
    abstract void sendFromTu(OutgoingResponse response, CompletableFuture<Flow> result);

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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + method + " " + state() + "]";
    }
}
