package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * createB2BUA's machinery for one call, on a lane of its own: the INVITE to B built from A's,
 * B's provisional responses relayed to A in order (reliably when both sides do RFC 3262), A's
 * CANCEL passed to B with its Reason (RFC 3326), B's final response turned into A's, the
 * legs linked, and B's requests held until A's ACK confirms A's dialog.
 */
final class B2buaCall {
    private static final Logger log = LoggerFactory.getLogger(B2buaCall.class);

    private final Srf srf;
    private final Request req;
    private final Response res;
    private final String uri;
    private final B2buaOptions o;
    private final Lane lane;
    final CompletableFuture<B2bua> result = new CompletableFuture<>();

    // Lane-owned state.
    private SentRequest sent;
    private Map<String, String> pendingCancel;
    private boolean cancelledByA;
    /** Responses to A go out in B's order: each waits for the previous one (and its SDP rewrite). */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private final Map<String, CompletableFuture<String>> sdpForA = new HashMap<>();
    private boolean answeredReliably;
    private SipResponse success;
    /** B's early dialogs by To tag, and the tag of the last 18x relayed to A (whose dialog A's early UPDATEs go to). */
    private final java.util.concurrent.ConcurrentHashMap<String, Dialog> earlyB = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String relayedTag;
    private boolean earlyAInstalled;
    /**
     * Late offer across legs with reliable 1xx (RFC 3262 §5): B's offer (by its SDP) → A's answer
     * from A's PRACK, which B's PRACK carries. Filled from both lanes.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<String>> prackAnswersFromA =
            new java.util.concurrent.ConcurrentHashMap<>();

    B2buaCall(Srf srf, Request req, Response res, String uri, B2buaOptions options) {
        this.srf = srf;
        this.req = req;
        this.res = res;
        this.uri = uri;
        this.o = options;
        this.lane = new Lane(srf.userExecutor());
    }

    CompletableFuture<B2bua> start() {
        req.onCancel(c -> lane.execute(() -> onCancelFromA(c)));
        String offerA = req.sdp();
        CompletionStage<String> offerB = offerA == null || o.localSdpB == null
                ? CompletableFuture.completedFuture(offerA) : o.localSdpB.apply(offerA);
        offerB.whenComplete((sdp, e) -> lane.execute(() -> {
            if (e != null) {
                failBeforeB(e);
            } else if (cancelledByA || req.isCancelled()) {
                result.completeExceptionally(new SipError(487, "Request Terminated"));
            } else if (offerA == null) {
                srf.createUACLateOffer(uri, uacOptions(null))
                        .whenComplete((lo, err) -> lane.execute(() -> onLateOffer(lo, err)));
            } else {
                srf.createUAC(uri, uacOptions(sdp)).whenComplete((d, err) -> lane.execute(() -> onAnswered(d, err)));
            }
        }));
        return result;
    }

    private UacOptions uacOptions(String offer) {
        Map<String, String> h = HeaderCopy.copy(req.message(), o.proxyRequestHeaders);
        h.putAll(o.headers);
        UacOptions u = UacOptions.create().headers(h).localSdp(offer).queueRequests(true)
                .callingNumber(o.callingNumber != null ? o.callingNumber : req.callingNumber())
                .callingName(o.callingName != null ? o.callingName : req.callingName())
                .calledNumber(o.calledNumber != null ? o.calledNumber : req.calledNumber())
                .followRedirects(o.followRedirects)
                .keepUriOnRedirect(o.keepUriOnRedirect)
                .onSent(s -> {
                    lane.execute(() -> onSent(s));
                    if (o.onSent != null) o.onSent.accept(s);
                });
        if (o.proxy != null) u.proxy(o.proxy);
        if (o.auth != null) u.auth(o.auth);
        if (o.timerC != null) u.timerC(o.timerC);
        if (o.onProvisional != null) u.onProvisional(o.onProvisional);
        u.provisionalTap = r -> lane.execute(() -> onProvisional(r));
        if (offer == null) u.prackAnswer(sdpB -> prackAnswersFromA.computeIfAbsent(sdpB, k -> new CompletableFuture<>()));
        u.earlyDialogTap = d -> {
            earlyB.put(d.sip().remoteTag(), d);
            if (o.relayEarlyUpdates) {
                d.onUpdate((upd, r) -> B2buaRelay.earlyUpdate(o, earlyA(), true, upd, r));
            }
        };
        u.successTap = r -> lane.execute(() -> success = r);
        return u;
    }

    // ------------------------------------------------------------------ lane: before B answers

    private void onSent(SentRequest s) {
        sent = s;
        if (pendingCancel != null) s.cancel(pendingCancel);
    }

    /** RFC 3261 §9.2: the stack answered A's CANCEL and INVITE (487); CANCEL B with A's reason (RFC 3326). */
    private void onCancelFromA(io.sipflow.message.SipRequest cancel) {
        cancelledByA = true;
        Map<String, String> h = new LinkedHashMap<>();
        for (String name : new String[] {"Reason", "X-Reason"}) {
            String v = cancel.header(name);
            if (v != null) h.put(name, v);
        }
        if (sent != null) sent.cancel(h);
        else pendingCancel = h;
    }

