package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The answered remnants a shard keeps in its {@link RemnantSlab} (INVITE Accepted, RFC 6026
 * §8.7; non-INVITE Completed over UDP, §17.2.2) do the RFC's work as the objects did:
 * retransmissions, CANCEL (§9.2), merged requests (§8.2.2.2), the transaction limit, the end
 * after 64·T1, transport errors (§17.2.4).
 */
class SlabRemnantsTest {
    final LayerHarness h = new LayerHarness();

    static String bye(String branch) {
        return Msg.request("BYE", branch, 2, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=b1");
    }

    static String invite(String branch) {
        return Msg.request("INVITE", branch, 1, "");
    }

    @Test
    void aRetransmittedByeGetsTheSame200UntilTimerJ() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(bye("z9hG4bK1"));
        assertThat(h.layer.slabRemnantCount()).isEqualTo(1);
        assertThat(h.layer.transactionCount()).isEqualTo(1);
        ServerTransaction tx = h.handler.last();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);

        h.advance(31_000);
        h.deliver(bye("z9hG4bK1"));
        assertThat(h.handler.requests).hasSize(1);
        assertThat(h.transport.sent).hasSize(2);
        FakeTransportLayer.Sent first = h.transport.sent.get(0), again = h.transport.sent.get(1);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.destination()).isEqualTo(first.destination());
        assertThat(again.reuse()).isSameAs(first.reuse()); // the same local socket (RFC 3581 §4)

        h.advance(999);
        assertThat(h.layer.slabRemnantCount()).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        h.advance(1); // J = 64·T1 after the 200
        assertThat(h.layer.transactionCount()).isZero();
        assertThat(h.layer.slabRemnantCount()).isZero();
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.context().remnants.routesHeld()).isZero();
        h.deliver(bye("z9hG4bK1")); // now a new transaction (§17.2.2: J absorbed retransmissions until here)
        assertThat(h.handler.requests).hasSize(2);
    }

    @Test
    void aRetransmittedInviteInAcceptedIsAbsorbed() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        assertThat(h.layer.slabRemnantCount()).isEqualTo(1);
        h.deliver(invite("z9hG4bK1"));
        assertThat(h.handler.requests).hasSize(1);
        assertThat(h.sentLines()).containsExactly("SIP/2.0 200 OK"); // the UAS core resends the 2xx, not the transaction
        assertThat(h.handler.last().state()).isEqualTo(TransactionState.ACCEPTED);
    }

    @Test
    void anAckInAcceptedStillGoesToTheTu() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        String tag = h.handler.last().localTag();
        h.deliver(Msg.request("ACK", "z9hG4bK1", 1, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=" + tag));
        assertThat(h.handler.acks).hasSize(1);
        h.advance(5_000);
        assertThat(h.sentLines()).containsExactly("SIP/2.0 200 OK"); // the ACK stopped the 2xx retransmissions
    }

    @Test
    void theTuResendsIts2xxThroughTheTransactionUntilTimerL() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        ServerTransaction tx = h.handler.last();
        CompletableFuture<?> again = tx.respond(200);
        h.run();
        assertThat(again).isCompleted().isNotCompletedExceptionally();
        CompletableFuture<?> other = tx.respond(486);
        h.run();
        assertThat(other).isCompletedExceptionally();
        h.advance(32_000);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        CompletableFuture<?> late = tx.respond(200);
        h.run();
        assertThat(late).isCompletedExceptionally();
        assertThat(h.layer.transactionCount()).isZero();
    }

    @Test
    void aCancelOfAnAnsweredInviteGets200WithItsToTag() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        String tag = h.handler.last().localTag();
        h.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        SipResponse ok = h.transport.last().response();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.cseq().method()).isEqualTo("CANCEL");
        assertThat(ok.to().tag()).isEqualTo(tag); // §9.2
        assertThat(h.handler.cancels).isEmpty();
        h.advance(32_000);
        h.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        assertThat(h.transport.last().response().status()).isEqualTo(481);
    }

    @Test
    void aRequestMergingWithAnAnsweredOneGets482() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        // Same From tag, Call-ID and CSeq, no To tag, another branch and sent-by: §8.2.2.2.
        h.deliver(invite("z9hG4bK2").replace("198.51.100.7:5060", "198.51.100.9:5060"));
        assertThat(h.handler.requests).hasSize(1);
        assertThat(h.transport.last().firstLine()).isEqualTo("SIP/2.0 482 Loop Detected");
        h.advance(32_000);
        h.deliver(invite("z9hG4bK3").replace("198.51.100.7:5060", "198.51.100.9:5060"));
        assertThat(h.handler.requests).hasSize(2);
    }

    @Test
    void slabEntriesCountAgainstTheTransactionLimit() {
        LayerHarness small = new LayerHarness(c -> LayerHarness.withLimits(c, new StackLimits(2, 7)));
        small.handler.onRequest = tx -> tx.respond(200);
        small.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        small.deliver(Msg.request("OPTIONS", "z9hG4bK2", 2, ""));
        assertThat(small.layer.slabRemnantCount()).isEqualTo(2);
        small.deliver(Msg.request("OPTIONS", "z9hG4bK3", 3, ""));
        assertThat(small.handler.requests).hasSize(2);
        assertThat(small.transport.last().firstLine()).isEqualTo("SIP/2.0 503 Service Unavailable");
        small.advance(32_000);
        small.deliver(Msg.request("OPTIONS", "z9hG4bK3", 3, ""));
        assertThat(small.handler.requests).hasSize(3);
    }

    @Test
    void aFailedResendEndsTheEntry() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(bye("z9hG4bK1"));
        h.transport.failWhen = s -> true;
        h.deliver(bye("z9hG4bK1"));
        assertThat(h.layer.slabRemnantCount()).isZero(); // §17.2.4
        assertThat(h.layer.transactionCount()).isZero();
        h.transport.failWhen = s -> false;
        h.deliver(bye("z9hG4bK1"));
        assertThat(h.handler.requests).hasSize(2);
    }

    @Test
    void aFailedFirstSendOfTheFinalEndsTheEntryAndTheTransaction() {
        h.transport.failWhen = s -> true;
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(bye("z9hG4bK1"));
        assertThat(h.handler.last().state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.layer.transactionCount()).isZero();
        assertThat(h.layer.slabRemnantCount()).isZero();
    }

    @Test
    void whatTheSlabCannotKeepStaysAnObject() {
        // An RFC 2543 request (no magic cookie) and a non-2xx INVITE (Timer G resends) keep their objects.
        LayerHarness p = new LayerHarness(LayerHarness::asProxy);
        p.handler.onRequest = tx -> tx.respond(200);
        p.deliver(Msg.request("OPTIONS", "1234abc", 1, ""));
        p.handler.onRequest = tx -> tx.respond(486);
        p.deliver(invite("z9hG4bK9"));
        assertThat(p.layer.slabRemnantCount()).isZero();
        assertThat(p.layer.transactionCount()).isEqualTo(2);
        p.deliver(Msg.request("OPTIONS", "1234abc", 1, ""));
        assertThat(p.sentLines()).containsExactly("SIP/2.0 200 OK", "SIP/2.0 486 Busy Here", "SIP/2.0 200 OK");
        SipRequest old = Msg.request(Msg.request("OPTIONS", "1234abc", 1, ""));
        old.validate();
        assertThat(p.context().servers.find(old, ServerTransactionTable.matchKey(old)))
                .isInstanceOf(AnsweredNonInviteServerTransaction.class);
    }
}
