package io.sipflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.testkit.Sipp;
import io.sipflow.testkit.TlsRelay;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our stack as the UAC, SIPp as the UAS (item 2 of the interop plan): calls (INVITE with SDP
 * → 180 → 200 → ACK by the UAC core → BYE → 200; SIPp checks the ACK and the BYE), OPTIONS and
 * REGISTER, over UDP, TCP and TLS (SIPp behind a TLS-to-TCP {@link TlsRelay}, see {@link Interop}).
 * SIPp exits by itself after the expected number of calls, so its own counters must show every
 * one of them successful.
 */
@Timeout(120)
class StackUacToSippUasTest {
    private TestUac uac;
    private Sipp.Running sipp;
    private TlsRelay relay;

    @AfterEach
    void stop() {
        if (uac != null) uac.close();
        if (relay != null) relay.close();
        if (sipp != null) sipp.close();
    }

    /** Starts SIPp as a UAS for {@code calls} calls and the UAC; returns where the UAC sends to. */
    private InetSocketAddress start(Transport t, String scenario, int calls) throws Exception {
        Sipp.binary();
        sipp = Sipp.uas().scenarioFile(Interop.scenario(scenario)).transport(Interop.sippMode(t))
                .calls(calls).timeout(Duration.ofSeconds(60)).start().awaitListening(Duration.ofSeconds(20));
        InetSocketAddress sippAddress = new InetSocketAddress("127.0.0.1", sipp.localPort());
        InetSocketAddress target = sippAddress;
        if (t == Transport.TLS) {
            relay = TlsRelay.tlsToPlain(Interop.identity().sslContext(), sippAddress);
            target = relay.address();
        }
        uac = TestUac.start(t, t == Transport.TLS ? Interop.clientTls() : null, TimerConfig.DEFAULT);
        return target;
    }

    private Sipp.Result sippResult() throws Exception {
        Sipp.Result r = sipp.await();
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP", "TLS"})
    void callsToSippComplete(Transport t) throws Exception {
        InetSocketAddress target = start(t, "uas-call.xml", 20);
        TestUac.Batch b = uac.calls(target, 20, 20, 10);
        assertThat(b.failures()).isEmpty();
        assertThat(b.completed()).isEqualTo(20);
        assertThat(uac.acksSent()).isGreaterThanOrEqualTo(20);
        Sipp.Result r = sippResult();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(20);
        if (t == Transport.TLS) assertThat(relay.acceptedConnections()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP", "TLS"})
    void optionsToSippAreAnswered(Transport t) throws Exception {
        InetSocketAddress target = start(t, "uas-options.xml", 5);
        for (int i = 0; i < 5; i++) {
            SipResponse r = uac.options(target);
            assertThat(r.status()).as("OPTIONS %d: %s", i, r.startLine()).isEqualTo(200);
            assertThat(r.header("Allow")).contains("OPTIONS");
        }
        assertThat(sippResult().successfulCalls()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP", "TLS"})
    void registrationsToSippAreGranted(Transport t) throws Exception {
        InetSocketAddress target = start(t, "uas-register.xml", 5);
        for (int i = 0; i < 5; i++) {
            SipResponse r = uac.register(target, "user" + i, 600);
            assertThat(r.status()).as("REGISTER %d: %s", i, r.startLine()).isEqualTo(200);
            Address contact = r.contact();
            assertThat(contact).isNotNull();
            assertThat(contact.expires()).isEqualTo(600);
            assertThat(r.get(Header.EXPIRES)).isEqualTo(600L);
        }
        assertThat(sippResult().successfulCalls()).isEqualTo(5);
    }
}
