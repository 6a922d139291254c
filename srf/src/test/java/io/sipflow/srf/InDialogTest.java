package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import io.sipflow.sdp.SessionDescription;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests inside an established call: re-INVITE (hold, unhold, modify, refresh), UPDATE, INFO and the defaults. */
class InDialogTest extends SrfTestBase {
    Srf alice;
    Srf bob;
    Dialog a;
    Dialog b;

    @BeforeEach
    void call() {
        alice = srf("udp:127.0.0.1:0");
        bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        b = poll(bobDialogs);
    }

    static boolean held(String sdp) {
        return SdpChanges.isHold(sdp);
    }

    void holdAndUnhold(Dialog holder, Dialog held) throws Exception {
        BlockingQueue<String> events = queue();
        held.onHold(req -> events.add("hold"));
        held.onUnhold(req -> events.add("unhold"));
        String answer = await(holder.modify(MediaChange.HOLD));
        assertThat(poll(events)).isEqualTo("hold");
        assertThat(holder.onHold()).isTrue();
        assertThat(holder.heldLocally()).isTrue();
        assertThat(held.heldRemotely()).isTrue();
        assertThat(held(holder.local().sdp())).isTrue();
        assertThat(SessionDescription.parse(answer).effectiveDirection(0).attributeName()).isEqualTo("recvonly");
        assertThat(held.local().sdp()).isEqualTo(answer);
        await(holder.modify(MediaChange.UNHOLD));
        assertThat(poll(events)).isEqualTo("unhold");
        assertThat(holder.onHold()).isFalse();
        assertThat(held.onHold()).isFalse();
        assertThat(SessionDescription.parse(held.local().sdp()).effectiveDirection(0).attributeName()).isEqualTo("sendrecv");
    }

    @Test
    void callerHoldsAndResumes() throws Exception {
        holdAndUnhold(a, b);
    }

    @Test
    void calleeHoldsAndResumes() throws Exception {
        holdAndUnhold(b, a);
    }

