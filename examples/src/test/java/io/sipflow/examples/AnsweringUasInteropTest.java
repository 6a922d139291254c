package io.sipflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.srf.CdrEvent;
import io.sipflow.srf.Srf;
import io.sipflow.testkit.Sipp;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIPp calls the answering UAS example ({@link AnsweringUas}). */
class AnsweringUasInteropTest extends InteropBase {

    private Sipp.Result call(String scenario, String transport, long minSe) throws Exception {
        Srf srf = app(transport, minSe);
        new AnsweringUas(srf, "127.0.0.1", null);
        start(srf);
        return sippUac(scenario, transport, hostPort(srf)).run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void basicCallCallerHangsUp(String transport) throws Exception {
        assertAllSucceeded(call("uac-basic.xml", transport, 90), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void holdAndUnholdByReinviteFromTheCaller(String transport) throws Exception {
        assertAllSucceeded(call("uac-hold-unhold.xml", transport, 90), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void updateInfoAndOptionsInDialog(String transport) throws Exception {
        assertAllSucceeded(call("uac-update-info.xml", transport, 90), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void referIsAcceptedWithNotifiesAndTheCallSurvives(String transport) throws Exception {
        assertAllSucceeded(call("uac-refer.xml", transport, 90), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void reliableRingingWhenTheCallerRequires100rel(String transport) throws Exception {
        assertAllSucceeded(call("uac-100rel.xml", transport, 90), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void sessionTimerExpiryEndsTheCall(String transport) throws Exception {
        assertAllSucceeded(call("uac-session-expires.xml", transport, 6), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void lostAckDestroysTheDialogWithAReason(String transport) throws Exception {
        Srf srf = app(transport, 90);
        new AnsweringUas(srf, "127.0.0.1", null);
        BlockingQueue<CdrEvent.Stop> stops = new LinkedBlockingQueue<>();
        srf.onCdr(ev -> {
            if (ev instanceof CdrEvent.Stop s) stops.add(s);
        });
        start(srf);
        assertAllSucceeded(sippUac("uac-no-ack.xml", transport, hostPort(srf)).run(), 1);
        CdrEvent.Stop stop = stops.poll(10, TimeUnit.SECONDS);
        assertThat(stop).isNotNull();
        assertThat(stop.reason()).isEqualTo(CdrEvent.StopReason.ACK_TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void theUasHangsUpItselfWhenAsked(String transport) throws Exception {
        Srf srf = app(transport, 90);
        new AnsweringUas(srf, "127.0.0.1", java.time.Duration.ofMillis(500));
        start(srf);
        assertAllSucceeded(sippUac("uac-callee-hangs-up.xml", transport, hostPort(srf)).run(), 1);
    }
}
