package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** RFC 4028 between two Srf: negotiated, refreshed by the UAC, the call stays up past the interval; 422 retry. */
class SessionTimerTest extends SrfTestBase {

    @Test
    void theRefresherKeepsTheSessionAlive() throws Exception {
        SessionTimerConfig st = SessionTimerConfig.DEFAULT.withMinSE(1).withSessionExpires(2);
        Srf alice = srf("udp:127.0.0.1:0", st);
        Srf bob = srf("udp:127.0.0.1:0", st);
        BlockingQueue<Dialog> dialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(dialogs);
        assertThat(a.sessionInterval()).isEqualTo(2);
        assertThat(b.sessionInterval()).isEqualTo(2);
        Thread.sleep(3500); // past the interval: without refreshes bob would have sent BYE at ~1.3 s
        assertThat(a.connected()).isTrue();
        assertThat(b.connected()).isTrue();
        await(a.destroy());
    }

    @Test
    void aUacRetriesWithTheMinSEOfA422() {
        Srf alice = srf("udp:127.0.0.1:0", SessionTimerConfig.DEFAULT.withMinSE(1).withSessionExpires(30));
        Srf bob = srf("udp:127.0.0.1:0", SessionTimerConfig.DEFAULT.withMinSE(60).withSessionExpires(120));
        BlockingQueue<Dialog> dialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        poll(dialogs);
        assertThat(a.sessionInterval()).isEqualTo(60);
        await(a.destroy());
    }
}
