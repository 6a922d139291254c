package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-INVITE glare (RFC 3261 §14.1/§14.2): a 491 is retried after the randomized delay (2.1–4 s
 * for the dialog's UAC, who owns the Call-ID; 0–2 s for the UAS), and the peer's re-INVITE that
 * arrives during that wait is accepted, not answered 491 again.
 */
class GlareTest extends SrfTestBase {
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

    static <T> T awaitLong(CompletableFuture<T> f) throws Exception {
        return f.get(40, TimeUnit.SECONDS);
    }

    /**
     * Bob answers Alice's re-INVITE 491 and sends his own right away: Alice (the UAC, waiting
     * 2.1–4 s) accepts it, then retries hers, which Bob accepts.
     */
    @Test
    void theUacRetriesAfterTheLongerWaitAndAcceptsThePeersReinviteMeanwhile() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        long[] glareAt = new long[1];
        long[] retryAt = new long[1];
        String bobsOffer = SDP_B.replace("2000 2000", "2000 2001").replace("20000", "20002");
        String alicesOffer = SDP_A.replace("1000 1000", "1000 1001").replace("10000", "10002");
        CompletableFuture<String> bobsModify = new CompletableFuture<>();
        b.onModify((req, res) -> {
            if (events.isEmpty()) {
                glareAt[0] = System.nanoTime();
                events.add("bob 491");
                res.send(491).join();
                b.modify(bobsOffer).whenComplete((s, e) -> {
                    if (e != null) bobsModify.completeExceptionally(e);
                    else bobsModify.complete(s);
                });
            } else {
                retryAt[0] = System.nanoTime();
                events.add("bob 200");
                res.send(200, null, null, SdpChanges.answer(b.local().sdp(), req.sdp()));
            }
        });
        a.onModify((req, res) -> {
            events.add("alice 200");
            res.send(200, null, null, SdpChanges.answer(a.local().sdp(), req.sdp()));
        });
        String answer = awaitLong(a.modify(alicesOffer));
        assertThat(answer).isNotNull();
        assertThat(awaitLong(bobsModify)).isNotNull();
        assertThat(events).containsExactly("bob 491", "alice 200", "bob 200");
        // A lower bound only (a timer never fires early): the owner of the Call-ID waited ≥ 2.1 s.
        assertThat(TimeUnit.NANOSECONDS.toMillis(retryAt[0] - glareAt[0])).isGreaterThanOrEqualTo(2000);
        assertThat(a.local().sdp()).isEqualTo(alicesOffer);
        assertThat(b.remote().sdp()).isEqualTo(alicesOffer);
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
    }

    /** The UAS side of glare: its retry comes after at most ~2 s and succeeds. */
    @Test
    void theUasRetriesToo() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        a.onModify((req, res) -> {
            if (events.isEmpty()) {
                events.add("alice 491");
                res.send(491);
            } else {
                events.add("alice 200");
                res.send(200, null, null, SdpChanges.answer(a.local().sdp(), req.sdp()));
            }
        });
        String offer = SDP_B.replace("2000 2000", "2000 2001");
        assertThat(awaitLong(b.modify(offer))).isNotNull();
        assertThat(events).containsExactly("alice 491", "alice 200");
        assertThat(b.local().sdp()).isEqualTo(offer);
    }

    /** Both sides modify at once, several times: whatever collides, every re-INVITE completes. */
    @Test
    void simultaneousReinvitesFromBothSidesAllComplete() throws Exception {
        for (int i = 1; i <= 3; i++) {
            String offerA = SDP_A.replace("1000 1000", "1000 " + (1000 + i));
            String offerB = SDP_B.replace("2000 2000", "2000 " + (2000 + i));
            CompletableFuture<String> fa = a.modify(offerA);
            CompletableFuture<String> fb = b.modify(offerB);
            awaitLong(fa);
            awaitLong(fb);
        }
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
        assertThat(a.local().sdp()).isEqualTo(b.remote().sdp());
        assertThat(b.local().sdp()).isEqualTo(a.remote().sdp());
    }
}
