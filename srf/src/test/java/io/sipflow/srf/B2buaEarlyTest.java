package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * alice → b2b → bob before and after the answer: UPDATE in the early dialogs relayed both ways,
 * an offer in B's reliable 183 answered by A's PRACK, REFER and its NOTIFYs relayed in-dialog.
 */
class B2buaEarlyTest extends SrfTestBase {
    static final String ANSWER_A = SDP_A.replace("1000 1000", "1000 1500");
    private Srf alice;
    private Srf b2b;
    private Srf bob;
    private final BlockingQueue<B2bua> calls = queue();

    private void setUp(B2buaOptions options) {
        alice = srf("udp:127.0.0.1:0");
        b2b = srf("udp:127.0.0.1:0");
        bob = srf("udp:127.0.0.1:0");
        String target = uri(bob, "bob");
        b2b.invite((req, res) -> calls.add(b2b.createB2BUA(req, res, target, options).join()));
    }

    @Test
    void earlyUpdatesCrossBothWaysBeforeTheAnswer() {
        setUp(B2buaOptions.create());
        String offerA = SDP_A.replace("1000 1000", "1000 1001");
        String answerB = SDP_B.replace("2000 2000", "2000 2001");
        String offerB = SDP_B.replace("2000 2000", "2000 2002");
        String answerA = SDP_A.replace("1000 1000", "1000 1002");
        BlockingQueue<String> bobSaw = queue();
        CompletableFuture<Void> aliceUpdated = new CompletableFuture<>();
        BlockingQueue<SipResponse> bobsUpdate = queue();
        BlockingQueue<Dialog> bobDialogs = queue();
        CompletableFuture<Void> bobListens = new CompletableFuture<>();
        bob.invite((req, res) -> {
            await(res.sendReliably(183, null, null, SDP_B));
            Dialog early = req.dialog().orElseThrow();
            early.onUpdate((u, r) -> {
                bobSaw.add(u.sdp());
                r.send(200, null, null, answerB);
                aliceUpdated.complete(null);
            });
            bobListens.complete(null);
            await(aliceUpdated);
            bobsUpdate.add(await(early.request("UPDATE", null, offerB)));
            bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(answerB))));
        });
        BlockingQueue<Dialog> aliceEarly = queue();
        BlockingQueue<String> aliceSaw = queue();
        CompletableFuture<Dialog> call = alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)
                .onEarlyDialog(aliceEarly::add));
        Dialog ae = poll(aliceEarly);
        ae.onUpdate((u, r) -> {
            aliceSaw.add(u.sdp());
            r.send(200, null, null, answerA);
        });
        // let alice's PRACK complete before her UPDATE (RFC 3311 §5.1 needs the early dialog)
        for (int i = 0; i < 100 && ae.remote().sdp() == null; i++) sleep(20);
        await(bobListens); // bob listens once his 183 is PRACKed; alice's 183 arrived before that
        SipResponse r = await(ae.request("UPDATE", null, offerA));
        assertThat(r.status()).isEqualTo(200);
        assertThat(Bodies.sdp(r)).isEqualTo(answerB);
        assertThat(poll(bobSaw)).isEqualTo(offerA);
        assertThat(poll(aliceSaw)).isEqualTo(offerB);
        SipResponse br = poll(bobsUpdate);
        assertThat(br.status()).isEqualTo(200);
        assertThat(Bodies.sdp(br)).isEqualTo(answerA);
        Dialog a = await(call);
        Dialog b = poll(bobDialogs);
        poll(calls);
        assertThat(a.connected()).isTrue();
        assertThat(b.remote().sdp()).isEqualTo(answerA);
        // after the answer, without relayInDialogRequests, an UPDATE is this leg's business again
        SipResponse local = await(a.request("UPDATE", null, SdpChanges.hold(a.local().sdp())));
        assertThat(local.status()).as(local.toString()).isEqualTo(200);
        assertThat(bobSaw).isEmpty();
    }

    /** A offers nothing; B offers in a reliable 183; A's PRACK answer becomes B's PRACK answer. */
    @Test
    void anOfferInBsReliable183IsAnsweredByAsPrack() {
        setUp(B2buaOptions.create());
        BlockingQueue<String> bobsPrack = queue();
        BlockingQueue<Dialog> bobDialogs = queue();
        bob.invite((req, res) -> {
            assertThat(req.sdp()).isNull();
            Request prack = await(res.sendReliably(183, null, null, SDP_B));
            bobsPrack.add(String.valueOf(prack.sdp()));
            bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create())));
        });
        BlockingQueue<String> offers = queue();
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().prackAnswer(offer -> {
            offers.add(offer);
            return CompletableFuture.completedFuture(ANSWER_A);
        })));
        assertThat(poll(offers)).isEqualTo(SDP_B);
        assertThat(poll(bobsPrack)).isEqualTo(ANSWER_A);
        Dialog b = poll(bobDialogs);
        B2bua call = poll(calls);
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        assertThat(b.remote().sdp()).isEqualTo(ANSWER_A);
        assertThat(call.uac().remote().sdp()).isEqualTo(SDP_B);
        assertThat(call.uac().local().sdp()).isEqualTo(ANSWER_A);
        await(a.destroy());
        await(b.destroyed());
    }

    /** RFC 3515 through the B2BUA: the REFER reaches bob, bob's NOTIFYs reach alice, the call survives. */
    @Test
    void referAndItsNotifiesAreRelayed() {
        setUp(B2buaOptions.create().relayInDialogRequests(true));
        BlockingQueue<Dialog> bobDialogs = queue();
        bob.invite((req, res) -> bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B)))));
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(bobDialogs);
        poll(calls);
        BlockingQueue<String> refers = queue();
        b.onRefer((req, res) -> {
            refers.add(req.get("Refer-To"));
            res.send(202);
        });
        BlockingQueue<String> notifies = queue();
        a.onNotify((req, res) -> {
            notifies.add(req.get("Event") + "|" + req.get("Subscription-State") + "|" + req.body());
            res.send(200);
        });
        SipResponse r = await(a.request("REFER", Map.of("Refer-To", "<sip:carol@127.0.0.1>"), null));
        assertThat(r.status()).isEqualTo(202);
        assertThat(poll(refers)).isEqualTo("<sip:carol@127.0.0.1>");
        for (String[] n : new String[][] {{"active;expires=60", "SIP/2.0 100 Trying"}, {"terminated;reason=noresource", "SIP/2.0 200 OK"}}) {
            SipResponse nr = await(b.request("NOTIFY", Map.of("Event", "refer", "Subscription-State", n[0],
                    "Content-Type", "message/sipfrag;version=2.0"), n[1]));
            assertThat(nr.status()).isEqualTo(200);
            assertThat(poll(notifies)).isEqualTo("refer|" + n[0] + "|" + n[1]);
        }
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
        assertThat(await(a.request("INFO", Map.of("Content-Type", "text/plain"), "still here")).status()).isEqualTo(200);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
