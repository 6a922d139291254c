package io.sipflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SIPp runner against SIPp itself: proves the harness before it judges our stack. */
class SippTest {
    @Test
    void sippUacCompletesCallsAgainstSippUas() throws Exception {
        Sipp.binary();
        int port = FreePorts.udp();
        try (Sipp.Running uas = Sipp.uas().scenario("uas").localPort(port).calls(5).timeout(Duration.ofSeconds(30)).start()
                .awaitListening(Duration.ofSeconds(20))) {
            Sipp.Result r = Sipp.uac("127.0.0.1:" + port).scenario("uac").calls(5).rate(10)
                    .timeout(Duration.ofSeconds(30)).run();
            assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(5);
            assertThat(r.failedCalls()).isZero();
            assertThat(r.exitCode()).isZero();
        }
    }
}
