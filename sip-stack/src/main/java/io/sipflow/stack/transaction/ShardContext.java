package io.sipflow.stack.transaction;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Via;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the transaction layer keeps for one shard: the server transactions (by the
 * §17.2.3 rules; the answered ones that only wait out 64·T1 in a {@link RemnantSlab}, matched
 * after the live table), the client transactions (by branch and CSeq method, §17.1.3), the 2xx
 * retransmitters waiting for their ACK (§13.3.1.4), and the count against the shard's share
 * of {@link StackLimits}. Touched only on the shard thread, so plain maps and ints.
 */
final class ShardContext implements TransactionContext {
    private static final Logger log = LoggerFactory.getLogger(ShardContext.class);

    /** §17.1.3: a response matches by the branch of its top Via and its CSeq method. */
    record ClientKey(String branch, String method) {}

    final TransactionLayer layer;
    final Shard shard;
    final TransactionLayerConfig config;
    final ServerTransactionTable servers = new ServerTransactionTable();
    /** The answered remnants that only wait out 64·T1, without objects (matched after {@link #servers}). */
    final RemnantSlab remnants;
    private final Map<ClientKey, ClientTransactionBase> clients = new HashMap<>();
    private final Map<SuccessRetransmitter.AckKey, SuccessRetransmitter> successes = new HashMap<>();
    private final InboundRequests inbound;
    /** The route of the latest new server transaction, shared by the next one when equal. */
    ResponseRoute lastRoute;
    private final int budget;
    private int live;
    /** {@link #live} for readers on other threads (monitoring only). */
    private volatile int liveView;
    /** {@link RemnantSlab#size()} for readers on other threads (monitoring only). */
    private volatile int remnantsView;
    /** The one timer that ends slab entries: due at the oldest entry's time. */
    private TimerWheel.Timeout remnantTimer;
    private final Runnable expireRemnants = this::expireRemnants;

    ShardContext(TransactionLayer layer, Shard shard, TransactionLayerConfig config, int budget) {
        this(layer, shard, config, budget, new RemnantSlab());
    }

    ShardContext(TransactionLayer layer, Shard shard, TransactionLayerConfig config, int budget, RemnantSlab remnants) {
        this.layer = layer;
        this.shard = shard;
        this.config = config;
        this.budget = budget;
        this.remnants = remnants;
        this.inbound = new InboundRequests(this);
    }

    @Override
    public Shard shard() {
        return shard;
    }

    @Override
    public TimerConfig timerConfig() {
        return config.timers();
    }

    @Override
    public CompletableFuture<Flow> send(byte[] bytes, Destination destination, Flow reuse) {
        return layer.sendBytes(bytes, destination, reuse);
    }

    @Override
    public CompletableFuture<Flow> sendResponse(byte[] bytes, ResponseRoute route) {
        return layer.sendResponse(bytes, route);
    }

    // ------------------------------------------------------------------ bookkeeping

    /** True when the shard may take one more transaction. */
    boolean admit() {
        return live < budget;
    }

    int live() {
        return liveView;
    }

    /** Remnants held in the slab (they count in {@link #live()} too). */
    int compactRemnants() {
        return remnantsView;
    }

    void addServer(IndexedServerTransaction tx) {
        servers.add(tx);
        count(+1);
    }

    void addClient(ClientTransactionBase tx) {
        clients.put(new ClientKey(tx.branch(), tx.method()), tx);
        count(+1);
    }

    private void count(int delta) {
        live += delta;
        liveView = live;
    }

    @Override
    public void terminated(Transaction tx) {
        if (tx instanceof AnsweredServerTransaction a && a.slabHandle() >= 0) {
            // A view of a slab entry (its send failed, §17.2.4): the entry goes, the count with it.
            if (remnants.remove(a.slabHandle())) remnantGone(1);
        } else if (tx instanceof IndexedServerTransaction s) {
            if (servers.remove(s)) count(-1);
        } else if (tx instanceof ClientTransactionBase c) {
            if (clients.remove(new ClientKey(c.branch(), c.method()), c)) count(-1);
        }
    }

    @Override
    public void successSent(InviteServerTransaction tx, OutgoingResponse response) {
        RequestSnapshot s = tx.snapshot();
        SuccessRetransmitter.AckKey key = new SuccessRetransmitter.AckKey(s.callId(), s.cseq(), response.toTag());
        SuccessRetransmitter[] self = new SuccessRetransmitter[1];
        self[0] = new SuccessRetransmitter(shard.timers(), config.timers(),
                () -> layer.sendResponse(response.bytes(), tx.route),
                () -> {
                    successes.remove(key, self[0]);
                    RequestHandler h = config.handler();
                    if (h != null) tx.tu.execute(() -> h.onAckTimeout(tx, response.response()));
                });
        SuccessRetransmitter previous = successes.put(key, self[0]);
        if (previous != null) previous.stop();
        self[0].start(tx.reliable);
    }

