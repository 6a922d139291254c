package io.sipflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.srf.CdrEvent;
import io.sipflow.srf.Srf;
import io.sipflow.testkit.Sipp;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SIPp calls the answering UAS example ({@link AnsweringUas}), in its blocking and non-blocking forms. */
class AnsweringUasInteropTest extends InteropBase {

    private Sipp.Result call(String scenario, String transport, boolean nonBlocking, long minSe) throws Exception {
        return call(scenario, transport, nonBlocking, minSe, true);
    }

    private Sipp.Result call(String scenario, String transport, boolean nonBlocking, long minSe, boolean ringing) throws Exception {
        Srf srf = app(transport, minSe);
        new AnsweringUas(srf, "127.0.0.1", null, nonBlocking, ringing);
        start(srf);
        return sippUac(scenario, transport, hostPort(srf)).run();
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void basicCallCallerHangsUp(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-basic.xml", transport, nonBlocking, 90), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void holdAndUnholdByReinviteFromTheCaller(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-hold-unhold.xml", transport, nonBlocking, 90), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void updateInfoAndOptionsInDialog(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-update-info.xml", transport, nonBlocking, 90), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void referIsAcceptedWithNotifiesAndTheCallSurvives(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-refer.xml", transport, nonBlocking, 90), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void reliableRingingWhenTheCallerRequires100rel(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-100rel.xml", transport, nonBlocking, 90), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void withoutRingingTheCallIsAnsweredAtOnce(String transport, boolean nonBlocking) throws Exception {
        // uac-no-ringing.xml fails the call on any 180/183
        assertAllSucceeded(call("uac-no-ringing.xml", transport, nonBlocking, 90, false), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "udp, true"})
    void withoutRingingACallerRequiring100relStillGetsReliableRinging(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-100rel.xml", transport, nonBlocking, 90, false), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void sessionTimerExpiryEndsTheCall(String transport, boolean nonBlocking) throws Exception {
        assertAllSucceeded(call("uac-session-expires.xml", transport, nonBlocking, 6), 1);
    }

    @ParameterizedTest
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void lostAckDestroysTheDialogWithAReason(String transport, boolean nonBlocking) throws Exception {
        Srf srf = app(transport, 90);
        new AnsweringUas(srf, "127.0.0.1", null, nonBlocking);
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
    @CsvSource({"udp, false", "tcp, false", "udp, true", "tcp, true"})
    void theUasHangsUpItselfWhenAsked(String transport, boolean nonBlocking) throws Exception {
        Srf srf = app(transport, 90);
        new AnsweringUas(srf, "127.0.0.1", java.time.Duration.ofMillis(500), nonBlocking);
        start(srf);
        assertAllSucceeded(sippUac("uac-callee-hangs-up.xml", transport, hostPort(srf)).run(), 1);
    }
}
