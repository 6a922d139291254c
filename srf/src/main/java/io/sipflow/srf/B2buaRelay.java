package io.sipflow.srf;

import io.sipflow.message.SipMethod;
import io.sipflow.message.SipResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What joins the two legs of a {@link B2bua} once both are answered: the {@code other} links,
 * the tear-down of one leg when the other ends, and (opt-in) in-dialog requests crossing over.
 * The relay handlers run on each leg's listener thread (virtual threads). Those that may run
 * the application's SDP functions block on the other leg's answer; INFO, MESSAGE, REFER and
 * NOTIFY do not: their answer is relayed from srf's thread the moment it arrives
 * ({@link #answerWith}), ahead of anything the answering peer sends after it.
 */
final class B2buaRelay {
    private final Dialog uas;
    private final Dialog uac;
    private final B2buaOptions o;

    private B2buaRelay(Dialog uas, Dialog uac, B2buaOptions o) {
        this.uas = uas;
        this.uac = uac;
        this.o = o;
    }

    /** Called before either leg's queued requests are released, so no request misses a handler. */
    static void bridge(Dialog uas, Dialog uac, B2buaOptions o) {
        uas.link(uac);
        B2buaRelay r = new B2buaRelay(uas, uac, o);
        if (o.tearDownOtherLeg) {
            // destroyed() completes even for a leg that ended before this line ran.
            uas.destroyed().thenAccept(ev -> uac.destroy(reasonOf(ev)));
            uac.destroyed().thenAccept(ev -> uas.destroy(reasonOf(ev)));
        }
        if (o.relayInDialogRequests) {
            r.relayFrom(uas, uac);
            r.relayFrom(uac, uas);
        }
    }

    /** The Reason of the BYE that ended a leg, for the other leg's BYE (RFC 3326). */
    private static Map<String, String> reasonOf(DestroyEvent ev) {
        Map<String, String> h = new LinkedHashMap<>();
        if (ev.request() != null) {
            String r = ev.request().get("Reason");
            if (r != null) h.put("Reason", r);
        } else if (ev.reason() == DestroyReason.ACK_TIMEOUT) {
            h.put("Reason", "SIP;cause=408;text=\"ACK Timeout\"");
        } else if (ev.reason() == DestroyReason.SESSION_TIMER_EXPIRED) {
            h.put("Reason", "SIP;cause=408;text=\"Session timer expired\"");
        }
        return h;
    }

    private void relayFrom(Dialog from, Dialog to) {
        from.relayReinvites((req, res) -> reinvite(from, to, req, res));
        from.onUpdate((req, res) -> update(from, to, req, res));
        from.onInfo((req, res) -> plain(from, to, req, res));
        from.onMessage((req, res) -> plain(from, to, req, res));
        // REFER (RFC 3515) and the NOTIFYs of its implicit subscription cross as they are: the
        // transferee's NOTIFYs reach the referrer; a refer NOTIFY never ends either INVITE dialog.
        from.onRefer((req, res) -> plain(from, to, req, res));
        from.onNotify((req, res) -> plain(from, to, req, res));
    }

    /** A re-INVITE changing the session: offered to the other leg; its answer is ours (RFC 3264 §8). */
    private void reinvite(Dialog from, Dialog to, Request req, Response res) {
        String offer = req.sdp();
        try {
            if (offer == null) {
                // An offerless re-INVITE: the other leg's offer goes in our 2xx, the answer from our ACK to its ACK.
                LateOffer lo = to.modifyWithoutOffer().join();
                res.send(200, null, null, toward(from, lo.remoteSdp(), lo.response())).join();
                Request ack;
                try {
                    ack = res.ackReceived().join();
                } catch (RuntimeException e) {
                    String peer = lo.remoteSdp();
                    lo.ack(peer == null ? null : SdpChanges.answer(peer, peer));
                    return;
                }
                lo.ack(toward(to, ack.sdp(), null)).join();
                return;
            }
            String answer = to.modify(toward(to, offer, null)).join();
            res.send(200, null, null, toward(from, answer, null));
        } catch (RuntimeException e) {
            fail(res, e);
        }
    }

    /** UPDATE with an offer crosses over; without one it is a session refresh of this leg only (RFC 4028 §10). */
    private void update(Dialog from, Dialog to, Request req, Response res) {
        String offer = req.sdp();
        if (offer == null) {
            res.send(200);
            return;
        }
        try {
            SipResponse r = to.request(SipMethod.UPDATE, null, toward(to, offer, null)).join();
            if (!r.isSuccess()) {
                res.send(r.status(), r.reasonPhrase());
                return;
            }
            String answer = Bodies.sdp(r);
            res.send(200, null, null, answer == null ? null : toward(from, answer, r));
        } catch (RuntimeException e) {
            fail(res, e);
        }
    }

    /** INFO and MESSAGE: the request with its end-to-end headers and body, and the answer back. */
    private void plain(Dialog from, Dialog to, Request req, Response res) {
        try {
            String body = req.hasBody() ? req.body() : null;
            answerWith(to.requestInternal(req.method(), HeaderCopy.endToEnd(req.message()), body), res);
        } catch (RuntimeException e) {
            fail(res, e);
        }
    }

    /**
     * Relays the other leg's final response to {@code res} as soon as it arrives, on srf's thread
     * of that leg: what that peer sends next (a request right after its 200) cannot overtake it,
     * as it could if a user thread woke up to relay it.
     */
    static void answerWith(CompletableFuture<SipResponse> answer, Response res) {
        answer.whenComplete((r, e) -> {
            if (e != null) {
                fail(res, e);
                return;
            }
            try {
                String rb = r.hasBody() ? r.bodyAsString() : null;
                res.sendInternal(r.status(), r.reasonPhrase(), HeaderCopy.endToEnd(r), rb);
            } catch (RuntimeException x) {
                fail(res, x);
            }
        });
    }

    static void fail(Response res, Throwable e) {
        if (res.finalResponseSent()) return;
        Throwable c = B2buaCall.unwrap(e);
        if (c instanceof SipError se && se.status() >= 300) res.send(se.status(), se.reason());
        else res.send(500);
    }

    /** SDP on its way to {@code leg}, rewritten by the option's function when one was given. */
    private String toward(Dialog leg, String sdp, SipResponse r) {
        return leg == uas ? towardA(o, sdp, r) : towardB(o, sdp);
    }

    /** SDP for A after call setup (or in A's early dialog): the localSdpA function's, when one was given. */
    static String towardA(B2buaOptions o, String sdp, SipResponse r) {
        if (sdp == null || !o.rewriteInDialogA) return sdp;
        return o.localSdpA.apply(sdp, r).toCompletableFuture().join();
    }

    /** SDP for B after call setup (or in B's early dialog): the localSdpB function's, when one was given. */
    static String towardB(B2buaOptions o, String sdp) {
        if (sdp == null || !o.rewriteInDialogB) return sdp;
        return o.localSdpB.apply(sdp).toCompletableFuture().join();
    }

    /**
     * An UPDATE in one leg's early dialog (RFC 3311 §5.1, e.g. RFC 3312 preconditions) sent on
     * in the other's; its answer comes back. Without an offer, or with no early dialog on the
     * other side yet, it is answered here (200, or 500 for an offer nobody can answer yet).
     */
    static void earlyUpdate(B2buaOptions o, Dialog to, boolean towardA, Request req, Response res) {
        String offer = req.sdp();
        if (offer == null) {
            res.send(200);
            return;
        }
        if (to == null || to.isTerminated()) {
            res.send(500, null, java.util.Map.of("Retry-After", "1"), null);
            return;
        }
        try {
            SipResponse r = to.request(SipMethod.UPDATE, HeaderCopy.endToEnd(req.message()),
                    towardA ? towardA(o, offer, null) : towardB(o, offer)).join();
            String answer = Bodies.sdp(r);
            if (answer != null && r.isSuccess()) answer = towardA ? towardB(o, answer) : towardA(o, answer, r);
            res.send(r.status(), r.reasonPhrase(), HeaderCopy.endToEnd(r), r.isSuccess() ? answer : null);
        } catch (RuntimeException e) {
            fail(res, e);
        }
    }
}
