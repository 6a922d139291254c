package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.Event;
import io.sipflow.message.header.Reason;
import io.sipflow.message.header.SubscriptionState;
import io.sipflow.stack.transaction.ServerTransaction;
import io.sipflow.stack.transport.Flow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A SIP dialog (RFC 3261 §12): an INVITE session or a SUBSCRIBE subscription between this
 * application and a peer, created by {@link Srf#createUAS}, {@link Srf#createUAC} (or, early,
 * by a provisional response with a tag).
 *
 * <p>Send requests inside it with {@link #request}, change the session with {@link #modify},
 * end it with {@link #destroy()}. Incoming in-dialog requests raise the typed events below;
 * with no listener they get the default answer: BYE → 200 and the dialog ends; a re-INVITE →
 * 200 with the local SDP (hold, unhold and session refreshes are recognised and reported);
 * INFO, NOTIFY, REFER, MESSAGE, OPTIONS, PUBLISH, UPDATE → 200; SUBSCRIBE → 489 (an unsubscribe
 * of one of its subscriptions → 202 and the terminating NOTIFY); anything else → 501.
 *
 * <p>Several subscriptions may share the dialog (RFC 6665 §4.5.2, {@link #subscriptions()}); a
 * SUBSCRIBE dialog ends with the last one, an INVITE dialog never ends with its (REFER)
 * subscriptions.
 *
 * <p>The dialog's state lives on one thread (its lane); every method may be called from any
 * thread. Listeners run on a virtual thread of their own, one event at a time, in order, and
 * may block; those of a dialog created by a non-blocking handler run on the call's own thread
 * instead, and must not block ({@link NonBlocking}).
 */
public final class Dialog {
    private static final VarHandle LISTENERS;
    private static final VarHandle DESTROYED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LISTENERS = l.findVarHandle(Dialog.class, "listeners", Object[].class);
            DESTROYED = l.findVarHandle(Dialog.class, "destroyed", UserFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Memory: every established idle dialog keeps what RFC 3261 §12 needs and little more (the
    // target is about 2 KB each): the creating INVITE is let go once answered, and everything
    // used only by some dialogs (listeners, the user lane, queues, re-INVITE state, the destroy
    // future) is allocated on first use.
    final Srf srf;
    final Lane lane;
    /** Where listeners and handlers run (virtual threads), one event at a time; on the lane, created on first use. */
    private Lane userLane;
    private final DialogRole role;
    private final DialogType type;
    private final String callId;
    private final String localTag;
    private volatile String remoteTag;
    private final Address localUri;
    private final Address remoteUri;
    private volatile Address localContact;
    private volatile Address remoteTarget;
    private volatile List<Address> routeSet = List.of();
    private volatile long localCSeq;
    private volatile long remoteCSeq = -1;
    private volatile String localSdp;
    private volatile String remoteSdp;
    private volatile boolean localHold;
    private volatile boolean remoteHold;
    private volatile DialogState state;
    private volatile Dialog other;
    private volatile CredentialsProvider auth;
    private volatile Event subscribeEvent;
    /** RFC 6665 §4.5.2: the subscriptions sharing this dialog (immutable; changed on the lane). */
    private volatile Subscriptions subscriptions = Subscriptions.NONE;
    private volatile Flow flow;
    /** The peer's latest Allow lists UPDATE (RFC 4028 §10 refreshes with it then); not the list itself: memory. */
    private volatile boolean peerAllowsUpdate;
    /** Handed to the application (createUAS/createUAC); a bare 2xx sent with res.send is not. */
    volatile boolean exposed;
    /** The UAS INVITE that created this dialog, for PRACKs of its reliable provisionals; null once it is answered. */
    UasTransaction creator;
    /** Created by a non-blocking handler ({@link NonBlocking}): listeners and futures run on the lane; set before it is handed out. */
    boolean nonBlocking;

    private final SessionTimer sessionTimer;
    /** Our re-INVITEs (on the lane, created with the first). */
    private Reinvites reinvites;
    /** Hold incoming requests ({@link #queueRequests}); written from any thread. */
    private volatile boolean queueing;
    /** Something is held in {@link #queued}: written on the lane, read by a releasing thread (see queueRequests). */
    private volatile boolean held;
    /** Requests held by {@link #queueRequests} (on the lane, created with the first). */
    private ArrayDeque<ServerTransaction> queued;
    /** The ACK awaited for a 2xx we sent (initial or re-INVITE), and whether it must carry the answer. */
    private CompletableFuture<Request> pendingAck;
    private boolean answerInAck;
    /** A re-INVITE from the peer is being answered (until its final response, or its ACK for a 2xx). */
    private boolean incomingInvite;
    /** Set once ended; {@link #destroyed} (created by the first {@link #destroyed()}) completes with it. */
    private volatile DestroyEvent destroyEvent;
    private volatile UserFuture<DestroyEvent> destroyed;

    /** Listeners and handlers: (kind, function) pairs, see {@link ListenerSet}; swapped by compare-and-set. */
    private volatile Object[] listeners = ListenerSet.NONE;

    Dialog(Srf srf, Lane lane, DialogRole role, DialogType type, String callId, String localTag, String remoteTag,
            Address localUri, Address remoteUri, Address localContact, long localCSeq) {
        this.srf = srf;
        this.lane = lane;
        this.role = role;
        this.type = type;
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localUri = detached(localUri.withTag(null));
        this.remoteUri = detached(remoteUri.withTag(null));
        this.localContact = localContact;
        this.localCSeq = localCSeq;
        this.sessionTimer = new SessionTimer(this, srf.sessionTimers());
        this.state = DialogState.EARLY;
    }

    // ------------------------------------------------------------------ identity and state

    /** Unique within this application: {@code <Call-ID>;from-tag=<UAC tag>;to-tag=<UAS tag>}. */
    public String id() {
        String uacTag = role == DialogRole.UAC ? localTag : remoteTag;
        String uasTag = role == DialogRole.UAC ? remoteTag : localTag;
        return callId + ";from-tag=" + uacTag + ";to-tag=" + uasTag;
    }

    /** Whether this application sent (UAC) or received (UAS) the creating request. */
    public DialogRole role() {
        return role;
    }

    /** INVITE or SUBSCRIBE. */
    public DialogType type() {
        return type;
    }

    /** Call-ID, local tag, remote tag (RFC 3261 §12). */
    public DialogIds sip() {
        return new DialogIds(callId, localTag, remoteTag);
    }

    public String callId() {
        return callId;
    }

    /** Whether this is the dialog of these tags (RFC 3261 §12: with the Call-ID, its identifier). */
    boolean hasTags(String local, String remote) {
        return localTag.equals(local) && remote.equals(remoteTag);
    }

    /** Our URI, last SDP and Contact. */
    public Endpoint local() {
        return new Endpoint(localUri, localSdp, localContact);
    }

    /** The peer's URI, last SDP and Contact (the remote target, RFC 3261 §12.1). */
    public Endpoint remote() {
        return new Endpoint(remoteUri, remoteSdp, remoteTarget);
    }

    /** The route set (RFC 3261 §12.1.1 / §12.1.2), in the order requests use it. */
    public List<Address> routeSet() {
        return routeSet;
    }

    /** The CSeq of the last request we sent in the dialog. */
    public long localCSeq() {
        return localCSeq;
    }

    /** The CSeq of the last request the peer sent in the dialog (-1 before any). */
    public long remoteCSeq() {
        return remoteCSeq;
    }

    /** True when either side put the session on hold. */
    public boolean onHold() {
        return localHold || remoteHold;
    }

    /** True when we put the peer on hold with {@link #modify(MediaChange)}. */
    public boolean heldLocally() {
        return localHold;
    }

    /** True when the peer put us on hold. */
    public boolean heldRemotely() {
        return remoteHold;
    }

    /** The RFC 4235 state: EARLY, CONFIRMED or TERMINATED. */
    public DialogState state() {
        return state;
    }

    public boolean connected() {
        return state == DialogState.CONFIRMED;
    }

    public boolean isTerminated() {
        return state == DialogState.TERMINATED;
    }

    /** The Event of a SUBSCRIBE dialog, else null. */
    public Event subscribeEvent() {
        return subscribeEvent;
    }

    /**
     * The subscriptions sharing this dialog (RFC 6665 §4.5.2), told apart by Event type and
     * {@code id}: a SUBSCRIBE dialog's first one, others added by SUBSCRIBEs inside it, and the
     * implicit {@code refer;id=<CSeq>} ones of accepted REFERs (RFC 3515). A subscription goes
     * with its terminating NOTIFY or an accepted unsubscribe; a SUBSCRIBE dialog ends with its
     * last one, an INVITE dialog never ends with its subscriptions.
     */
    public List<Event> subscriptions() {
        return subscriptions.events();
    }

    /** How many subscriptions share this dialog (drachtio's getCountOfSubscriptions). */
    public int subscriptionCount() {
        return subscriptions.count();
    }

    /** The paired leg (a B2BUA links its two dialogs), or null. */
    public Dialog other() {
        return other;
    }

    /** Links this dialog and {@code peer} as each other's {@link #other()}. */
    public Dialog link(Dialog peer) {
        this.other = peer;
        if (peer != null) peer.other = this;
        return this;
    }

    /** Credentials for challenges to in-dialog requests (re-INVITE, BYE, …). */
    public Dialog auth(CredentialsProvider credentials) {
        this.auth = credentials;
        return this;
    }

    /** The session interval (RFC 4028) when a session timer runs, else 0. */
    public long sessionInterval() {
        return sessionTimer.interval();
    }

    /** Completes when the dialog ends. */
    public CompletableFuture<DestroyEvent> destroyed() {
        UserFuture<DestroyEvent> f = destroyed;
        if (f == null) {
            UserFuture<DestroyEvent> n = new UserFuture<>(executor());
            f = DESTROYED.compareAndSet(this, null, n) ? n : destroyed;
        }
        // Written before terminate() reads the future, read after it set the event: one of us completes it.
        DestroyEvent ev = destroyEvent;
        if (ev != null) f.complete(ev);
        return f.fork();
    }

    /**
     * Holds incoming in-dialog requests (except PRACK) until {@code false} is set again, then
     * delivers them in order: a B2BUA keeps the B leg's requests until A's ACK arrived.
     */
    public Dialog queueRequests(boolean on) {
        // No hand-off to the lane unless something is held (the common case: a handler releases
        // its new dialog before the peer sent anything). Dekker pairing with receive(): it writes
        // held then reads queueing, we write queueing then read held: one of us drains.
        queueing = on;
        if (!on && held) lane.execute(this::releaseHeld);
        return this;
    }

    /** On the lane: delivers the held requests, in order, unless queueing started again. */
    private void releaseHeld() {
        if (queued == null) return;
        while (!queued.isEmpty() && !queueing) dispatch(queued.poll());
        if (queued.isEmpty()) {
            queued = null;
            held = false;
        }
    }

    /** On the lane: starts queueing before the dialog is handed out (see UacOptions/UasOptions.queueRequests). */
    void startQueueing() {
        queueing = true;
    }

    /**
     * Hands every re-INVITE that changes the session (hold, unhold, a new offer, an offerless
     * re-INVITE) to {@code h}, which must answer it; hold/unhold listeners are still told.
     * Refreshes (RFC 4028) stay answered here: session timers are per leg.
     */
    void relayReinvites(Handler h) {
        listen(ListenerSet.Kind.REINVITE_RELAY, h);
    }

    /**
     * Hands every SUBSCRIBE in the dialog (refreshes, new subscriptions, unsubscribes) to
     * {@code h}, which must answer it; no NOTIFY is sent here for an unsubscribe: the relayed
     * notifier's own terminating NOTIFY ends the subscription (RFC 6665 §4.2.1.4).
     */
    void relaySubscribes(Handler h) {
        listen(ListenerSet.Kind.SUBSCRIBE_RELAY, h);
    }

    // ------------------------------------------------------------------ listeners

    public Dialog onDestroy(Consumer<DestroyEvent> l) {
        listen(ListenerSet.Kind.DESTROY, java.util.Objects.requireNonNull(l));
        return this;
    }

    /** A re-INVITE that is not a refresh, hold or unhold: the listener must answer it. */
    public Dialog onModify(Handler h) {
        listen(ListenerSet.Kind.MODIFY, h);
        return this;
    }

    /** A re-INVITE repeating the previous SDP (a session refresh); answered automatically. */
    public Dialog onRefresh(Consumer<Request> l) {
        listen(ListenerSet.Kind.REFRESH, java.util.Objects.requireNonNull(l));
        return this;
    }

    /** The peer put the session on hold; answered automatically. */
    public Dialog onHold(Consumer<Request> l) {
        listen(ListenerSet.Kind.HOLD, java.util.Objects.requireNonNull(l));
        return this;
    }

    /** The peer took the session off hold; answered automatically. */
    public Dialog onUnhold(Consumer<Request> l) {
        listen(ListenerSet.Kind.UNHOLD, java.util.Objects.requireNonNull(l));
        return this;
    }

    /** The ACK for a 2xx we sent (the initial one, or a re-INVITE's). */
    public Dialog onAck(Consumer<Request> l) {
        listen(ListenerSet.Kind.ACK, java.util.Objects.requireNonNull(l));
        return this;
    }

    public Dialog onInfo(Handler h) {
        listen(ListenerSet.Kind.INFO, h);
        return this;
    }

    /** NOTIFY; a {@code refer} NOTIFY never ends an INVITE dialog, whatever its Subscription-State. */
    public Dialog onNotify(Handler h) {
        listen(ListenerSet.Kind.NOTIFY, h);
        return this;
    }

    public Dialog onRefer(Handler h) {
        listen(ListenerSet.Kind.REFER, h);
        return this;
    }

    public Dialog onMessage(Handler h) {
        listen(ListenerSet.Kind.MESSAGE, h);
        return this;
    }

    public Dialog onOptions(Handler h) {
        listen(ListenerSet.Kind.OPTIONS, h);
        return this;
    }

    public Dialog onUpdate(Handler h) {
        listen(ListenerSet.Kind.UPDATE, h);
        return this;
    }

    public Dialog onPublish(Handler h) {
        listen(ListenerSet.Kind.PUBLISH, h);
        return this;
    }

    /** A SUBSCRIBE refreshing this subscription (Expires > 0). */
    public Dialog onSubscribe(Handler h) {
        listen(ListenerSet.Kind.SUBSCRIBE, h);
        return this;
    }

    /** The subscriber ended the subscription (Expires: 0); answered 202, then the dialog ends. */
    public Dialog onUnsubscribe(Consumer<Request> l) {
        listen(ListenerSet.Kind.UNSUBSCRIBE, java.util.Objects.requireNonNull(l));
        return this;
    }

    private void listen(ListenerSet.Kind kind, Object fn) {
        Object[] old;
        do {
            old = listeners;
        } while (!LISTENERS.compareAndSet(this, old, ListenerSet.with(old, kind, fn)));
    }

    private Handler handler(ListenerSet.Kind kind) {
        return ListenerSet.handler(listeners, kind);
    }

    // ------------------------------------------------------------------ operations

    /**
     * Sends any request inside the dialog (RFC 3261 §12.2.1.1) and completes with its final
     * response, whatever the status. An INVITE goes through {@link #modify(String)}'s queue;
     * a BYE ends the dialog.
     */
    public CompletableFuture<SipResponse> request(String method, Map<String, String> headers, String body) {
        return request(method, headers, body, new UserFuture<>(executor()));
    }

    /**
     * For srf itself: as {@link #request(String, Map, String)}, completed on the dialog's lane
     * (chain only non-blocking work). A B2BUA relays the answer from there, so it leaves before
     * anything the answering peer sent after it (e.g. a 200 to a NOTIFY, then a refresh
     * SUBSCRIBE): a user-thread relay could let the later request overtake it.
     */
    CompletableFuture<SipResponse> requestInternal(String method, Map<String, String> headers, String body) {
        return request(method, headers, body, new CompletableFuture<>());
    }

    private CompletableFuture<SipResponse> request(String method, Map<String, String> headers, String body,
            CompletableFuture<SipResponse> result) {
        lane.execute(() -> {
            if (isTerminated()) {
                result.completeExceptionally(new IllegalStateException("dialog terminated"));
                return;
            }
            if (SipMethod.INVITE.equals(method)) {
                reinvites().submit(body, headers, false).whenComplete((o, e) -> {
                    if (e != null) result.completeExceptionally(e);
                    else result.complete(o.response());
                });
                return;
            }
            if (SipMethod.BYE.equals(method)) {
                sendBye(headers, DestroyReason.LOCAL_RELEASE, null).whenComplete((r, e) -> {
                    if (e != null) result.completeExceptionally(e);
                    else result.complete(r);
                });
                return;
            }
            SipRequest r;
            try {
                r = newRequest(method);
                Bodies.apply(r, headers, body);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            send(r).whenComplete((resp, e) -> {
                if (e != null) result.completeExceptionally(e);
                else result.complete(resp);
            });
        });
        return result;
    }

    public CompletableFuture<SipResponse> request(String method) {
        return request(method, null, null);
    }

    /**
     * Sends a re-INVITE offering {@code sdp} (RFC 3261 §14.1) and completes with the peer's
     * answer. One re-INVITE at a time: others wait; a 491 is retried after the randomized
     * delay of §14.1. Fails with {@link SipError} on a failure response (the session keeps its
     * previous SDP).
     */
    public CompletableFuture<String> modify(String sdp) {
        return modify(sdp, null);
    }

    public CompletableFuture<String> modify(String sdp, Map<String, String> headers) {
        CompletableFuture<String> result = new UserFuture<>(executor());
        lane.execute(() -> reinvites().submit(sdp, headers, false).whenComplete((o, e) -> {
            if (e != null) result.completeExceptionally(e);
            else result.complete(o.remoteSdp());
        }));
        return result;
    }

    /**
     * Puts the peer on hold (our streams stop receiving, RFC 3264 §8.4) or resumes. Unhold
     * when not held fails with {@link IllegalStateException}.
     */
    public CompletableFuture<String> modify(MediaChange change) {
        CompletableFuture<String> result = new UserFuture<>(executor());
        lane.execute(() -> {
            String sdp;
            try {
                if (change == MediaChange.UNHOLD && !localHold) throw new IllegalStateException("not on hold");
                sdp = change == MediaChange.HOLD ? SdpChanges.hold(localSdp) : SdpChanges.unhold(localSdp);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            reinvites().submit(sdp, null, false).whenComplete((o, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    localHold = change == MediaChange.HOLD;
                    result.complete(o.remoteSdp());
                }
            });
        });
        return result;
    }

    /**
     * An offerless re-INVITE (3pcc, RFC 3725): completes with the peer's offer from the 2xx and
     * a handle to send the answer in the ACK.
     */
    public CompletableFuture<LateOffer> modifyWithoutOffer() {
        CompletableFuture<LateOffer> result = new UserFuture<>(executor());
        lane.execute(() -> reinvites().submit(null, null, true).whenComplete((o, e) -> {
            if (e != null) result.completeExceptionally(e);
            else result.complete(o.lateOffer());
        }));
        return result;
    }

    /**
     * Ends the dialog: BYE for an INVITE dialog; for a subscription, NOTIFY with
     * {@code Subscription-State: terminated} (notifier) or SUBSCRIBE with Expires 0 (subscriber,
     * RFC 6665 §4.1.2.3). Completes with the response (or null when already ended).
     */
    public CompletableFuture<SipResponse> destroy() {
        return destroy(null);
    }

    public CompletableFuture<SipResponse> destroy(Map<String, String> headers) {
        CompletableFuture<SipResponse> result = new UserFuture<>(executor());
        lane.execute(() -> {
            if (isTerminated()) {
                result.complete(null);
                return;
            }
            CompletableFuture<SipResponse> f;
            if (type == DialogType.SUBSCRIBE) f = endSubscriptions(headers);
            else f = sendBye(headers, DestroyReason.LOCAL_RELEASE, null);
            f.whenComplete((r, e) -> {
                if (e != null) result.completeExceptionally(e);
                else result.complete(r);
            });
        });
        return result;
    }

    // ------------------------------------------------------------------ lane: building and sending

    /** Our re-INVITE queue, created with the first re-INVITE. */
    private Reinvites reinvites() {
        Reinvites r = reinvites;
        if (r == null) reinvites = r = new Reinvites(this);
        return r;
    }

    /** A request within the dialog per RFC 3261 §12.2.1.1; on the lane. */
    SipRequest newRequest(String method) {
        long seq = SipMethod.ACK.equals(method) ? localCSeq : ++localCSeq;
        return buildRequest(method, seq);
    }

    long newCSeq() {
        return ++localCSeq;
    }

    SipRequest buildRequest(String method, long seq) {
        List<Address> routes = routeSet;
        io.sipflow.message.uri.Uri target = remoteTarget != null ? remoteTarget.uri() : remoteUri.uri();
        List<Address> routeHeaders = routes;
        if (!routes.isEmpty() && routes.get(0).uri() instanceof io.sipflow.message.uri.SipUri first && !first.lr()) {
            // Strict routing (§12.2.1.1): the first route becomes the Request-URI, the remote target the last Route.
            routeHeaders = new ArrayList<>(routes.subList(1, routes.size()));
            routeHeaders.add(Address.of(target));
            target = first.withParams(io.sipflow.message.header.Parameters.EMPTY);
        }
        SipRequest r = SipRequest.create(method, target, localUri.withTag(localTag),
                remoteTag == null ? remoteUri : remoteUri.withTag(remoteTag), callId, seq, null);
        if (!routeHeaders.isEmpty()) r.setAll(Header.ROUTE, routeHeaders);
        Bodies.contentLength(r);
        if (isTargetRefresh(method) || SipMethod.SUBSCRIBE.equals(method)) r.set(Header.CONTACT, localContact);
        if (SipMethod.INVITE.equals(method) || SipMethod.UPDATE.equals(method)) sessionTimer.decorateRequest(r);
        return r;
    }

    private static boolean isTargetRefresh(String method) {
        return SipMethod.INVITE.equals(method) || SipMethod.UPDATE.equals(method) || SipMethod.NOTIFY.equals(method)
                || SipMethod.REFER.equals(method);
    }

    /** Sends an in-dialog request (not INVITE/ACK) and applies what its final response means. */
    CompletableFuture<SipResponse> send(SipRequest r) {
        Outgoing o = Outgoing.send(srf, lane, r, auth, () -> ++localCSeq, null, this::reusableFlow);
        return o.result().thenApply(resp -> {
            afterResponse(r.method(), resp, r);
            return resp;
        });
    }

    /** On the lane, after the final response to a request we sent. */
    void afterResponse(String method, SipResponse resp, SipRequest sent) {
        int s = resp.status();
        if (s == 481 || s == 408) {
            // §12.2.1.2: the dialog is gone at the peer (or unreachable).
            if (!SipMethod.BYE.equals(method)) terminate(DestroyReason.REQUEST_FAILED, null);
            return;
        }
        afterSubscriptionRequest(method, resp, sent);
        if (isTerminated()) return;
        if (resp.isSuccess()) {
            if (isTargetRefresh(method)) refreshTarget(resp);
            if (SipMethod.UPDATE.equals(method)) {
                String answer = Bodies.sdp(resp);
                if (answer != null && Bodies.sdp(sent) != null) {
                    remoteSdp = answer;
                    localSdp = Bodies.sdp(sent);
                }
                sessionTimer.onSuccessToOurRequest(resp);
            }
        }
    }

    /**
     * What a request we sent does to the dialog's subscriptions: an accepted SUBSCRIBE adds one
     * (Expires 0: removes it), an accepted REFER adds its implicit one, and a NOTIFY saying
     * {@code terminated} ends ours, whatever the answer (RFC 6665 §4.2.2, RFC 3515 §2.4.4).
     */
    private void afterSubscriptionRequest(String method, SipResponse resp, SipRequest sent) {
        if (SipMethod.NOTIFY.equals(method)) {
            SubscriptionState ss = sent.get(Header.SUBSCRIPTION_STATE);
            if (ss != null && ss.isTerminated()) {
                Subscriptions.Entry sub = subscriptions.match(sent.get(Header.EVENT));
                if (sub != null || subscriptions.isEmpty()) subscriptionEnded(sub, DestroyReason.LOCAL_RELEASE, null);
            }
            return;
        }
        if (!resp.isSuccess()) return;
        if (SipMethod.SUBSCRIBE.equals(method)) {
            Event ev = sent.get(Header.EVENT);
            Long expires = sent.get(Header.EXPIRES);
            if (expires != null && expires == 0) {
                // The notifier's terminating NOTIFY ends it (§4.1.2.3); should none come, it ends
                // after 64·T1 (at least Timer F's default 32 s: a slow notifier is no lost one).
                Subscriptions.Entry sub = subscriptions.match(ev);
                if (sub != null) srf.schedule(lane, Math.max(srf.timers().timeout(), 32_000), () -> {
                    if (!isTerminated() && subscriptions.entries().contains(sub)) {
                        subscriptionEnded(sub, DestroyReason.LOCAL_RELEASE, null);
                    }
                });
            } else {
                subscriptionAccepted(ev, false);
            }
        } else if (SipMethod.REFER.equals(method)) {
            subscriptionAccepted(Subscriptions.ofRefer(sent), false);
        }
    }

    CompletableFuture<SipResponse> sendBye(Map<String, String> headers, DestroyReason reason, Reason why) {
        SipRequest bye = newRequest(SipMethod.BYE);
        if (why != null) bye.add(Header.REASON, why);
        try {
            Bodies.apply(bye, headers, null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Outgoing o = Outgoing.send(srf, lane, bye, auth, () -> ++localCSeq, null, this::reusableFlow);
        terminate(reason, null);
        return o.result();
    }

    /** Ends every subscription of a SUBSCRIBE dialog, hence the dialog; completes with the last response. */
    private CompletableFuture<SipResponse> endSubscriptions(Map<String, String> headers) {
        List<Subscriptions.Entry> all = subscriptions.entries();
        if (all.isEmpty()) return endSubscription(null, headers, DestroyReason.LOCAL_RELEASE);
        CompletableFuture<SipResponse> last = null;
        for (Subscriptions.Entry e : all) last = endSubscription(e, headers, DestroyReason.LOCAL_RELEASE);
        return last;
    }

    /**
     * Ends one subscription: NOTIFY with {@code Subscription-State: terminated} when we are its
     * notifier, SUBSCRIBE with Expires 0 when we subscribed (RFC 6665 §4.1.2.3, §4.2.2); the
     * dialog ends with the last one (null {@code sub}: the dialog's only, unnamed one).
     */
    private CompletableFuture<SipResponse> endSubscription(Subscriptions.Entry sub, Map<String, String> headers,
            DestroyReason reason) {
        boolean notifier = sub != null ? sub.notifier() : role == DialogRole.UAS;
        Event event = sub != null ? sub.event() : subscribeEvent;
        SipRequest r;
        if (notifier) {
            r = newRequest(SipMethod.NOTIFY);
            r.set(Header.SUBSCRIPTION_STATE, SubscriptionState.terminated(null));
        } else {
            r = newRequest(SipMethod.SUBSCRIBE);
            r.set(Header.EXPIRES, 0L);
        }
        if (event != null) r.set(Header.EVENT, event);
        try {
            Bodies.apply(r, headers, null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Outgoing o = Outgoing.send(srf, lane, r, auth, () -> ++localCSeq, null, this::reusableFlow);
        subscriptionEnded(sub, reason, null);
        return o.result();
    }

    /** On the lane: {@code sub} is over; a SUBSCRIBE dialog ends with its last subscription (RFC 6665 §4.5.2). */
    private void subscriptionEnded(Subscriptions.Entry sub, DestroyReason reason, Request req) {
        subscriptions = subscriptions.without(sub);
        if (type == DialogType.SUBSCRIBE && subscriptions.isEmpty()) terminate(reason, req);
    }

    /** On the lane: the subscription {@code event} began (or was refreshed) with a 2xx. */
    private void subscriptionAccepted(Event event, boolean notifier) {
        if (!isTerminated()) subscriptions = subscriptions.with(event, notifier);
    }

    /** RFC 4028 §10: no refresh came in time. */
    void sessionExpired() {
        if (isTerminated()) return;
        sendBye(null, DestroyReason.SESSION_TIMER_EXPIRED, Reason.sip(408, "Session timer expired"));
    }

    /** RFC 4028 §10: refresh with UPDATE (no body) when the peer allows it, else a re-INVITE with the same SDP. */
    void sendSessionRefresh(boolean preferUpdate) {
        boolean update = preferUpdate && peerAllowsUpdate;
        if (update) {
            send(newRequest(SipMethod.UPDATE));
        } else {
            reinvites().submit(localSdp, null, false);
        }
    }

    // ------------------------------------------------------------------ lane: incoming

    /** An in-dialog request from the peer (RFC 3261 §12.2.2). */
    void receive(ServerTransaction tx) {
        SipRequest r = tx.request();
        String m = r.method();
        if (isTerminated()) {
            tx.respond(tx.createResponse(481));
            return;
        }
        long seq = r.cseq().seq();
        if (remoteCSeq >= 0 && seq < remoteCSeq) {
            // §12.2.2: lower than the remote sequence number: out of order.
            tx.respond(tx.createResponse(500, "CSeq Out of Order"));
            return;
        }
        if (!SipMethod.PRACK.equals(m) || remoteCSeq < 0) remoteCSeq = Math.max(remoteCSeq, seq);
        // The peer's latest connection, or its NAT binding (NatTraversal).
        flow = srf.natTraversal().flowFor(r, tx.flow(), routeSet.isEmpty(), flow);
        if ((queueing || queued != null) && !SipMethod.PRACK.equals(m)) {
            // Behind the requests still held, in order, even once released.
            if (queued == null) queued = new ArrayDeque<>(4);
            queued.add(tx);
            held = true;
            if (!queueing) releaseHeld(); // released meanwhile (see queueRequests)
            return;
        }
        dispatch(tx);
    }

    private void dispatch(ServerTransaction tx) {
        SipRequest r = tx.request();
        String m = r.method();
        if (SipMethod.PRACK.equals(m)) {
            if (creator != null) creator.onPrack(tx);
            else tx.respond(tx.createResponse(481));
            return;
        }
        if (!exposed && state == DialogState.CONFIRMED && role == DialogRole.UAS) {
            // A dialog the application answered by hand: its requests go to the middleware (drachtio).
            if (SipMethod.BYE.equals(m)) terminate(DestroyReason.NORMAL_RELEASE, null);
            srf.toMiddleware(tx);
            return;
        }
        Request req = new Request(r, tx, tx.flow(), srf, lane, nonBlocking);
        req.dialog = this;
        switch (m) {
            case SipMethod.BYE -> {
                tx.respond(tx.createResponse(200));
                terminate(DestroyReason.NORMAL_RELEASE, req);
            }
            case SipMethod.INVITE -> onReinvite(tx, req);
            case SipMethod.UPDATE -> onUpdateRequest(tx, req);
            case SipMethod.NOTIFY -> onNotifyRequest(tx, req);
            case SipMethod.SUBSCRIBE -> onSubscribeRequest(tx, req);
            case SipMethod.INFO -> deliver(handler(ListenerSet.Kind.INFO), tx, req, 200);
            case SipMethod.REFER -> onReferRequest(tx, req);
            case SipMethod.MESSAGE -> deliver(handler(ListenerSet.Kind.MESSAGE), tx, req, 200);
            case SipMethod.OPTIONS -> deliver(handler(ListenerSet.Kind.OPTIONS), tx, req, 200);
            case SipMethod.PUBLISH -> deliver(handler(ListenerSet.Kind.PUBLISH), tx, req, 200);
            default -> tx.respond(tx.createResponse(501));
        }
    }

    /** Hands the request to the listener (which answers), or answers {@code defaultStatus}. */
    private void deliver(Handler h, ServerTransaction tx, Request req, int defaultStatus) {
        deliver(h, tx, req, new Response(req, direct(tx)), () -> tx.respond(tx.createResponse(defaultStatus)));
    }

    private void deliver(Handler h, ServerTransaction tx, Request req, Response res, Runnable fallback) {
        if (h == null) {
            fallback.run();
            return;
        }
        userLane().execute(() -> {
            try {
                h.handle(req, res);
            } catch (Exception e) {
                if (!res.finalResponseSent()) {
                    if (e instanceof SipError se && se.status() >= 300) res.send(se.status(), se.reason());
                    else res.send(500);
                }
            }
        });
    }

    private ResponseSender direct(ServerTransaction tx) {
        return (r, reliable, ack) -> tx.respond(r).thenApply(f -> r);
    }

    /** On the lane: the user lane, created with the first event that needs it (a non-blocking dialog's is its lane). */
    private Lane userLane() {
        if (nonBlocking) return lane;
        Lane l = userLane;
        if (l == null) userLane = l = new Lane(srf.userExecutor());
        return l;
    }

    /** Where the dependent stages of this dialog's futures run. */
    private java.util.concurrent.Executor executor() {
        return nonBlocking ? lane : srf.userExecutor();
    }

    /** Tells the listeners of {@code kind}, in registration order, on the user lane. */
    @SuppressWarnings("unchecked")
    private <E> void emit(ListenerSet.Kind kind, E event) {
        Object[] set = listeners;
        for (int i = 0; i < set.length; i += 2) {
            if (set[i] == kind) {
                Consumer<E> l = (Consumer<E>) set[i + 1];
                userLane().execute(() -> l.accept(event));
            }
        }
    }

    private void onReinvite(ServerTransaction tx, Request req) {
        if (reinvites != null && reinvites.inFlight()) {
            tx.respond(tx.createResponse(491)); // §14.2: our own re-INVITE is pending
            return;
        }
        if (pendingAck != null && !pendingAck.isDone()) {
            SipResponse busy = tx.createResponse(500);
            busy.set(Header.RETRY_AFTER, io.sipflow.message.header.RetryAfter.of(1 + (long) (Math.random() * 9)));
            tx.respond(busy); // §14.2: our 2xx to the previous INVITE awaits its ACK
            return;
        }
        SipRequest r = tx.request();
        incomingInvite = true;
        refreshTarget(r);
        String offer = Bodies.sdp(r);
        Response res = new Response(req, reinviteSender(tx, offer));
        Handler relay = handler(ListenerSet.Kind.REINVITE_RELAY);
        if (offer == null) {
            // Late offer: our 2xx carries an offer, the ACK the answer (RFC 3261 §14.2, RFC 3264).
            deliver(relay != null ? relay : handler(ListenerSet.Kind.MODIFY), tx, req, res, () -> res.send(200, null, null, localSdp));
            return;
        }
        String previous = remoteSdp;
        if (SdpChanges.isRefresh(previous, offer)) {
            emit(ListenerSet.Kind.REFRESH, req);
            res.send(200, null, null, localSdp);
        } else if (relay != null) {
            boolean hold = SdpChanges.isHold(offer);
            if (hold != remoteHold) {
                remoteHold = hold;
                emit(hold ? ListenerSet.Kind.HOLD : ListenerSet.Kind.UNHOLD, req);
            }
            deliver(relay, tx, req, res, () -> res.send(200, null, null, SdpChanges.answer(localSdp, offer)));
        } else if (!remoteHold && SdpChanges.isHold(offer)) {
            remoteSdp = offer;
            remoteHold = true;
            emit(ListenerSet.Kind.HOLD, req);
            res.send(200, null, null, SdpChanges.answer(localSdp, offer));
        } else if (remoteHold && !SdpChanges.isHold(offer)) {
            remoteSdp = offer;
            remoteHold = false;
            emit(ListenerSet.Kind.UNHOLD, req);
            res.send(200, null, null, SdpChanges.answer(localSdp, offer));
        } else {
            // The offer becomes the remote SDP only if accepted (a 2xx): a rejected or challenged
            // re-INVITE leaves the session as it was (RFC 3261 §14.2), so its retry is no refresh.
            deliver(handler(ListenerSet.Kind.MODIFY), tx, req, res, () -> res.send(200, null, null, localSdp));
        }
    }

    /**
     * Sends the responses to a re-INVITE: a 2xx records the offer and our SDP, restarts the
     * session timer and awaits the ACK (which carries the answer when {@code offer} is null).
     */
    private ResponseSender reinviteSender(ServerTransaction tx, String offer) {
        boolean offerInResponse = offer == null;
        return (r, reliable, ack) -> {
            if (r.isSuccess()) {
                if (offer != null) remoteSdp = offer;
                String sdp = Bodies.sdp(r);
                if (sdp != null) localSdp = sdp;
                sessionTimer.decorateSuccessToPeerRequest(tx.request(), r);
                addAllow(r);
                pendingAck = ack;
                answerInAck = offerInResponse;
            }
            if (r.isFinal()) {
                incomingInvite = false;
                if (!r.isSuccess() && reinvites != null) reinvites.resume();
            }
            return tx.respond(r).thenApply(f -> r);
        };
    }

    private void onUpdateRequest(ServerTransaction tx, Request req) {
        SipRequest r = tx.request();
        refreshTarget(r);
        String offer = Bodies.sdp(r);
        Response res = new Response(req, (resp, reliable, ack) -> {
            if (resp.isSuccess()) {
                String sdp = Bodies.sdp(resp);
                if (offer != null) remoteSdp = offer;
                if (sdp != null) localSdp = sdp;
                if (state == DialogState.CONFIRMED) sessionTimer.decorateSuccessToPeerRequest(r, resp);
            }
            return tx.respond(resp).thenApply(f -> resp);
        });
        deliver(handler(ListenerSet.Kind.UPDATE), tx, req, res, () -> {
            if (offer == null) res.send(200);
            else if (localSdp == null) res.send(488); // an offer we cannot answer yet
            else res.send(200, null, null, SdpChanges.answer(localSdp, offer));
        });
    }

    /**
     * A NOTIFY: with {@code Subscription-State: terminated} it ends the subscription it names
     * once answered (whatever the answer but a challenge: the notifier is done with it, RFC
     * 6665 §4.1.3); a SUBSCRIBE dialog ends with its last subscription, an INVITE dialog never
     * (a REFER's NOTIFY must not end the call, drachtio server#125).
     */
    private void onNotifyRequest(ServerTransaction tx, Request req) {
        SipRequest r = tx.request();
        refreshTarget(r);
        SubscriptionState ss = r.get(Header.SUBSCRIPTION_STATE);
        boolean terminated = ss != null && ss.isTerminated();
        Subscriptions.Entry sub = terminated ? subscriptions.match(r.get(Header.EVENT)) : null;
        // A SUBSCRIBE dialog whose (unnamed) subscription was never recorded ends with any terminating NOTIFY.
        boolean ends = terminated && (sub != null || subscriptions.isEmpty());
        Response res = new Response(req, (resp, reliable, ack) -> {
            CompletableFuture<SipResponse> f = tx.respond(resp).thenApply(x -> resp);
            if (ends && resp.isFinal() && resp.status() != 401 && resp.status() != 407) lane.execute(() -> subscriptionEnded(sub, DestroyReason.NORMAL_RELEASE, req));
            return f;
        });
        deliver(handler(ListenerSet.Kind.NOTIFY), tx, req, res, () -> res.send(200));
    }

    /**
     * A SUBSCRIBE in the dialog: a refresh or a new subscription sharing it (RFC 6665 §4.5.2),
     * counted once answered with a 2xx; or an unsubscribe (Expires: 0) of one of ours, answered
     * 202 and followed by its terminating NOTIFY (§4.2.1.4).
     */
    private void onSubscribeRequest(ServerTransaction tx, Request req) {
        SipRequest r = tx.request();
        Long expires = r.get(Header.EXPIRES);
        Event ev = r.get(Header.EVENT);
        boolean unsubscribe = expires != null && expires == 0;
        Subscriptions.Entry sub = subscriptions.match(ev);
        Handler relay = handler(ListenerSet.Kind.SUBSCRIBE_RELAY);
        if (unsubscribe && relay == null && (sub != null || (type == DialogType.SUBSCRIBE && subscriptions.isEmpty()))) {
            SipResponse ok = tx.createResponse(202);
            ok.set(Header.CONTACT, localContact);
            tx.respond(ok);
            emit(ListenerSet.Kind.UNSUBSCRIBE, req);
            endSubscription(sub, null, DestroyReason.UNSUBSCRIBED);
            return;
        }
        Response res = new Response(req, (resp, reliable, ack) -> {
            if (resp.isSuccess() && ev != null && !unsubscribe) lane.execute(() -> subscriptionAccepted(ev, true));
            return tx.respond(resp).thenApply(f -> resp);
        });
        if (relay != null) {
            if (unsubscribe) emit(ListenerSet.Kind.UNSUBSCRIBE, req);
            deliver(relay, tx, req, res, () -> res.send(500));
            return;
        }
        deliver(handler(ListenerSet.Kind.SUBSCRIBE), tx, req, res, () -> res.send(489, "Bad Event - no dialog handler"));
    }

    /** A REFER: accepted with a 2xx it creates an implicit subscription of ours (RFC 3515 §2.4.4). */
    private void onReferRequest(ServerTransaction tx, Request req) {
        Event implicit = Subscriptions.ofRefer(tx.request());
        Response res = new Response(req, (resp, reliable, ack) -> {
            if (resp.isSuccess() && implicit != null) lane.execute(() -> subscriptionAccepted(implicit, true));
            return tx.respond(resp).thenApply(f -> resp);
        });
        deliver(handler(ListenerSet.Kind.REFER), tx, req, res, () -> res.send(200));
    }

    /** The ACK for a 2xx we sent. */
    void receiveAck(SipRequest ack, Flow ackFlow) {
        if (isTerminated()) return;
        Request req = new Request(ack, null, ackFlow, srf, lane, nonBlocking);
        req.dialog = this;
        if (answerInAck) {
            String sdp = Bodies.sdp(ack);
            if (sdp != null) remoteSdp = sdp;
            answerInAck = false;
        }
        if (state == DialogState.EARLY) confirm();
        CompletableFuture<Request> p = pendingAck;
        pendingAck = null;
        if (p != null) p.complete(req);
        emit(ListenerSet.Kind.ACK, req);
        if (reinvites != null) reinvites.resume();
    }

    /** §14.1: an INVITE transaction from the peer is in progress (answering it, or its 2xx awaits the ACK). */
    boolean incomingInviteBusy() {
        return incomingInvite || (pendingAck != null && !pendingAck.isDone());
    }

    // ------------------------------------------------------------------ lane: state changes

    /** Target refresh (§12.2): a Contact in a target refresh request or its 2xx replaces the remote target. */
    void refreshTarget(io.sipflow.message.SipMessage m) {
        Address c = m.contact();
        if (c != null && !c.isWildcard()) remoteTarget = detached(c);
        List<String> allow = m.getAll(Header.ALLOW);
        if (!allow.isEmpty()) peerAllowsUpdate = allow.stream().anyMatch(SipMethod.UPDATE::equalsIgnoreCase);
    }

    /**
     * The same address, parsed again from its own text: an address read from a received message
     * refers to that message's bytes, and a dialog outlives its creating request by far (an
     * idle dialog would keep the whole INVITE).
     */
    private static Address detached(Address a) {
        return a == null || a.isWildcard() ? a : Address.parse(a.toString());
    }

    void addAllow(SipResponse r) {
        if (!r.has(Header.ALLOW)) r.setHeader("Allow", Srf.ALLOW);
    }

    void routeSet(List<Address> routes) {
        this.routeSet = routes.isEmpty() ? List.of() : routes.stream().map(Dialog::detached).toList();
    }

    void remoteTag(String tag) {
        this.remoteTag = tag;
    }

    void remoteCSeq(long seq) {
        this.remoteCSeq = seq;
    }

    void localCSeq(long seq) {
        this.localCSeq = seq;
    }

    void localSdp(String sdp) {
        this.localSdp = sdp;
    }

    void remoteSdp(String sdp) {
        this.remoteSdp = sdp;
    }

    void remoteHold(boolean held) {
        this.remoteHold = held;
    }

    /** The SUBSCRIBE that creates the dialog: its Event is the first subscription (we notify as UAS). */
    void subscribeEvent(Event e) {
        this.subscribeEvent = e;
        this.subscriptions = subscriptions.with(e, role == DialogRole.UAS);
    }

    void flow(Flow f) {
        this.flow = f;
    }

    Flow flow() {
        return flow;
    }

    /**
     * The flow our requests in this dialog go on: the connection the peer's dialog-creating
     * request (or its latest in-dialog request) came over, while it is open (RFC 3261 §18.2.2
     * and RFC 5923 spirit: a peer behind NAT is only reachable over the connection it opened);
     * over UDP, the peer's NAT binding when {@link NatTraversal} found one. Null otherwise:
     * the remote target is located as usual.
     */
    Flow reusableFlow() {
        Flow f = flow;
        return f != null && f.isOpen() ? f : null;
    }

    CredentialsProvider authProvider() {
        return auth;
    }

    SessionTimer sessionTimer() {
        return sessionTimer;
    }

    void expectAck(CompletableFuture<Request> ack, boolean answerInAck) {
        this.pendingAck = ack;
        this.answerInAck = answerInAck;
    }

    /** Early → confirmed. */
    void confirm() {
        if (state != DialogState.EARLY) return;
        state = DialogState.CONFIRMED;
        srf.dialogState(this, DialogState.CONFIRMED);
    }

    /** Ends the dialog locally: no message sent; listeners told. Idempotent. */
    void terminate(DestroyReason reason, Request req) {
        if (isTerminated()) return;
        boolean wasConfirmed = state == DialogState.CONFIRMED;
        state = DialogState.TERMINATED;
        sessionTimer.cancel();
        if (reinvites != null) reinvites.failAll(new IllegalStateException("dialog terminated"));
        if (creator != null) creator.dialogTerminated();
        srf.registry().remove(this);
        srf.dialogState(this, DialogState.TERMINATED);
        // A call whose 2xx was never ACKed started too (its CDR start went out with the 2xx): it stops with the reason.
        if ((wasConfirmed || reason == DestroyReason.ACK_TIMEOUT) && type == DialogType.INVITE) srf.cdrStop(callId, role, reason);
        DestroyEvent ev = new DestroyEvent(reason, req);
        destroyEvent = ev;
        CompletableFuture<DestroyEvent> f = destroyed;
        if (f != null) f.complete(ev);
        if (exposed) emit(ListenerSet.Kind.DESTROY, ev);
    }

    /** A failed ACK wait: BYE (RFC 3261 §13.3.1.4, §14.2). */
    void ackTimeout() {
        if (isTerminated()) return;
        CompletableFuture<Request> p = pendingAck;
        pendingAck = null;
        if (p != null) p.completeExceptionally(new SipError(408, "ACK Timeout"));
        sendBye(null, DestroyReason.ACK_TIMEOUT, Reason.sip(408, "ACK Timeout"));
    }

    @Override
    public String toString() {
        return "Dialog[" + id() + " " + role + " " + type + " " + state + "]";
    }
}
