package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.SipStack;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Two {@link SipStack}s talking through an in-memory network, on a fake clock. */
class EndToEndTest {
    final FakeNetwork net = new FakeNetwork();
    final FakeTransportLayer aliceWire = net.host("192.0.2.1");
    final FakeTransportLayer bobWire = net.host("192.0.2.2");
    final RecordingHandler aliceHandler = new RecordingHandler();
    final RecordingHandler bob = new RecordingHandler();
    final SipStack alice = stack(aliceWire, aliceHandler, b -> {});
    SipStack bobStack = stack(bobWire, bob, b -> {});

    SipStack stack(FakeTransportLayer wire, RequestHandler handler, Consumer<SipStack.Builder> tweak) {
        SipStack.Builder b = SipStack.builder().transportLayer(wire).handler(handler).nonBlockingHandler()
                .shards(List.of(net.shard(), net.shard())).clock(net.clock);
        tweak.accept(b);
        SipStack s = b.build();
        s.start().join();
        return s;
    }

    static SipRequest invite(String method, String transport) {
        SipUri bobUri = SipUri.of("bob", "192.0.2.2");
        if (transport != null) bobUri = bobUri.withParam("transport", transport);
        SipRequest r = SipRequest.create(method, bobUri, Address.of(SipUri.of("alice", "example.com")).withTag("a1"),
                Address.of(SipUri.of("bob", "example.com")), "e2e-" + method + "@192.0.2.1", 1, null);
        r.set(Header.CONTACT, Address.of(SipUri.of("alice", "192.0.2.1")));
        return r;
    }

    /** The UAC core's ACK for a 2xx (§13.2.2.4), to the Request-URI here (no route set). */
    void ack(SipResponse ok) {
        SipRequest ack = SipRequest.create("ACK", SipUri.of("bob", "192.0.2.2"), ok.from(), ok.to(), ok.callId(), ok.cseq().seq(), null);
        alice.sendAck(ack);
    }

    void answerWith(int... statuses) {
        bob.onRequest = tx -> {
            for (int s : statuses) {
                SipResponse r = tx.createResponse(s);
                if (s >= 200 && s < 300) r.set(Header.CONTACT, Address.of(SipUri.of("bob", "192.0.2.2")));
                tx.respond(r);
            }
        };
    }

    @Test
    void aBasicCallOverUdp() {
        answerWith(180, 200);
        RecordingListener l = new RecordingListener();
        ClientTransaction call = alice.sendRequest(invite("INVITE", null), l);
        net.settle();
        assertThat(l.events).containsExactly("provisional:180", "final:200");
        SipResponse ok = call.finalResponse().join();
        assertThat(ok.to().tag()).isEqualTo(bob.last().localTag());
        ack(ok);
        net.settle();
        assertThat(bob.acks).hasSize(1);
        net.advance(40_000);
        assertThat(bobWire.firstLines()).containsExactly("SIP/2.0 180 Ringing", "SIP/2.0 200 OK");
        assertThat(bob.ackTimeouts).isEmpty();
        assertThat(alice.transactions().transactionCount()).isZero();
        assertThat(bobStack.transactions().transactionCount()).isZero();
    }

    @Test
    void aLostInviteIsRetransmittedByTimerA() {
        answerWith(200);
        net.loseNext("INVITE sip:");
        ClientTransaction call = alice.sendRequest(invite("INVITE", null), ResponseListener.NONE);
        net.advance(499);
        assertThat(call.finalResponse()).isNotCompleted();
        net.advance(1);
        assertThat(call.finalResponse().join().status()).isEqualTo(200);
        assertThat(net.dropped).containsExactly("INVITE sip:bob@192.0.2.2 SIP/2.0");
    }

    @Test
    void aLost2xxIsRetransmittedByTheUas() {
        answerWith(200);
        net.loseNext("SIP/2.0 200 OK");
        ClientTransaction call = alice.sendRequest(invite("INVITE", null), ResponseListener.NONE);
        net.settle();
        assertThat(call.finalResponse()).isNotCompleted();
        net.advance(500);
        assertThat(call.finalResponse().join().status()).isEqualTo(200);
    }

