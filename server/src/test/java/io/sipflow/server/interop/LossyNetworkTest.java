package io.sipflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.server.responder.ResponderOptions;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.testkit.Sipp;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 calls over UDP with SIPp dropping 10 % of the messages it sends and receives
 * ({@code -lost 10}), in both directions (item 6 of the interop plan). Every call must complete
 * through retransmissions alone: the INVITE and BYE client transactions (Timers A and E), the
 * server transactions resending their last response, the UAS core resending its 2xx until the
 * ACK (§13.3.1.4) and the UAC core ACKing every retransmitted 2xx (§13.2.2.4).
 *
 * <p>SIPp's own timers are sized so that it does not give up before RFC 3261's 64·T1 = 32 s:
 * 7 INVITE transmissions (like Timer B), 11 non-INVITE ones (like Timer F), 40 s receive
 * timeout. Rates are modest (50 calls/s), for a busy 2-core machine.
 */
@Timeout(300)
class LossyNetworkTest {
    static final int CALLS = 2_000;
    static final int RATE = 50;
    /** SIPp's retransmission limits: as many sends as RFC 3261 fits in 64·T1. */
    static final String[] SIPP_RFC_TIMERS = {"-max_invite_retrans", "6", "-max_non_invite_retrans", "10", "-recv_timeout", "40000"};

    private Interop.Responder responder;
    private TestUac uac;
    private Sipp.Running sipp;

    @AfterEach
    void stop() {
        if (responder != null) responder.close();
        if (uac != null) uac.close();
        if (sipp != null) sipp.close();
    }

    @Test
    void sippUacThroughLossToResponder() throws Exception {
        Sipp.binary();
        responder = Interop.Responder.start(ResponderOptions.DEFAULT);
        Sipp.Result r = responder.sippUac(Transport.UDP).scenarioFile(Interop.scenario("uac-lossy.xml"))
                .calls(CALLS).rate(RATE).limit(400).lost(10).args(SIPP_RFC_TIMERS)
                .timeout(Duration.ofSeconds(150)).run();
        System.out.printf("lossy SIPp uac -> responder: %d completed, %d failed, %d SIPp retransmissions%n",
                r.successfulCalls(), r.failedCalls(), r.retransmissions());
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(CALLS);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.retransmissions()).as("the loss was real").isPositive();
    }

    @Test
    void stackUacThroughLossToSippUas() throws Exception {
        Sipp.binary();
        sipp = Sipp.uas().scenarioFile(Interop.scenario("uas-lossy.xml")).calls(CALLS).lost(10).args(SIPP_RFC_TIMERS)
                .args("-default_behaviors", "all,-abortunexp") // see uas-lossy.xml
                .timeout(Duration.ofSeconds(200)).start().awaitListening(Duration.ofSeconds(20));
        uac = TestUac.start(Transport.UDP, null, TimerConfig.DEFAULT);
        TestUac.Batch b = uac.calls(new InetSocketAddress("127.0.0.1", sipp.localPort()), CALLS, RATE, 400);
        // Every call of ours is over (BYE answered); SIPp's are in their time-wait. Stop it.
        Sipp.Result r = sipp.stop();
        long sippDone = r.successfulCalls() + r.counter("CurrentCall");
        System.out.printf("lossy stack UAC -> SIPp uas: %d completed, %d failed, %d 2xx retransmissions ACKed again,"
                        + " %d SIPp retransmissions; SIPp: %d ok + %d in time-wait, %d failed%n",
                b.completed(), b.failed(), b.okRetransmissionsAcked(), r.retransmissions(),
                r.successfulCalls(), r.counter("CurrentCall"), r.failedCalls());
        assertThat(b.failures()).as(r.describe()).isEmpty();
        assertThat(b.completed()).isEqualTo(CALLS);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(sippDone).as(r.describe()).isEqualTo(CALLS);
        assertThat(b.okRetransmissionsAcked()).as("lost ACKs were recovered by ACKing the retransmitted 2xx").isPositive();
    }
}
