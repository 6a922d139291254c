package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 / Figure 7 as updated by RFC 6026 (Accepted state, Timer L). */
class InviteServerTransactionTest {
    final RecordingContext ctx = new RecordingContext();
    final SipRequest invite = Msg.request(Msg.request("INVITE", "z9hG4bKist1", 1, "Timestamp: 54\n"));
    InviteServerTransaction tx;

    InviteServerTransaction start(RecordingContext c, Transport t) {
        Flow flow = TestFlow.of(t, "198.51.100.7", 5060);
        tx = new InviteServerTransaction(c, invite, flow, ResponseRoute.of(invite.topVia(), flow), RequestSnapshot.of(invite));
        tx.start();
        return tx;
    }

    InviteServerTransaction start() {
        return start(ctx, Transport.UDP);
    }

    CompletableFuture<Flow> respond(int status) {
        CompletableFuture<Flow> f = tx.respond(tx.createResponse(status));
        ctx.shard.runPending();
        return f;
    }

    @Test
    void sends100TryingAfter200msWhenTheTuIsSilent() {
        start();
        ctx.advance(199);
        assertThat(ctx.sent).isEmpty();
        ctx.advance(1);
        assertThat(ctx.sent).hasSize(1);
        SipResponse trying = (SipResponse) ctx.last().message();
        assertThat(trying.status()).isEqualTo(100);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.header("Timestamp")).isEqualTo("54"); // §8.2.6.1
        assertThat(trying.topVia().branch()).isEqualTo("z9hG4bKist1");
    }

    @Test
    void no100WhenTheTuAnswersFirst() {
        start();
        ctx.advance(100);
        respond(180);
        ctx.advance(1000);
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine).containsExactly("SIP/2.0 180 Ringing");
    }

    @Test
    void immediate100WhenConfigured() {
        RecordingContext c = new RecordingContext(TimerConfig.DEFAULT.withTrying100(0));
        start(c, Transport.UDP);
        assertThat(c.sent).extracting(RecordingContext.Sent::firstLine).containsExactly("SIP/2.0 100 Trying");
    }

    @Test
    void retransmittedInviteGetsTheLatestProvisional() {
        start();
        tx.receiveRetransmission(invite, tx.flow()); // before the 200 ms: 100 at once
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine).containsExactly("SIP/2.0 100 Trying");
        ctx.advance(500);
        assertThat(ctx.sent).hasSize(1); // no second 100 from the timer
        respond(180);
        tx.receiveRetransmission(invite, tx.flow());
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine)
                .containsExactly("SIP/2.0 100 Trying", "SIP/2.0 180 Ringing", "SIP/2.0 180 Ringing");
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
    }

    @Test
    void failureResponseIsRetransmittedByTimerGUntilTimerH() {
        start();
        respond(486);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        ctx.advance(32_000);
        // G: T1, 2T1, 4T1, capped at T2 = 4 s.
        assertThat(ctx.sendTimes()).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L,
                27500L, 31500L);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // H = 64·T1
        assertThat(ctx.failures).singleElement().asString().contains("Timer H");
        // The remnant that replaced the transaction in the table at the final response ends.
        assertThat(ctx.terminated).singleElement().isInstanceOf(AnsweredInviteServerTransaction.class);
        assertThat(ctx.replaced).containsExactly((IndexedServerTransaction) ctx.terminated.get(0));
    }

    @Test
    void retransmittedInviteInCompletedGetsTheFinalAgain() {
        start();
        respond(404);
        tx.receiveRetransmission(invite, tx.flow());
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine)
                .containsExactly("SIP/2.0 404 Not Found", "SIP/2.0 404 Not Found");
    }

    @Test
    void ackMovesToConfirmedStopsGAndTimerIEnds() {
        start();
        respond(486);
        ctx.advance(600);
        SipRequest ack = Msg.request(Msg.request("ACK", "z9hG4bKist1", 1, ""));
        assertThat(tx.receiveAck(ack)).isTrue();
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(tx.receiveAck(ack)).isTrue(); // absorbed
        tx.receiveRetransmission(invite, tx.flow()); // absorbed in Confirmed
        ctx.advance(4_999);
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        ctx.advance(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // I = T4
        assertThat(ctx.sendTimes()).containsExactly(0L, 500L);
        assertThat(ctx.failures).isEmpty();
    }

    @Test
    void successMovesToAcceptedAndTimerLEndsIt() {
        start();
        CompletableFuture<Flow> sent = respond(200);
        assertThat(sent).isCompleted();
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(ctx.successes).singleElement().extracting(OutgoingResponse::toTag).isEqualTo(tx.localTag());
        tx.receiveRetransmission(invite, tx.flow()); // absorbed (RFC 6026 §8.7)
        SipRequest ack = Msg.request(Msg.request("ACK", "z9hG4bKother", 1, ""));
        assertThat(tx.receiveAck(ack)).isFalse(); // a 2xx ACK is the TU's
        CompletableFuture<Flow> again = respond(200); // the UAS core's retransmission passes through
        assertThat(again).isCompleted();
        assertThat(respond(486)).isCompletedExceptionally();
        assertThat(ctx.sent).hasSize(2);
        ctx.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        ctx.advance(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(ctx.sent).hasSize(2); // the transaction itself never retransmits a 2xx
    }

    @Test
    void secondFinalResponseIsRefused() {
        start();
        respond(404);
        assertThat(respond(500)).isCompletedExceptionally();
        assertThat(respond(200)).isCompletedExceptionally();
        assertThat(ctx.sent).hasSize(1);
    }

    @Test
    void reliableTransportHasNoTimerGAndZeroTimerI() {
        start(ctx, Transport.TCP);
        respond(603);
        ctx.advance(10_000);
        assertThat(ctx.sent).hasSize(1);
        tx.receiveAck(Msg.request(Msg.request("ACK", "z9hG4bKist1", 1, "")));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void reliableTransportStillRunsTimerH() {
        start(ctx, Transport.TCP);
        respond(603);
        ctx.advance(32_000);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(ctx.failures).hasSize(1);
    }

    @Test
    void cancelBeforeFinalAnswers487WithTheProvisionalTag() {
        start();
        SipResponse ringing = tx.createResponse(180);
        tx.respond(ringing);
        ctx.shard.runPending();
        assertThat(tx.cancelled(true)).isTrue();
        assertThat(tx.isCancelled()).isTrue();
        SipResponse r487 = (SipResponse) ctx.last().message();
        assertThat(r487.status()).isEqualTo(487);
        assertThat(r487.to().tag()).isEqualTo(tx.localTag());
        assertThat(r487.cseq().method()).isEqualTo("INVITE");
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(tx.cancelled(true)).isFalse(); // already answered
    }

    @Test
    void cancelInProxyModeOnlyMarks() {
        start();
        assertThat(tx.cancelled(false)).isTrue();
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        ctx.advance(200);
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine).containsExactly("SIP/2.0 100 Trying");
    }

    @Test
    void transportErrorTerminatesAndFailsTheResponseFuture() {
        start();
        ctx.failSends = true;
        CompletableFuture<Flow> f = respond(404);
        ctx.shard.runPending();
        assertThat(f).isCompletedExceptionally();
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(ctx.failures).singleElement().asString().contains("transport error");
    }
}
