package io.sipflow.stack;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transaction.ClientTransaction;
import io.sipflow.stack.transaction.Clock;
import io.sipflow.stack.transaction.EventLoopShard;
import io.sipflow.stack.dns.ServerLocator;
import io.sipflow.stack.transaction.NumericLocator;
import io.sipflow.stack.transaction.RequestHandler;
import io.sipflow.stack.transaction.ResponseListener;
import io.sipflow.stack.transaction.Shard;
import io.sipflow.stack.transaction.ShardLoop;
import io.sipflow.stack.transaction.StackLimits;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transaction.TransactionLayer;
import io.sipflow.stack.transaction.TransactionLayerConfig;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TransportLayer;
import io.sipflow.stack.transport.netty.NettyTransportLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A SIP stack: transports, transaction layer (RFC 3261 §17, RFC 6026), and the operations an
 * application needs — receive requests with their {@link io.sipflow.stack.transaction.ServerTransaction},
 * send requests through client transactions, cancel them, ACK 2xx responses, and stateless
 * sends for proxies.
 *
 * <pre>{@code
 * SipStack stack = SipStack.builder()
 *         .transportLayer(transport)            // or listen(...) + transportFactory(...)
 *         .handler(tx -> tx.respond(200))
 *         .build();
 * stack.start().join();
 * }</pre>
 */
public final class SipStack implements AutoCloseable {
    private final TransportLayer transport;
    private final TransactionLayer transactions;
    private final List<AutoCloseable> ownedShards;
    private final ExecutorService ownedExecutor;

    private SipStack(TransportLayer transport, TransactionLayer transactions, List<AutoCloseable> ownedShards,
            ExecutorService ownedExecutor) {
        this.transport = transport;
        this.transactions = transactions;
        this.ownedShards = ownedShards;
        this.ownedExecutor = ownedExecutor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the listeners; completes with the bound listen points. */
    public CompletableFuture<List<ListenPoint>> start() {
        return transport.start();
    }

    public List<ListenPoint> listenPoints() {
        return transport.listenPoints();
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    /**
     * Sends a request through a client transaction. The stack adds the top Via (fresh
     * {@code z9hG4bK} branch, the listen point's sent-by, {@code rport}), Max-Forwards when
     * missing, and the User-Agent; the next hop is the first Route (loose routing) or the
     * Request-URI, located by the configured {@link ServerLocator}, with failover (RFC 3263 §4.3).
     * The request belongs to the stack from now on.
     */
    public ClientTransaction sendRequest(SipRequest request, ResponseListener listener) {
        return transactions.sendRequest(request, listener);
    }

    public ClientTransaction sendRequest(SipRequest request) {
        return transactions.sendRequest(request, ResponseListener.NONE);
    }

    /** Sends on a known flow (e.g. the connection of a dialog); no resolution, no failover. */
    public ClientTransaction sendRequest(SipRequest request, Flow flow, ResponseListener listener) {
        return transactions.sendRequest(request, flow, listener);
    }

    /** Sends to destinations the caller chose, tried in order. */
    public ClientTransaction sendRequest(SipRequest request, List<Destination> destinations, ResponseListener listener) {
        return transactions.sendRequest(request, destinations, listener);
    }

    /** Cancels a client INVITE (§9.1); see {@link ClientTransaction#cancel()}. */
    public CompletableFuture<SipResponse> cancel(ClientTransaction invite) {
        return invite.cancel();
    }

    /** Sends the ACK for a 2xx, outside any transaction (§13.2.2.4). */
    public CompletableFuture<Flow> sendAck(SipRequest ack) {
        return transactions.sendAck(ack, null);
    }

    public CompletableFuture<Flow> sendAck(SipRequest ack, Flow flow) {
        return transactions.sendAck(ack, flow);
    }

    /** A response without a transaction, routed per §18.2.2. */
    public CompletableFuture<Flow> sendResponseStateless(SipResponse response, Flow requestFlow) {
        return transactions.sendResponseStateless(response, requestFlow);
    }

    /** A request without a transaction, as given (a stateless proxy's forward). */
    public CompletableFuture<Flow> sendRequestStateless(SipRequest request, Destination destination, Flow reuse) {
        return transactions.sendRequestStateless(request, destination, reuse);
    }

    /** Closes the transport, then the shards and the default handler executor. */
    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            for (AutoCloseable s : ownedShards) {
                try {
                    s.close();
                } catch (Exception e) {
                    // closing a shard only stops its thread or ticker; nothing to report
                }
            }
            if (ownedExecutor != null) ownedExecutor.shutdown();
        }
    }

