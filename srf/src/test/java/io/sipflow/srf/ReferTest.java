package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** RFC 3515: REFER inside a call, NOTIFYs of its implicit subscription; the call survives the terminated NOTIFY. */
class ReferTest extends SrfTestBase {

    @Test
    void referWithNotifiesKeepsTheInviteDialog() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(bobDialogs);

        BlockingQueue<String> referTo = queue();
        b.onRefer((req, res) -> {
            referTo.add(req.get(Header.REFER_TO).uri().toString());
            res.send(202);
            long cseq = req.message().cseq().seq();
            for (String[] n : new String[][] {{"active;expires=60", "SIP/2.0 100 Trying"}, {"terminated;reason=noresource", "SIP/2.0 200 OK"}}) {
                SipResponse r = await(b.request("NOTIFY", Map.of("Event", "refer;id=" + cseq, "Subscription-State", n[0],
                        "Content-Type", "message/sipfrag;version=2.0"), n[1]));
                assertThat(r.status()).isEqualTo(200);
            }
        });
        BlockingQueue<String> notifies = queue();
        a.onNotify((req, res) -> {
            notifies.add(req.get("Subscription-State") + "|" + req.body());
            res.send(200);
        });
        SipResponse accepted = await(a.request("REFER", Map.of("Refer-To", "<sip:carol@127.0.0.1>"), null));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(poll(referTo)).isEqualTo("sip:carol@127.0.0.1");
        assertThat(poll(notifies)).isEqualTo("active;expires=60|SIP/2.0 100 Trying");
        assertThat(poll(notifies)).startsWith("terminated;reason=noresource|SIP/2.0 200 OK");
        // drachtio server#125: the refer subscription's end must not end the call.
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
        assertThat(await(b.destroy()).status()).isEqualTo(200);
    }

    @Test
    void aReferWithoutListenerIsAccepted() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        poll(bobDialogs);
        assertThat(await(a.request("REFER", Map.of("Refer-To", "<sip:carol@127.0.0.1>"), null)).status()).isEqualTo(200);
    }
}
