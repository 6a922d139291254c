package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import io.sipflow.stack.SipStack;
import io.sipflow.stack.dns.ServerLocator;
import io.sipflow.stack.transaction.ServerTransaction;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.netty.NettyTransportLayer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A SIP application: listeners, request handlers, and the dialog API (the Java counterpart of
 * drachtio's {@code Srf}). Handlers run on virtual threads and may block; every operation
 * returns a {@link CompletableFuture}.
 *
 * <p>A UAS answering every call, and hanging up when the caller does:
 * <pre>{@code
 * Srf srf = Srf.builder().listen("udp:127.0.0.1:5080").build();
 * srf.invite((req, res) -> {
 *     res.send(180);
 *     Dialog call = srf.createUAS(req, res, UasOptions.create().localSdp(mySdp)).join();
 *     call.onDestroy(ev -> System.out.println("caller hung up: " + ev.reason()));
 *     call.onInfo((info, r) -> r.send(200));
 * });
 * srf.register((req, res) -> res.send(200, Map.of("Expires", "3600")));
 * srf.start().join();
 * }</pre>
 *
 * <p>A UAC placing a call, putting it on hold, and hanging up:
 * <pre>{@code
 * Srf srf = Srf.builder().listen("udp:127.0.0.1:0").build();
 * srf.start().join();
 * try {
 *     Dialog call = srf.createUAC("sip:bob@127.0.0.1:5080", UacOptions.create()
 *             .localSdp(offer)
 *             .auth(Credentials.of("alice", "secret"))          // answers 401/407
 *             .onProvisional(r -> System.out.println(r.status()))).join();
 *     call.modify(MediaChange.HOLD).join();
 *     call.destroy().join();                                   // BYE
 * } catch (CompletionException e) {
 *     if (e.getCause() instanceof SipError err) System.out.println("failed: " + err.status());
 * }
 * }</pre>
 *
 * <p>Handlers that never block may say so ({@link Handler#nonBlocking}): they then run on the
 * thread that owns the call, with no thread hand-off (see {@link NonBlocking}):
 * <pre>{@code
 * srf.invite(Handler.nonBlocking((req, res) -> res.send(180)
 *         .thenCompose(r -> srf.createUAS(req, res, UasOptions.create().localSdp(mySdp)))
 *         .thenAccept(call -> call.onDestroy(ev -> log.info("ended: {}", ev.reason())))));
 * }</pre>
 *
 * <p>Middleware: {@link #use(Middleware)} layers run in order for every request (or, with a
 * method, for that method); {@code chain.next()} passes on; an exception goes to the
 * {@link #use(ErrorMiddleware) error layers}; a request nobody answered gets 404 (PRACK: 200;
 * in-dialog: 481), a failed one 500.
 */
public final class Srf implements AutoCloseable {
    /** The methods a dialog accepts (RFC 3261 §20.5). */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK, REFER, NOTIFY, SUBSCRIBE, MESSAGE";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SipStack stack;
    private final TimerConfig timers;
    private final SessionTimerConfig sessionTimers;
    private final NatTraversal natTraversal;
    private final ExecutorService userExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler;
    private final List<MiddlewareChain.Layer> layers = new CopyOnWriteArrayList<>();
    private final DialogRegistry registry = new DialogRegistry();
    private final ConcurrentHashMap<ServerTransaction, UasTransaction> pendingInvites = new ConcurrentHashMap<>();
    /** Our SUBSCRIBEs awaiting their final response, by Call-ID and From tag: a NOTIFY may come first (RFC 6665 §4.1.2.4). */
    private final ConcurrentHashMap<String, ClientInvite> pendingSubscribes = new ConcurrentHashMap<>();
    private final Map<String, Object> locals = new ConcurrentHashMap<>();
    private final List<Consumer<DialogStateEvent>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<CdrEvent>> cdrListeners = new CopyOnWriteArrayList<>();
    private final Lane eventLane = new Lane(userExecutor);
    private volatile List<ListenPoint> listenPoints = List.of();
    private final Map<ListenPoint, Address> contacts = new ConcurrentHashMap<>();

    private Srf(Builder b) {
        this.timers = b.timers;
        this.sessionTimers = b.sessionTimers;
        this.natTraversal = b.natTraversal;
        java.util.concurrent.ScheduledThreadPoolExecutor timerThread = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "srf-timers");
            t.setDaemon(true);
            return t;
        });
        // A cancelled timer (e.g. an ended dialog's session timer) must not keep its dialog for the interval.
        timerThread.setRemoveOnCancelPolicy(true);
        this.scheduler = timerThread;
        TransportConfig.Builder tc = TransportConfig.builder();
        for (ListenPoint lp : b.listen) tc.listen(lp);
        if (b.tls != null) tc.tls(b.tls);
        SipStack.Builder sb = SipStack.builder()
                .transportLayer(new NettyTransportLayer(tc.build()))
                .handler(new Inbound(this))
                .nonBlockingHandler()
                .timers(b.timers)
                .limits(b.limits)
                .userAgent(b.userAgent);
        if (b.locator != null) sb.locator(b.locator);
        this.stack = sb.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the listeners; completes with them (ports resolved). */
    public CompletableFuture<List<ListenPoint>> start() {
        return stack.start().thenApply(lps -> {
            listenPoints = List.copyOf(lps);
            return listenPoints;
        });
    }

    /** The bound listeners (after {@link #start()}). */
    public List<ListenPoint> listenPoints() {
        return listenPoints;
    }

    /** Closes the listeners and stops the timers. Dialogs are not ended (no BYE is sent). */
    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            scheduler.shutdownNow();
            userExecutor.shutdown();
        }
    }

    // ------------------------------------------------------------------ middleware

    /** A layer for every request. */
    public Srf use(Middleware m) {
        layers.add(new MiddlewareChain.Layer(null, Objects.requireNonNull(m), null));
        return this;
    }

    /** A layer for one method (case-insensitive), e.g. {@code use("INVITE", ...)}. */
    public Srf use(String method, Middleware m) {
        layers.add(new MiddlewareChain.Layer(Objects.requireNonNull(method), Objects.requireNonNull(m), null));
        return this;
    }

    /** An error layer: receives what an earlier layer threw. */
    public Srf use(ErrorMiddleware m) {
        layers.add(new MiddlewareChain.Layer(null, null, Objects.requireNonNull(m)));
        return this;
    }

    private Srf handle(String method, Handler h) {
        Objects.requireNonNull(h);
        Middleware m = (req, res, chain) -> h.handle(req, res);
        layers.add(new MiddlewareChain.Layer(method, m, null, NonBlocking.isNonBlocking(h)));
        return this;
    }

    public Srf invite(Handler h) {
        return handle(SipMethod.INVITE, h);
    }

    public Srf invite(Middleware m) {
        return use(SipMethod.INVITE, m);
    }

    public Srf register(Handler h) {
        return handle(SipMethod.REGISTER, h);
    }

    public Srf register(Middleware m) {
        return use(SipMethod.REGISTER, m);
    }

    public Srf subscribe(Handler h) {
        return handle(SipMethod.SUBSCRIBE, h);
    }

    public Srf subscribe(Middleware m) {
        return use(SipMethod.SUBSCRIBE, m);
    }

    public Srf options(Handler h) {
        return handle(SipMethod.OPTIONS, h);
    }

    public Srf options(Middleware m) {
        return use(SipMethod.OPTIONS, m);
    }

    public Srf message(Handler h) {
        return handle(SipMethod.MESSAGE, h);
    }

    public Srf message(Middleware m) {
        return use(SipMethod.MESSAGE, m);
    }

    public Srf info(Handler h) {
        return handle(SipMethod.INFO, h);
    }

    public Srf info(Middleware m) {
        return use(SipMethod.INFO, m);
    }

    public Srf notify(Handler h) {
        return handle(SipMethod.NOTIFY, h);
    }

    public Srf notify(Middleware m) {
        return use(SipMethod.NOTIFY, m);
    }

    public Srf publish(Handler h) {
        return handle(SipMethod.PUBLISH, h);
    }

    public Srf publish(Middleware m) {
        return use(SipMethod.PUBLISH, m);
    }

    public Srf refer(Handler h) {
        return handle(SipMethod.REFER, h);
    }

    public Srf refer(Middleware m) {
        return use(SipMethod.REFER, m);
    }

    /** BYE outside a dialog this application manages (e.g. after a 2xx sent by hand). */
    public Srf bye(Handler h) {
        return handle(SipMethod.BYE, h);
    }

    public Srf bye(Middleware m) {
        return use(SipMethod.BYE, m);
    }

    public Srf prack(Handler h) {
        return handle(SipMethod.PRACK, h);
    }

    public Srf prack(Middleware m) {
        return use(SipMethod.PRACK, m);
    }

    public Srf update(Handler h) {
        return handle(SipMethod.UPDATE, h);
    }

    public Srf update(Middleware m) {
        return use(SipMethod.UPDATE, m);
    }

    /**
     * True when nothing is in progress (drachtio's {@code idle}, e.g. before a graceful stop): no
     * dialog, no INVITE awaiting its answer, and no transaction left in the stack (completed
     * transactions linger for their RFC 3261 §17 timers, e.g. Timer K/J).
     */
    public boolean idle() {
        return registry.all().isEmpty() && pendingInvites.isEmpty() && stack.transactions().transactionCount() == 0;
    }

    /** Shared application state (drachtio's {@code srf.locals}). */
    public Map<String, Object> locals() {
        return locals;
    }

    // ------------------------------------------------------------------ events

    /** RFC 4235 dialog state changes of every call. */
    public Srf onDialogState(Consumer<DialogStateEvent> l) {
        stateListeners.add(l);
        return this;
    }

    /** Call detail records: attempt, start, stop. */
    public Srf onCdr(Consumer<CdrEvent> l) {
        cdrListeners.add(l);
        return this;
    }

    // ------------------------------------------------------------------ registry

    public Optional<Dialog> findDialogById(String id) {
        return registry.byId(id);
    }

    /** A dialog of the call with that tag on either side (drachtio's findDialogByCallIDAndFromTag). */
    public Optional<Dialog> findDialog(String callId, String tag) {
        return registry.byCallIdAndTag(callId, tag);
    }

    /** Every live dialog (early and confirmed). */
    public List<Dialog> dialogs() {
        return registry.all();
    }

    // ------------------------------------------------------------------ dialogs

    /**
     * Answers an INVITE with 200 and the local SDP (or a SUBSCRIBE with 202) and completes with
     * the dialog once the 2xx is sent. Fails with {@link SipError} 487 when the caller cancelled
     * first, 422 when the session interval asked is too small (RFC 4028 §8.1), 400 without Contact.
     */
    public CompletableFuture<Dialog> createUAS(Request req, Response res, UasOptions options) {
        UasOptions o = options == null ? UasOptions.create() : options;
        CompletableFuture<Dialog> result = new UserFuture<>(req.executor());
        SipRequest m = req.message();
        boolean invite = m.is(SipMethod.INVITE);
        if (!invite && !m.is(SipMethod.SUBSCRIBE)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("createUAS answers INVITE or SUBSCRIBE"));
        }
        if (req.isCancelled()) return CompletableFuture.failedFuture(new SipError(487, "Request Terminated"));
        if (m.contact() == null) {
            res.send(400, "Missing Contact");
            return CompletableFuture.failedFuture(new SipError(400, "Missing Contact"));
        }
        if (invite) {
            Long min = SessionTimer.tooSmall(m, sessionTimers);
            if (min != null) {
                res.send(422, null, Map.of("Min-SE", Long.toString(min)), null);
                return CompletableFuture.failedFuture(new SipError(422, "Session Interval Too Small"));
            }
        }
        req.cancelFuture().thenRun(() -> result.completeExceptionally(new SipError(487, "Request Terminated")));
        if (o.queueRequests && res.sender() instanceof UasTransaction uas) {
            // Queued on the request's lane, so it takes effect before the 2xx below is sent.
            req.lane.execute(uas::queueRequests);
        }
        CompletableFuture<String> sdp = invite ? o.localSdp.apply(req).toCompletableFuture() : CompletableFuture.completedFuture(null);
        sdp.whenComplete((body, e) -> {
            if (e != null) {
                if (!res.finalResponseSent()) res.send(500);
                result.completeExceptionally(e);
                return;
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>(o.headers);
            if (!invite && !headers.containsKey("Expires") && m.has(Header.EXPIRES)) {
                headers.put("Expires", Long.toString(m.get(Header.EXPIRES)));
            }
            // Completed on srf's thread: nothing here blocks, and the caller's future is a UserFuture.
            res.sendInternal(invite ? 200 : 202, null, headers, body).whenComplete((sent, err) -> {
                if (err != null) {
                    Throwable c = err instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : err;
                    result.completeExceptionally(req.isCancelled() ? new SipError(487, "Request Terminated") : c);
                    return;
                }
                Dialog d = req.dialog;
                if (d == null) {
                    result.completeExceptionally(new IllegalStateException("no dialog"));
                    return;
                }
                d.exposed = true;
                result.complete(d);
            });
        });
        return result;
    }

    /**
     * Bridges a new INVITE (A, answered here as UAS) to {@code uri} (B, called here as UAC),
     * drachtio's createB2BUA: B's provisional responses are relayed to A (reliably when B sent
     * them reliably and A supports 100rel, RFC 3262), A's CANCEL cancels B with A's Reason
     * (RFC 3326), B's failure is relayed to A ({@link B2buaOptions#passFailure}), B's answer
     * answers A, and B's in-dialog requests wait for A's ACK. A's offerless INVITE becomes an
     * offerless INVITE to B, whose offer goes to A and A's answer (in its ACK) to B's ACK
     * (RFC 3725 flow). Completes, once A's 200 is sent, with both dialogs linked as each
     * other's {@link Dialog#other()}; with {@link B2buaOptions#tearDownOtherLeg} (default) a
     * BYE on one leg ends the other.
     *
     * <p>A new SUBSCRIBE is bridged as a subscription (B is asked with A's method, as drachtio
     * does): B's 2xx creates both dialogs (A gets 202 with B's Expires), B's NOTIFYs go to A
     * and A's answers back, A's refreshes and unsubscribe (Expires: 0) go to B, and the
     * NOTIFY ending B's last subscription ends both dialogs (RFC 6665).
     *
     * <pre>{@code
     * srf.invite((req, res) -> {
     *     try {
     *         B2bua call = srf.createB2BUA(req, res, "sip:bob@10.0.0.2",
     *                 B2buaOptions.create().relayInDialogRequests(true)).join();
     *     } catch (CompletionException e) {
     *         // B failed (already relayed to A: SipError), or A cancelled (SipError 487)
     *     }
     * });
     * }</pre>
     *
     * Fails with {@link SipError}: B's failure response, or 487 when A cancelled; if A's leg
     * fails after B answered, B is sent BYE and the future fails with A's error.
     */
    public CompletableFuture<B2bua> createB2BUA(Request req, Response res, String uri, B2buaOptions options) {
        boolean subscribe = req.message().is(SipMethod.SUBSCRIBE) && req.canFormDialog();
        if (!req.isNewInvite() && !subscribe) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("createB2BUA bridges a new INVITE or SUBSCRIBE"));
        }
        if (req.isCancelled()) return CompletableFuture.failedFuture(new SipError(487, "Request Terminated"));
        // The relay's own listeners on A wait for B: A's dialog stays on virtual threads whatever the handler promised.
        if (res.sender() instanceof UasTransaction uas) req.lane.execute(uas::blockingDialog);
        if (subscribe) {
            // drachtio forces B's method to A's: a subscription bridged to B's notifier.
            B2buaSubscription sub = new B2buaSubscription(this, req, res, uri, options == null ? B2buaOptions.create() : options);
            return sub.start().thenApplyAsync(b -> b, userExecutor);
        }
        B2buaCall call = new B2buaCall(this, req, res, uri, options == null ? B2buaOptions.create() : options);
        return call.start().thenApplyAsync(b -> b, userExecutor);
    }

    /**
     * Places a call (or subscribes, with {@link UacOptions#method}) and completes with the
     * dialog when the 2xx arrives (ACKed). Fails with {@link SipError} carrying the final
     * response. Cancelling the returned future CANCELs the INVITE.
     *
     * @param uri a SIP URI, or a bare {@code host[:port]} (then {@code sip:calledNumber@host:port})
     */
    public CompletableFuture<Dialog> createUAC(String uri, UacOptions options) {
        return startUac(uri, options, false, Dialog.class);
    }

    /**
     * An offerless INVITE whose 2xx offer the application answers in the ACK (3pcc, drachtio's
     * {@code noAck}): completes with a {@link LateOffer}.
     */
    public CompletableFuture<LateOffer> createUACLateOffer(String uri, UacOptions options) {
        UacOptions o = options == null ? UacOptions.create() : options;
        if (o.localSdp != null) throw new IllegalArgumentException("a late-offer INVITE has no local SDP");
        return startUac(uri, o, true, LateOffer.class);
    }

    /** The returned future is the one the caller holds: cancelling it CANCELs the INVITE. */
    private <T> CompletableFuture<T> startUac(String uri, UacOptions options, boolean lateOffer, Class<T> type) {
        UacOptions o = options == null ? UacOptions.create() : options;
        Uri target;
        try {
            target = targetUri(uri, o.calledNumber);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Lane lane = new Lane(userExecutor);
        ClientInvite call = new ClientInvite(this, lane, target, o, lateOffer);
        CompletableFuture<T> user = new CompletableFuture<>();
        user.whenComplete((x, e) -> {
            if (user.isCancelled()) lane.execute(call::cancel);
        });
        call.result.whenComplete((x, e) -> userExecutor.execute(() -> {
            if (e != null) user.completeExceptionally(e);
            else if (!user.complete(type.cast(x)) && x instanceof Dialog d) d.destroy();
        }));
        lane.execute(call::start);
        return user;
    }

    /**
     * Sends a request outside any dialog and completes with its final response (any status).
     * Digest challenges are answered with the options' credentials; for an INVITE a 2xx is
     * ACKed and cancelling the future CANCELs it (use {@link #createUAC} for calls).
     */
    public CompletableFuture<SipResponse> request(String uri, String method, Map<String, String> headers, String body,
            RequestOptions options) {
        RequestOptions o = options == null ? RequestOptions.create() : options;
        if (headers != null) o.headers(headers);
        if (body != null) o.body(body);
        return request(uri, method, o);
    }

    public CompletableFuture<SipResponse> request(String uri, String method, RequestOptions options) {
        RequestOptions o = options == null ? RequestOptions.create() : options;
        SipRequest r;
        Uri target;
        try {
            target = targetUri(uri, null);
            Transport t = transportFor(target);
            Address contact = contactFor(t, null);
            SipUri me = (SipUri) contact.uri();
            r = SipRequest.create(method, target, Address.of(SipUri.of(null, me.host(), me.port())).withTag(newTag()),
                    Address.of(target), newCallId(), 1, null);
            if (SipMethod.INVITE.equals(method) || SipMethod.SUBSCRIBE.equals(method) || SipMethod.REGISTER.equals(method)
                    || SipMethod.REFER.equals(method)) {
                r.set(Header.CONTACT, contact);
            }
            if (o.proxy != null) r.set(Header.ROUTE, proxyRoute(o.proxy));
            Bodies.apply(r, o.headers, o.body);
            if (r.from().tag() == null) r.set(Header.FROM, r.from().withTag(newTag()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Lane lane = new Lane(userExecutor);
        CompletableFuture<SipResponse> user = new CompletableFuture<>();
        SipRequest req = r;
        boolean invite = SipMethod.INVITE.equals(method);
        lane.execute(() -> {
            Outgoing[] holder = new Outgoing[1];
            holder[0] = Outgoing.send(this, lane, req, o.auth, null, new Outgoing.Events() {
                @Override
                public void sent(io.sipflow.stack.transaction.ClientTransaction tx, SipRequest request) {
                    if (o.onSent != null) {
                        SentRequest s = new SentRequest(request, h -> lane.execute(() -> holder[0].cancel(h)));
                        userExecutor.execute(() -> o.onSent.accept(s));
                    }
                }

                @Override
                public void provisional(SipResponse response) {
                    if (o.onProvisional != null) userExecutor.execute(() -> o.onProvisional.accept(response));
                }
            });
            if (invite) user.whenComplete((x, e) -> {
                if (user.isCancelled()) lane.execute(() -> holder[0].cancel());
            });
            holder[0].result().whenComplete((resp, e) -> {
                if (invite && resp != null && resp.isSuccess()) ackOutOfDialog(holder[0].request(), resp);
                userExecutor.execute(() -> {
                    if (e != null) user.completeExceptionally(e);
                    else user.complete(resp);
                });
            });
        });
        return user;
    }

    private void ackOutOfDialog(SipRequest invite, SipResponse ok) {
        Uri target = ok.contact() != null ? ok.contact().uri() : invite.requestUri();
        SipRequest ack = SipRequest.create(SipMethod.ACK, target, ok.from(), ok.to(), ok.callId(), ok.cseq().seq(), null);
        Bodies.contentLength(ack);
        stack.sendAck(ack);
    }

    public CompletableFuture<SipResponse> request(String uri, String method) {
        return request(uri, method, RequestOptions.create());
    }

    // ------------------------------------------------------------------ internals

    SipStack stack() {
        return stack;
    }

    TimerConfig timers() {
        return timers;
    }

    SessionTimerConfig sessionTimers() {
        return sessionTimers;
    }

    /** The stack shard (thread) that owns every transaction of this Call-ID: the executor of the call's lanes. */
    java.util.concurrent.Executor shardOf(String callId) {
        return stack.transactions().shardFor(callId);
    }

    NatTraversal natTraversal() {
        return natTraversal;
    }

    /** Where user callbacks and middleware run: a virtual thread per task. */
    ExecutorService userExecutor() {
        return userExecutor;
    }

    DialogRegistry registry() {
        return registry;
    }

    /** Calls {@code task} on the timer thread after {@code ms} (it must only hand over, e.g. to a lane). */
    ScheduledFuture<?> schedule(long ms, java.util.concurrent.Callable<?> task) {
        try {
            return scheduler.schedule(task, ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // closed: timers no longer fire
        }
    }

    /** Runs {@code task} on {@code lane} after {@code ms}. */
    ScheduledFuture<?> schedule(Lane lane, long ms, Runnable task) {
        try {
            return scheduler.schedule(() -> lane.execute(task), ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // closed: timers no longer fire
        }
    }

    boolean reliableTransport(Flow f) {
        return f != null && f.transport().isReliable();
    }

    static String newTag() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String newCallId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Address proxyRoute(String proxy) {
        String p = proxy.startsWith("sip:") || proxy.startsWith("sips:") ? proxy : "sip:" + proxy;
        SipUri u = SipUri.parse(p);
        if (!u.lr()) u = u.withParam("lr", null);
        return Address.of(u);
    }

    static Uri targetUri(String uri, String calledNumber) {
        String u = uri.trim();
        if (!u.startsWith("sip:") && !u.startsWith("sips:") && !u.startsWith("tel:")) {
            u = "sip:" + (calledNumber != null ? calledNumber + "@" : "") + u;
        }
        return Uri.parse(u);
    }

    /** The transport a target asks for: its transport parameter, TLS for sips, else UDP when we listen on it. */
    Transport transportFor(Uri target) {
        if (target instanceof SipUri s) {
            if (s.transport() != null) {
                Transport t = Transport.fromName(s.transport());
                if (t != null) return t;
            }
            if (s.isSecure()) return Transport.TLS;
        }
        for (ListenPoint lp : listenPoints()) if (lp.transport() == Transport.UDP) return Transport.UDP;
        List<ListenPoint> lps = listenPoints();
        return lps.isEmpty() ? Transport.UDP : lps.get(0).transport();
    }

    /** Our Contact for a transport (RFC 3261 §8.1.1.8): the listener's advertised address. */
    Address contactFor(Transport t, String user) {
        ListenPoint chosen = null;
        for (ListenPoint lp : listenPoints()) {
            if (lp.transport() == t) {
                chosen = lp;
                break;
            }
        }
        if (chosen == null && !listenPoints().isEmpty()) chosen = listenPoints().get(0);
        if (chosen == null) throw new IllegalStateException("not started");
        SipUri u = SipUri.of(user, chosen.viaHost(), chosen.viaPort());
        if (chosen.transport() == Transport.TLS) u = u.withSecure(true);
        else if (chosen.transport() != Transport.UDP) u = u.withParam("transport", chosen.transport().uriParam());
        return Address.of(u);
    }

    /** Our Contact on the listener {@code flow} came in on; one shared (immutable) Address per listener. */
    Address contactFor(Flow flow) {
        return contacts.computeIfAbsent(flow.listenPoint(), Srf::contactOf);
    }

    private static Address contactOf(ListenPoint lp) {
        SipUri u = SipUri.of(null, lp.viaHost(), lp.viaPort());
        if (lp.transport() == Transport.TLS) u = u.withSecure(true);
        else if (lp.transport() != Transport.UDP) u = u.withParam("transport", lp.transport().uriParam());
        return Address.of(u);
    }

    /** An in-dialog request for a dialog the application does not manage: to the middleware. */
    void toMiddleware(ServerTransaction tx) {
        Lane lane = new Lane(shardOf(tx.request().callId()));
        boolean nonBlocking = MiddlewareChain.nonBlocking(layers, tx.method());
        Request req = new Request(tx.request(), tx, tx.flow(), this, lane, nonBlocking);
        Response res = new Response(req, (r, reliable, ack) -> tx.respond(r).thenApply(f -> r));
        walk(req, res);
    }

    /** Runs the middleware for a request: on its call's lane when every layer for it is non-blocking, else on a virtual thread. */
    private void walk(Request req, Response res) {
        MiddlewareChain chain = new MiddlewareChain(layers, req, res);
        if (req.nonBlocking) req.lane.execute(chain::start);
        else userExecutor.execute(chain::start);
    }

    void pendingDone(ServerTransaction tx) {
        pendingInvites.remove(tx);
    }

    void pendingSubscribe(String callId, String fromTag, ClientInvite subscribe) {
        pendingSubscribes.put(callId + ' ' + fromTag, subscribe);
    }

    void subscribeDone(String callId, String fromTag) {
        pendingSubscribes.remove(callId + ' ' + fromTag);
    }

    /** A NOTIFY that found no dialog: one for a SUBSCRIBE of ours still awaiting its 2xx? */
    private boolean notifyBeforeAnswer(ServerTransaction tx, String toTag, String fromTag) {
        ClientInvite c = pendingSubscribes.get(tx.request().callId() + ' ' + toTag);
        if (c != null) {
            c.lane().execute(() -> c.notifyBeforeAnswer(tx));
            return true;
        }
        // The 2xx may have registered the dialog (and dropped the pending entry) meanwhile.
        Dialog d = registry.find(tx.request().callId(), toTag, fromTag);
        if (d == null) return false;
        d.lane.execute(() -> d.receive(tx));
        return true;
    }

    void dialogState(Dialog d, DialogState state) {
        if (stateListeners.isEmpty()) return;
        DialogIds ids = d.sip();
        DialogStateEvent ev = new DialogStateEvent(state, d.role() == DialogRole.UAC ? DialogStateEvent.Direction.INITIATOR
                : DialogStateEvent.Direction.RECIPIENT, ids.callId(), ids.localTag(), ids.remoteTag(), d);
        publish(stateListeners, ev);
    }

    void dialogStateOutcome(SipRequest request, DialogState state, DialogStateEvent.Direction dir) {
        if (stateListeners.isEmpty()) return;
        String from = request.from() == null ? null : request.from().tag();
        publish(stateListeners, new DialogStateEvent(state, dir, request.callId(), null, from, null));
    }

    void dialogStateOutcome(SipRequest unused, DialogState state, DialogStateEvent.Direction dir, String callId, String localTag) {
        if (stateListeners.isEmpty()) return;
        publish(stateListeners, new DialogStateEvent(state, dir, callId, localTag, null, null));
    }

    void cdrAttempt(String callId, DialogRole role, SipMessage m) {
        if (!cdrListeners.isEmpty()) publish(cdrListeners, new CdrEvent.Attempt(Instant.now(), callId, role, m));
    }

    void cdrStart(String callId, DialogRole role, SipMessage m) {
        if (!cdrListeners.isEmpty()) publish(cdrListeners, new CdrEvent.Start(Instant.now(), callId, role, m));
    }

    void cdrStop(String callId, DialogRole role, CdrEvent.StopReason reason) {
        if (!cdrListeners.isEmpty()) publish(cdrListeners, new CdrEvent.Stop(Instant.now(), callId, role, reason));
    }

    void cdrStop(String callId, DialogRole role, DestroyReason reason) {
        CdrEvent.StopReason r = switch (reason) {
            case SESSION_TIMER_EXPIRED -> CdrEvent.StopReason.SESSION_EXPIRED;
            case ACK_TIMEOUT -> CdrEvent.StopReason.ACK_TIMEOUT;
            case REQUEST_FAILED -> CdrEvent.StopReason.REQUEST_FAILED;
            default -> CdrEvent.StopReason.NORMAL_RELEASE;
        };
        cdrStop(callId, role, r);
    }

    private <E> void publish(List<Consumer<E>> listeners, E ev) {
        for (Consumer<E> l : listeners) eventLane.execute(() -> l.accept(ev));
    }

    // ------------------------------------------------------------------ from the stack

    /** The stack's transaction user; runs on the shard threads, so it only routes and hands over. */
    private record Inbound(Srf srf) implements io.sipflow.stack.transaction.RequestHandler {
        @Override
        public void onRequest(ServerTransaction tx) {
            SipRequest r = tx.request();
            Address to = r.to();
            String toTag = to == null ? null : to.tag();
            if (toTag != null) {
                Address from = r.from();
                Dialog d = srf.registry.find(r.callId(), toTag, from == null ? null : from.tag());
                if (d != null) {
                    d.lane.execute(() -> d.receive(tx));
                    return;
                }
                if (r.is(SipMethod.NOTIFY) && srf.notifyBeforeAnswer(tx, toTag, from == null ? null : from.tag())) return;
            }
            // The request's state (and the dialog it may create) lives on the shard that owns the
            // Call-ID, where the stack handles the call's messages: srf's bookkeeping never
            // blocks, so it costs no thread hand-off; the application runs on virtual threads.
            Lane lane = new Lane(srf.shardOf(r.callId()));
            Request req = new Request(r, tx, tx.flow(), srf, lane, MiddlewareChain.nonBlocking(srf.layers, r.method()));
            Response res;
            boolean creates = toTag == null && (r.is(SipMethod.INVITE) || r.is(SipMethod.SUBSCRIBE));
            if (creates) {
                UasTransaction uas = new UasTransaction(srf, req);
                res = new Response(req, uas);
                if (r.is(SipMethod.INVITE)) {
                    srf.pendingInvites.put(tx, uas);
                    srf.cdrAttempt(r.callId(), DialogRole.UAS, r);
                    srf.dialogStateOutcome(r, DialogState.TRYING, DialogStateEvent.Direction.RECIPIENT);
                }
            } else {
                res = new Response(req, (resp, reliable, ack) -> tx.respond(resp).thenApply(f -> resp));
            }
            srf.walk(req, res);
        }

        @Override
        public void onAck(SipRequest ack, Flow flow) {
            Address to = ack.to();
            Address from = ack.from();
            if (to == null || from == null) return;
            Dialog d = srf.registry.find(ack.callId(), to.tag(), from.tag());
            if (d != null) d.lane.execute(() -> d.receiveAck(ack, flow));
        }

        @Override
        public void onCancel(ServerTransaction tx, SipRequest cancel) {
            UasTransaction uas = srf.pendingInvites.get(tx);
            if (uas != null) uas.lane().execute(() -> uas.onCancel(cancel));
        }

        @Override
        public void onAckTimeout(ServerTransaction tx, SipResponse response) {
            Address to = response.to();
            Address from = response.from();
            Dialog d = srf.registry.find(response.callId(), to == null ? null : to.tag(), from == null ? null : from.tag());
            if (d != null) d.lane.execute(d::ackTimeout);
        }
    }

    // ------------------------------------------------------------------ builder

    /** Configures an {@link Srf}. */
    public static final class Builder {
        private final List<ListenPoint> listen = new ArrayList<>();
        private TlsConfig tls;
        private TimerConfig timers = TimerConfig.DEFAULT;
        private SessionTimerConfig sessionTimers = SessionTimerConfig.DEFAULT;
        private NatTraversal natTraversal = NatTraversal.DETECT;
        private ServerLocator locator;
        private String userAgent = "sipflow";
        private io.sipflow.stack.transaction.StackLimits limits = io.sipflow.stack.transaction.StackLimits.DEFAULT;

        private Builder() {}

        /** A listener, e.g. {@code udp:127.0.0.1:5080}, {@code tcp:0.0.0.0:5060;advertise=203.0.113.7}. */
        public Builder listen(String spec) {
            listen.add(ListenPoint.parse(spec));
            return this;
        }

        public Builder listen(ListenPoint lp) {
            listen.add(Objects.requireNonNull(lp));
            return this;
        }

        /** Certificates for tls/wss listeners and outgoing TLS. */
        public Builder tls(TlsConfig t) {
            this.tls = t;
            return this;
        }

        /** RFC 3261 timers (T1, T2, T4). */
        public Builder timers(TimerConfig t) {
            this.timers = Objects.requireNonNull(t);
            return this;
        }

        /** RFC 4028 session timers (default: enabled, 1800 s, Min-SE 90). */
        public Builder sessionTimers(SessionTimerConfig c) {
            this.sessionTimers = Objects.requireNonNull(c);
            return this;
        }

        /**
         * Where a dialog's requests go when the peer is behind a NAT over UDP (default
         * {@link NatTraversal#DETECT}: to the address its requests come from when its Contact is
         * private; {@link NatTraversal#OFF}: always to the Contact, RFC 3261 strictly).
         */
        public Builder natTraversal(NatTraversal mode) {
            this.natTraversal = Objects.requireNonNull(mode);
            return this;
        }

        /** RFC 3263 server location, e.g. {@code DnsServerLocator.create()}; default: numeric hosts only. */
        public Builder locator(ServerLocator l) {
            this.locator = l;
            return this;
        }

        public Builder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        /**
         * The stack's bound on live transactions (default 65,536); beyond it new requests get
         * 503 with Retry-After. Each call holds its INVITE and BYE transactions for 64·T1 after
         * they end (RFC 6026 Timer L, Timer J), so a sustained rate of R calls/s needs about 64·R.
         */
        public Builder maxTransactions(int max) {
            this.limits = new io.sipflow.stack.transaction.StackLimits(max, limits.retryAfterSeconds());
            return this;
        }

        public Srf build() {
            if (listen.isEmpty()) throw new IllegalStateException("no listen point: call listen(\"udp:host:port\")");
            return new Srf(this);
        }
    }
}
