package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import org.junit.jupiter.api.Test;

/** Request matching on the server side: RFC 3261 §17.2.3 (and RFC 2543), ACK, CANCEL (§9.2), merged requests (§8.2.2.2). */
class InboundMatchingTest {
    final LayerHarness h = new LayerHarness();

    static String invite(String branch) {
        return Msg.request("INVITE", branch, 1, "");
    }

    @Test
    void aRetransmissionMatchesItsTransactionAndIsNotPassedUp() {
        h.deliver(invite("z9hG4bK1"));
        h.deliver(invite("z9hG4bK1"));
        assertThat(h.handler.requests).hasSize(1);
        assertThat(h.sentLines()).containsExactly("SIP/2.0 100 Trying"); // the retransmission is quenched at once
        assertThat(h.layer.transactionCount()).isEqualTo(1);
    }

    @Test
    void afterItsFinalResponseATransactionIsHeldWithoutItsRequest() {
        // Completed (Timers J, H) and Accepted (Timer L) last 64·T1: the table then holds a
        // small remnant, not the request the TU was given, and the remnant still does the RFC's
        // work. A non-INVITE Completed over UDP is not even an object: the shard's slab keeps it.
        h.handler.onRequest = tx -> tx.respond(tx.isInvite() ? 486 : 200);
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        h.deliver(invite("z9hG4bK2").replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"));
        ShardContext shard = h.layer.contextFor(h.handler.last().request().callId());
        SipRequest again = (SipRequest) Msg.parse(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        again.validate();
        Object key = ServerTransactionTable.matchKey(again);
        assertThat(shard.servers.find(again, key)).isNull();
        assertThat(shard.remnants.find((ServerTransactionTable.BranchKey) key, "OPTIONS")).isNotNegative();
        SipRequest invite = (SipRequest) Msg.parse(invite("z9hG4bK2").replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"));
        invite.validate();
        assertThat(shard.servers.find(invite, ServerTransactionTable.matchKey(invite)))
                .isInstanceOf(AnsweredInviteServerTransaction.class); // Completed: Timer G resends
        assertThat(h.layer.transactionCount()).isEqualTo(2);
        assertThat(h.layer.slabRemnantCount()).isEqualTo(1);

        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        assertThat(h.sentLines()).containsExactly("SIP/2.0 200 OK", "SIP/2.0 486 Busy Here", "SIP/2.0 200 OK");
        assertThat(h.handler.requests).hasSize(2);
        assertThat(h.handler.requests.get(0).state()).isEqualTo(TransactionState.COMPLETED);
        h.advance(32_000);
        assertThat(h.layer.transactionCount()).isZero();
        assertThat(h.handler.requests.get(0).state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.layer.slabRemnantCount()).isZero();
    }

    @Test
    void differentBranchSentByOrMethodAreDifferentTransactions() {
        LayerHarness h = new LayerHarness(LayerHarness::asProxy); // no merged-request check here
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        h.deliver(Msg.request("OPTIONS", "z9hG4bK2", 2, ""));
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("198.51.100.7:5060", "198.51.100.8:5060"));
        h.deliver(Msg.request("INFO", "z9hG4bK1", 1, ""));
        assertThat(h.handler.requests).hasSize(4);
    }

    @Test
    void ackForANon2xxIsAbsorbedByTheInviteTransaction() {
        h.handler.onRequest = tx -> tx.respond(486);
        h.deliver(invite("z9hG4bK1"));
        String tag = h.handler.last().localTag();
        h.deliver(Msg.request("ACK", "z9hG4bK1", 1, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=" + tag));
        assertThat(h.handler.acks).isEmpty();
        assertThat(h.handler.last().state()).isEqualTo(TransactionState.CONFIRMED);
    }

    @Test
    void ackForA2xxGoesToTheTuAndStopsThe2xxRetransmissions() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        ServerTransaction tx = h.handler.last();
        h.advance(600); // one retransmission at 500 ms
        assertThat(h.sentLines()).containsExactly("SIP/2.0 200 OK", "SIP/2.0 200 OK");
        h.deliver(Msg.request("ACK", "z9hG4bKnew", 1, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=" + tx.localTag()));
        assertThat(h.handler.acks).hasSize(1);
        h.advance(40_000);
        assertThat(h.sentLines()).hasSize(2);
        assertThat(h.handler.ackTimeouts).isEmpty();
    }

    @Test
    void noAckForA2xxWithin64T1TellsTheTu() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        h.advance(31_999);
        assertThat(h.handler.ackTimeouts).isEmpty();
        h.advance(1);
        assertThat(h.handler.ackTimeouts).singleElement().extracting(SipResponse::status).isEqualTo(200);
        assertThat(h.sentLines()).hasSize(11); // 200 + 10 retransmissions (T1 doubling, T2 cap)
    }

    @Test
    void anAckWithTheWrongToTagDoesNotStopThe2xx() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        h.deliver(Msg.request("ACK", "z9hG4bKnew", 1, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=other"));
        assertThat(h.handler.acks).hasSize(1); // still the TU's (§13.3.1.4 it may be for another dialog)
        h.advance(600);
        assertThat(h.sentLines()).hasSize(2);
    }

    @Test
    void cancelOfAnUnansweredInviteGets200And487AndTheTuIsTold() {
        h.deliver(invite("z9hG4bK1"));
        ServerTransaction tx = h.handler.last();
        h.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        assertThat(h.sentLines()).containsExactly("SIP/2.0 200 OK", "SIP/2.0 487 Request Terminated");
        SipResponse ok = h.transport.sent.get(0).response();
        assertThat(ok.cseq().method()).isEqualTo("CANCEL");
        assertThat(ok.to().tag()).isEqualTo(tx.localTag());
        SipResponse terminated = h.transport.sent.get(1).response();
        assertThat(terminated.cseq().method()).isEqualTo("INVITE");
        assertThat(terminated.to().tag()).isEqualTo(tx.localTag());
        assertThat(h.handler.cancels).hasSize(1);
        assertThat(tx.isCancelled()).isTrue();
        var late = tx.respond(200);
        h.run();
        assertThat(late).isCompletedExceptionally();
    }

    @Test
    void cancelAfterTheFinalResponseOnlyGets200() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(invite("z9hG4bK1"));
        h.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        assertThat(h.sentLines()).containsExactly("SIP/2.0 200 OK", "SIP/2.0 200 OK");
        assertThat(h.transport.last().response().cseq().method()).isEqualTo("CANCEL");
        assertThat(h.handler.cancels).isEmpty();
    }

    @Test
    void cancelWithoutATransactionGets481() {
        h.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        assertThat(h.sentLines()).containsExactly("SIP/2.0 481 Call/Transaction Does Not Exist");
    }

    @Test
    void cancelInProxyModeAnswersTheCancelButLeavesTheInviteToTheTu() {
        LayerHarness p = new LayerHarness(LayerHarness::asProxy);
        p.deliver(invite("z9hG4bK1"));
        p.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        assertThat(p.sentLines()).containsExactly("SIP/2.0 200 OK");
        assertThat(p.handler.cancels).hasSize(1);
        assertThat(p.handler.last().state()).isEqualTo(TransactionState.PROCEEDING);
    }

    @Test
    void rfc2543RequestsMatchByTheOldRules() {
        LayerHarness h = new LayerHarness(LayerHarness::asProxy); // no merged-request check here
        String old = invite("1234abc");
        h.handler.onRequest = tx -> tx.respond(404);
        h.deliver(old);
        h.deliver(old);
        assertThat(h.handler.requests).hasSize(1);
        assertThat(h.sentLines()).containsExactly("SIP/2.0 404 Not Found", "SIP/2.0 404 Not Found");
        // A different top Via (another hop) is another transaction.
        h.deliver(old.replace("branch=1234abc", "branch=5678"));
        assertThat(h.handler.requests).hasSize(2);
    }

    @Test
    void rfc2543AckMatchesByTheToTagOfTheResponse() {
        h.handler.onRequest = tx -> tx.respond(486);
        h.deliver(invite("1234abc"));
        ServerTransaction tx = h.handler.last();
        String ack = Msg.request("ACK", "1234abc", 1, "");
        h.deliver(ack.replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=wrong"));
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.handler.acks).hasSize(1); // not this transaction's: the TU sees it
        h.deliver(ack.replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=" + tx.localTag()));
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(h.handler.acks).hasSize(1);
    }

    @Test
    void rfc2543CancelMatchesItsInvite() {
        h.deliver(invite("1234abc"));
        h.deliver(Msg.request("CANCEL", "1234abc", 1, ""));
        assertThat(h.sentLines()).contains("SIP/2.0 487 Request Terminated");
        assertThat(h.handler.cancels).hasSize(1);
    }

    @Test
    void aMergedRequestGets482() {
        h.deliver(invite("z9hG4bK1"));
        // Same From tag, Call-ID and CSeq, no To tag, another branch: it came by another path.
        h.deliver(invite("z9hG4bK2").replace("198.51.100.7:5060", "198.51.100.9:5060"));
        assertThat(h.handler.requests).hasSize(1);
        assertThat(h.sentLines()).containsExactly("SIP/2.0 482 Loop Detected");
    }

    @Test
    void withoutAFromTagThereIsNoMergeCheck() {
        String noTag = invite("z9hG4bK1").replace("From: Alice <sip:alice@example.com>;tag=a1", "From: Alice <sip:alice@example.com>");
        h.deliver(noTag);
        h.deliver(noTag.replace("z9hG4bK1", "z9hG4bK2"));
        assertThat(h.handler.requests).hasSize(2);
    }

    @Test
    void aProxyDoesNotRejectSpirals() {
        LayerHarness p = new LayerHarness(LayerHarness::asProxy);
        p.deliver(invite("z9hG4bK1"));
        p.deliver(invite("z9hG4bK2"));
        assertThat(p.handler.requests).hasSize(2);
    }

    @Test
    void requestsInADialogAreNeverMerged() {
        String inDialog = Msg.request("BYE", "z9hG4bK1", 2, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=b");
        h.deliver(inDialog);
        h.deliver(inDialog.replace("z9hG4bK1", "z9hG4bK2"));
        assertThat(h.handler.requests).hasSize(2);
    }
}
