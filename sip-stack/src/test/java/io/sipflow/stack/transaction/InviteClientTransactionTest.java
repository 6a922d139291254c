package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1 / Figure 5 as updated by RFC 6026 (Accepted state). */
class InviteClientTransactionTest {
    static final String INVITE = "INVITE sip:bob@203.0.113.5 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKclient1;rport\n"
            + "Max-Forwards: 70\n"
            + "Route: <sip:proxy.example.com;lr>\n"
            + "From: Alice <sip:alice@example.com>;tag=a1\n"
            + "To: Bob <sip:bob@example.com>\n"
            + "Call-ID: c1@192.0.2.1\n"
            + "CSeq: 7 INVITE\n"
            + "Contact: <sip:alice@192.0.2.1>\n"
            + "Content-Length: 0\n\n";

    final RecordingContext ctx = new RecordingContext();
    final RecordingUser user = new RecordingUser();
    final SipRequest invite = Msg.request(INVITE);
    InviteClientTransaction tx;

    InviteClientTransaction start(Transport t) {
        Destination d = new Destination(t, new InetSocketAddress("203.0.113.5", 5060));
        tx = new InviteClientTransaction(ctx, OutgoingRequest.of(invite), d, null, user);
        tx.start();
        return tx;
    }

    SipResponse response(int status) {
        return Msg.responseTo(invite, status, status == 100 ? null : "b1");
    }

    void receive(int status) {
        tx.receiveResponse(response(status), TestFlow.udp("203.0.113.5", 5060));
    }

    @Test
    void timerARetransmitsAtT1DoublingAndTimerBTimesOutAt64T1() {
        start(Transport.UDP);
        assertThat(tx.state()).isEqualTo(TransactionState.CALLING);
        ctx.advance(32_000);
        // Sent at 0, then A fires at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s: 7 transmissions in all.
        assertThat(ctx.sendTimes()).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(ctx.sent).allSatisfy(s -> assertThat(s.bytes()).isEqualTo(ctx.sent.get(0).bytes()));
        assertThat(user.events).containsExactly("timeout");
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(ctx.terminated).containsExactly(tx);
    }

    @Test
    void timerBDoesNotFireEarly() {
        start(Transport.UDP);
        ctx.advance(31_999);
        assertThat(user.events).isEmpty();
        ctx.advance(1);
        assertThat(user.events).containsExactly("timeout");
    }

    @Test
    void provisionalMovesToProceedingAndStopsTimersAAndB() {
        start(Transport.UDP);
        ctx.advance(600);
        receive(100);
        receive(180);
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        ctx.advance(120_000);
        assertThat(ctx.sendTimes()).containsExactly(0L, 500L);
        assertThat(user.events).containsExactly("provisional:100", "provisional:180");
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
    }

