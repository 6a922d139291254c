package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TransportLayer;
import io.sipflow.stack.transport.TransportListener;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer of RFC 3261 §17 between the {@link TransportLayer} and the TU.
 *
 * <p><b>Threading.</b> Messages arrive on I/O threads, are validated and Via-stamped there,
 * and are handed to the shard owning their Call-ID (by default the shards are the I/O loops
 * themselves, so a message whose Call-ID the reading loop owns is handled in place); every
 * transaction, its timers and its tables live on that one shard thread, so nothing on the
 * per-message path locks. TU calls
 * (respond, send, cancel) hop to the shard; TU callbacks run on the shard when the TU is
 * non-blocking, otherwise on the configured executor, in order per transaction.
 *
 * <p>Also offers the stateless operations of a proxy or UA core: responses without a
 * transaction (§18.2.2 routing) and requests without a transaction.
 */
public final class TransactionLayer implements TransportListener {
    private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);

    private final TransportLayer transport;
    private final TransactionLayerConfig config;
    private final ShardContext[] shards;

    public TransactionLayer(TransportLayer transport, List<? extends Shard> shards, TransactionLayerConfig config) {
        if (shards.isEmpty()) throw new IllegalArgumentException("need at least one shard");
        this.transport = Objects.requireNonNull(transport);
        this.config = Objects.requireNonNull(config);
        this.shards = new ShardContext[shards.size()];
        int budget = (config.limits().maxTransactions() + shards.size() - 1) / shards.size();
        for (int i = 0; i < shards.size(); i++) this.shards[i] = new ShardContext(this, shards.get(i), config, budget);
    }

    public TransactionLayerConfig config() {
        return config;
    }

    public TransportLayer transport() {
        return transport;
    }

    /** Live transactions over all shards (approximate while traffic flows). */
    public int transactionCount() {
        int n = 0;
        for (ShardContext s : shards) n += s.live();
        return n;
    }

    /**
     * Of {@link #transactionCount()}, the answered transactions the shards keep in their
     * remnant slabs ({@link RemnantSlab}: INVITEs in Accepted, non-INVITEs in Completed over UDP).
     */
    public int slabRemnantCount() {
        int n = 0;
        for (ShardContext s : shards) n += s.compactRemnants();
        return n;
    }

    /** The shard that owns every transaction of this Call-ID. */
    public Shard shardFor(String callId) {
        return contextFor(callId).shard;
    }

    ShardContext contextFor(String callId) {
        int h = callId.hashCode();
        h ^= h >>> 16; // spread: Call-IDs often differ only in their tails
        return shards[Math.floorMod(h, shards.length)];
    }

    /** Where TU callbacks of one transaction run: the shard itself, or the executor in order. */
    Executor tuExecutor(ShardContext ctx) {
        Executor e = config.handlerExecutor();
        return e == null ? ctx.shard : new SerialExecutor(e);
    }

    // ------------------------------------------------------------------ inbound (I/O threads)

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        String callId;
        try {
            message.validate();
            callId = message.callId();
        } catch (SipParseException e) {
            // §8.1.3.3 / §16.7: a malformed response is dropped; a request is answered (400/505).
            if (message instanceof SipRequest) answerMalformed(e, flow);
            else log.debug("dropping invalid response from {}: {}", flow, e.getMessage());
            return;
        }
        if (message instanceof SipRequest r) ViaStamp.apply(r, flow);
        ShardContext ctx = contextFor(callId);
        // Shards on the I/O loops: handled where it was read when this loop owns the Call-ID.
        if (ctx.shard.inShard()) ctx.receive(message, flow);
        else ctx.shard.execute(() -> ctx.receive(message, flow));
    }

    @Override
    public void onParseError(SipParseException error, Flow flow) {
        answerMalformed(error, flow);
    }

    /**
     * Answers an unparsable request statelessly with the status and reason the codec chose
     * (400 naming the problem, 505, 513…), built from the headers that could be framed; drops
     * it when they are missing, and never answers an ACK (§17.1.1.3).
     */
    private void answerMalformed(SipParseException e, Flow flow) {
        SipResponse response = StatelessErrors.build(e);
        if (response == null) {
            log.debug("dropping unanswerable message from {}: {}", flow, e.getMessage());
            return;
        }
        // The Via may be what is broken: answer the packet's source (and connection) instead.
        sendBytes(response.toBytes(), flow.destination(), flow);
    }

    // ------------------------------------------------------------------ client side

    /** Sends a request through a client transaction to the next hop of its Route or Request-URI (§8.1.2). */
    public ClientTransaction sendRequest(SipRequest request, ResponseListener listener) {
        OutboundRequest o = outbound(request, listener);
        ShardContext ctx = contextFor(request.callId());
        SipUri target = nextHop(request);
        resolve(target).whenComplete((d, e) -> ctx.shard.execute(() -> o.begin(d, null, e)));
        return o;
    }

    /** Sends a request on a known flow (in-dialog over a connection, RFC 5923 / RFC 5626); no failover. */
    public ClientTransaction sendRequest(SipRequest request, Flow flow, ResponseListener listener) {
        OutboundRequest o = outbound(request, listener);
        ShardContext ctx = contextFor(request.callId());
        ctx.shard.execute(() -> o.begin(List.of(flow.destination()), flow, null));
        return o;
    }

    /** Sends a request to destinations chosen by the caller (e.g. a proxy's target set), with failover. */
    public ClientTransaction sendRequest(SipRequest request, List<Destination> destinations, ResponseListener listener) {
        OutboundRequest o = outbound(request, listener);
        ShardContext ctx = contextFor(request.callId());
        List<Destination> copy = List.copyOf(destinations);
        ctx.shard.execute(() -> o.begin(copy, null, null));
        return o;
    }

    private OutboundRequest outbound(SipRequest request, ResponseListener listener) {
        String m = request.method();
        if (SipMethod.ACK.equals(m)) throw new IllegalArgumentException("an ACK for a 2xx has no transaction: use sendAck (§13.2.2.4)");
        if (SipMethod.CANCEL.equals(m)) throw new IllegalArgumentException("CANCEL must reuse the INVITE's branch: use ClientTransaction.cancel() (§9.1)");
        if (request.callId() == null) throw new IllegalArgumentException("request has no Call-ID");
        completeHeaders(request);
        return new OutboundRequest(this, contextFor(request.callId()), request, listener);
    }

    /** §8.1.1.6: Max-Forwards 70 when absent; the configured User-Agent (§20.41). */
    private void completeHeaders(SipRequest request) {
        if (!request.has(Header.MAX_FORWARDS)) request.set(Header.MAX_FORWARDS, 70);
        if (config.userAgent() != null && !request.has(Header.USER_AGENT)) request.set(Header.USER_AGENT, config.userAgent());
    }

    /** §8.1.2: the first Route's URI when there is a route set (loose routing), else the Request-URI. */
    static SipUri nextHop(SipRequest request) {
        Address route = request.get(Header.ROUTE);
        Uri u = route != null ? route.uri() : request.requestUri();
        if (u instanceof SipUri s) return s;
        throw new IllegalArgumentException("next hop " + u + " is not a SIP URI; add a Route or give destinations");
    }

    private CompletableFuture<List<Destination>> resolve(SipUri uri) {
        try {
            return config.locator().locate(uri);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sends the ACK for a 2xx (§13.2.2.4): no transaction; a fresh branch in a new top Via
     * unless it already has one (resending the same ACK for a retransmitted 2xx); to the next
     * hop, or on {@code flow} when given.
     */
    public CompletableFuture<Flow> sendAck(SipRequest ack, Flow flow) {
        if (!SipMethod.ACK.equals(ack.method())) throw new IllegalArgumentException("not an ACK");
        if (ack.callId() == null) throw new IllegalArgumentException("ACK has no Call-ID");
        completeHeaders(ack);
        return onShard(ack.callId(), () -> sendAckNow(ack, flow));
    }

    /**
     * Runs a stateless send on the shard of its Call-ID, as every transaction send is: the
     * messages of one call then leave in the order the TU issued them (an ACK before the BYE
     * that follows it), from one thread and one socket.
     */
    private CompletableFuture<Flow> onShard(String callId, java.util.function.Supplier<CompletableFuture<Flow>> send) {
        if (callId == null) return send.get(); // no call to keep in order
        Shard shard = contextFor(callId).shard;
        if (shard.inShard()) return send.get();
        CompletableFuture<Flow> result = new CompletableFuture<>();
        shard.execute(() -> {
            CompletableFuture<Flow> sent;
            try {
                sent = send.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((f, e) -> {
                if (e != null) result.completeExceptionally(e);
                else result.complete(f);
            });
        });
        return result;
    }

    private CompletableFuture<Flow> sendAckNow(SipRequest ack, Flow flow) {
        if (flow != null) {
            addViaIfMissing(ack, flow.listenPoint(), flow.destination());
            return sendBytes(ack.toBytes(), flow.destination(), flow);
        }
        return resolve(nextHop(ack)).thenCompose(ds -> {
            Destination d = first(ds);
            ListenPoint lp = listenPointFor(d);
            if (lp == null) return CompletableFuture.failedFuture(new IOException("no listen point for " + d.transport()));
            addViaIfMissing(ack, lp, d);
            return sendBytes(ack.toBytes(), d, null);
        });
    }

    private static void addViaIfMissing(SipRequest r, ListenPoint lp, Destination d) {
        if (r.has(Header.VIA)) return;
        r.addFirst(Header.VIA, Via.of(d.transport().viaName(), lp.viaHost(), lp.viaPort(), Tokens.branch()).withParam("rport", null));
    }

    ListenPoint listenPointFor(Destination d) {
        return transport.listenPointFor(d.transport(), d.address().getAddress() instanceof Inet6Address);
    }

    // ------------------------------------------------------------------ stateless

    /** Sends a response without a transaction, routed by its top Via per §18.2.2 / RFC 3581. */
    public CompletableFuture<Flow> sendResponseStateless(SipResponse response, Flow requestFlow) {
        Via top = response.topVia();
        if (top == null) return CompletableFuture.failedFuture(new IllegalArgumentException("response has no Via"));
        byte[] bytes = response.toBytes();
        ResponseRoute route = ResponseRoute.of(top, requestFlow);
        return onShard(response.callId(), () -> sendResponse(bytes, route));
    }

    /**
     * Sends a request without a transaction, exactly as given (a stateless proxy adds its own
     * Via first, §16.11), to {@code destination} or on {@code reuse}; with neither, to the
     * first destination of its next hop.
     */
    public CompletableFuture<Flow> sendRequestStateless(SipRequest request, Destination destination, Flow reuse) {
        byte[] bytes = request.toBytes();
        if (destination != null || reuse != null) return onShard(request.callId(), () -> sendBytes(bytes, destination, reuse));
        SipUri next = nextHop(request);
        return onShard(request.callId(), () -> resolve(next).thenCompose(ds -> sendBytes(bytes, first(ds), null)));
    }

    // ------------------------------------------------------------------ transport

    CompletableFuture<Flow> sendBytes(byte[] bytes, Destination destination, Flow reuse) {
        try {
            return transport.sendBytes(bytes, destination, reuse);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<Flow> sendResponse(byte[] bytes, ResponseRoute route) {
        if (!route.needsResolution()) return sendBytes(bytes, route.destination(), route.flow());
        CompletableFuture<List<Destination>> located;
        try {
            // RFC 3263 §5: the sent-by as written (no port means SRV for a name).
            located = config.locator().locateForResponse(route.host(), route.sentByPort(), route.transport());
        } catch (RuntimeException e) {
            located = CompletableFuture.failedFuture(e);
        }
        return located.thenCompose(ds -> sendBytes(bytes, first(ds), route.flow()));
    }

    private static Destination first(List<Destination> ds) {
        if (ds == null || ds.isEmpty()) throw new CompletionException(new UnknownHostException("no destination"));
        return ds.get(0);
    }
}
