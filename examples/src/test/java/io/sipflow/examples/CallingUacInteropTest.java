package io.sipflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.srf.Credentials;
import io.sipflow.srf.Srf;
import io.sipflow.testkit.Sipp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The calling UAC and click-to-call examples call SIPp. */
class CallingUacInteropTest extends InteropBase {

    private void callSipp(String scenario, String transport, Credentials credentials, int calls) throws Exception {
        int port = freePort();
        Sipp.Running sipp = sippUas(scenario, transport, port, calls);
        Srf srf = app(transport, 90);
        start(srf);
        CallingUac uac = new CallingUac(srf, "127.0.0.1", credentials);
        CallingUac.Summary s = bounded(() -> uac.run(uri("sipp", port, transport), calls, 10, Duration.ofMillis(300)));
        assertThat(s.succeeded()).as(s.line()).isEqualTo(calls);
        Sipp.Result r = sipp.await();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(calls);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void basicCallsCallerHangsUp(String transport) throws Exception {
        callSipp("uas-basic.xml", transport, null, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void reliableProvisionalsArePracked(String transport) throws Exception {
        callSipp("uas-100rel.xml", transport, null, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void digestChallengedCall(String transport) throws Exception {
        callSipp("uas-digest.xml", transport, Credentials.of("alice", "secret"), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void aSecond200FromAnotherForkIsAckedAndByed(String transport) throws Exception {
        callSipp("uas-fork.xml", transport, null, 1);
    }

    /** RFC 3725 flow II: A gets an offerless INVITE, A's offer goes to B, B's answer in A's ACK. */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void clickToCallConnectsTwoSippEndpoints(String transport) throws Exception {
        int portA = freePort();
        int portB = freePort();
        Sipp.Running a = sippUas("uas-basic.xml", transport, portA);
        Sipp.Running b = sippUas("uas-basic.xml", transport, portB);
        Srf srf = app(transport, 90);
        start(srf);
        boolean ok = bounded(() -> new ClickToCall(srf).connect(uri("a", portA, transport), uri("b", portB, transport),
                Duration.ofMillis(300)));
        assertThat(ok).isTrue();
        Sipp.Result ra = a.await();
        Sipp.Result rb = b.await();
        assertThat(ra.successfulCalls()).as(ra.describe()).isEqualTo(1);
        assertThat(rb.successfulCalls()).as(rb.describe()).isEqualTo(1);
    }

    @Test
    void aFailedCallIsCounted() throws Exception {
        int port = freePort();
        Sipp.Running sipp = sippUas("uas-486.xml", "udp", port);
        Srf srf = app("udp", 90);
        start(srf);
        CallingUac.Summary s = bounded(() -> new CallingUac(srf, "127.0.0.1", null)
                .run(uri("sipp", port, "udp"), 1, 10, Duration.ofMillis(100)));
        assertThat(s.failed()).isEqualTo(1);
        sipp.await();
    }
}