    @Test
    void failureResponseIsAckedAndRetransmissionsReAckedUntilTimerD() {
        start(Transport.UDP);
        receive(180);
        receive(486);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(user.events).containsExactly("provisional:180", "final:486");
        assertThat(ctx.sent).hasSize(2);
        SipRequest ack = (SipRequest) ctx.last().message();
        // §17.1.1.3: same Request-URI, Call-ID, From, CSeq number; To of the response; single Via
        // equal to the INVITE's top Via (same branch); the INVITE's Route.
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.requestUriText()).isEqualTo("sip:bob@203.0.113.5");
        assertThat(ack.vias()).hasSize(1);
        assertThat(ack.topVia().branch()).isEqualTo("z9hG4bKclient1");
        assertThat(ack.topVia()).isEqualTo(invite.topVia());
        assertThat(ack.callId()).isEqualTo("c1@192.0.2.1");
        assertThat(ack.from().tag()).isEqualTo("a1");
        assertThat(ack.to().tag()).isEqualTo("b1");
        assertThat(ack.cseq().seq()).isEqualTo(7);
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.header("Route")).isEqualTo("<sip:proxy.example.com;lr>");
        assertThat(ack.has("Contact")).isFalse();
        ack.validate();
        assertThat(ctx.last().destination()).isEqualTo(ctx.sent.get(0).destination());

        ctx.advance(1000);
        receive(486); // retransmission: ACK again, not passed up
        assertThat(ctx.sent).hasSize(3);
        assertThat(ctx.last().bytes()).isEqualTo(ctx.sent.get(1).bytes());
        assertThat(user.events).containsExactly("provisional:180", "final:486");

        ctx.advance(30_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        ctx.advance(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // Timer D = 32 s after the 486
        assertThat(ctx.terminated).containsExactly(tx);
    }

    @Test
    void failureFromCallingStopsRetransmissions() {
        start(Transport.UDP);
        receive(503);
        ctx.advance(10_000);
        assertThat(ctx.sent).hasSize(2); // INVITE + ACK
        assertThat(user.events).containsExactly("final:503");
    }

    @Test
    void successMovesToAcceptedPassesFurther2xxUpAndTimerMEndsIt() {
        start(Transport.UDP);
        receive(180);
        receive(200);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(ctx.sent).hasSize(1); // the TU ACKs a 2xx, not the transaction
        receive(200);
        SipResponse fork = Msg.responseTo(invite, 200, "b2");
        tx.receiveResponse(fork, TestFlow.udp("203.0.113.5", 5060));
        receive(486); // not a 2xx: ignored in Accepted
        assertThat(user.events).containsExactly("provisional:180", "final:200", "additional:200", "additional:200");
        ctx.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        ctx.advance(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(ctx.sent).hasSize(1);
    }

    @Test
    void reliableTransportHasNoTimerAAndZeroTimerD() {
        start(Transport.TCP);
        ctx.advance(20_000);
        assertThat(ctx.sent).hasSize(1);
        receive(404);
        assertThat(ctx.sent).hasSize(2); // the ACK
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.events).containsExactly("final:404");
    }

    @Test
    void reliableTransportStillTimesOutWithTimerB() {
        start(Transport.TCP);
        ctx.advance(32_000);
        assertThat(user.events).containsExactly("timeout");
    }

    @Test
    void ackGoesOnTheConnectionTheResponseCameOn() {
        start(Transport.TCP);
        Flow conn = TestFlow.of(Transport.TCP, "203.0.113.5", 5060);
        tx.receiveResponse(response(480), conn);
        assertThat(ctx.last().reuse()).isSameAs(conn);
    }

    @Test
    void transportErrorInCallingTerminatesAndTellsTheTu() {
        ctx.failSends = true;
        start(Transport.UDP);
        ctx.shard.runPending();
        assertThat(user.events).containsExactly("transport-error");
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        ctx.advance(5000);
        assertThat(ctx.sent).hasSize(1);
    }

    @Test
    void timerCInCallingActsAs408AndInProceedingAsksForCancel() {
        RecordingContext c = new RecordingContext(TimerConfig.DEFAULT.withTimerC(180_000));
        Destination d = new Destination(Transport.TCP, new InetSocketAddress("203.0.113.5", 5060));
        RecordingUser u1 = new RecordingUser();
        // In Calling over TCP Timer B (32 s) comes first; with a huge T1 Timer C wins.
        RecordingContext slow = new RecordingContext(new TimerConfig(10_000, 10_000, 5_000, 180_000, 200));
        InviteClientTransaction calling = new InviteClientTransaction(slow, OutgoingRequest.of(invite), d, null, u1);
        calling.start();
        slow.advance(180_000);
        assertThat(u1.events).containsExactly("timeout");
        assertThat(calling.state()).isEqualTo(TransactionState.TERMINATED);

        RecordingUser u2 = new RecordingUser();
        InviteClientTransaction proceeding = new InviteClientTransaction(c, OutgoingRequest.of(invite), d, null, u2);
        proceeding.start();
        c.advance(1000);
        proceeding.receiveResponse(response(180), null);
        c.advance(170_000);
        proceeding.receiveResponse(response(183), null); // restarts Timer C
        c.advance(179_999);
        assertThat(u2.events).containsExactly("provisional:180", "provisional:183");
        c.advance(1);
        assertThat(u2.events).containsExactly("provisional:180", "provisional:183", "timer-c");
    }
}