    private void onProvisional(SipResponse r) {
        String sdp = Bodies.sdp(r);
        boolean offerFromB = sdp != null && req.sdp() == null && requires100rel(r);
        if (!o.passProvisionalResponses || r.status() <= 100 || cancelledByA || res.finalResponseSent()) {
            if (offerFromB) answerB(sdp, null);
            return;
        }
        boolean reliable = (requires100rel(r) && UasTransaction.supports100rel(req.message())) || aRequires100rel();
        CompletableFuture<String> body = sdp == null ? CompletableFuture.completedFuture(null) : toA(sdp, r);
        Map<String, String> headers = responseHeaders(r);
        String tag = r.to() == null ? null : r.to().tag();
        chain(() -> body.thenComposeAsync(s -> {
            if (cancelledByA || res.finalResponseSent()) {
                if (offerFromB) answerB(sdp, null);
                return CompletableFuture.completedFuture(null);
            }
            relayedTag = tag;
            if (reliable) {
                if (s != null) answeredReliably = true;
                CompletableFuture<Request> prack = res.sendReliably(r.status(), r.reasonPhrase(), headers, s);
                installEarlyA();
                if (offerFromB) {
                    // B's offer went to A in a reliable 18x: A's PRACK answers it, and that answer goes in B's PRACK.
                    prack.whenComplete((p, e) -> answerB(sdp, e == null ? p.sdp() : null));
                }
                return CompletableFuture.completedFuture(null);
            }
            if (offerFromB) answerB(sdp, null); // A cannot answer an unreliable 18x: B's PRACK takes no media
            CompletableFuture<?> sentToA = res.send(r.status(), r.reasonPhrase(), headers, s);
            installEarlyA();
            return sentToA;
        }, lane));
    }

    /** Completes B's PRACK answer for {@code offerB}: A's answer (made B's by localSdpB), or null for the no-media default. */
    private void answerB(String offerB, String answerFromA) {
        CompletableFuture<String> f = prackAnswersFromA.computeIfAbsent(offerB, k -> new CompletableFuture<>());
        if (answerFromA == null) {
            f.complete(null);
            return;
        }
        CompletionStage<String> toB = o.localSdpB == null ? CompletableFuture.completedFuture(answerFromA) : o.localSdpB.apply(answerFromA);
        toB.whenComplete((a, e) -> f.complete(e == null ? a : null));
    }

    /** A's early dialog (once an 18x made it), or null. */
    private Dialog earlyA() {
        Dialog a = req.dialog;
        return a != null && !a.isTerminated() ? a : null;
    }

    /**
     * After a relayed 18x made A's early dialog: A's UPDATEs in it go to B's early dialog that
     * sent the 18x. Queued on A's lane right behind the 18x, so no UPDATE from A can come first.
     */
    private void installEarlyA() {
        if (earlyAInstalled || !o.relayEarlyUpdates) return;
        earlyAInstalled = true;
        req.lane.execute(() -> {
            Dialog a = req.dialog;
            if (a != null) a.onUpdate((upd, r) -> {
                String t = relayedTag;
                B2buaRelay.earlyUpdate(o, t == null ? null : earlyB.get(t), false, upd, r);
            });
        });
    }

    /** The call is answered (or failed): the early relays give way to the in-dialog ones (or the defaults). */
    private void clearEarlyRelays(Dialog uac) {
        if (!o.relayEarlyUpdates) return;
        Dialog a = req.dialog;
        if (a != null) a.onUpdate(null);
        if (uac != null) uac.onUpdate(null);
    }

    // ------------------------------------------------------------------ lane: B's final response

    private void onAnswered(Dialog uac, Throwable err) {
        if (err != null) {
            onFailure(unwrap(err));
            return;
        }
        if (o.onFinalizedUac != null) srf.userExecutor().execute(() -> o.onFinalizedUac.accept(uac));
        if (cancelledByA) {
            uac.destroy(); // the 2xx crossed A's CANCEL (§9.1)
            result.completeExceptionally(new SipError(487, "Request Terminated"));
            return;
        }
        SipResponse ok = success;
        String sdpB = ok == null ? null : Bodies.sdp(ok);
        if (sdpB == null && !answeredReliably) sdpB = uac.remote().sdp(); // answered in an unreliable 18x
        CompletableFuture<String> toA = sdpB == null ? CompletableFuture.completedFuture(null) : toA(sdpB, ok);
        chain(() -> toA.thenComposeAsync(sdp -> answerA(sdp, ok), lane).whenCompleteAsync((uas, e) -> {
            if (e != null) {
                uac.destroy(); // §1.6: A failed after B answered
                result.completeExceptionally(unwrap(e));
                return;
            }
            clearEarlyRelays(uac);
            B2buaRelay.bridge(uas, uac, o);
            res.ackReceived().whenComplete((ack, ackErr) -> {
                if (ackErr != null) uac.destroy(); // A's ACK never came: A's leg was BYE'd already
                else uac.queueRequests(false);
            });
            uas.queueRequests(false);
            result.complete(new B2bua(uas, uac));
        }, lane));
    }

