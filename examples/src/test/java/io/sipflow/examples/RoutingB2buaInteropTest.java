package io.sipflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.srf.Srf;
import io.sipflow.testkit.Sipp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIPp (caller) → the routing B2BUA example → SIPp (callee). */
class RoutingB2buaInteropTest extends InteropBase {

    private void bridge(String callerScenario, String calleeScenario, String transport) throws Exception {
        int port = freePort();
        Sipp.Running callee = sippUas(calleeScenario, transport, port);
        Srf srf = app(transport, 90);
        new RoutingB2bua(srf, uri("callee", port, transport));
        start(srf);
        Sipp.Result caller = sippUac(callerScenario, transport, hostPort(srf)).run();
        assertAllSucceeded(caller, 1);
        Sipp.Result b = callee.await();
        assertThat(b.successfulCalls()).as(b.describe()).isEqualTo(1);
        assertThat(b.failedCalls()).as(b.describe()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void basicCallThroughTheB2bua(String transport) throws Exception {
        bridge("uac-basic.xml", "uas-basic.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void busyIsRelayed(String transport) throws Exception {
        bridge("uac-486.xml", "uas-486.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void earlyMediaIsRelayed(String transport) throws Exception {
        bridge("uac-183.xml", "uas-183-sdp.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void cancelDuringRingingReachesTheCalleeWithItsReason(String transport) throws Exception {
        bridge("uac-cancel.xml", "uas-ring-cancel.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void theCalleeHangsUp(String transport) throws Exception {
        bridge("uac-callee-hangs-up.xml", "uas-hangs-up.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void holdAndUnholdFromTheCallerAreRelayed(String transport) throws Exception {
        bridge("uac-hold-unhold.xml", "uas-answers-reinvites.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void holdAndUnholdFromTheCalleeAreRelayed(String transport) throws Exception {
        bridge("uac-answers-reinvites.xml", "uas-holds.xml", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void updateAndInfoAreRelayed(String transport) throws Exception {
        bridge("uac-update-info.xml", "uas-answers-update-info.xml", transport);
    }

    /** A reliable 183, then an UPDATE from the caller inside the early dialog, relayed to the callee and answered back (RFC 3311 §5.1). */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void anEarlyUpdateIsRelayedBeforeTheAnswer(String transport) throws Exception {
        bridge("uac-early-update.xml", "uas-early-update.xml", transport);
    }
}
