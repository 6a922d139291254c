package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2 / Figure 8. */
class NonInviteServerTransactionTest {
    final RecordingContext ctx = new RecordingContext();
    final SipRequest request = Msg.nonInvite("REGISTER", "z9hG4bKnist1");
    NonInviteServerTransaction tx;

    void start(Transport t) {
        Flow flow = TestFlow.of(t, "198.51.100.7", 5060);
        tx = new NonInviteServerTransaction(ctx, request, flow, ResponseRoute.of(request.topVia(), flow));
        tx.start();
    }

    CompletableFuture<Flow> respond(int status) {
        CompletableFuture<Flow> f = tx.respond(tx.createResponse(status));
        ctx.shard.runPending();
        return f;
    }

    @Test
    void tryingAbsorbsRetransmissions() {
        start(Transport.UDP);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        tx.receiveRetransmission(request, tx.flow());
        ctx.advance(10_000);
        assertThat(ctx.sent).isEmpty();
    }

    @Test
    void proceedingResendsTheProvisional() {
        start(Transport.UDP);
        respond(100);
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        tx.receiveRetransmission(request, tx.flow());
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine)
                .containsExactly("SIP/2.0 100 Trying", "SIP/2.0 100 Trying");
    }

    @Test
    void completedResendsTheFinalUntilTimerJ() {
        start(Transport.UDP);
        respond(200);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        tx.receiveRetransmission(request, tx.flow());
        assertThat(respond(500)).isCompletedExceptionally(); // further finals discarded
        assertThat(ctx.sent).extracting(RecordingContext.Sent::firstLine)
                .containsExactly("SIP/2.0 200 OK", "SIP/2.0 200 OK");
        ctx.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        ctx.advance(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // J = 64·T1
        assertThat(ctx.sent).hasSize(2); // no retransmission of responses on its own
    }

    @Test
    void reliableTransportTerminatesAtOnce() {
        start(Transport.TCP);
        respond(202);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(ctx.terminated).containsExactly(tx);
    }

    @Test
    void responsesFollowTheViaRoute() {
        start(Transport.UDP);
        respond(200);
        assertThat(ctx.last().destination().toString()).isEqualTo("UDP:198.51.100.7:5060");
    }

    @Test
    void transportErrorTerminates() {
        start(Transport.UDP);
        ctx.failSends = true;
        respond(200);
        ctx.shard.runPending();
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }
}