    @Test
    void unholdWhenNotHeldFails() {
        assertThat(failure(a.modify(MediaChange.UNHOLD))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aModifyListenerAnswersTheReinvite() {
        String newOffer = SDP_A.replace("1000 1000", "1000 1001").replace("10000", "10002");
        String newAnswer = SDP_B.replace("2000 2000", "2000 2001").replace("20000", "20002");
        CompletableFuture<String> offered = new CompletableFuture<>();
        b.onModify((req, res) -> {
            offered.complete(req.sdp());
            res.send(200, null, null, newAnswer);
        });
        assertThat(await(a.modify(newOffer))).isEqualTo(newAnswer);
        assertThat(await(offered)).isEqualTo(newOffer);
        assertThat(a.remote().sdp()).isEqualTo(newAnswer);
        assertThat(a.local().sdp()).isEqualTo(newOffer);
        assertThat(b.remote().sdp()).isEqualTo(newOffer);
        assertThat(b.local().sdp()).isEqualTo(newAnswer);
    }

    @Test
    void aRejectedReinviteKeepsTheSession() {
        b.onModify((req, res) -> res.send(488));
        Throwable e = failure(a.modify(SDP_A.replace("1000 1000", "1000 1001")));
        assertThat(((SipError) e).status()).isEqualTo(488);
        assertThat(a.connected()).isTrue();
        assertThat(a.local().sdp()).isEqualTo(SDP_A);
        // and the dialog still works
        assertThat(await(a.request("INFO", Map.of("Content-Type", "text/plain"), "x")).status()).isEqualTo(200);
    }

    @Test
    void theSameSdpAgainIsARefresh() {
        BlockingQueue<String> events = queue();
        b.onRefresh(req -> events.add("refresh"));
        b.onModify((req, res) -> events.add("modify"));
        assertThat(await(a.modify(SDP_A))).isEqualTo(SDP_B);
        assertThat(poll(events)).isEqualTo("refresh");
    }

    @Test
    void reinvitesAreSerialized() {
        b.onModify((req, res) -> {
            Thread.sleep(100);
            res.send(200, null, null, b.local().sdp());
        });
        var f1 = a.modify(SDP_A.replace("1000 1000", "1000 1001"));
        var f2 = a.modify(SDP_A.replace("1000 1000", "1000 1002"));
        var f3 = a.modify(SDP_A.replace("1000 1000", "1000 1003"));
        await(CompletableFuture.allOf(f1, f2, f3));
        assertThat(a.local().sdp()).contains("1000 1003");
        assertThat(b.remote().sdp()).contains("1000 1003");
    }

    @Test
    void updateWithAnOfferGetsTheLocalSdpByDefault() {
        String offer = SDP_A.replace("1000 1000", "1000 1001");
        SipResponse r = await(a.request("UPDATE", null, offer));
        assertThat(r.status()).isEqualTo(200);
        assertThat(a.remote().sdp()).isEqualTo(r.bodyAsString());
        assertThat(b.remote().sdp()).isEqualTo(offer);
    }

    @Test
    void updateListener() {
        CompletableFuture<Request> seen = new CompletableFuture<>();
        b.onUpdate((req, res) -> {
            seen.complete(req);
            res.send(200);
        });
        assertThat(await(a.request("UPDATE")).status()).isEqualTo(200);
        assertThat(await(seen).method()).isEqualTo("UPDATE");
    }

    @Test
    void infoBothWaysWithAndWithoutListener() {
        CompletableFuture<String> body = new CompletableFuture<>();
        b.onInfo((req, res) -> {
            body.complete(req.body());
            res.send(200, Map.of("X-Reply", "ok"));
        });
        SipResponse r = await(a.request("INFO", Map.of("Content-Type", "application/dtmf-relay"), "Signal=5\r\nDuration=160\r\n"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Reply")).isEqualTo("ok");
        assertThat(await(body)).startsWith("Signal=5");
        assertThat(await(b.request("INFO", Map.of("Content-Type", "text/plain"), "x")).status()).isEqualTo(200);
    }

    @Test
    void inDialogDefaults() {
        assertThat(await(a.request("OPTIONS")).status()).isEqualTo(200);
        assertThat(await(a.request("MESSAGE", Map.of("Content-Type", "text/plain"), "hi")).status()).isEqualTo(200);
        assertThat(await(b.request("NOTIFY", Map.of("Event", "talk", "Subscription-State", "active"), null)).status()).isEqualTo(200);
        assertThat(await(a.request("SUBSCRIBE", Map.of("Event", "dialog", "Expires", "60"), null)).status()).isEqualTo(489);
        assertThat(await(a.request("FOO")).status()).isEqualTo(501);
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
    }

    @Test
    void aListenerExceptionGets500() {
        b.onMessage((req, res) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(await(a.request("MESSAGE", Map.of("Content-Type", "text/plain"), "hi")).status()).isEqualTo(500);
    }

    @Test
    void queuedRequestsAreDeliveredWhenReleased() {
        BlockingQueue<String> infos = queue();
        b.onInfo((req, res) -> {
            infos.add(req.body());
            res.send(200);
        });
        b.queueRequests(true);
        var r1 = a.request("INFO", Map.of("Content-Type", "text/plain"), "1");
        var r2 = a.request("INFO", Map.of("Content-Type", "text/plain"), "2");
        assertThat(infos.poll()).isNull();
        b.queueRequests(false);
        assertThat(poll(infos)).isEqualTo("1");
        assertThat(poll(infos)).isEqualTo("2");
        assertThat(await(r1).status()).isEqualTo(200);
        assertThat(await(r2).status()).isEqualTo(200);
    }

    @Test
    void anAckListenerSeesTheReinviteAck() {
        BlockingQueue<Request> acks = queue();
        b.onAck(acks::add);
        await(a.modify(SDP_A.replace("1000 1000", "1000 1001")));
        assertThat(poll(acks).method()).isEqualTo("ACK");
    }

    @Test
    void lateOfferReinvite() {
        LateOffer lo = await(a.modifyWithoutOffer());
        assertThat(lo.remoteSdp()).isEqualTo(SDP_B);
        String answer = SDP_A.replace("1000 1000", "1000 1001");
        BlockingQueue<Request> acks = queue();
        b.onAck(acks::add);
        await(lo.ack(answer));
        assertThat(poll(acks).sdp()).isEqualTo(answer);
        assertThat(b.remote().sdp()).isEqualTo(answer);
        assertThat(a.local().sdp()).isEqualTo(answer);
    }

    @Test
    void aBareBye() {
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        a.onDestroy(ended::complete);
        assertThat(await(b.request("BYE")).status()).isEqualTo(200);
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(failure(a.request("INFO"))).isInstanceOf(IllegalStateException.class);
    }
}
