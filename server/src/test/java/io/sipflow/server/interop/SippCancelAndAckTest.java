package io.sipflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.server.responder.ResponderOptions;
import io.sipflow.stack.transport.Transport;
import io.sipflow.testkit.Sipp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The INVITE edge cases of the responder against SIPp (items 4 and 5 of the interop plan):
 * CANCEL during ringing (RFC 3261 §9.2: 200 to the CANCEL, 487 to the INVITE, ACK absorbed by
 * the INVITE server transaction, and no 200 when the answer delay expires), and a 2xx whose
 * first ACK is lost (§13.3.1.4: the UAS core retransmits the 2xx until the ACK).
 */
@Timeout(120)
class SippCancelAndAckTest {
    private Interop.Responder responder;

    @AfterEach
    void stop() {
        if (responder != null) responder.close();
    }

    /** uac-cancel.xml: INVITE → 180 → CANCEL → 200 + 487 (either order) → ACK → 3 s without a 200. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void cancelDuringRingingEndsTheInviteWith487(Transport t) throws Exception {
        Sipp.binary();
        responder = Interop.Responder.start(new ResponderOptions(true, 2_000, 3600));
        Sipp.Result r = responder.sippUac(t).scenarioFile(Interop.scenario("uac-cancel.xml"))
                .calls(10).rate(10).timeout(Duration.ofSeconds(60)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(10);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    /**
     * uac-ack-lost.xml: the first 200 is not ACKed; the scenario waits for the retransmitted
     * 200, then ACKs and hangs up. UDP only: a UAS retransmits 2xx on unreliable transports only.
     * SIPp runs with -nr, or its duplicate detection would swallow the second 200.
     */
    @Test
    void unacknowledged2xxIsRetransmittedUntilTheAck() throws Exception {
        Sipp.binary();
        responder = Interop.Responder.start(ResponderOptions.DEFAULT);
        Sipp.Result r = responder.sippUac(Transport.UDP).scenarioFile(Interop.scenario("uac-ack-lost.xml"))
                .calls(10).rate(10).args("-nr").timeout(Duration.ofSeconds(60)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(10);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }
}
