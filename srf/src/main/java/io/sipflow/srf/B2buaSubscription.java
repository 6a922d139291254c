package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.SubscriptionState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * createB2BUA for a SUBSCRIBE (drachtio forces B's method to A's): A's subscription is asked of
 * B with the same Event, Expires and Accept (RFC 6665 §4.1.2); B's 2xx answers A (202, with
 * B's Expires, which a notifier may shorten, §4.2.1.1) and creates both dialogs. Then B's
 * NOTIFYs go to A and A's answers back, and A's refreshes and unsubscribe go to B and B's
 * answers back; the terminating NOTIFY that ends B's last subscription ends both dialogs, since
 * each leg ends its own subscription with it (§4.1.3, §4.2.2). B's failure is relayed to A
 * ({@link B2buaOptions#passFailure}).
 */
final class B2buaSubscription {
    private final Srf srf;
    private final Request req;
    private final Response res;
    private final String uri;
    private final B2buaOptions o;
    private final CompletableFuture<B2bua> result = new CompletableFuture<>();
    /** B's 2xx (set on B's lane before createUAC completes). */
    private volatile SipResponse success;
    /** A terminating NOTIFY of B's last subscription is being relayed: each leg ends by itself, no tear-down. */
    private volatile boolean endingByNotify;

    B2buaSubscription(Srf srf, Request req, Response res, String uri, B2buaOptions options) {
        this.srf = srf;
        this.req = req;
        this.res = res;
        this.uri = uri;
        this.o = options;
    }

    CompletableFuture<B2bua> start() {
        Map<String, String> h = HeaderCopy.copy(req.message(), o.proxyRequestHeaders);
        // The subscription itself crosses over: its package, its duration, the bodies A accepts.
        for (String name : new String[] {"Event", "Expires", "Accept"}) {
            String v = req.message().header(name);
            if (v != null) h.putIfAbsent(name, v);
        }
        h.putAll(o.headers);
        UacOptions u = UacOptions.create().method(SipMethod.SUBSCRIBE).headers(h).queueRequests(true)
                .callingNumber(o.callingNumber != null ? o.callingNumber : req.callingNumber())
                .callingName(o.callingName != null ? o.callingName : req.callingName())
                .calledNumber(o.calledNumber != null ? o.calledNumber : req.calledNumber())
                .followRedirects(o.followRedirects)
                .keepUriOnRedirect(o.keepUriOnRedirect);
        if (o.onSent != null) u.onSent(o.onSent);
        if (o.proxy != null) u.proxy(o.proxy);
        if (o.auth != null) u.auth(o.auth);
        u.successTap = r -> success = r;
        srf.createUAC(uri, u).whenComplete(this::onAnswered);
        return result;
    }

    private void onAnswered(Dialog uac, Throwable err) {
        if (err != null) {
            Throwable e = B2buaCall.unwrap(err);
            if (o.passFailure && !res.finalResponseSent()) {
                if (e instanceof SipError se) res.send(se.status(), se.reason(), responseHeaders(se.response()), null);
                else res.send(500);
            }
            result.completeExceptionally(e);
            return;
        }
        if (o.onFinalizedUac != null) srf.userExecutor().execute(() -> o.onFinalizedUac.accept(uac));
        SipResponse ok = success;
        Map<String, String> headers = responseHeaders(ok);
        if (ok != null && ok.has(Header.EXPIRES)) headers.put("Expires", Long.toString(ok.get(Header.EXPIRES)));
        srf.createUAS(req, res, UasOptions.create().headers(headers).queueRequests(true)).whenComplete((uas, e) -> {
            if (e != null) {
                uac.destroy(); // A's leg failed after B accepted: unsubscribe B
                result.completeExceptionally(B2buaCall.unwrap(e));
                return;
            }
            bridge(uas, uac);
            uas.queueRequests(false);
            uac.queueRequests(false);
            result.complete(new B2bua(uas, uac));
        });
    }

    /** Before either leg's queued requests are released, so none misses its relay. */
    private void bridge(Dialog uas, Dialog uac) {
        uas.link(uac);
        uac.onNotify((n, r) -> relay(uac, uas, n, r));
        uas.relaySubscribes((s, r) -> relay(uas, uac, s, r));
        if (o.tearDownOtherLeg) {
            // One leg ended otherwise (a failed request, destroy()): end the other's subscription too.
            uas.destroyed().thenAccept(ev -> {
                if (!endingByNotify) uac.destroy();
            });
            uac.destroyed().thenAccept(ev -> {
                if (!endingByNotify) uas.destroy();
            });
        }
    }

    /** A NOTIFY (B → A) or SUBSCRIBE (A → B) with its end-to-end headers and body; the answer comes back. */
    private void relay(Dialog from, Dialog to, Request in, Response out) {
        if (in.message().is(SipMethod.NOTIFY)) {
            SubscriptionState ss = in.message().get(Header.SUBSCRIPTION_STATE);
            if (ss != null && ss.isTerminated() && from.subscriptionCount() <= 1) endingByNotify = true;
        }
        try {
            String body = in.hasBody() ? in.body() : null;
            B2buaRelay.answerWith(to.requestInternal(in.method(), HeaderCopy.endToEnd(in.message()), body), out);
        } catch (RuntimeException e) {
            B2buaRelay.fail(out, e);
        }
    }

    private Map<String, String> responseHeaders(SipResponse fromB) {
        Map<String, String> h = HeaderCopy.copy(fromB, o.proxyResponseHeaders);
        h.putAll(o.responseHeaders);
        if (o.responseHeadersFn != null && fromB != null) {
            Map<String, String> r = o.responseHeadersFn.apply(fromB, h);
            if (r != null) h = new java.util.LinkedHashMap<>(r);
        }
        return h;
    }
}
