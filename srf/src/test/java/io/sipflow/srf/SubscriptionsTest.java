package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Event;
import io.sipflow.stack.transaction.ClientTransaction;
import io.sipflow.stack.transaction.ResponseListener;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 6665 §4.5.2: several subscriptions share one dialog, told apart by Event type and id; a
 * SUBSCRIBE dialog ends with its last one; an INVITE dialog carries REFER subscriptions and never
 * ends with them. RFC 6665 §4.1.2.4: a NOTIFY may come before the SUBSCRIBE's 2xx.
 */
class SubscriptionsTest extends SrfTestBase {
    private Srf alice;
    private Srf bob;
    private final BlockingQueue<Dialog> notifiers = queue();

    /** bob accepts every subscription, and every further SUBSCRIBE in its dialogs. */
    private Dialog subscribe(String transport, String event) {
        alice = srf(transport + ":127.0.0.1:0");
        bob = srf(transport + ":127.0.0.1:0");
        bob.subscribe((req, res) -> {
            Dialog d = await(bob.createUAS(req, res, null));
            d.onSubscribe((s, r) -> r.send(202, Map.of("Expires", "60")));
            notifiers.add(d);
        });
        return await(alice.createUAC(uri(bob, "bob"), UacOptions.create().method("SUBSCRIBE")
                .header("Event", event).header("Expires", "60")));
    }