    /**
     * The remnant goes to the slab when it only waits out 64·T1 and its keys fit there (an
     * RFC 3261 branch, US-ASCII); otherwise it takes the transaction's place in the table. The
     * transaction stays counted either way: the limit counts remnants as it always did.
     */
    @Override
    public boolean replaced(IndexedServerTransaction tx, AnsweredServerTransaction next) {
        if (next.compactable() && tx.matchKey instanceof ServerTransactionTable.BranchKey key) {
            Clock clock = shard.timers().clock();
            long until = clock.millis() + config.timers().timeout(); // Timer L or J: 64·T1
            boolean invite = next.isInvite();
            int h = remnants.add(until, invite, key, next.method, next.finalToTag(), tx.mergeKey,
                    invite ? null : next.finalResponse, invite ? null : next.route);
            if (h >= 0) {
                servers.remove(tx);
                next.compacted(h, until, clock);
                remnantsView = remnants.size();
                if (remnantTimer == null) scheduleRemnantExpiry();
                return true;
            }
        }
        servers.replace(tx, next);
        return false;
    }

    private void scheduleRemnantExpiry() {
        long next = remnants.nextExpiry();
        if (next == Long.MAX_VALUE) {
            remnantTimer = null;
            return;
        }
        remnantTimer = shard.timers().schedule(next - shard.timers().clock().millis(), expireRemnants);
    }

    /** The oldest entries' 64·T1 is over: Timer L (Accepted) or J (Completed) fired for them. */
    private void expireRemnants() {
        int n = remnants.expire(shard.timers().clock().millis());
        if (n > 0) remnantGone(n);
        scheduleRemnantExpiry();
    }

    private void remnantGone(int n) {
        count(-n);
        remnantsView = remnants.size();
    }

    /**
     * A request matched no live transaction (§17.2.3, table first): true when it belongs to a
     * slab entry and was handled — an INVITE absorbed in Accepted (RFC 6026 §8.7), a
     * non-INVITE answered with its final response again (§17.2.2).
     */
    boolean retransmissionOfRemnant(SipRequest r, Object key) {
        if (!(key instanceof ServerTransactionTable.BranchKey bk) || remnants.size() == 0) return false;
        int h = remnants.find(bk, r.method());
        if (h < 0) return false;
        if (!remnants.isInvite(h)) {
            ResponseRoute route = remnants.route(h);
            layer.sendResponse(remnants.response(h), route).whenComplete((f, e) -> {
                if (e != null) shard.execute(() -> remnantTransportError(h, e));
            });
        }
        return true;
    }

    /** §17.2.4: a failed send of the final response ends the transaction. */
    private void remnantTransportError(int handle, Throwable cause) {
        if (remnants.remove(handle)) {
            remnantGone(1);
            log.debug("answered transaction failed: transport error: {}", cause.toString());
        }
    }

    /**
     * The slab entry a CANCEL with no live target matches (§9.2), or -1; the 200 to the CANCEL
     * then carries {@link RemnantSlab#toTag}.
     */
    int cancelTargetRemnant(Object key) {
        if (!(key instanceof ServerTransactionTable.BranchKey bk) || remnants.size() == 0) return -1;
        return remnants.findForCancel(bk);
    }

    /** True when a new request without To tag merges with a slab entry's request (§8.2.2.2). */
    boolean mergesWithRemnant(SipRequest r) {
        if (remnants.size() == 0 || r.to().tag() != null) return false;
        String fromTag = r.from().tag();
        return fromTag != null && remnants.findMerged(fromTag, r.callId(), r.cseq().seq(), r.method()) >= 0;
    }

    @Override
    public void serverFailure(IndexedServerTransaction tx, String why) {
        log.debug("{} failed: {}", tx, why);
    }

    // ------------------------------------------------------------------ inbound

    void receive(SipMessage message, Flow flow) {
        if (message instanceof SipRequest r) inbound.receive(r, flow);
        else receiveResponse((SipResponse) message, flow);
    }

    /** §17.1.3 matching, then the §18.1.2 sent-by check; unmatched responses are stray. */
    private void receiveResponse(SipResponse r, Flow flow) {
        Via top = r.topVia();
        String branch = top.branch();
        ClientTransactionBase tx = branch == null ? null : clients.get(new ClientKey(branch, r.cseq().method()));
        if (tx != null && tx.request.sentByMatches(top)) {
            tx.receiveResponse(r, flow);
            return;
        }
        RequestHandler h = config.handler();
        if (h != null) tuDirect().execute(() -> h.onStrayResponse(r, flow));
    }

    /** An ACK no server transaction absorbed: it acknowledges a 2xx (§13.3.1.4) and goes to the TU. */
    void ackForSuccess(SipRequest ack, Flow flow) {
        SuccessRetransmitter.AckKey key = new SuccessRetransmitter.AckKey(ack.callId(), ack.cseq().seq(), ack.to().tag());
        SuccessRetransmitter r = successes.remove(key);
        if (r != null) r.stop();
        RequestHandler h = config.handler();
        if (h != null) tuDirect().execute(() -> h.onAck(ack, flow));
    }

    /** For TU events outside any transaction: no ordering to keep, no serial queue needed. */
    private Executor tuDirect() {
        Executor e = config.handlerExecutor();
        return e == null ? shard : e;
    }

    /** Pending 2xx retransmitters (monitoring, tests). */
    int pendingSuccesses() {
        return successes.size();
    }
}
