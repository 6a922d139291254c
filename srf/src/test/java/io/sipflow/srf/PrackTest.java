package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** RFC 3262: the UAS sends reliable provisionals, the UAC PRACKs them automatically. */
class PrackTest extends SrfTestBase {

    @Test
    void reliable183WithSdpIsPrackedThenAnswered() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Request> pracks = queue();
        BlockingQueue<Dialog> bobDialogs = queue();
        bob.invite((req, res) -> {
            pracks.add(await(res.sendReliably(183, "Session Progress", null, SDP_B)));
            pracks.add(await(res.sendReliably(180, null, null, null)));
            bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B))));
        });
        BlockingQueue<SipResponse> provisionals = queue();
        BlockingQueue<Dialog> early = queue();
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .onProvisional(provisionals::add).onEarlyDialog(early::add)));
        Dialog b = poll(bobDialogs);
        Request p1 = poll(pracks);
        Request p2 = poll(pracks);
        assertThat(p1.method()).isEqualTo("PRACK");
        assertThat(p2.get(Header.RACK).rseq()).isEqualTo(p1.get(Header.RACK).rseq() + 1);
        SipResponse r183 = provisionals.stream().filter(r -> r.status() == 183).findFirst().orElseThrow();
        assertThat(r183.get(Header.RSEQ)).isEqualTo(p1.get(Header.RACK).rseq());
        assertThat(r183.getAll(Header.REQUIRE)).contains("100rel");
        assertThat(poll(early).sip().remoteTag()).isEqualTo(a.sip().remoteTag());
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        await(a.destroy());
    }

    @Test
    void require100relInHeadersSendsReliably() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = queue();
        bob.invite((req, res) -> {
            await(res.send(180, null, Map.of("Require", "100rel"), null));
            bobDialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B))));
        });
        BlockingQueue<SipResponse> provisionals = queue();
        await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A).onProvisional(provisionals::add)));
        poll(bobDialogs);
        assertThat(provisionals.stream().filter(r -> r.status() == 180).findFirst().orElseThrow().get(Header.RSEQ)).isNotNull();
    }

    @Test
    void anUnmatchedPrackGets481() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        poll(bobDialogs);
        assertThat(await(a.request("PRACK", Map.of("RAck", "99 1 INVITE"), null)).status()).isEqualTo(481);
    }

    @Test
    void uasReliableProvisionalsToACallerWithout100relFail() {
        Srf bob = srf("udp:127.0.0.1:0");
        Srf alice = srf("udp:127.0.0.1:0");
        BlockingQueue<Throwable> errors = queue();
        bob.invite((req, res) -> {
            errors.add(failure(res.sendReliably(183, null, null, SDP_B)));
            res.send(480);
        });
        // a plain request without Supported: 100rel
        SipResponse r = await(alice.request(uri(bob, "bob"), "INVITE", RequestOptions.create()
                .header("Contact", "<" + uri(alice, "alice") + ">").body(SDP_A)));
        assertThat(r.status()).isEqualTo(480);
        assertThat(((SipError) poll(errors)).status()).isEqualTo(420);
    }
}
