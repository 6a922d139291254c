package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2 / Figure 6. */
class NonInviteClientTransactionTest {
    static final String OPTIONS = "OPTIONS sip:bob@203.0.113.5 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnict1\n"
            + "Max-Forwards: 70\n"
            + "From: <sip:alice@example.com>;tag=a1\n"
            + "To: <sip:bob@example.com>\n"
            + "Call-ID: c2@192.0.2.1\n"
            + "CSeq: 1 OPTIONS\n"
            + "Content-Length: 0\n\n";

    final RecordingContext ctx = new RecordingContext();
    final RecordingUser user = new RecordingUser();
    final SipRequest request = Msg.request(OPTIONS);
    NonInviteClientTransaction tx;

    void start(Transport t) {
        Destination d = new Destination(t, new InetSocketAddress("203.0.113.5", 5060));
        tx = new NonInviteClientTransaction(ctx, OutgoingRequest.of(request), d, null, user);
        tx.start();
    }

    void receive(int status) {
        tx.receiveResponse(Msg.responseTo(request, status, "b1"), TestFlow.udp("203.0.113.5", 5060));
    }

    @Test
    void timerEDoublesUpToT2AndTimerFTimesOut() {
        start(Transport.UDP);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        ctx.advance(32_000);
        assertThat(ctx.sendTimes()).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L,
                27500L, 31500L);
        assertThat(user.events).containsExactly("timeout");
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void inProceedingTimerERetransmitsEveryT2() {
        start(Transport.UDP);
        ctx.advance(600);
        receive(100);
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        ctx.advance(12_000);
        // The pending E (due at 1.5 s) fires in Proceeding, then every T2.
        assertThat(ctx.sendTimes()).containsExactly(0L, 500L, 1500L, 5500L, 9500L);
        ctx.advance(20_000);
        assertThat(user.events).containsExactly("provisional:100", "timeout"); // F still runs
    }

    @Test
    void finalResponseCompletesAndRetransmissionsAreAbsorbedUntilTimerK() {
        start(Transport.UDP);
        receive(200);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        receive(200);
        assertThat(user.events).containsExactly("final:200");
        ctx.advance(4_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        ctx.advance(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // K = T4
        assertThat(ctx.sent).hasSize(1);
    }

    @Test
    void reliableTransportHasNoTimerEAndZeroTimerK() {
        start(Transport.TLS);
        ctx.advance(10_000);
        assertThat(ctx.sent).hasSize(1);
        receive(404);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.events).containsExactly("final:404");
    }

    @Test
    void transportErrorTerminates() {
        ctx.failSends = true;
        start(Transport.TCP);
        ctx.shard.runPending();
        assertThat(user.events).containsExactly("transport-error");
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }
}
