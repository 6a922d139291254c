package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.RAck;
import io.sipflow.stack.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The UAS side of a new INVITE or SUBSCRIBE, on the request's lane: sends the responses the
 * application gives, creates the (early) dialog with the first response that carries a tag
 * (RFC 3261 §12.1.1), sends reliable provisionals (RFC 3262 §3: retransmitted from T1 doubling,
 * RSeq incremented, one outstanding at a time, PRACK matched by RAck), holds back the 2xx
 * while a reliable provisional is unacknowledged, and reports a CANCEL.
 */
final class UasTransaction implements ResponseSender {
    private final Srf srf;
    private final Request req;
    private final ServerTransaction tx;
    private final boolean invite;
    private Dialog dialog;
    private boolean finalSent;
    private boolean cancelled;
    private boolean queueRequests;
    /** The dialog runs its listeners on virtual threads even for a non-blocking request (a B2BUA's relay blocks). */
    private boolean blockingDialog;
    private long nextRSeq = 1 + ThreadLocalRandom.current().nextLong(1L << 30);

    /** The unacknowledged reliable provisional (RFC 3262 §3 allows one at a time here). */
    private Reliable outstanding;
    private final List<Runnable> waitingForPrack = new ArrayList<>();

    private final class Reliable {
        final SipResponse response;
        final byte[] bytes;
        final long rseq;
        final CompletableFuture<Request> prack;
        long interval;
        ScheduledFuture<?> timer;
        final long deadline;

        Reliable(SipResponse response, long rseq, CompletableFuture<Request> prack) {
            this.response = response;
            this.bytes = response.toBytes();
            this.rseq = rseq;
            this.prack = prack;
            this.interval = srf.timers().t1();
            this.deadline = System.nanoTime() / 1_000_000 + srf.timers().timeout();
        }
    }

    UasTransaction(Srf srf, Request req) {
        this.srf = srf;
        this.req = req;
        this.tx = req.tx;
        this.invite = req.message().is(SipMethod.INVITE);
    }

    Lane lane() {
        return req.lane;
    }

    Dialog dialog() {
        return dialog;
    }

    /** On the lane: the dialog (now or once created) holds the caller's in-dialog requests (UasOptions.queueRequests). */
    void queueRequests() {
        queueRequests = true;
        if (dialog != null) dialog.startQueueing();
    }

    /** On the lane (createB2BUA), before the dialog is handed out. */
    void blockingDialog() {
        blockingDialog = true;
        if (dialog != null) dialog.nonBlocking = false;
    }

    boolean isFinalSent() {
        return finalSent;
    }

    @Override
    public CompletableFuture<SipResponse> send(SipResponse r, boolean reliable, CompletableFuture<Request> acknowledged) {
        if (cancelled && r.isFinal()) {
            return CompletableFuture.failedFuture(new SipError(487, "Request Terminated"));
        }
        if (r.isFinal() && outstanding != null && invite) {
            // RFC 3262 §3: the final response waits for the PRACK of the reliable provisional.
            CompletableFuture<SipResponse> later = new CompletableFuture<>();
            waitingForPrack.add(() -> send(r, false, acknowledged).whenComplete((x, e) -> {
                if (e != null) later.completeExceptionally(e);
                else later.complete(x);
            }));
            return later;
        }
        int s = r.status();
        if (s > 100 && s < 300 && (invite || r.isSuccess())) ensureDialog(r);
        if (reliable) return sendReliable(r, acknowledged);
        if (r.isFinal()) {
            finalSent = true;
            srf.pendingDone(tx);
            // Answered: no reliable provisional is outstanding (the final waited for its PRACK), so
            // the dialog no longer needs this transaction, nor the INVITE it holds (RFC 3262 §3: a
            // later PRACK gets 481 either way).
            if (dialog != null) dialog.creator = null;
            if (r.isSuccess()) {
                if (invite) {
                    dialog.sessionTimer().answerInitial(req.message(), r);
                    dialog.addAllow(r);
                    String sdp = Bodies.sdp(r);
                    if (sdp != null) dialog.localSdp(sdp);
                    dialog.expectAck(acknowledged, req.sdp() == null);
                    srf.cdrStart(req.message().callId(), DialogRole.UAS, r);
                } else {
                    dialog.confirm();
                }
            } else {
                if (dialog != null) dialog.terminate(DestroyReason.NORMAL_RELEASE, null);
                if (invite) {
                    srf.dialogStateOutcome(req.message(), DialogState.REJECTED, DialogStateEvent.Direction.RECIPIENT);
                    srf.cdrStop(req.message().callId(), DialogRole.UAS, CdrEvent.StopReason.CALL_REJECTED);
                }
            }
        }
        return tx.respond(r).thenApply(f -> r);
    }

    private void ensureDialog(SipResponse r) {
        if (dialog != null) return;
        SipRequest m = req.message();
        Address contact = r.contact() != null ? r.contact() : srf.contactFor(req.flow());
        DialogType type = invite ? DialogType.INVITE : DialogType.SUBSCRIBE;
        dialog = new Dialog(srf, req.lane, DialogRole.UAS, type, m.callId(), tx.localTag(), m.from().tag(), m.to(),
                m.from(), contact, 0);
        dialog.refreshTarget(m);
        dialog.routeSet(m.getAll(Header.RECORD_ROUTE));
        dialog.remoteCSeq(m.cseq().seq());
        dialog.remoteSdp(req.sdp());
        dialog.remoteHold(SdpChanges.isHold(req.sdp()));
        dialog.flow(srf.natTraversal().flowFor(m, req.flow(), !m.has(Header.RECORD_ROUTE), null));
        dialog.creator = this;
        dialog.nonBlocking = req.nonBlocking && !blockingDialog;
        if (queueRequests) dialog.startQueueing();
        if (!invite) dialog.subscribeEvent(m.get(Header.EVENT));
        req.dialog = dialog;
        srf.registry().add(dialog);
        srf.dialogState(dialog, DialogState.EARLY);
    }

