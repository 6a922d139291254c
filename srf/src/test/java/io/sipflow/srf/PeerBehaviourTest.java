package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Reason;
import io.sipflow.stack.transaction.ClientTransaction;
import io.sipflow.stack.transaction.ResponseListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Peers played by a bare stack: a forking proxy, a caller that never ACKs, a caller that never refreshes. */
class PeerBehaviourTest extends SrfTestBase {

    @Test
    void aSecond2xxFromAnotherForkIsAckedAndByed() throws Exception {
        Srf alice = srf("udp:127.0.0.1:0");
        RawUa forks = closeLater(new RawUa());
        forks.onRequest = tx -> {
            if (tx.request().is("BYE")) {
                tx.respond(200);
                return;
            }
            SipRequest inv = tx.request();
            SipResponse second = forks.ok(inv, "fork-b", SDP_B);
            tx.respond(forks.ok(inv, "fork-a", SDP_B));
            forks.stack.sendResponseStateless(second, tx.flow());
        };
        Dialog a = await(alice.createUAC("sip:bob@127.0.0.1:" + forks.port(), UacOptions.create().localSdp(SDP_A)));
        String winner = a.sip().remoteTag(); // whichever 2xx arrived first
        String loser = winner.equals("fork-a") ? "fork-b" : "fork-a";
        assertThat(winner).isIn("fork-a", "fork-b");
        SipRequest ack1 = poll(forks.acks);
        SipRequest ack2 = poll(forks.acks);
        assertThat(java.util.Set.of(ack1.to().tag(), ack2.to().tag())).containsExactlyInAnyOrder("fork-a", "fork-b");
        SipRequest bye = null;
        while (bye == null) {
            SipRequest r = poll(forks.requests);
            if (r.is("BYE")) bye = r;
        }
        assertThat(bye.to().tag()).isEqualTo(loser);
        assertThat(a.connected()).isTrue();
        assertThat(alice.dialogs()).containsExactly(a);
    }

    @Test
    void aLostAckDestroysTheDialogWithAckTimeout() {
        Srf bob = srf("udp:127.0.0.1:0");
        RawUa caller = closeLater(new RawUa());
        BlockingQueue<Dialog> dialogs = BasicCallTest.answering(bob);
        caller.stack.sendRequest(caller.invite(uri(bob, "bob"), SDP_A)); // and never ACK
        Dialog b = poll(dialogs);
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        b.onDestroy(ended::complete);
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.ACK_TIMEOUT);
        SipRequest bye = null;
        while (bye == null) {
            SipRequest r = poll(caller.requests);
            if (r.is("BYE")) bye = r;
        }
        assertThat(bye.callId()).isEqualTo(b.sip().callId());
    }

    @Test
    void theSessionTimerExpiresWhenTheRefresherDoesNotRefresh() {
        Srf bob = srf("udp:127.0.0.1:0", SessionTimerConfig.DEFAULT.withMinSE(1).withSessionExpires(2));
        RawUa caller = closeLater(new RawUa());
        caller.onRequest = tx -> tx.respond(200);
        BlockingQueue<Dialog> dialogs = BasicCallTest.answering(bob);
        SipRequest inv = caller.invite(uri(bob, "bob"), SDP_A);
        inv.setHeader("Supported", "timer");
        inv.setHeader("Session-Expires", "2;refresher=uac");
        inv.setHeader("Min-SE", "1");
        ClientTransaction ct = caller.stack.sendRequest(inv, ResponseListener.NONE);
        SipResponse ok = await(ct.finalResponse());
        assertThat(ok.get(Header.SESSION_EXPIRES).deltaSeconds()).isEqualTo(2);
        assertThat(ok.get(Header.SESSION_EXPIRES).refresher().token()).isEqualTo("uac");
        assertThat(ok.getAll(Header.REQUIRE)).contains("timer");
        caller.ack(ok);
        Dialog b = poll(dialogs);
        assertThat(b.sessionInterval()).isEqualTo(2);
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        b.onDestroy(ended::complete);
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.SESSION_TIMER_EXPIRED);
        SipRequest bye = null;
        while (bye == null) {
            SipRequest r = poll(caller.requests);
            if (r.is("BYE")) bye = r;
        }
        Reason reason = bye.get(Header.REASON);
        assertThat(reason.text()).isEqualTo("Session timer expired");
    }

    @Test
    void aTooSmallSessionIntervalGets422() {
        Srf bob = srf("udp:127.0.0.1:0", SessionTimerConfig.DEFAULT.withMinSE(90));
        RawUa caller = closeLater(new RawUa());
        BasicCallTest.answering(bob);
        SipRequest inv = caller.invite(uri(bob, "bob"), SDP_A);
        inv.setHeader("Supported", "timer");
        inv.setHeader("Session-Expires", "30");
        SipResponse r = await(caller.stack.sendRequest(inv, ResponseListener.NONE).finalResponse());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.get(Header.MIN_SE).deltaSeconds()).isEqualTo(90);
    }
}
