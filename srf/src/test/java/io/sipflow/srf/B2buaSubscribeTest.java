package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** createB2BUA for a SUBSCRIBE: alice (subscriber) → b2b → bob (notifier), all on loopback. */
class B2buaSubscribeTest extends SrfTestBase {
    private Srf alice;
    private Srf b2b;
    private Srf bob;
    private final BlockingQueue<B2bua> calls = queue();
    private final BlockingQueue<Throwable> errors = queue();
    private final BlockingQueue<Dialog> notifiers = queue();
    private final BlockingQueue<SipRequest> atBob = queue();

    private void setUp(String transport) {
        alice = srf(transport + ":127.0.0.1:0");
        b2b = srf(transport + ":127.0.0.1:0");
        bob = srf(transport + ":127.0.0.1:0");
        String target = uri(bob, "bob");
        b2b.subscribe((req, res) -> {
            try {
                calls.add(b2b.createB2BUA(req, res, target, B2buaOptions.create().proxyRequestHeaders("X-Account")).join());
            } catch (RuntimeException e) {
                errors.add(B2buaCall.unwrap(e));
            }
        });
        bob.use("SUBSCRIBE", (req, res, chain) -> {
            atBob.add(req.message());
            chain.next();
        });
    }

    /** bob accepts with a shorter Expires, sends the first NOTIFY at once, and answers refreshes. */
    private void bobNotifies() {
        bob.subscribe((req, res) -> {
            Dialog d = await(bob.createUAS(req, res, UasOptions.create().headers(Map.of("Expires", "30"))));
            d.onSubscribe((s, r) -> {
                atBob.add(s.message());
                r.send(200, Map.of("Expires", s.get("Expires"), "X-Refreshed", "yes"));
            });
            d.onUnsubscribe(u -> atBob.add(u.message()));
            d.request("NOTIFY", Map.of("Event", "presence", "Subscription-State", "active;expires=30",
                    "Content-Type", "text/plain"), "open");
            notifiers.add(d);
        });
    }

    private Dialog aliceSubscribes(BlockingQueue<String> notifies) {
        return await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().method("SUBSCRIBE").queueRequests(true)
                .header("Event", "presence").header("Expires", "60").header("Accept", "text/plain").header("X-Account", "42")));
    }

    private static void listen(Dialog sub, BlockingQueue<String> notifies) {
        sub.onNotify((req, res) -> {
            notifies.add(req.get("Subscription-State") + "|" + (req.hasBody() ? req.body() : ""));
            res.send(200);
        });
        sub.queueRequests(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void notifiesRefreshesAndTheUnsubscribeCrossTheB2bua(String transport) {
        setUp(transport);
        bobNotifies();
        BlockingQueue<String> notifies = queue();
        Dialog sub = aliceSubscribes(notifies);
        listen(sub, notifies);
        B2bua call = poll(calls);
        Dialog notifier = poll(notifiers);
        SipRequest toBob = poll(atBob);
        assertThat(toBob.method()).isEqualTo("SUBSCRIBE");
        assertThat(toBob.header("Event")).isEqualTo("presence");
        assertThat(toBob.header("Accept")).isEqualTo("text/plain");
        assertThat(toBob.header("X-Account")).isEqualTo("42");
        assertThat(call.uas().type()).isEqualTo(DialogType.SUBSCRIBE);
        assertThat(call.uac().type()).isEqualTo(DialogType.SUBSCRIBE);
        assertThat(call.uas().other()).isSameAs(call.uac());
        assertThat(call.uac().subscribeEvent().type()).isEqualTo("presence");

        // bob's first NOTIFY reaches alice through the B2BUA.
        assertThat(poll(notifies)).isEqualTo("active;expires=30|open");
        // A NOTIFY later, and alice's answer back to bob.
        SipResponse r = await(notifier.request("NOTIFY", Map.of("Event", "presence", "Subscription-State", "active;expires=30",
                "Content-Type", "text/plain"), "away"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(poll(notifies)).isEqualTo("active;expires=30|away");

        // alice refreshes: bob answers it, through the B2BUA.
        SipResponse refreshed = await(sub.request("SUBSCRIBE", Map.of("Event", "presence", "Expires", "45"), null));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("X-Refreshed")).isEqualTo("yes");
        assertThat(refreshed.header("Expires")).isEqualTo("45");
        assertThat(poll(atBob).header("Expires")).isEqualTo("45");

        // alice unsubscribes: bob accepts and sends the terminating NOTIFY, which ends every dialog.
        CompletableFuture<DestroyEvent> bobEnded = new CompletableFuture<>();
        notifier.onDestroy(bobEnded::complete);
        assertThat(await(sub.request("SUBSCRIBE", Map.of("Event", "presence", "Expires", "0"), null)).status()).isEqualTo(202);
        assertThat(poll(atBob).header("Expires")).isEqualTo("0");
        assertThat(poll(notifies)).startsWith("terminated|");
        assertThat(await(sub.destroyed()).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(await(call.uas().destroyed()).reason()).isEqualTo(DestroyReason.LOCAL_RELEASE);
        assertThat(await(call.uac().destroyed()).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(await(bobEnded).reason()).isEqualTo(DestroyReason.UNSUBSCRIBED);
    }

    @Test
    void theNotifiersTerminatingNotifyEndsBothLegs() {
        setUp("udp");
        bobNotifies();
        BlockingQueue<String> notifies = queue();
        Dialog sub = aliceSubscribes(notifies);
        listen(sub, notifies);
        B2bua call = poll(calls);
        Dialog notifier = poll(notifiers);
        assertThat(poll(notifies)).isEqualTo("active;expires=30|open");
        assertThat(await(notifier.destroy()).status()).isEqualTo(200);
        assertThat(poll(notifies)).startsWith("terminated");
        assertThat(await(sub.destroyed()).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        await(call.uas().destroyed());
        await(call.uac().destroyed());
        assertThat(notifier.isTerminated()).isTrue();
        // Nothing else was sent to bob (no unsubscribe from the tear-down).
        assertThat(atBob.poll()).isNotNull(); // the initial SUBSCRIBE
        assertThat(atBob).isEmpty();
    }

    @Test
    void theSubscribersDestroyUnsubscribesBob() {
        setUp("udp");
        bobNotifies();
        BlockingQueue<String> notifies = queue();
        Dialog sub = aliceSubscribes(notifies);
        listen(sub, notifies);
        B2bua call = poll(calls);
        Dialog notifier = poll(notifiers);
        assertThat(poll(notifies)).isEqualTo("active;expires=30|open");
        await(sub.destroy()); // SUBSCRIBE Expires: 0, relayed
        assertThat(await(notifier.destroyed()).reason()).isEqualTo(DestroyReason.UNSUBSCRIBED);
        await(call.uas().destroyed());
        await(call.uac().destroyed());
    }

    @Test
    void bobsRejectionIsPassedToAlice() {
        setUp("udp");
        bob.subscribe((req, res) -> res.send(489, "Bad Event"));
        Throwable e = failure(alice.createUAC(uri(b2b, "bob"), UacOptions.create().method("SUBSCRIBE")
                .header("Event", "unknown").header("Expires", "60")));
        assertThat(((SipError) e).status()).isEqualTo(489);
        assertThat(((SipError) poll(errors)).status()).isEqualTo(489);
    }
}
