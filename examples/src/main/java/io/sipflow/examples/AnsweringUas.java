package io.sipflow.examples;

import io.sipflow.message.Header;
import io.sipflow.srf.DestroyEvent;
import io.sipflow.srf.Dialog;
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
 */
public final class AnsweringUas {
    private static final Logger log = LoggerFactory.getLogger(AnsweringUas.class);

    private final Srf srf;
    private final Media media;
    private final Duration hangupAfter;
    private final AtomicLong answered = new AtomicLong();

    public AnsweringUas(Srf srf, String mediaAddress, Duration hangupAfter) {
        this.srf = srf;
        this.media = new Media(mediaAddress);
        this.hangupAfter = hangupAfter;
        srf.invite(this::onInvite);
        srf.options((req, res) -> res.send(200, Map.of("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK, REFER")));
    }

    /** Calls answered so far. */
    public long answered() {
        return answered.get();
    }

    private void onInvite(Request req, Response res) {
        String sdp;
        try {
            sdp = req.hasBody() ? media.answer(req.sdp()) : media.offer();
        } catch (Exception e) {
            res.send(488); // RFC 3264 §6: nothing acceptable in the offer
            return;
        }
        Dialog call;
        try {
            if (req.getAll(Header.REQUIRE).stream().anyMatch("100rel"::equalsIgnoreCase)) {
                res.sendReliably(180, null, null, null).join(); // waits for the PRACK (RFC 3262 §3)
            } else {
                res.send(180);
            }
            call = srf.createUAS(req, res, UasOptions.create().localSdp(sdp).queueRequests(true)).join();
        } catch (CompletionException e) {
            log.debug("not answered: {}", e.getCause().toString()); // cancelled (487), no PRACK (504), 422...
            return;
        }
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

    /**
     * RFC 3515: accept, then report through the implicit subscription. A real IVR would call
     * the Refer-To target with createUAC and report its progress; here the transfer "succeeds".
     * The terminating NOTIFY does not end the call (drachtio server#125).
     */
    private static void held(Request reinvite) {
        log.debug("{} on hold", reinvite.message().callId());
    }

    private static void resumed(Request reinvite) {
        log.debug("{} resumed", reinvite.message().callId());
    }

    private static void ended(DestroyEvent ev) {
        log.debug("call ended: {}", ev.reason());
    }

    private static void onRefer(Request refer, Response res) {
        res.send(202).join();
        Dialog call = refer.dialog().orElseThrow();
        notify(call, "active;expires=60", "SIP/2.0 100 Trying").join();
        notify(call, "terminated;reason=noresource", "SIP/2.0 200 OK").join();
    }

    private static CompletableFuture<?> notify(Dialog call, String state, String sipfrag) {
        return call.request("NOTIFY", Map.of("Event", "refer", "Subscription-State", state,
                "Content-Type", "message/sipfrag;version=2.0"), sipfrag + "\r\n");
    }
}