    /** A late-offer call (3pcc across legs): B's offer goes to A in the 200, A's answer to B in the ACK. */
    private void onLateOffer(LateOffer lo, Throwable err) {
        if (err != null) {
            onFailure(unwrap(err));
            return;
        }
        Dialog uac = lo.dialog();
        if (o.onFinalizedUac != null) srf.userExecutor().execute(() -> o.onFinalizedUac.accept(uac));
        if (cancelledByA) {
            abandon(lo);
            result.completeExceptionally(new SipError(487, "Request Terminated"));
            return;
        }
        String offerB = lo.remoteSdp();
        CompletableFuture<String> toA = offerB == null ? CompletableFuture.completedFuture(null) : toA(offerB, lo.response());
        chain(() -> toA.thenComposeAsync(sdp -> answerA(sdp, lo.response()), lane).whenCompleteAsync((uas, e) -> {
            if (e != null) {
                abandon(lo);
                result.completeExceptionally(unwrap(e));
                return;
            }
            clearEarlyRelays(uac);
            B2buaRelay.bridge(uas, uac, o);
            res.ackReceived().thenCompose(ack -> {
                String answer = ack.sdp();
                CompletionStage<String> toB = answer == null || o.localSdpB == null
                        ? CompletableFuture.completedFuture(answer) : o.localSdpB.apply(answer);
                return toB.thenCompose(lo::ack);
            }).whenComplete((d, ackErr) -> {
                if (ackErr != null) abandon(lo);
                else uac.queueRequests(false);
            });
            uas.queueRequests(false);
            result.complete(new B2bua(uas, uac));
        }, lane));
    }

    /** B's 2xx must be ACKed (with some answer) before the BYE (RFC 3261 §13.2.2.4). */
    private static void abandon(LateOffer lo) {
        String offer = lo.remoteSdp();
        lo.ack(offer == null ? null : SdpChanges.answer(offer, offer)).whenComplete((d, e) -> lo.dialog().destroy());
    }

    private CompletableFuture<Dialog> answerA(String sdp, SipResponse fromB) {
        UasOptions u = UasOptions.create().localSdp(sdp).headers(responseHeaders(fromB)).queueRequests(true);
        return srf.createUAS(req, res, u);
    }

    private void onFailure(Throwable e) {
        if (cancelledByA || req.isCancelled()) {
            result.completeExceptionally(new SipError(487, "Request Terminated"));
            return;
        }
        if (e instanceof SipError se) {
            if (o.passFailure) {
                Map<String, String> h = responseHeaders(se.response());
                chain(() -> {
                    if (res.finalResponseSent()) return CompletableFuture.completedFuture(null);
                    return res.send(se.status(), se.reason(), h, null);
                });
            }
            result.completeExceptionally(se);
            return;
        }
        failBeforeB(e);
    }

    private void failBeforeB(Throwable e) {
        log.debug("createB2BUA: no call to B: {}", e.toString());
        if (o.passFailure) chain(() -> res.finalResponseSent() ? CompletableFuture.completedFuture(null) : res.send(500));
        result.completeExceptionally(e);
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code step} after the previous response to A went out; a failed step does not stop later ones. */
    private void chain(java.util.function.Supplier<CompletableFuture<?>> step) {
        tail = tail.handleAsync((x, e) -> null, lane).thenComposeAsync(x -> step.get(), lane);
    }

    /** The SDP A gets for {@code sdpB}: rewritten once per distinct description (drachtio memoizes too). */
    private CompletableFuture<String> toA(String sdpB, SipResponse r) {
        if (o.localSdpA == null) return CompletableFuture.completedFuture(sdpB);
        return sdpForA.computeIfAbsent(sdpB, s -> o.localSdpA.apply(s, r).toCompletableFuture());
    }

    private Map<String, String> responseHeaders(SipResponse fromB) {
        Map<String, String> h = HeaderCopy.copy(fromB, o.proxyResponseHeaders);
        h.putAll(o.responseHeaders);
        if (o.responseHeadersFn != null) {
            Map<String, String> r = o.responseHeadersFn.apply(fromB, h);
            if (r != null) h = new LinkedHashMap<>(r);
        }
        return h;
    }

    private boolean aRequires100rel() {
        for (String s : req.message().getAll(Header.REQUIRE)) if (s.equalsIgnoreCase("100rel")) return true;
        return false;
    }

    private static boolean requires100rel(SipResponse r) {
        for (String s : r.getAll(Header.REQUIRE)) if (s.equalsIgnoreCase("100rel")) return true;
        return false;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }
}
