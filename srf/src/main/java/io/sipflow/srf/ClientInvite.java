package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.MinSE;
import io.sipflow.message.header.RAck;
import io.sipflow.message.header.SessionExpires;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * createUAC's machinery, on the call's lane: the INVITE (or SUBSCRIBE) and its retries
 * (digest, 3xx redirect, 422 Session Interval Too Small), early dialogs per To tag with
 * automatic PRACK (RFC 3262 §4), the first 2xx wins and later ones from other forks are ACKed
 * and BYE'd (RFC 3261 §13.2.2.4), CANCEL on request or at Timer C.
 */
final class ClientInvite {
    private final Srf srf;
    private final Lane lane;
    private final UacOptions options;
    private final boolean lateOfferMode;
    final CompletableFuture<Object> result = new CompletableFuture<>();
    private final String callId = Srf.newCallId();
    private final String fromTag = Srf.newTag();
    private final Address from;
    private final Address to;
    private final Address contact;
    private final boolean subscribe;
    private Uri target;
    private long cseq = 1;
    private final Map<String, Dialog> early = new HashMap<>();
    private final Map<String, Long> lastRSeq = new HashMap<>();
    private final Set<String> lostForks = new HashSet<>();
    /** Early dialogs (by To tag) whose offer/answer completed in a reliable 1xx and its PRACK (RFC 3262 §5). */
    private final Set<String> answeredInPrack = new HashSet<>();
    private Dialog winner;
    private SipRequest winnerAck;
    private Outgoing out;
    private int redirects;
    /** keepUriOnRedirect: the 3xx Contact the INVITE now goes through (as a preloaded Route). */
    private Uri redirectHop;
    private boolean retried422;
    private boolean cancelRequested;
    private boolean done;
    private ScheduledFuture<?> timerC;

    ClientInvite(Srf srf, Lane lane, Uri target, UacOptions options, boolean lateOfferMode) {
        this.srf = srf;
        this.lane = lane;
        this.options = options;
        this.lateOfferMode = lateOfferMode;
        this.target = target;
        this.subscribe = SipMethod.SUBSCRIBE.equals(options.method);
        var transport = srf.transportFor(target);
        this.contact = srf.contactFor(transport, options.callingNumber);
        SipUri me = (SipUri) contact.uri();
        Address f = Address.of(options.callingName, SipUri.of(options.callingNumber == null ? "anonymous" : options.callingNumber,
                me.host(), me.port()));
        this.from = f;
        this.to = Address.of(target instanceof SipUri s ? s.withParams(io.sipflow.message.header.Parameters.EMPTY) : target);
    }

    /** On the lane. */
    void start() {
        srf.dialogStateOutcome(null, DialogState.TRYING, DialogStateEvent.Direction.INITIATOR, callId, fromTag);
        long ms = options.timerC.toMillis();
        if (!subscribe && ms > 0) timerC = srf.schedule(lane, ms, () -> {
            if (!done) cancel();
        });
        if (subscribe) srf.pendingSubscribe(callId, fromTag, this);
        send(null);
    }

    void cancel() {
        cancel(null);
    }

    /** CANCELs the INVITE, the CANCEL carrying {@code headers} (e.g. a B2BUA's Reason, RFC 3326). */
    void cancel(Map<String, String> headers) {
        cancelRequested = true;
        if (out != null && !done && !subscribe) out.cancel(headers);
    }