    // ------------------------------------------------------------------ RFC 3262

    private CompletableFuture<SipResponse> sendReliable(SipResponse r, CompletableFuture<Request> prack) {
        if (!supports100rel(req.message())) {
            return CompletableFuture.failedFuture(new SipError(420, "Remote endpoint does not support 100rel"));
        }
        if (outstanding != null) {
            CompletableFuture<SipResponse> later = new CompletableFuture<>();
            waitingForPrack.add(() -> sendReliable(r, prack).whenComplete((x, e) -> {
                if (e != null) later.completeExceptionally(e);
                else later.complete(x);
            }));
            return later;
        }
        r.remove(Header.REQUIRE);
        r.add(Header.REQUIRE, "100rel");
        long rseq = nextRSeq++;
        r.set(Header.RSEQ, rseq);
        String sdp = Bodies.sdp(r);
        if (sdp != null && dialog != null) dialog.localSdp(sdp);
        Reliable rel = new Reliable(r, rseq, prack);
        outstanding = rel;
        CompletableFuture<SipResponse> sent = tx.respond(r).thenApply(f -> r);
        if (!srf.reliableTransport(req.flow())) scheduleRetransmit(rel);
        else rel.timer = srf.schedule(req.lane, srf.timers().timeout(), () -> prackTimeout(rel));
        return sent;
    }

    private void scheduleRetransmit(Reliable rel) {
        rel.timer = srf.schedule(req.lane, rel.interval, () -> {
            if (outstanding != rel) return;
            if (System.nanoTime() / 1_000_000 >= rel.deadline) {
                prackTimeout(rel);
                return;
            }
            tx.respond((SipResponse) SipParser.defaults().parse(rel.bytes));
            rel.interval = rel.interval * 2;
            scheduleRetransmit(rel);
        });
    }

    /** RFC 3262 §3: no PRACK within 64·T1: reject the INVITE with a 5xx. */
    private void prackTimeout(Reliable rel) {
        if (outstanding != rel) return;
        outstanding = null;
        rel.prack.completeExceptionally(new SipError(504, "No PRACK"));
        waitingForPrack.clear();
        if (!finalSent && !cancelled) {
            finalSent = true;
            srf.pendingDone(tx);
            if (dialog != null) dialog.terminate(DestroyReason.REQUEST_FAILED, null);
            tx.respond(tx.createResponse(504, "No PRACK"));
        }
    }

    /** A PRACK in the early dialog: matches the outstanding reliable provisional by RAck (RFC 3262 §3). */
    void onPrack(ServerTransaction prackTx) {
        RAck rack = prackTx.request().get(Header.RACK);
        Reliable rel = outstanding;
        if (rack == null || rel == null || !rack.matches(rel.rseq, req.message().cseq())) {
            prackTx.respond(prackTx.createResponse(481));
            return;
        }
        outstanding = null;
        if (rel.timer != null) rel.timer.cancel(false);
        String answer = Bodies.sdp(prackTx.request());
        if (answer != null && dialog != null) dialog.remoteSdp(answer);
        prackTx.respond(prackTx.createResponse(200));
        Request prack = new Request(prackTx.request(), prackTx, prackTx.flow(), srf, req.lane, req.nonBlocking);
        prack.dialog = dialog;
        rel.prack.complete(prack);
        List<Runnable> waiting = new ArrayList<>(waitingForPrack);
        waitingForPrack.clear();
        for (Runnable w : waiting) w.run();
    }

    static boolean supports100rel(SipRequest r) {
        for (String s : r.getAll(Header.SUPPORTED)) if (s.equalsIgnoreCase("100rel")) return true;
        for (String s : r.getAll(Header.REQUIRE)) if (s.equalsIgnoreCase("100rel")) return true;
        return false;
    }

    // ------------------------------------------------------------------ CANCEL and ACK timeout

    /** The caller cancelled (the stack already answered 200 and 487, RFC 3261 §9.2). */
    void onCancel(SipRequest cancel) {
        if (finalSent) return;
        cancelled = true;
        finalSent = true;
        srf.pendingDone(tx);
        if (outstanding != null && outstanding.timer != null) outstanding.timer.cancel(false);
        if (outstanding != null) outstanding.prack.completeExceptionally(new SipError(487, "Request Terminated"));
        outstanding = null;
        waitingForPrack.clear();
        if (dialog != null) dialog.terminate(DestroyReason.NORMAL_RELEASE, null);
        srf.dialogStateOutcome(req.message(), DialogState.CANCELLED, DialogStateEvent.Direction.RECIPIENT);
        srf.cdrStop(req.message().callId(), DialogRole.UAS, CdrEvent.StopReason.CALL_CANCELED);
        req.cancelledBy(cancel);
    }

    boolean isCancelled() {
        return cancelled;
    }

    void dialogTerminated() {
        if (outstanding != null && outstanding.timer != null) outstanding.timer.cancel(false);
    }
}
