package io.sipflow.examples;

import io.sipflow.message.Header;
import io.sipflow.srf.DestroyEvent;
import io.sipflow.srf.Dialog;
import io.sipflow.srf.Handler;
import io.sipflow.srf.Request;
import io.sipflow.srf.Response;
import io.sipflow.srf.Srf;
import io.sipflow.srf.UasOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of an IVR, built with {@link Srf#createUAS}: answers every INVITE with an SDP
 * answer (or an offer, when the INVITE has none), ringing first (reliably, RFC 3262, when the
 * caller requires 100rel). What happens next is the dialog's defaults: session timers as the
 * caller asks (RFC 4028), hold/unhold by re-INVITE or UPDATE answered, INFO (DTMF) and
 * OPTIONS answered 200, BYE ends the call. A REFER (RFC 3515) is accepted and reported done by
 * NOTIFY. With {@code hangupAfter}, the IVR hangs up itself.
 *
 * <p>Two ways to write the same handler: blocking ({@link #onInvite}, srf's default mode: it
 * runs on a virtual thread and joins each step), or non-blocking ({@link #onInviteChained}: it
 * chains each step and srf runs it, and the call's listeners, on the thread that owns the call,
 * which saves the thread wake-ups of handing each call to a virtual thread and back).
 * {@code sipflow example uas} runs the non-blocking form unless given {@code --blocking}.
 *
 * <p>Without ringing ({@code --no-ringing}) the IVR answers at once with the 200, as an IVR
 * that has nothing to ring for may; a caller that requires 100rel still gets its reliable 180
 * first, so the PRACK exchange (RFC 3262) is always exercised when asked for.
 */
public final class AnsweringUas {
    private static final Logger log = LoggerFactory.getLogger(AnsweringUas.class);

    private final Srf srf;
    private final Media media;
    private final Duration hangupAfter;
    private final boolean ringing;
    private final AtomicLong answered = new AtomicLong();

    public AnsweringUas(Srf srf, String mediaAddress, Duration hangupAfter) {
        this(srf, mediaAddress, hangupAfter, false);
    }

    /**
     * @param nonBlocking answer on the call's own thread ({@link Handler#nonBlocking}): the same
     *     steps chained instead of joined, and no thread hand-off per call
     */
    public AnsweringUas(Srf srf, String mediaAddress, Duration hangupAfter, boolean nonBlocking) {
        this(srf, mediaAddress, hangupAfter, nonBlocking, true);
    }

    /**
     * @param ringing send 180 Ringing before the 200; without it only a caller that requires
     *     100rel gets a (reliable) 180
     */
    public AnsweringUas(Srf srf, String mediaAddress, Duration hangupAfter, boolean nonBlocking, boolean ringing) {
        this.srf = srf;
        this.media = new Media(mediaAddress);
        this.hangupAfter = hangupAfter;
        this.ringing = ringing;
        Handler options = (req, res) -> res.send(200, Map.of("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK, REFER"));
        srf.invite(nonBlocking ? Handler.nonBlocking(this::onInviteChained) : this::onInvite);
        srf.options(nonBlocking ? Handler.nonBlocking(options) : options);
    }

    /** Calls answered so far. */
    public long answered() {
        return answered.get();
    }

    private void onInvite(Request req, Response res) {
        String sdp = sdpFor(req, res);
        if (sdp == null) return;
        Dialog call;
        try {
            if (requires100rel(req)) {
                res.sendReliably(180, null, null, null).join(); // waits for the PRACK (RFC 3262 §3)
            } else if (ringing) {
                res.send(180);
            }
            call = answer(req, res, sdp).join();
        } catch (CompletionException e) {
            log.debug("not answered: {}", e.getCause().toString()); // cancelled (487), no PRACK (504), 422...
            return;
        }
        setUp(call);
    }

    /** The same steps without blocking: each one chained to the future of the one before. */
    private void onInviteChained(Request req, Response res) {
        String sdp = sdpFor(req, res);
        if (sdp == null) return;
        CompletableFuture<?> rung = requires100rel(req) ? res.sendReliably(180, null, null, null)
                : ringing ? res.send(180)
                : CompletableFuture.completedFuture(null);
        rung.thenCompose(x -> answer(req, res, sdp)).whenComplete((call, e) -> {
            if (e == null) setUp(call);
            else log.debug("not answered: {}", (e instanceof CompletionException ce ? ce.getCause() : e).toString());
        });
    }

    /** Our answer to the caller's offer (or our offer, when the INVITE has none); null after a 488. */
    private String sdpFor(Request req, Response res) {
        try {
            return req.hasBody() ? media.answer(req.sdp()) : media.offer();
        } catch (Exception e) {
            res.send(488); // RFC 3264 §6: nothing acceptable in the offer
            return null;
        }
    }

    private static boolean requires100rel(Request req) {
        return req.getAll(Header.REQUIRE).stream().anyMatch("100rel"::equalsIgnoreCase);
    }

    private CompletableFuture<Dialog> answer(Request req, Response res, String sdp) {
        return srf.createUAS(req, res, UasOptions.create().localSdp(sdp).queueRequests(true));
    }

    private void setUp(Dialog call) {
        answered.incrementAndGet();
        // Listeners that capture nothing are shared by every call: an IVR holds many idle calls.
        call.onHold(AnsweringUas::held)
                .onUnhold(AnsweringUas::resumed)
                .onInfo((info, r) -> r.send(200)) // e.g. DTMF: application/dtmf-relay
                .onRefer(AnsweringUas::onRefer)
                .onDestroy(AnsweringUas::ended);
        if (hangupAfter != null) {
            CompletableFuture.delayedExecutor(hangupAfter.toMillis(), TimeUnit.MILLISECONDS).execute(call::destroy);
        }
        call.queueRequests(false); // listeners set: let the caller's requests in
    }

    private static void held(Request reinvite) {
        log.debug("{} on hold", reinvite.message().callId());
    }

    private static void resumed(Request reinvite) {
        log.debug("{} resumed", reinvite.message().callId());
    }

    private static void ended(DestroyEvent ev) {
        log.debug("call ended: {}", ev.reason());
    }

    /**
     * RFC 3515: accept, then report through the implicit subscription. A real IVR would call
     * the Refer-To target with createUAC and report its progress; here the transfer "succeeds".
     * The terminating NOTIFY does not end the call (drachtio server#125).
     */
    private static void onRefer(Request refer, Response res) {
        Dialog call = refer.dialog().orElseThrow();
        res.send(202)
                .thenCompose(x -> notify(call, "active;expires=60", "SIP/2.0 100 Trying"))
                .thenCompose(x -> notify(call, "terminated;reason=noresource", "SIP/2.0 200 OK"))
                .exceptionally(e -> {
                    log.debug("transfer report failed: {}", e.toString());
                    return null;
                });
    }

    private static CompletableFuture<?> notify(Dialog call, String state, String sipfrag) {
        return call.request("NOTIFY", Map.of("Event", "refer", "Subscription-State", state,
                "Content-Type", "message/sipfrag;version=2.0"), sipfrag + "\r\n");
    }
}
