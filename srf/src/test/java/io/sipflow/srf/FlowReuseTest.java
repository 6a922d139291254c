package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * A UAS dialog whose INVITE came over TCP sends its requests over that connection (RFC 3261
 * §18.2.2 / RFC 5923 spirit): here the caller's Contact names a port nobody listens on, as for
 * a caller behind NAT, so any new connection would fail.
 */
class FlowReuseTest extends SrfTestBase {

    @Test
    void requestsFromTheCalleeGoOverTheCallersConnection() {
        Srf alice = srf("tcp:127.0.0.1:0");
        Srf bob = srf("tcp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .header("Contact", "<sip:alice@127.0.0.1:1;transport=tcp>")));
        Dialog b = poll(bobDialogs);
        BlockingQueue<String> infos = queue();
        a.onInfo((req, res) -> {
            infos.add(req.body());
            res.send(200);
        });
        assertThat(await(b.request("INFO", Map.of("Content-Type", "text/plain"), "over the same connection")).status())
                .isEqualTo(200);
        assertThat(poll(infos)).isEqualTo("over the same connection");
        // a re-INVITE from the callee: its ACK comes back, and our ACK to the answer goes the same way
        assertThat(await(b.modify(MediaChange.HOLD))).isNotNull();
        assertThat(a.heldRemotely()).isTrue();
        await(b.destroy());
        assertThat(await(a.destroyed()).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
    }
}
