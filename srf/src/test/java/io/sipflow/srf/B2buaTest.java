package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** alice → b2b (createB2BUA) → bob, all on loopback. */
class B2buaTest extends SrfTestBase {
    private Srf alice;
    private Srf b2b;
    private Srf bob;
    private final BlockingQueue<B2bua> calls = queue();
    private final BlockingQueue<Throwable> errors = queue();

    private void setUp(String transport, B2buaOptions options) {
        alice = srf(transport + ":127.0.0.1:0");
        b2b = srf(transport + ":127.0.0.1:0");
        bob = srf(transport + ":127.0.0.1:0");
        String target = uri(bob, "bob");
        b2b.invite((req, res) -> {
            try {
                calls.add(b2b.createB2BUA(req, res, target, options).join());
            } catch (RuntimeException e) {
                errors.add(B2buaCall.unwrap(e));
            }
        });
    }

    private BlockingQueue<Dialog> bobAnswers(Map<String, String> headers) {
        BlockingQueue<Dialog> dialogs = queue();
        bob.invite((req, res) -> {
            res.send(180);
            dialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B).headers(headers))));
        });
        return dialogs;
    }

    private void basicCall(String transport) {
        setUp(transport, B2buaOptions.create().proxyRequestHeaders("X-Account").proxyResponseHeaders("X-Answered-By")
                .responseHeaders(Map.of("X-B2B", "yes")));
        BlockingQueue<SipRequest> invites = queue();
        bob.use("INVITE", (req, res, chain) -> {
            invites.add(req.message());
            chain.next();
        });
        BlockingQueue<Dialog> bobDialogs = bobAnswers(Map.of("X-Answered-By", "bob"));
        BlockingQueue<SipResponse> provisionals = queue();
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A).callingNumber("1000")
                .header("X-Account", "42").header("X-Secret", "no").onProvisional(provisionals::add)));
        B2bua call = poll(calls);
        Dialog b = poll(bobDialogs);
        SipRequest toBob = poll(invites);
        assertThat(toBob.header("X-Account")).isEqualTo("42");
        assertThat(toBob.header("X-Secret")).isNull();
        assertThat(toBob.from().uri().toString()).contains("1000@");
        assertThat(toBob.callId()).isNotEqualTo(a.callId());
        SipResponse p = poll(provisionals);
        if (p.status() == 100) p = poll(provisionals);
        assertThat(p.status()).isEqualTo(180);
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        assertThat(b.remote().sdp()).isEqualTo(SDP_A);
        assertThat(call.uas().other()).isSameAs(call.uac());
        assertThat(call.uac().other()).isSameAs(call.uas());
        assertThat(call.uas().callId()).isEqualTo(a.callId());
        assertThat(call.uac().callId()).isEqualTo(b.callId());

        CompletableFuture<DestroyEvent> bobEnd = new CompletableFuture<>();
        b.onDestroy(bobEnd::complete);
        assertThat(await(a.destroy(Map.of("Reason", "Q.850;cause=16"))).status()).isEqualTo(200);
        DestroyEvent ev = await(bobEnd);
        assertThat(ev.reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(ev.request().get("Reason")).isEqualTo("Q.850;cause=16");
        await(call.uac().destroyed());
        assertThat(b2b.dialogs()).isEmpty();
    }

    @Test
    void udpBasicCallAndTearDown() {
        basicCall("udp");
    }

    @Test
    void tcpBasicCallAndTearDown() {
        basicCall("tcp");
    }

    @Test
    void responseHeadersFromAFunctionAndCalleeHangsUp() {
        setUp("udp", B2buaOptions.create().proxyResponseHeaders("all", "-X-Hidden")
                .responseHeaders((r, h) -> {
                    h.put("X-Status", Integer.toString(r.status()));
                    return h;
                }));
        BlockingQueue<Dialog> bobDialogs = bobAnswers(Map.of("X-Shown", "1", "X-Hidden", "2"));
        BlockingQueue<Dialog> early = queue();
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(bobDialogs);
        B2bua call = poll(calls);
        CompletableFuture<DestroyEvent> aliceEnd = new CompletableFuture<>();
        a.onDestroy(aliceEnd::complete);
        await(b.destroy());
        assertThat(await(aliceEnd).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(await(call.uas().destroyed()).reason()).isEqualTo(DestroyReason.LOCAL_RELEASE);
        assertThat(early).isEmpty();
    }

    @Test
    void theCalleesFailureIsRelayed() {
        setUp("udp", B2buaOptions.create());
        bob.invite((req, res) -> res.send(486, "Busy Here", Map.of("X-Why", "busy"), null));
        Throwable e = failure(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(e).isInstanceOf(SipError.class);
        assertThat(((SipError) e).status()).isEqualTo(486);
        assertThat(((SipError) poll(errors)).status()).isEqualTo(486);
    }

    @Test
    void withoutPassFailureTheApplicationAnswers() {
        alice = srf("udp:127.0.0.1:0");
        b2b = srf("udp:127.0.0.1:0");
        bob = srf("udp:127.0.0.1:0");
        bob.invite((req, res) -> res.send(404));
        String target = uri(bob, "bob");
        b2b.invite((req, res) -> {
            try {
                b2b.createB2BUA(req, res, target, B2buaOptions.create().passFailure(false)).join();
            } catch (RuntimeException e) {
                res.send(603, "Tried Everything");
            }
        });
        SipError e = (SipError) failure(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(e.status()).isEqualTo(603);
    }

    @Test
    void aCancelReachesTheCalleeWithItsReason() {
        setUp("udp", B2buaOptions.create());
        BlockingQueue<SipRequest> cancels = queue();
        bob.invite((req, res) -> {
            req.onCancel(cancels::add);
            res.send(180);
        });
        BlockingQueue<SentRequest> sent = queue();
        BlockingQueue<SipResponse> provisionals = queue();
        CompletableFuture<Dialog> a = alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)
                .onSent(sent::add).onProvisional(provisionals::add));
        SipResponse p;
        do {
            p = poll(provisionals);
        } while (p.status() != 180);
        poll(sent).cancel(Map.of("Reason", "SIP;cause=200;text=\"Call completed elsewhere\""));
        assertThat(((SipError) failure(a)).status()).isEqualTo(487);
        SipRequest c = poll(cancels);
        assertThat(c.header("Reason")).isEqualTo("SIP;cause=200;text=\"Call completed elsewhere\"");
        assertThat(((SipError) poll(errors)).status()).isEqualTo(487);
    }

    @Test
    void reliableProvisionalsWithSdpAreRelayedReliably() {
        setUp("udp", B2buaOptions.create());
        BlockingQueue<Dialog> bobDialogs = queue();
        bob.invite((req, res) -> {
            await(res.sendReliably(183, "Session Progress", null, SDP_B));
            bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B))));
        });
        BlockingQueue<SipResponse> provisionals = queue();
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)
                .onProvisional(provisionals::add)));
        SipResponse p;
        do {
            p = poll(provisionals);
        } while (p.status() != 183);
        assertThat(p.header("Require")).isEqualTo("100rel");
        assertThat(p.header("RSeq")).isNotNull();
        assertThat(Bodies.sdp(p)).isEqualTo(SDP_B);
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        poll(bobDialogs);
        poll(calls);
    }

    @Test
    void localSdpRewritesBothWays() {
        String anchoredForA = SDP_B.replace("20000", "30000");
        String anchoredForB = SDP_A.replace("10000", "40000");
        setUp("udp", B2buaOptions.create().localSdpA((sdp, r) -> CompletableFuture.completedFuture(anchoredForA))
                .localSdpB(sdp -> CompletableFuture.completedFuture(anchoredForB)));
        BlockingQueue<Dialog> bobDialogs = bobAnswers(Map.of());
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(a.remote().sdp()).isEqualTo(anchoredForA);
        assertThat(poll(bobDialogs).remote().sdp()).isEqualTo(anchoredForB);
    }

    @Test
    void holdUnholdInfoAndUpdateCrossOverWhenRelaying() {
        setUp("udp", B2buaOptions.create().relayInDialogRequests(true));
        BlockingQueue<Dialog> bobDialogs = bobAnswers(Map.of());
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(bobDialogs);
        poll(calls);
        BlockingQueue<Request> bobHolds = queue();
        BlockingQueue<Request> bobUnholds = queue();
        BlockingQueue<Request> infos = queue();
        b.onHold(bobHolds::add).onUnhold(bobUnholds::add);
        b.onInfo((req, res) -> {
            infos.add(req);
            res.send(200, null, Map.of("Content-Type", "text/plain"), "got it");
        });
        String answer = await(a.modify(MediaChange.HOLD));
        assertThat(answer).contains("a=recvonly");
        assertThat(poll(bobHolds).sdp()).contains("a=sendonly");
        assertThat(b.heldRemotely()).isTrue();
        await(a.modify(MediaChange.UNHOLD));
        poll(bobUnholds);
        assertThat(b.heldRemotely()).isFalse();

        SipResponse r = await(a.request("INFO", Map.of("Content-Type", "application/dtmf-relay"), "Signal=5\r\nDuration=160\r\n"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("got it");
        Request info = poll(infos);
        assertThat(info.body()).contains("Signal=5");
        assertThat(info.contentType().toString()).contains("application/dtmf-relay");

        // Bob holds alice: the other direction.
        BlockingQueue<Request> aliceHolds = queue();
        a.onHold(aliceHolds::add);
        await(b.modify(MediaChange.HOLD));
        poll(aliceHolds);

        SipResponse u = await(b.request("UPDATE", null, SdpChanges.unhold(b.local().sdp())));
        assertThat(u.status()).isEqualTo(200);
        assertThat(a.remote().sdp()).contains("a=sendrecv");
    }

    @Test
    void lateOfferAcrossLegs() {
        setUp("udp", B2buaOptions.create());
        BlockingQueue<Dialog> bobDialogs = bobAnswers(Map.of());
        LateOffer lo = await(alice.createUACLateOffer(uri(b2b, "bob"), UacOptions.create()));
        assertThat(lo.remoteSdp()).isEqualTo(SDP_B);
        Dialog a = await(lo.ack(SDP_A));
        Dialog b = poll(bobDialogs);
        poll(calls);
        // bob learns alice's answer from the B leg's ACK
        for (int i = 0; i < 100 && b.remote().sdp() == null; i++) sleep(20);
        assertThat(b.remote().sdp()).isEqualTo(SDP_A);
        assertThat(a.connected()).isTrue();
    }

    @Test
    void requestsFromTheCalleeWaitForTheCallersAck() {
        setUp("udp", B2buaOptions.create().relayInDialogRequests(true));
        bob.invite((req, res) -> {
            Dialog d = await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B)));
            d.request("INFO", Map.of("Content-Type", "text/plain"), "early bird"); // before alice's ACK reaches b2b
        });
        BlockingQueue<Request> infos = queue();
        CompletableFuture<Dialog> a = alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A));
        Dialog ad = await(a);
        ad.onInfo((req, res) -> {
            infos.add(req);
            res.send(200);
        });
        // alice registers her listener only now: the INFO is still answered by her (default or listener), never lost
        poll(calls);
        assertThat(await(ad.request("OPTIONS")).status()).isEqualTo(200);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
