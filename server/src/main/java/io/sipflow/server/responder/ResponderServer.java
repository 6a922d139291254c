package io.sipflow.server.responder;

import io.sipflow.stack.SipStack;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.netty.NettyTransportLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * The responder as {@code sipflow responder} runs it: the Netty transport with the given
 * listeners, a {@link SipStack} with the {@link Responder} as its non-blocking handler, and the
 * RFC 3261 timers. One factory for the command line and for tests that start the same server
 * in-process.
 *
 * <pre>{@code
 * try (ResponderServer server = ResponderServer.builder().listen("udp:127.0.0.1:0").start()) {
 *     int port = server.listenPoint(Transport.UDP).viaPort();
 * }
 * }</pre>
 */
public final class ResponderServer implements AutoCloseable {
    /** The User-Agent of requests the responder sends (BYE after an ACK timeout). */
    public static final String USER_AGENT = "sipflow-responder";

    private final SipStack stack;
    private final Responder responder;
    private final List<ListenPoint> bound;

    private ResponderServer(SipStack stack, Responder responder, List<ListenPoint> bound) {
        this.stack = stack;
        this.responder = responder;
        this.bound = bound;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The listeners as bound (ephemeral ports resolved), in the order given. */
    public List<ListenPoint> listenPoints() {
        return bound;
    }

    /** The first bound listener of {@code transport}. */
    public ListenPoint listenPoint(Transport transport) {
        for (ListenPoint lp : bound) {
            if (lp.transport() == transport) return lp;
        }
        throw new IllegalArgumentException("no " + transport + " listener");
    }

    public SipStack stack() {
        return stack;
    }

    public Responder responder() {
        return responder;
    }

    /** Stops the stack (transport first), then the responder's answer-delay timer. */
    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            responder.close();
        }
    }

    /** What {@code sipflow responder}'s options set; defaults are the command line's. */
    public static final class Builder {
        private final List<ListenPoint> listen = new ArrayList<>();
        private TlsConfig tls;
        private ResponderOptions options = ResponderOptions.DEFAULT;
        private long t1 = TimerConfig.DEFAULT.t1();
        private boolean tryingAtOnce;
        private int ioThreads;
        private int shards;
        private int maxTransactions;
        private boolean noAnswer;

        private Builder() {}

        public Builder listen(ListenPoint... points) {
            listen.addAll(List.of(points));
            return this;
        }

        /** Listeners in the {@link ListenPoint#parse} form, e.g. {@code udp:127.0.0.1:0}. */
        public Builder listen(String... specs) {
            for (String s : specs) listen.add(ListenPoint.parse(s));
            return this;
        }

        /** Key material for tls/wss listeners. */
        public Builder tls(TlsConfig config) {
            this.tls = config;
            return this;
        }

        public Builder options(ResponderOptions o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        /** RFC 3261 T1 in milliseconds (default 500). */
        public Builder t1(long millis) {
            this.t1 = millis;
            return this;
        }

        /** 100 Trying as soon as an INVITE arrives instead of after 200 ms. */
        public Builder tryingAtOnce(boolean on) {
            this.tryingAtOnce = on;
            return this;
        }

        /** Event-loop threads (0 = cores). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /** Transaction threads (0 = the stack's default). */
        public Builder shards(int n) {
            this.shards = n;
            return this;
        }

        /** Live transactions before new requests get 503 (0 = the stack's default). */
        public Builder maxTransactions(int n) {
            this.maxTransactions = n;
            return this;
        }

        /**
         * Benchmarks only: leave INVITEs unanswered (their transactions stay in Proceeding after
         * the stack's 100 Trying), to measure the memory of live transactions.
         */
        public Builder noAnswer(boolean on) {
            this.noAnswer = on;
            return this;
        }

        public List<ListenPoint> listenPoints() {
            return List.copyOf(listen);
        }

        /**
         * Builds the stack and binds the listeners.
         *
         * @throws IllegalArgumentException for a configuration the transport refuses (e.g. a
         *     tls listener without key material)
         * @throws CompletionException when a listener cannot be bound (everything is closed)
         */
        public ResponderServer start() {
            if (listen.isEmpty()) throw new IllegalArgumentException("no listeners");
            TransportConfig.Builder tc = TransportConfig.builder().listen(listen.toArray(ListenPoint[]::new)).ioThreads(ioThreads);
            if (tls != null) tc.tls(tls);
            TransportConfig transport = tc.build();

            TimerConfig timers = TimerConfig.DEFAULT.withT1(t1);
            if (tryingAtOnce) timers = timers.withTrying100(0);
            Responder responder = new Responder(options);
            SipStack.Builder sb = SipStack.builder()
                    .transportLayer(new NettyTransportLayer(transport))
                    .handler(noAnswer ? new UnansweredInvites(responder) : responder)
                    .nonBlockingHandler()
                    .timers(timers)
                    .userAgent(USER_AGENT);
            if (shards > 0) sb.shards(shards);
            if (maxTransactions > 0) {
                sb.limits(new io.sipflow.stack.transaction.StackLimits(maxTransactions,
                        io.sipflow.stack.transaction.StackLimits.DEFAULT.retryAfterSeconds()));
            }
            SipStack stack = sb.build();
            responder.attach(stack);
            ResponderServer server = new ResponderServer(stack, responder, List.of());
            List<ListenPoint> bound;
            try {
                bound = stack.start().join();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return new ResponderServer(stack, responder, List.copyOf(bound));
        }
    }

    /** The responder, except that INVITEs are left unanswered ({@link Builder#noAnswer}). */
    private record UnansweredInvites(Responder responder) implements io.sipflow.stack.transaction.RequestHandler {
        @Override
        public void onRequest(io.sipflow.stack.transaction.ServerTransaction tx) {
            if (!io.sipflow.message.SipMethod.INVITE.equals(tx.method())) responder.onRequest(tx);
        }
    }
}
