package io.sipflow.srf;

import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The re-INVITEs a dialog sends, one at a time (RFC 3261 §14.1: no new re-INVITE while one is
 * in progress), with the 491 retry of §14.1: after a random delay of 2.1–4 s for the owner of
 * the Call-ID (the dialog's UAC), 0–2 s otherwise, in 10 ms steps. On the dialog's lane.
 */
final class Reinvites {
    /** What a re-INVITE produced. */
    record Outcome(SipResponse response, String remoteSdp, LateOffer lateOffer) {}

    private static final int MAX_GLARE_RETRIES = 5;

    private static final class Job {
        final String sdp;
        final Map<String, String> headers;
        final boolean noAck;
        final CompletableFuture<Outcome> result = new CompletableFuture<>();
        int glareRetries;

        Job(String sdp, Map<String, String> headers, boolean noAck) {
            this.sdp = sdp;
            this.headers = headers;
            this.noAck = noAck;
        }
    }

    private final Dialog dialog;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private Job current;
    /** The current job's INVITE transaction is pending (between sending it and its final response). */
    private boolean sending;
    /** The current job waits for the peer's INVITE transaction to end (§14.1: one at a time in either direction). */
    private boolean deferred;

    Reinvites(Dialog dialog) {
        this.dialog = dialog;
    }

    /**
     * True while our re-INVITE's transaction is pending: a re-INVITE from the peer then gets
     * 491 (§14.2). Not during the randomized wait after a 491: the peer's retry is then
     * accepted, which is what the asymmetric delays of §14.1 are for.
     */
    boolean inFlight() {
        return sending;
    }

    /** The peer's INVITE transaction ended: a deferred re-INVITE may go now. */
    void resume() {
        if (current != null && deferred) {
            deferred = false;
            start(current);
        }
    }

    CompletableFuture<Outcome> submit(String sdp, Map<String, String> headers, boolean noAck) {
        Job j = new Job(sdp, headers, noAck);
        queue.add(j);
        pump();
        return j.result;
    }

    void failAll(Throwable e) {
        if (current != null) current.result.completeExceptionally(e);
        current = null;
        deferred = false;
        while (!queue.isEmpty()) queue.poll().result.completeExceptionally(e);
    }

    private void pump() {
        if (current != null || queue.isEmpty()) return;
        if (dialog.isTerminated()) {
            failAll(new IllegalStateException("dialog terminated"));
            return;
        }
        current = queue.poll();
        start(current);
    }

    private void start(Job job) {
        if (job != current) return;
        if (dialog.isTerminated()) {
            finish(job, new IllegalStateException("dialog terminated"));
            return;
        }
        if (dialog.incomingInviteBusy()) {
            deferred = true; // resume() sends it
            return;
        }
        SipRequest invite;
        try {
            invite = dialog.newRequest(SipMethod.INVITE);
            Bodies.apply(invite, job.headers, job.sdp);
        } catch (RuntimeException e) {
            finish(job, e);
            return;
        }
        long[] ackSeq = {invite.cseq().seq()};
        String[] ackBody = {null};
        Outgoing o = Outgoing.send(dialog.srf, dialog.lane, invite, dialog.authProvider(), () -> dialog.newCSeq(),
                new Outgoing.Events() {
                    @Override
                    public void additionalSuccess(SipResponse response) {
                        if (ackBody[0] != null || job.sdp != null) sendAck(ackSeq[0], ackBody[0]);
                    }
                }, dialog::reusableFlow);
        sending = true;
        o.result().thenAccept(resp -> {
            sending = false;
            ackSeq[0] = o.request().cseq().seq();
            onFinal(job, resp, ackSeq[0], ackBody);
        });
    }

    private void onFinal(Job job, SipResponse resp, long seq, String[] ackBody) {
        if (job != current) return;
        int s = resp.status();
        if (resp.isSuccess()) {
            dialog.refreshTarget(resp);
            dialog.sessionTimer().onSuccessToOurRequest(resp);
            String peer = Bodies.sdp(resp);
            if (job.sdp != null) {
                dialog.localSdp(job.sdp);
                if (peer != null) dialog.remoteSdp(peer);
                sendAck(seq, null);
                finish(job, new Outcome(resp, peer, null));
            } else if (job.noAck) {
                // 3pcc: the application supplies the answer; the queue waits for that ACK.
                LateOffer lo = new LateOffer(resp, peer, dialog, answer -> {
                    CompletableFuture<Dialog> acked = new CompletableFuture<>();
                    dialog.lane.execute(() -> {
                        ackBody[0] = answer;
                        dialog.localSdp(answer);
                        if (peer != null) dialog.remoteSdp(peer);
                        sendAck(seq, answer);
                        if (current == job) {
                            current = null;
                            pump();
                        }
                        acked.complete(dialog);
                    });
                    return acked.thenApplyAsync(d -> d, dialog.srf.userExecutor());
                });
                job.result.complete(new Outcome(resp, peer, lo));
            } else {
                String answer = dialog.local().sdp();
                if (peer != null) {
                    dialog.remoteSdp(peer);
                    answer = SdpChanges.answer(answer, peer);
                    dialog.localSdp(answer);
                }
                ackBody[0] = answer;
                sendAck(seq, answer);
                finish(job, new Outcome(resp, peer, null));
            }
            return;
        }
        if (s == 491 && job.glareRetries++ < MAX_GLARE_RETRIES && !dialog.isTerminated()) {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            long delay = dialog.role() == DialogRole.UAC ? 2100 + 10L * rnd.nextInt(191) : 10L * rnd.nextInt(201);
            dialog.srf.schedule(dialog.lane, delay, () -> start(job));
            return;
        }
        dialog.afterResponse(SipMethod.INVITE, resp, null);
        finish(job, new SipError(resp));
    }

    private void sendAck(long seq, String body) {
        SipRequest ack = dialog.buildRequest(SipMethod.ACK, seq);
        ack.remove(io.sipflow.message.Header.SESSION_EXPIRES);
        ack.remove(io.sipflow.message.Header.MIN_SE);
        if (body != null) Bodies.apply(ack, null, body);
        dialog.srf.stack().sendAck(ack, dialog.reusableFlow());
    }

    private void finish(Job job, Object outcome) {
        if (outcome instanceof Throwable t) job.result.completeExceptionally(t);
        else job.result.complete((Outcome) outcome);
        if (current == job) {
            current = null;
            pump();
        }
    }
}