    @Test
    void aLostAckMakesTheUasRetransmitAndTheUacAckAgain() {
        answerWith(200);
        net.loseNext("ACK sip:");
        RecordingListener l = new RecordingListener() {
            @Override
            public void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {
                super.onAdditionalSuccess(tx, response);
                ack(response);
            }
        };
        ClientTransaction call = alice.sendRequest(invite("INVITE", null), l);
        net.settle();
        ack(call.finalResponse().join());
        net.settle();
        assertThat(bob.acks).isEmpty();
        net.advance(500);
        assertThat(l.events).containsExactly("final:200", "additional:200");
        assertThat(bob.acks).hasSize(1);
        net.advance(40_000);
        assertThat(bob.ackTimeouts).isEmpty();
    }

    @Test
    void cancellingARingingCall() {
        answerWith(180);
        ClientTransaction call = alice.sendRequest(invite("INVITE", null), ResponseListener.NONE);
        net.settle();
        var cancelled = call.cancel();
        net.settle();
        assertThat(cancelled.join().status()).isEqualTo(200);
        assertThat(bob.cancels).hasSize(1);
        assertThat(bob.last().isCancelled()).isTrue();
        SipResponse terminated = call.finalResponse().join();
        assertThat(terminated.status()).isEqualTo(487);
        assertThat(bob.last().state()).isEqualTo(TransactionState.CONFIRMED); // the ACK for the 487 arrived
        net.advance(40_000);
        assertThat(alice.transactions().transactionCount()).isZero();
        assertThat(bobStack.transactions().transactionCount()).isZero();
    }

    @Test
    void aRequestOverTcpEndsAtOnce() {
        answerWith(200);
        ClientTransaction msg = alice.sendRequest(invite("MESSAGE", "tcp"), ResponseListener.NONE);
        net.settle();
        assertThat(msg.finalResponse().join().status()).isEqualTo(200);
        assertThat(msg.state()).isEqualTo(TransactionState.TERMINATED); // Timer K = 0
        assertThat(bob.last().state()).isEqualTo(TransactionState.TERMINATED); // Timer J = 0
        assertThat(bob.last().flow().transport().isReliable()).isTrue();
    }

    @Test
    void anOverloadedPeerAnswers503() {
        bobStack = stack(bobWire, bob, b -> b.limits(new StackLimits(2, 30)).shards(List.of(net.shard())));
        ClientTransaction first = alice.sendRequest(invite("INVITE", null), ResponseListener.NONE);
        net.settle();
        ClientTransaction[] more = new ClientTransaction[4];
        for (int i = 0; i < more.length; i++) {
            SipRequest r = invite("OPTIONS", null);
            r.set(Header.CALL_ID, "c" + i);
            more[i] = alice.sendRequest(r, ResponseListener.NONE);
        }
        net.settle();
        long busy = java.util.Arrays.stream(more).filter(t -> t.finalResponse().isDone()
                && t.finalResponse().join().status() == 503).count();
        assertThat(busy).isEqualTo(3); // the INVITE and the first OPTIONS fill the two slots
        assertThat(bob.requests).hasSize(2);
        assertThat(bobWire.last().response().header("Retry-After")).isEqualTo("30");
        assertThat(first.finalResponse()).isNotCompleted();
    }

    @Test
    void realThreadsAndVirtualThreadHandlers() throws Exception {
        FakeNetwork wires = new FakeNetwork();
        // plain wiring: the network only routes; shards are real threads here
        FakeTransportLayer aw = wires.host("192.0.2.11");
        FakeTransportLayer bw = wires.host("192.0.2.12");
        try (SipStack sa = SipStack.builder().transportLayer(aw).shards(2).build();
                SipStack sb = SipStack.builder().transportLayer(bw).shards(2)
                        .handler(tx -> {
                            assertThat(Thread.currentThread().isVirtual()).isTrue();
                            tx.respond(200);
                        }).build()) {
            sa.start().join();
            sb.start().join();
            for (int i = 0; i < 50; i++) {
                SipRequest r = SipRequest.create("OPTIONS", SipUri.of("b", "192.0.2.12"),
                        Address.of(SipUri.of("a", "example.com")).withTag("t" + i), Address.of(SipUri.of("b", "example.com")),
                        "threaded-" + i, 1, null);
                SipResponse resp = sa.sendRequest(r).finalResponse().get(5, TimeUnit.SECONDS);
                assertThat(resp.status()).isEqualTo(200);
            }
        }
        assertThat(bw.firstLines()).hasSize(50).containsOnly("SIP/2.0 200 OK");
    }
}