    private void send(SessionExpires sessionExpires) {
        SipRequest r;
        try {
            r = SipRequest.create(options.method, target, from.withTag(fromTag), to, callId, cseq, null);
            r.set(Header.CONTACT, contact);
            if (!subscribe) {
                r.add(Header.SUPPORTED, "100rel");
                r.setHeader("Allow", Srf.ALLOW);
                SessionTimer.offer(r, srf.sessionTimers());
                if (sessionExpires != null) {
                    r.set(Header.SESSION_EXPIRES, sessionExpires);
                    r.set(Header.MIN_SE, MinSE.of(sessionExpires.deltaSeconds()));
                }
            }
            if (redirectHop != null) r.set(Header.ROUTE, Srf.proxyRoute(redirectHop.toString()));
            else if (options.proxy != null) r.set(Header.ROUTE, Srf.proxyRoute(options.proxy));
            Bodies.apply(r, options.headers, options.localSdp);
            if (r.from().tag() == null) r.set(Header.FROM, r.from().withTag(fromTag));
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (r.cseq().seq() != cseq) r.set(Header.CSEQ, new CSeq(cseq, options.method));
        srf.cdrAttempt(callId, DialogRole.UAC, r);
        out = Outgoing.send(srf, lane, r, options.auth, () -> ++cseq, new Outgoing.Events() {
            @Override
            public void sent(io.sipflow.stack.transaction.ClientTransaction tx, SipRequest request) {
                if (options.onSent != null) {
                    SentRequest s = new SentRequest(request, h -> lane.execute(() -> cancel(h)));
                    srf.userExecutor().execute(() -> options.onSent.accept(s));
                }
            }

            @Override
            public void provisional(SipResponse response) {
                onProvisional(response);
            }

            @Override
            public void additionalSuccess(SipResponse response) {
                onAdditionalSuccess(response);
            }
        });
        out.result().thenAccept(this::onFinal);
    }

    private void onProvisional(SipResponse r) {
        if (isRetransmittedReliable(r)) return;
        // In order, before the (unordered) user callback: a B2BUA relays provisionals in sequence.
        if (options.provisionalTap != null) options.provisionalTap.accept(r);
        if (options.onProvisional != null) srf.userExecutor().execute(() -> options.onProvisional.accept(r));
        String tag = r.to() == null ? null : r.to().tag();
        if (r.status() == 100 || tag == null || done) {
            if (r.status() > 100) srf.dialogStateOutcome(null, DialogState.PROCEEDING, DialogStateEvent.Direction.INITIATOR, callId, fromTag);
            return;
        }
        Dialog d = early.get(tag);
        if (d == null) {
            d = newDialog(r);
            early.put(tag, d);
            srf.registry().add(d);
            srf.dialogState(d, DialogState.EARLY);
            Dialog created = d;
            if (options.earlyDialogTap != null) options.earlyDialogTap.accept(created);
            if (options.onEarlyDialog != null) srf.userExecutor().execute(() -> options.onEarlyDialog.accept(created));
        }
        d.refreshTarget(r);
        String sdp = Bodies.sdp(r);
        if (sdp != null) d.remoteSdp(sdp);
        Long rseq = r.get(Header.RSEQ);
        if (rseq != null && requires100rel(r)) {
            Long last = lastRSeq.get(tag);
            // RFC 3262 §4: PRACK each new reliable provisional once, in RSeq order; ignore retransmissions.
            if (last == null || rseq == last + 1) {
                lastRSeq.put(tag, rseq);
                RAck rack = RAck.of(rseq, out.request().cseq());
                Dialog dd = d;
                if (sdp != null && options.localSdp == null && answeredInPrack.add(tag)) {
                    // RFC 3262 §5: an offerless INVITE's offer came in this reliable 1xx: the PRACK answers it.
                    answerInPrack(dd, sdp).whenComplete((answer, e) -> lane.execute(() -> {
                        if (dd.isTerminated()) return;
                        dd.localSdp(answer);
                        sendPrack(dd, rack, answer);
                    }));
                } else {
                    sendPrack(dd, rack, null);
                }
            }
        }
    }

    /**
     * RFC 3262 §4: a reliable provisional whose RSeq is not one above the last one seen on its
     * early dialog (a retransmission, sent because our PRACK is on its way or lost — the PRACK's
     * own transaction retransmits it) "MUST NOT be processed further": neither the application
     * nor a B2BUA relaying provisionals sees it again.
     */
    private boolean isRetransmittedReliable(SipResponse r) {
        String tag = r.to() == null ? null : r.to().tag();
        if (tag == null || !requires100rel(r)) return false;
        Long rseq = r.get(Header.RSEQ);
        Long last = lastRSeq.get(tag);
        return rseq != null && last != null && rseq != last + 1;
    }

    private void sendPrack(Dialog d, RAck rack, String body) {
        SipRequest prack = d.newRequest(SipMethod.PRACK);
        prack.set(Header.RACK, rack);
        if (body != null) Bodies.apply(prack, null, body);
        d.send(prack);
    }

    /** The answer the PRACK carries: the application's, else one that takes no media (as for an offerless 2xx). */
    private java.util.concurrent.CompletionStage<String> answerInPrack(Dialog d, String offer) {
        java.util.concurrent.CompletionStage<String> fallback = CompletableFuture.completedFuture(SdpChanges.answer(offer, offer));
        if (options.prackAnswer == null) return fallback;
        try {
            java.util.concurrent.CompletionStage<String> s = options.prackAnswer.apply(offer);
            return s == null ? fallback : s.exceptionally(e -> SdpChanges.answer(offer, offer))
                    .thenApply(a -> a == null ? SdpChanges.answer(offer, offer) : a);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static boolean requires100rel(SipResponse r) {
        for (String s : r.getAll(Header.REQUIRE)) if (s.equalsIgnoreCase("100rel")) return true;
        return false;
    }

    private Dialog newDialog(SipResponse r) {
        DialogType type = subscribe ? DialogType.SUBSCRIBE : DialogType.INVITE;
        SipRequest sent = out.request();
        Dialog d = new Dialog(srf, lane, DialogRole.UAC, type, callId, fromTag, r.to().tag(), sent.from(), sent.to(),
                contact, sent.cseq().seq());
        List<Address> rr = new ArrayList<>(r.getAll(Header.RECORD_ROUTE));
        Collections.reverse(rr); // §12.1.2: the UAC's route set is the Record-Route in reverse
        d.routeSet(rr);
        d.refreshTarget(r);
        d.auth(options.auth);
        if (subscribe) d.subscribeEvent(sent.get(Header.EVENT));
        return d;
    }

    private void onFinal(SipResponse r) {
        done = true;
        if (timerC != null) timerC.cancel(false);
        int s = r.status();
        if (r.isSuccess()) {
            onSuccess(r);
            // After the dialog is in the registry: a NOTIFY missing both then looks in the registry again.
            if (subscribe) srf.subscribeDone(callId, fromTag);
            return;
        }
        if (s >= 300 && s < 400 && redirects < options.followRedirects && !cancelRequested && r.contact() != null) {
            redirects++;
            dropEarly();
            // drachtio's keepUriOnRedirect: same Request-URI, sent through the Contact (RFC 3261 §8.1.3.4 leaves the choice to the UAC).
            if (options.keepUriOnRedirect) redirectHop = r.contact().uri();
            else target = r.contact().uri();
            cseq++;
            done = false;
            send(null);
            return;
        }
        if (s == 422 && !retried422 && !cancelRequested && r.get(Header.MIN_SE) != null) {
            // RFC 4028 §7.4: retry with the interval the UAS asks for.
            retried422 = true;
            dropEarly();
            cseq++;
            done = false;
            send(SessionExpires.of(r.get(Header.MIN_SE).deltaSeconds()));
            return;
        }
        dropEarly();
        if (subscribe) srf.subscribeDone(callId, fromTag);
        boolean cancelled = s == 487 || cancelRequested;
        srf.dialogStateOutcome(null, cancelled ? DialogState.CANCELLED : DialogState.REJECTED,
                DialogStateEvent.Direction.INITIATOR, callId, fromTag);
        if (!subscribe) srf.cdrStop(callId, DialogRole.UAC, cancelled ? CdrEvent.StopReason.CALL_CANCELED : CdrEvent.StopReason.CALL_REJECTED);
        fail(new SipError(r));
    }

    private void dropEarly() {
        for (Dialog d : early.values()) d.terminate(DestroyReason.FORK_LOST, null);
        early.clear();
    }

    private void onSuccess(SipResponse r) {
        if (options.successTap != null) options.successTap.accept(r);
        String tag = r.to().tag();
        Dialog d = early.remove(tag);
        if (d == null) {
            d = newDialog(r);
            srf.registry().add(d);
        } else {
            List<Address> rr = new ArrayList<>(r.getAll(Header.RECORD_ROUTE));
            Collections.reverse(rr); // §13.2.2.4: recomputed from the 2xx
            d.routeSet(rr);
        }
        dropEarly();
        winner = d;
        // Queued from the 2xx on (same lane: nothing after it slips through); the early dialog's
        // requests (UPDATE, NOTIFY, PRACK) were delivered, as a B2BUA relays them before the answer.
        if (options.queueRequests) d.startQueueing();
        d.refreshTarget(r);
        d.exposed = true;
        // Never backwards: PRACKs and UPDATEs in the early dialog already used higher numbers (§12.2.1.1).
        d.localCSeq(Math.max(d.localCSeq(), out.request().cseq().seq()));
        if (subscribe) {
            d.confirm();
            succeed(d);
            return;
        }
        String peer = Bodies.sdp(r);
        d.sessionTimer().acceptInitial(r);
        srf.cdrStart(callId, DialogRole.UAC, r);
        if (options.localSdp != null) {
            d.localSdp(options.localSdp);
            if (peer != null) d.remoteSdp(peer);
            ack(d, null);
        } else if (answeredInPrack.contains(tag)) {
            // The offer came in a reliable 1xx and the PRACK answered it: the ACK carries nothing
            // (RFC 3262 §5; a 2xx repeating that SDP is no new offer, RFC 6337 §3.1).
            if (lateOfferMode) {
                Dialog dd = d;
                LateOffer lo = new LateOffer(r, dd.remote().sdp(), dd, ignored -> {
                    CompletableFuture<Dialog> acked = new CompletableFuture<>();
                    lane.execute(() -> {
                        ack(dd, null);
                        acked.complete(dd);
                    });
                    return acked.thenApplyAsync(x -> x, srf.userExecutor());
                });
                if (!result.complete(lo)) byeLoser(d);
                return;
            }
            ack(d, null);
        } else if (lateOfferMode) {
            if (peer != null) d.remoteSdp(peer);
            Dialog dd = d;
            LateOffer lo = new LateOffer(r, peer, dd, answer -> {
                CompletableFuture<Dialog> acked = new CompletableFuture<>();
                lane.execute(() -> {
                    dd.localSdp(answer);
                    ack(dd, answer);
                    acked.complete(dd);
                });
                return acked.thenApplyAsync(x -> x, srf.userExecutor());
            });
            if (!result.complete(lo)) byeLoser(d);
            return;
        } else {
            // Offerless INVITE without a late-offer handler: answer so that no media flows to us (drachtio's black hole).
            String answer = peer == null ? null : SdpChanges.answer(peer, peer);
            if (peer != null) d.remoteSdp(peer);
            d.localSdp(answer);
            ack(d, answer);
        }
        succeed(d);
    }

    private void succeed(Dialog d) {
        if (!result.complete(d) || cancelRequested && result.isCancelled()) byeLoser(d);
    }

    /** The caller gave up (cancelled the future) but a 2xx won the race: end the call (§9.1). */
    private void byeLoser(Dialog d) {
        d.sendBye(null, DestroyReason.LOCAL_RELEASE, null);
    }

    private void ack(Dialog d, String body) {
        d.confirm();
        SipRequest ack = d.buildRequest(SipMethod.ACK, out.request().cseq().seq());
        ack.remove(Header.SESSION_EXPIRES);
        ack.remove(Header.MIN_SE);
        if (body != null) Bodies.apply(ack, null, body);
        winnerAck = ack;
        byte[] bytes = ack.toBytes();
        srf.stack().sendAck(ack);
        winnerAck = (SipRequest) io.sipflow.message.SipParser.defaults().parse(bytes);
    }

    /** A 2xx after the first: the same one again (re-ACK), or another fork's (ACK and BYE, §13.2.2.4). */
    private void onAdditionalSuccess(SipResponse r) {
        String tag = r.to().tag();
        if (winner != null && tag.equals(winner.sip().remoteTag())) {
            if (winnerAck != null) {
                byte[] bytes = winnerAck.toBytes();
                srf.stack().sendAck((SipRequest) io.sipflow.message.SipParser.defaults().parse(bytes));
            }
            return;
        }
        Dialog loser = early.remove(tag);
        if (loser == null) {
            loser = newDialog(r);
        }
        loser.localCSeq(out.request().cseq().seq());
        SipRequest ack = loser.buildRequest(SipMethod.ACK, out.request().cseq().seq());
        if (options.localSdp == null) {
            String peer = Bodies.sdp(r);
            if (peer != null) Bodies.apply(ack, null, SdpChanges.answer(peer, peer));
        }
        srf.stack().sendAck(ack);
        if (lostForks.add(tag)) {
            loser.confirm();
            loser.sendBye(null, DestroyReason.FORK_LOST, null);
        }
    }

    private void fail(Throwable e) {
        if (subscribe) srf.subscribeDone(callId, fromTag);
        result.completeExceptionally(e);
    }

    Lane lane() {
        return lane;
    }

    /**
     * On the lane: a NOTIFY for our SUBSCRIBE that found no dialog. RFC 6665 §4.1.2.4: it may
     * come before the 2xx (which it overtook, or which was lost), and then creates the dialog,
     * as a 2xx would; the 2xx, when it arrives, confirms that dialog.
     */
    void notifyBeforeAnswer(io.sipflow.stack.transaction.ServerTransaction tx) {
        SipRequest n = tx.request();
        String tag = n.from() == null ? null : n.from().tag();
        Dialog d = null;
        if (tag != null && winner != null && tag.equals(winner.sip().remoteTag())) d = winner;
        else if (tag != null && winner == null) d = early.get(tag);
        if (d == null && tag != null && !done && out != null) {
            SipRequest sent = out.request();
            d = new Dialog(srf, lane, DialogRole.UAC, DialogType.SUBSCRIBE, callId, fromTag, tag, sent.from(), sent.to(),
                    contact, sent.cseq().seq());
            d.routeSet(n.getAll(Header.RECORD_ROUTE)); // as a request's (§12.1.1)
            d.refreshTarget(n);
            d.auth(options.auth);
            d.subscribeEvent(sent.get(Header.EVENT));
            if (options.queueRequests) d.startQueueing();
            early.put(tag, d);
            srf.registry().add(d);
            srf.dialogState(d, DialogState.EARLY);
        }
        if (d == null) {
            tx.respond(tx.createResponse(481));
            return;
        }
        d.receive(tx);
    }

    String callId() {
        return callId;
    }
}