    private static SipResponse notify(Dialog d, String event, String state) {
        return await(d.request("NOTIFY", Map.of("Event", event, "Subscription-State", state), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void subscriptionsShareADialogAndTheLastOneEndsIt(String transport) {
        Dialog sub = subscribe(transport, "presence");
        Dialog notifier = poll(notifiers);
        assertThat(sub.subscriptions()).containsExactly(Event.PRESENCE);
        assertThat(notifier.subscriptionCount()).isEqualTo(1);

        // A second subscription in the same dialog: another Event type, then the same type with an id.
        assertThat(await(sub.request("SUBSCRIBE", Map.of("Event", "dialog", "Expires", "60"), null)).status()).isEqualTo(202);
        assertThat(await(sub.request("SUBSCRIBE", Map.of("Event", "dialog;id=7", "Expires", "60"), null)).status()).isEqualTo(202);
        assertThat(sub.subscriptions()).containsExactly(Event.PRESENCE, Event.DIALOG, Event.of("dialog", "7"));
        awaitCount(notifier, 3);
        // A refresh of one we have adds nothing.
        await(sub.request("SUBSCRIBE", Map.of("Event", "presence", "Expires", "60"), null));
        assertThat(sub.subscriptionCount()).isEqualTo(3);

        CompletableFuture<DestroyEvent> subEnded = new CompletableFuture<>();
        sub.onDestroy(subEnded::complete);
        // The notifier ends one: both sides drop it, the dialog stays.
        assertThat(notify(notifier, "presence", "terminated;reason=timeout").status()).isEqualTo(200);
        assertThat(notifier.subscriptions()).containsExactly(Event.DIALOG, Event.of("dialog", "7"));
        awaitCount(sub, 2);
        assertThat(sub.connected()).isTrue();
        // A NOTIFY for a subscription the dialog does not have ends nothing.
        notify(notifier, "message-summary", "terminated");
        assertThat(sub.subscriptionCount()).isEqualTo(2);

        // The subscriber unsubscribes one: 202, then the notifier's terminating NOTIFY removes it on both sides.
        CompletableFuture<Request> unsubscribed = new CompletableFuture<>();
        notifier.onUnsubscribe(unsubscribed::complete);
        assertThat(await(sub.request("SUBSCRIBE", Map.of("Event", "dialog;id=7", "Expires", "0"), null)).status()).isEqualTo(202);
        assertThat(await(unsubscribed).get("Event")).isEqualTo("dialog;id=7");
        awaitCount(sub, 1);
        awaitCount(notifier, 1);
        assertThat(sub.connected()).isTrue();
        assertThat(notifier.connected()).isTrue();

        // The last one goes: both dialogs end.
        assertThat(notify(notifier, "dialog", "terminated").status()).isEqualTo(200);
        assertThat(await(subEnded).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(notifier.isTerminated()).isTrue();
        assertThat(sub.subscriptionCount()).isZero();
    }

    @Test
    void destroyEndsEverySubscriptionOfTheDialog() {
        Dialog sub = subscribe("udp", "presence");
        Dialog notifier = poll(notifiers);
        await(sub.request("SUBSCRIBE", Map.of("Event", "dialog", "Expires", "60"), null));
        awaitCount(notifier, 2);
        BlockingQueue<String> finals = queue();
        sub.onNotify((req, res) -> {
            finals.add(req.get("Event") + " " + req.get("Subscription-State"));
            res.send(200);
        });
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        sub.onDestroy(ended::complete);
        await(notifier.destroy());
        assertThat(notifier.isTerminated()).isTrue();
        assertThat(java.util.List.of(poll(finals), poll(finals))).containsExactlyInAnyOrder("presence terminated", "dialog terminated");
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
    }

    @Test
    void anUnsubscribeOfTheOnlySubscriptionStillEndsTheDialog() {
        Dialog sub = subscribe("udp", "presence");
        Dialog notifier = poll(notifiers);
        BlockingQueue<String> finals = queue();
        sub.onNotify((req, res) -> {
            finals.add(req.get("Subscription-State"));
            res.send(200);
        });
        assertThat(await(sub.request("SUBSCRIBE", Map.of("Event", "presence", "Expires", "0"), null)).status()).isEqualTo(202);
        assertThat(poll(finals)).startsWith("terminated");
        assertThat(await(notifier.destroyed()).reason()).isEqualTo(DestroyReason.UNSUBSCRIBED);
        assertThat(await(sub.destroyed()).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
    }

    @Test
    void referSubscriptionsAreCountedButNeverEndTheCall() {
        alice = srf("udp:127.0.0.1:0");
        bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(bobDialogs);
        SipResponse first = await(a.request("REFER", Map.of("Refer-To", "<sip:carol@127.0.0.1>"), null));
        SipResponse second = await(a.request("REFER", Map.of("Refer-To", "<sip:dave@127.0.0.1>"), null));
        await(a.request("REFER", Map.of("Refer-To", "<sip:erin@127.0.0.1>", "Refer-Sub", "false"), null));
        Event e1 = Event.refer(first.cseq().seq());
        Event e2 = Event.refer(second.cseq().seq());
        assertThat(a.subscriptions()).containsExactly(e1, e2);
        awaitCount(b, 2);
        assertThat(b.subscriptions()).containsExactly(e1, e2);
        assertThat(notify(b, e1.toString(), "terminated;reason=noresource").status()).isEqualTo(200);
        assertThat(b.subscriptions()).containsExactly(e2);
        awaitCount(a, 1);
        assertThat(notify(b, e2.toString(), "terminated").status()).isEqualTo(200);
        awaitCount(a, 0);
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
        assertThat(await(a.destroy()).status()).isEqualTo(200);
    }

    /**
     * A notifier that sends its first NOTIFY before the 202 (RFC 6665 §4.1.2.4 allows it) and
     * here even waits for its answer: the NOTIFY creates the dialog and is answered.
     */
    @Test
    void aNotifyBeforeTheTwoHundredCreatesTheDialog() {
        alice = srf("udp:127.0.0.1:0");
        RawUa raw = closeLater(new RawUa());
        BlockingQueue<SipResponse> notifyAnswers = queue();
        notifyFirst(raw, true, notifyAnswers);
        Dialog sub = await(alice.createUAC("sip:raw@127.0.0.1:" + raw.port(), UacOptions.create().method("SUBSCRIBE")
                .header("Event", "presence").header("Expires", "60")));
        assertThat(poll(notifyAnswers).status()).isEqualTo(200);
        assertThat(sub.connected()).isTrue();
        assertThat(sub.sip().remoteTag()).isEqualTo("rawtag");
        assertThat(sub.remote().contact().uri()).isEqualTo(raw.contact().uri());
        assertThat(sub.subscriptions()).containsExactly(Event.PRESENCE);
    }

    /** The same with the dialog's requests queued until the application listens: the early NOTIFY reaches it. */
    @Test
    void aQueuedEarlyNotifyReachesTheApplication() {
        alice = srf("udp:127.0.0.1:0");
        RawUa raw = closeLater(new RawUa());
        BlockingQueue<SipResponse> notifyAnswers = queue();
        notifyFirst(raw, false, notifyAnswers);
        Dialog sub = await(alice.createUAC("sip:raw@127.0.0.1:" + raw.port(), UacOptions.create().method("SUBSCRIBE")
                .header("Event", "presence").header("Expires", "60").queueRequests(true)));
        BlockingQueue<String> bodies = queue();
        sub.onNotify((req, res) -> {
            bodies.add(req.body());
            res.send(200);
        });
        sub.queueRequests(false);
        assertThat(poll(bodies)).isEqualTo("early");
        assertThat(poll(notifyAnswers).status()).isEqualTo(200);
    }

    /** raw answers a SUBSCRIBE with a NOTIFY first, then the 202 (after the NOTIFY's answer when {@code waitForAnswer}). */
    private static void notifyFirst(RawUa raw, boolean waitForAnswer, BlockingQueue<SipResponse> notifyAnswers) {
        raw.onRequest = tx -> {
            SipRequest s = tx.request();
            if (!s.is("SUBSCRIBE")) {
                tx.respond(200);
                return;
            }
            SipRequest n = SipRequest.create("NOTIFY", s.contact().uri(), s.to().withTag("rawtag"), s.from(), s.callId(), 1, null);
            n.set(Header.CONTACT, raw.contact());
            n.setHeader("Event", "presence");
            n.setHeader("Subscription-State", "active;expires=60");
            n.setBody("early", "text/plain");
            SipResponse ok = s.createResponse(202, null, "rawtag");
            ok.set(Header.CONTACT, raw.contact());
            ok.setHeader("Expires", "60");
            raw.stack.sendRequest(n, new ResponseListener() {
                @Override
                public void onFinal(ClientTransaction ctx, SipResponse response) {
                    notifyAnswers.add(response);
                    if (waitForAnswer) tx.respond(ok);
                }
            });
            if (!waitForAnswer) tx.respond(ok);
        };
    }

    /** Counts change on the peer's lane after its answer went out: wait for them (bounded). */
    static void awaitCount(Dialog d, int n) {
        long deadline = System.nanoTime() + WAIT_S * 1_000_000_000L;
        while (d.subscriptionCount() != n) {
            if (System.nanoTime() > deadline) throw new AssertionError(d + " has " + d.subscriptions() + ", expected " + n);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