    /** Configures a {@link SipStack}. */
    public static final class Builder {
        private final List<ListenPoint> listenPoints = new ArrayList<>();
        private Function<List<ListenPoint>, TransportLayer> transportFactory;
        private TransportLayer transportLayer;
        private TimerConfig timers = TimerConfig.DEFAULT;
        private StackLimits limits = StackLimits.DEFAULT;
        private RequestHandler handler;
        private Executor handlerExecutor;
        private boolean nonBlockingHandler;
        private ServerLocator locator = NumericLocator.INSTANCE;
        private String userAgent = "sipflow";
        private boolean proxy;
        /** 0: one shard per I/O event loop of a Netty transport (else one per core, at most 8). */
        private int shardCount;
        private List<? extends Shard> shards;
        private Clock clock = Clock.system();

        private Builder() {}

        /** A listener for the transport factory to bind. */
        public Builder listen(ListenPoint... points) {
            listenPoints.addAll(List.of(points));
            return this;
        }

        /** Creates the transport from the listen points (the Netty transport, when available). */
        public Builder transportFactory(Function<List<ListenPoint>, TransportLayer> factory) {
            this.transportFactory = factory;
            return this;
        }

        /** A ready transport (its listen points are its own); overrides listen/transportFactory. */
        public Builder transportLayer(TransportLayer transport) {
            this.transportLayer = transport;
            return this;
        }

        public Builder timers(TimerConfig t) {
            this.timers = Objects.requireNonNull(t);
            return this;
        }

        public Builder limits(StackLimits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        public Builder handler(RequestHandler h) {
            this.handler = h;
            return this;
        }

        /** Where TU callbacks run (default: a virtual thread per task). */
        public Builder handlerExecutor(Executor e) {
            this.handlerExecutor = e;
            this.nonBlockingHandler = false;
            return this;
        }

        /** The TU never blocks: call it on the shard threads (fastest). */
        public Builder nonBlockingHandler() {
            this.nonBlockingHandler = true;
            return this;
        }

        /**
         * Server location (RFC 3263), e.g. {@link io.sipflow.stack.dns.DnsServerLocator#create()};
         * default: numeric hosts only, no DNS.
         */
        public Builder locator(ServerLocator l) {
            this.locator = Objects.requireNonNull(l);
            return this;
        }

        /** User-Agent for requests that have none; null for none. */
        public Builder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        /**
         * Proxy behaviour: a cancelled INVITE is not answered 487 by the stack (§16.10) and
         * merged requests are not rejected (spirals, §16.3).
         */
        public Builder proxy(boolean p) {
            this.proxy = p;
            return this;
        }

        /**
         * Transactions on {@code n} dedicated shard threads instead of the default: with the
         * Netty transport, its I/O event loops are the shards (a message is handled on the
         * thread that read it when that thread owns its Call-ID, and sends need no hand-off);
         * with another transport, one shard thread per core, at most 8.
         */
        public Builder shards(int n) {
            if (n < 1) throw new IllegalArgumentException("need at least one shard");
            this.shardCount = n;
            this.shards = null;
            return this;
        }

        /** Shards provided by the caller (e.g. {@link io.sipflow.stack.transaction.ManualShard} in tests). */
        public Builder shards(List<? extends Shard> provided) {
            this.shards = List.copyOf(provided);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public SipStack build() {
            TransportLayer t = transportLayer;
            if (t == null) {
                if (transportFactory == null) {
                    throw new IllegalStateException("no transport: give transportLayer(...) or listen(...) with transportFactory(...)");
                }
                if (listenPoints.isEmpty()) throw new IllegalStateException("no listen points");
                t = transportFactory.apply(List.copyOf(listenPoints));
            }
            List<AutoCloseable> owned = new ArrayList<>();
            List<? extends Shard> use = shards;
            if (use == null && shardCount == 0 && t instanceof NettyTransportLayer netty) {
                List<EventLoopShard> onLoops = new ArrayList<>();
                for (var loop : netty.eventLoops()) onLoops.add(new EventLoopShard(loop, clock, 10));
                owned.addAll(onLoops);
                use = onLoops;
            }
            if (use == null) {
                int n = shardCount > 0 ? shardCount : Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
                List<ShardLoop> threads = new ArrayList<>();
                for (int i = 0; i < n; i++) threads.add(new ShardLoop("sipflow-shard-" + i, clock, 10));
                owned.addAll(threads);
                use = threads;
            }
            ExecutorService ownedExecutor = null;
            Executor exec = null;
            if (!nonBlockingHandler) {
                exec = handlerExecutor;
                if (exec == null) exec = ownedExecutor = Executors.newVirtualThreadPerTaskExecutor();
            }
            TransactionLayerConfig cfg = new TransactionLayerConfig(timers, limits, handler, exec, locator, userAgent,
                    !proxy, !proxy);
            TransactionLayer layer = new TransactionLayer(t, use, cfg);
            t.setListener(layer);
            return new SipStack(t, layer, owned, ownedExecutor);
        }
    }
}
