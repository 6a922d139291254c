package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * RFC 3262 §5 offer/answer before the call is answered: an offerless INVITE's offer in a
 * reliable 183, the answer in the PRACK (both roles), then UPDATE with SDP in the early dialog
 * (RFC 3311 §5.1) from either side.
 */
class EarlyOfferAnswerTest extends SrfTestBase {
    static final String ANSWER_A = SDP_A.replace("1000 1000", "1000 1500");

    /** Bob answers an offerless INVITE with a reliable 183 carrying his offer; the PRACK brings Alice's answer. */
    private static BlockingQueue<Object> offeringInA183(Srf bob, CompletableFuture<Void> proceed) {
        BlockingQueue<Object> seen = queue();
        bob.invite((req, res) -> {
            assertThat(req.sdp()).isNull();
            Request prack = await(res.sendReliably(183, null, null, SDP_B));
            seen.add("prack:" + prack.sdp());
            await(proceed);
            seen.add(await(bob.createUAS(req, res, UasOptions.create())));
        });
        return seen;
    }

    @Test
    void theOfferInAReliable183IsAnsweredInThePrack() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<String> offers = queue();
        BlockingQueue<Object> seen = offeringInA183(bob, CompletableFuture.completedFuture(null));
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().prackAnswer(offer -> {
            offers.add(offer);
            return CompletableFuture.supplyAsync(() -> ANSWER_A); // e.g. from a media server
        })));
        assertThat(poll(offers)).isEqualTo(SDP_B);
        assertThat(poll(seen)).isEqualTo("prack:" + ANSWER_A);
        Dialog b = (Dialog) poll(seen);
        assertThat(a.local().sdp()).isEqualTo(ANSWER_A);
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        assertThat(b.local().sdp()).isEqualTo(SDP_B);
        assertThat(b.remote().sdp()).isEqualTo(ANSWER_A);
        await(a.destroy());
        await(b.destroyed());
    }

    @Test
    void withoutAnAnswererThePrackTakesNoMedia() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Object> seen = offeringInA183(bob, CompletableFuture.completedFuture(null));
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create()));
        String prack = (String) poll(seen);
        assertThat(prack).startsWith("prack:v=0");
        Dialog b = (Dialog) poll(seen);
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        assertThat(b.remote().sdp()).isEqualTo(a.local().sdp());
        assertThat(a.connected()).isTrue();
    }

    @Test
    void aLateOfferCallWhoseOfferCameEarlyIsAckedWithoutBody() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Object> seen = offeringInA183(bob, CompletableFuture.completedFuture(null));
        LateOffer lo = await(alice.createUACLateOffer(uri(bob, "bob"), UacOptions.create().prackAnswer(ANSWER_A)));
        assertThat(lo.remoteSdp()).isEqualTo(SDP_B);
        Dialog a = await(lo.ack("ignored: offer/answer is complete"));
        assertThat(poll(seen)).isEqualTo("prack:" + ANSWER_A);
        Dialog b = (Dialog) poll(seen);
        assertThat(b.remote().sdp()).isEqualTo(ANSWER_A);
        assertThat(a.local().sdp()).isEqualTo(ANSWER_A);
    }

    /** After the PRACK, each side sends an UPDATE with a new offer in the early dialog; both sides track the SDP. */
    @Test
    void updatesWithSdpInTheEarlyDialogFromBothSides() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        CompletableFuture<Void> proceed = new CompletableFuture<>();
        BlockingQueue<Object> seen = offeringInA183(bob, proceed);
        BlockingQueue<Dialog> early = queue();
        CompletableFuture<Dialog> call = alice.createUAC(uri(bob, "bob"), UacOptions.create().prackAnswer(ANSWER_A)
                .onEarlyDialog(early::add));
        Dialog ae = poll(early);
        assertThat(poll(seen)).isEqualTo("prack:" + ANSWER_A);
        Dialog be = bob.findDialog(ae.callId(), ae.sip().remoteTag()).orElseThrow();
        // the caller updates: the callee's default answer is its SDP turned to the offer
        String offerA = ANSWER_A.replace("1000 1500", "1000 1501");
        SipResponse r = await(ae.request("UPDATE", null, offerA));
        assertThat(r.status()).isEqualTo(200);
        assertThat(be.remote().sdp()).isEqualTo(offerA);
        assertThat(ae.local().sdp()).isEqualTo(offerA);
        assertThat(ae.remote().sdp()).isEqualTo(be.local().sdp());
        // the callee updates, with a listener answering on the caller's side
        String offerB = SDP_B.replace("2000 2000", "2000 2001");
        String answerA = ANSWER_A.replace("1000 1500", "1000 1502");
        ae.onUpdate((u, res) -> res.send(200, null, null, answerA));
        r = await(be.request("UPDATE", null, offerB));
        assertThat(r.status()).isEqualTo(200);
        assertThat(ae.remote().sdp()).isEqualTo(offerB);
        assertThat(ae.local().sdp()).isEqualTo(answerA);
        assertThat(be.local().sdp()).isEqualTo(offerB);
        assertThat(be.remote().sdp()).isEqualTo(answerA);
        proceed.complete(null);
        Dialog a = await(call);
        Dialog b = (Dialog) poll(seen);
        assertThat(a).isSameAs(ae);
        assertThat(a.remote().sdp()).isEqualTo(offerB);
        assertThat(b.remote().sdp()).isEqualTo(answerA);
    }
}
