package io.sipflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.server.responder.ResponderOptions;
import io.sipflow.stack.transport.Transport;
import io.sipflow.testkit.Sipp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIPp as the UAC, our responder as the UAS (items 1 and 3 of the interop plan): basic calls
 * (INVITE → [100] 180 → 200 with SDP → ACK → BYE → 200), OPTIONS and REGISTER, over UDP, TCP
 * and TLS (SIPp's TLS through {@link io.sipflow.testkit.TlsRelay}, see {@link Interop}).
 */
@Timeout(120)
class SippUacToResponderTest {
    private Interop.Responder responder;

    @BeforeEach
    void start() {
        Sipp.binary();
        responder = Interop.Responder.start(ResponderOptions.DEFAULT);
    }

    @AfterEach
    void stop() {
        if (responder != null) responder.close();
    }

    /** uac.xml also checks that the 200 carries an SDP answer (Content-Type and v=0). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP", "TLS"})
    void sippCallsAreAllAnswered(Transport t) throws Exception {
        Sipp.Result r = responder.sippUac(t).scenarioFile(Interop.scenario("uac.xml"))
                .calls(60).rate(30).timeout(Duration.ofSeconds(60)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(60);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        if (t == Transport.TLS) assertThat(responder.bytesRelayedOverTls()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP", "TLS"})
    void optionsAreAnswered(Transport t) throws Exception {
        Sipp.Result r = responder.sippUac(t).scenarioFile(Interop.scenario("uac-options.xml"))
                .calls(40).rate(40).timeout(Duration.ofSeconds(40)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(40);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        if (t == Transport.TLS) assertThat(responder.bytesRelayedOverTls()).isPositive();
    }

    /** uac-register.xml checks the 200 has a Contact and an expiry (Expires or ;expires=). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP", "TLS"})
    void registrationsAreGranted(Transport t) throws Exception {
        Sipp.Result r = responder.sippUac(t).scenarioFile(Interop.scenario("uac-register.xml"))
                .calls(40).rate(40).timeout(Duration.ofSeconds(40)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(40);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        if (t == Transport.TLS) assertThat(responder.bytesRelayedOverTls()).isPositive();
    }
}
