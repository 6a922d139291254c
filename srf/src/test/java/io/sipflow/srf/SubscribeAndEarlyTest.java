package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE dialogs (RFC 6665), requests in early dialogs (RFC 3311), redirects. */
class SubscribeAndEarlyTest extends SrfTestBase {

    @Test
    void aSubscriptionEndsWithTheNotifiersTerminatedNotify() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> notifiers = queue();
        bob.subscribe((req, res) -> notifiers.add(await(bob.createUAS(req, res, null))));
        Dialog sub = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().method("SUBSCRIBE")
                .header("Event", "presence").header("Expires", "60")));
        Dialog notifier = poll(notifiers);
        assertThat(sub.type()).isEqualTo(DialogType.SUBSCRIBE);
        assertThat(notifier.subscribeEvent().type()).isEqualTo("presence");
        BlockingQueue<String> notifies = queue();
        sub.onNotify((req, res) -> {
            notifies.add(req.get("Subscription-State"));
            res.send(200);
        });
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        sub.onDestroy(ended::complete);
        assertThat(await(notifier.request("NOTIFY", Map.of("Event", "presence", "Subscription-State", "active;expires=60"), null))
                .status()).isEqualTo(200);
        assertThat(poll(notifies)).startsWith("active");
        assertThat(await(notifier.destroy()).status()).isEqualTo(200);
        assertThat(poll(notifies)).startsWith("terminated");
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
    }

    @Test
    void anUnsubscribeEndsTheNotifiersDialog() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> notifiers = queue();
        bob.subscribe((req, res) -> notifiers.add(await(bob.createUAS(req, res, null))));
        Dialog sub = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().method("SUBSCRIBE")
                .header("Event", "dialog").header("Expires", "60")));
        Dialog notifier = poll(notifiers);
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        notifier.onDestroy(ended::complete);
        await(sub.destroy()); // SUBSCRIBE Expires: 0
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.UNSUBSCRIBED);
    }

    @Test
    void updateInsideAnEarlyDialog() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        CompletableFuture<Void> updated = new CompletableFuture<>();
        BlockingQueue<Dialog> bobDialogs = queue();
        bob.invite((req, res) -> {
            await(res.sendReliably(183, null, null, SDP_B));
            req.dialog().orElseThrow().onUpdate((u, r) -> {
                r.send(200, null, null, SDP_B.replace("2000 2000", "2000 2001"));
                updated.complete(null);
            });
            await(updated);
            bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B))));
        });
        BlockingQueue<SipResponse> updateResponses = queue();
        CompletableFuture<Dialog> call = alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .onEarlyDialog(early -> {
                    try {
                        Thread.sleep(100); // let the PRACK complete first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    updateResponses.add(await(early.request("UPDATE", null, SDP_A.replace("1000 1000", "1000 1001"))));
                }));
        assertThat(poll(updateResponses).status()).isEqualTo(200);
        Dialog a = await(call);
        poll(bobDialogs);
        assertThat(a.connected()).isTrue();
    }

    @Test
    void redirectsAreFollowed() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf redirector = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        redirector.invite((req, res) -> res.send(302, Map.of("Contact", "<" + uri(bob, "bob") + ">")));
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Throwable e = failure(alice.createUAC(uri(redirector, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(((SipError) e).status()).isEqualTo(302);
        Dialog a = await(alice.createUAC(uri(redirector, "bob"), UacOptions.create().localSdp(SDP_A).followRedirects(3)));
        poll(bobDialogs);
        assertThat(a.connected()).isTrue();
    }

    @Test
    void keepUriOnRedirectSendsTheSameRequestUriThroughTheContact() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf redirector = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        redirector.invite((req, res) -> res.send(302, Map.of("Contact", "<" + uri(bob, "bob") + ">")));
        BlockingQueue<String> seen = queue();
        bob.use("INVITE", (req, res, chain) -> {
            seen.add(req.uri() + " via " + req.get("Route"));
            chain.next();
        });
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(redirector, "carol"), UacOptions.create().localSdp(SDP_A)
                .followRedirects(1).keepUriOnRedirect(true)));
        poll(bobDialogs);
        assertThat(poll(seen)).isEqualTo(uri(redirector, "carol") + " via <" + uri(bob, "bob") + ";lr>");
        assertThat(a.connected()).isTrue();
    }

    @Test
    void linkedDialogs() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a1 = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog a2 = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        a1.link(a2);
        assertThat(a1.other()).isSameAs(a2);
        assertThat(a2.other()).isSameAs(a1);
        poll(bobDialogs);
        poll(bobDialogs);
    }
}
