package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The client side through the layer: Via/branch, next hop (§8.1.2), response matching (§17.1.3), failover (RFC 3263 §4.3), CANCEL (§9.1), ACK for 2xx (§13.2.2.4). */
class OutboundTest {
    final LayerHarness h = new LayerHarness(c -> LayerHarness.withUserAgent(c, "sipflow-test"));
    final RecordingListener listener = new RecordingListener();

    static SipRequest request(String method, String host) {
        return SipRequest.create(method, SipUri.of("bob", host), Address.of(SipUri.of("alice", "example.com")).withTag("a1"),
                Address.of(SipUri.of("bob", "example.com")), "out-1@192.0.2.1", 1, null);
    }

    static Destination udp(String host) {
        return new Destination(Transport.UDP, new InetSocketAddress(host, 5060));
    }

    /** A response to what was sent last, arriving from the peer. */
    void answer(int status, String toTag) {
        answer(h.transport.last().request(), status, toTag);
    }

    void answer(SipRequest sent, int status, String toTag) {
        SipResponse r = sent.createResponse(status, null, toTag);
        h.transport.deliver(r.toBytes(), h.transport.flowFrom(Transport.UDP, "203.0.113.5", 5060));
        h.run();
    }

    @Test
    void theStackAddsViaMaxForwardsAndUserAgentAndSendsToTheRequestUri() {
        SipRequest r = request("OPTIONS", "203.0.113.5");
        r.remove(io.sipflow.message.Header.MAX_FORWARDS);
        ClientTransaction tx = h.layer.sendRequest(r, listener);
        h.run();
        FakeTransportLayer.Sent sent = h.transport.last();
        assertThat(sent.target()).isEqualTo("UDP:203.0.113.5:5060");
        SipRequest wire = sent.request();
        Via via = wire.topVia();
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("192.0.2.1");
        assertThat(via.port()).isEqualTo(5060);
        assertThat(via.hasRfc3261Branch()).isTrue();
        assertThat(via.hasRport()).isTrue();
        assertThat(via.branch()).isEqualTo(tx.branch());
        assertThat(wire.maxForwards()).isEqualTo(70);
        assertThat(wire.header("User-Agent")).isEqualTo("sipflow-test");
        wire.validate();
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
    }

    @Test
    void branchesAreFreshForEveryRequest() {
        ClientTransaction a = h.layer.sendRequest(request("OPTIONS", "203.0.113.5"), listener);
        ClientTransaction b = h.layer.sendRequest(request("OPTIONS", "203.0.113.5"), listener);
        h.run();
        assertThat(a.branch()).isNotEqualTo(b.branch());
    }

    @Test
    void theNextHopIsTheFirstRoute() {
        SipRequest r = request("INVITE", "203.0.113.5");
        r.add(io.sipflow.message.Header.ROUTE, Address.parse("<sip:203.0.113.9:5070;transport=tcp;lr>"));
        r.add(io.sipflow.message.Header.ROUTE, Address.parse("<sip:203.0.113.10;lr>"));
        h.layer.sendRequest(r, listener);
        h.run();
        assertThat(h.transport.last().target()).isEqualTo("TCP:203.0.113.9:5070");
        assertThat(h.transport.last().request().topVia().transport()).isEqualTo("TCP");
        assertThat(h.transport.last().request().requestUriText()).isEqualTo("sip:bob@203.0.113.5");
    }

    @Test
    void responsesReachTheListenerAndTheFuture() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "203.0.113.5"), listener);
        h.run();
        answer(180, "b1");
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        answer(200, "b1");
        assertThat(listener.events).containsExactly("provisional:180", "final:200");
        assertThat(tx.finalResponse()).isCompleted();
        assertThat(tx.finalResponse().join().status()).isEqualTo(200);
        assertThat(tx.localFailure()).isNull();
        assertThat(tx.flow().remoteAddress().getPort()).isEqualTo(5060);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        answer(200, "b2"); // another fork
        assertThat(listener.events).containsExactly("provisional:180", "final:200", "additional:200");
    }

    @Test
    void aResponseWithAnotherSentByIsStray() {
        ClientTransaction tx = h.layer.sendRequest(request("OPTIONS", "203.0.113.5"), listener);
        h.run();
        SipRequest sent = h.transport.last().request();
        Via mine = sent.topVia();
        sent.removeFirst(io.sipflow.message.Header.VIA);
        sent.addFirst(io.sipflow.message.Header.VIA, Via.of("UDP", "192.0.2.99", 5060, mine.branch()));
        answer(sent, 200, "b1");
        assertThat(tx.finalResponse()).isNotCompleted();
        assertThat(h.handler.strays).hasSize(1);
    }

    @Test
    void aResponseForAnotherMethodWithTheSameBranchDoesNotMatch() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "203.0.113.5"), listener);
        h.run();
        String text = h.transport.last().request().createResponse(200, null, "b").toString().replace("1 INVITE", "1 CANCEL");
        h.transport.deliver(text.replace("\r\n", "\n"), "203.0.113.5", 5060);
        h.run();
        assertThat(tx.finalResponse()).isNotCompleted();
        assertThat(h.handler.strays).hasSize(1);
    }

    @Test
    void aTimeoutCompletesWithALocal408() {
        ClientTransaction tx = h.layer.sendRequest(request("MESSAGE", "203.0.113.5"), listener);
        h.advance(32_000);
        SipResponse r = tx.finalResponse().join();
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.cseq().method()).isEqualTo("MESSAGE");
        assertThat(tx.localFailure()).isInstanceOf(TimeoutException.class);
        assertThat(listener.events).containsExactly("final:408");
        assertThat(h.layer.transactionCount()).isZero();
    }

    @Test
    void aTransportErrorFailsOverToTheNextDestinationWithANewBranch() {
        h.transport.failWhen = s -> s.destination() != null && s.destination().address().getHostString().equals("203.0.113.1");
        ClientTransaction tx = h.layer.sendRequest(request("OPTIONS", "example.com"),
                List.of(udp("203.0.113.1"), udp("203.0.113.2")), listener);
        h.run();
        assertThat(h.transport.sent).extracting(FakeTransportLayer.Sent::target)
                .containsExactly("UDP:203.0.113.1:5060", "UDP:203.0.113.2:5060");
        String b1 = h.transport.sent.get(0).request().topVia().branch();
        String b2 = h.transport.sent.get(1).request().topVia().branch();
        assertThat(b1).isNotEqualTo(b2);
        assertThat(h.transport.sent.get(1).request().vias()).hasSize(1);
        assertThat(tx.branch()).isEqualTo(b2);
        answer(200, "x");
        assertThat(tx.finalResponse().join().status()).isEqualTo(200);
    }

    @Test
    void allDestinationsFailingGivesA503WithTheCause() {
        h.transport.failWhen = s -> true;
        ClientTransaction tx = h.layer.sendRequest(request("OPTIONS", "example.com"),
                List.of(udp("203.0.113.1"), udp("203.0.113.2")), listener);
        h.run();
        assertThat(tx.finalResponse().join().status()).isEqualTo(503);
        assertThat(tx.localFailure()).isInstanceOf(IOException.class);
    }

    @Test
    void aTimeoutFailsOverToo() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "example.com"),
                List.of(udp("203.0.113.1"), udp("203.0.113.2")), listener);
        h.advance(32_000);
        assertThat(h.transport.last().target()).isEqualTo("UDP:203.0.113.2:5060");
        assertThat(tx.finalResponse()).isNotCompleted();
        h.advance(32_000);
        assertThat(tx.finalResponse().join().status()).isEqualTo(408);
    }

    @Test
    void a503BeforeAnyProvisionalFailsOverAfterAcking() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "example.com"),
                List.of(udp("203.0.113.1"), udp("203.0.113.2")), listener);
        h.run();
        answer(503, "x");
        assertThat(h.sentLines()).containsExactly("INVITE sip:bob@example.com SIP/2.0", "ACK sip:bob@example.com SIP/2.0",
                "INVITE sip:bob@example.com SIP/2.0");
        assertThat(h.transport.sent.get(1).target()).isEqualTo("UDP:203.0.113.1:5060");
        assertThat(h.transport.last().target()).isEqualTo("UDP:203.0.113.2:5060");
        assertThat(listener.events).isEmpty();
        answer(486, "y");
        assertThat(tx.finalResponse().join().status()).isEqualTo(486);
    }

    @Test
    void a503AfterAProvisionalIsFinal() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "example.com"),
                List.of(udp("203.0.113.1"), udp("203.0.113.2")), listener);
        h.run();
        answer(180, "x");
        answer(503, "x");
        assertThat(tx.finalResponse().join().status()).isEqualTo(503);
    }

    @Test
    void anUnresolvableNextHopGivesA503() {
        ClientTransaction tx = h.layer.sendRequest(request("OPTIONS", "unknown.example.com"), listener);
        h.run();
        assertThat(tx.finalResponse().join().status()).isEqualTo(503);
        assertThat(tx.localFailure()).isInstanceOf(io.sipflow.stack.dns.LocatorException.class);
        assertThat(h.transport.sent).isEmpty();
    }

    /** A locator with canned answers, recording what it was asked. */
    static final class CannedLocator implements io.sipflow.stack.dns.ServerLocator {
        final List<String> asked = new java.util.ArrayList<>();
        final List<Destination> answer;

        CannedLocator(Destination... answer) {
            this.answer = List.of(answer);
        }

        @Override
        public java.util.concurrent.CompletableFuture<List<Destination>> locate(SipUri uri) {
            asked.add("locate " + uri);
            return java.util.concurrent.CompletableFuture.completedFuture(answer);
        }

        @Override
        public java.util.concurrent.CompletableFuture<List<Destination>> locateForResponse(String host, int port, Transport t) {
            asked.add("response " + host + " " + port + " " + t);
            return java.util.concurrent.CompletableFuture.completedFuture(answer);
        }
    }

    static TransactionLayerConfig withLocator(TransactionLayerConfig c, io.sipflow.stack.dns.ServerLocator l) {
        return new TransactionLayerConfig(c.timers(), c.limits(), c.handler(), c.handlerExecutor(), l, c.userAgent(),
                c.answerCancelledInvites(), c.detectMergedRequests());
    }

    @Test
    void theLocatorsListIsTheFailoverOrder() {
        CannedLocator dns = new CannedLocator(udp("203.0.113.1"), udp("203.0.113.2"));
        LayerHarness d = new LayerHarness(c -> withLocator(c, dns));
        d.transport.failWhen = s -> s.destination() != null && s.destination().address().getHostString().equals("203.0.113.1");
        SipRequest r = request("OPTIONS", "example.com");
        r.add(io.sipflow.message.Header.ROUTE, Address.parse("<sip:proxy.example.com;lr>"));
        ClientTransaction tx = d.layer.sendRequest(r, listener);
        d.run();
        assertThat(dns.asked).containsExactly("locate sip:proxy.example.com;lr");
        assertThat(d.transport.sent).extracting(FakeTransportLayer.Sent::target)
                .containsExactly("UDP:203.0.113.1:5060", "UDP:203.0.113.2:5060");
        assertThat(tx.finalResponse()).isNotCompleted();
    }

    @Test
    void aResponseToANamedSentByIsLocatedPerRfc3263Section5() {
        CannedLocator dns = new CannedLocator(new Destination(Transport.TCP, new InetSocketAddress("203.0.113.8", 5060)));
        LayerHarness d = new LayerHarness(c -> withLocator(c, dns));
        Flow gone = new TestFlow(Transport.TCP, d.transport.listenPointFor(Transport.TCP, false),
                new InetSocketAddress("192.0.2.1", 5060), new InetSocketAddress("203.0.113.8", 40000), false);
        SipRequest incoming = Msg.request(Msg.request("OPTIONS", "z9hG4bK9", 1, "").replace("SIP/2.0/UDP 198.51.100.7:5060", "SIP/2.0/TCP client.example.com"));
        var sent = d.layer.sendResponseStateless(incoming.createResponse(200), gone);
        d.run(); // stateless sends run on the shard of their Call-ID
        sent.join();
        assertThat(dns.asked).containsExactly("response client.example.com -1 TCP");
        assertThat(d.transport.last().target()).isEqualTo("TCP:203.0.113.8:5060");
    }

    @Test
    void cancelWaitsForAProvisionalThenSendsAProperCancel() {
        SipRequest invite = request("INVITE", "203.0.113.5");
        invite.add(io.sipflow.message.Header.ROUTE, Address.parse("<sip:203.0.113.5;lr>"));
        ClientTransaction tx = h.layer.sendRequest(invite, listener);
        h.run();
        SipRequest sentInvite = h.transport.last().request();
        var cancelled = tx.cancel();
        h.run();
        assertThat(h.sentLines()).containsExactly("INVITE sip:bob@203.0.113.5 SIP/2.0"); // §9.1: not before a 1xx
        answer(sentInvite, 180, "b1");
        assertThat(h.sentLines()).containsExactly("INVITE sip:bob@203.0.113.5 SIP/2.0", "CANCEL sip:bob@203.0.113.5 SIP/2.0");
        SipRequest cancel = h.transport.last().request();
        cancel.validate();
        assertThat(cancel.vias()).hasSize(1);
        assertThat(cancel.topVia()).isEqualTo(sentInvite.topVia());
        assertThat(cancel.callId()).isEqualTo(sentInvite.callId());
        assertThat(cancel.from().tag()).isEqualTo("a1");
        assertThat(cancel.to().tag()).isNull(); // the INVITE's To, not the response's
        assertThat(cancel.cseq().seq()).isEqualTo(1);
        assertThat(cancel.cseq().method()).isEqualTo("CANCEL");
        assertThat(cancel.header("Route")).isEqualTo("<sip:203.0.113.5;lr>");
        assertThat(h.transport.last().target()).isEqualTo("UDP:203.0.113.5:5060");

        answer(cancel, 200, "b1");
        assertThat(cancelled.join().status()).isEqualTo(200);
        answer(sentInvite, 487, "b1");
        assertThat(tx.finalResponse().join().status()).isEqualTo(487);
        assertThat(h.sentLines()).last().isEqualTo("ACK sip:bob@203.0.113.5 SIP/2.0");
    }

    @Test
    void cancelAfterTheFinalResponseDoesNothing() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "203.0.113.5"), listener);
        h.run();
        answer(200, "b1");
        var cancelled = tx.cancel();
        h.run();
        assertThat(cancelled.join()).isNull();
        assertThat(h.sentLines()).hasSize(1);
    }

    @Test
    void anUnansweredCancelEndsTheInviteAfter64T1() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "203.0.113.5"), listener);
        h.run();
        answer(180, "b1");
        var cancelled = tx.cancel();
        h.advance(32_000);
        assertThat(tx.finalResponse().join().status()).isEqualTo(487);
        assertThat(tx.localFailure()).isInstanceOf(CancellationException.class);
        assertThat(cancelled.join().status()).isEqualTo(408);
        assertThat(cancelled.join().cseq().method()).isEqualTo("CANCEL");
        assertThat(h.layer.transactionCount()).isZero();
    }

    @Test
    void onlyAnInviteCanBeCancelled() {
        ClientTransaction tx = h.layer.sendRequest(request("OPTIONS", "203.0.113.5"), listener);
        assertThatThrownBy(tx::cancel).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ackAndCancelCannotBeSentAsTransactions() {
        assertThatThrownBy(() -> h.layer.sendRequest(request("ACK", "203.0.113.5"), listener))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.layer.sendRequest(request("CANCEL", "203.0.113.5"), listener))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTelUriWithoutRouteHasNoNextHop() {
        SipRequest r = request("INVITE", "x");
        r.setRequestUri(io.sipflow.message.uri.Uri.parse("tel:+15551234567"));
        assertThatThrownBy(() -> h.layer.sendRequest(r, listener)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAckForA2xxHasItsOwnBranchAndNoTransaction() {
        ClientTransaction tx = h.layer.sendRequest(request("INVITE", "203.0.113.5"), listener);
        h.run();
        answer(200, "b1");
        SipRequest ack = request("ACK", "203.0.113.5");
        ack.set(io.sipflow.message.Header.TO, tx.finalResponse().join().to());
        joinOnShard(h, h.layer.sendAck(ack, null));
        SipRequest wire = h.transport.last().request();
        assertThat(wire.method()).isEqualTo("ACK");
        assertThat(wire.topVia().branch()).isNotEqualTo(tx.branch()).startsWith("z9hG4bK");
        assertThat(h.transport.last().target()).isEqualTo("UDP:203.0.113.5:5060");
        // resending the same ACK for a retransmitted 2xx keeps its Via
        joinOnShard(h, h.layer.sendAck(ack, null));
        assertThat(h.transport.last().request().topVia()).isEqualTo(wire.topVia());
        assertThat(h.transport.last().request().vias()).hasSize(1);
    }

    @Test
    void overTheLimitAClientRequestFailsLocally() {
        LayerHarness small = new LayerHarness(c -> LayerHarness.withLimits(c, new StackLimits(1, 5)));
        small.layer.sendRequest(request("OPTIONS", "203.0.113.5"), listener);
        ClientTransaction second = small.layer.sendRequest(request("OPTIONS", "203.0.113.5"), listener);
        small.run();
        assertThat(second.finalResponse().join().status()).isEqualTo(503);
        assertThat(second.localFailure()).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aRequestOnAFlowReusesTheConnection() {
        Flow conn = h.transport.flowFrom(Transport.TCP, "203.0.113.5", 40000);
        h.layer.sendRequest(request("BYE", "203.0.113.5"), conn, listener);
        h.run();
        assertThat(h.transport.last().target()).isEqualTo("flow:/203.0.113.5:40000");
        assertThat(h.transport.last().request().topVia().transport()).isEqualTo("TCP");
    }

    @Test
    void statelessResponsesFollowTheViaAndStatelessRequestsGoAsGiven() {
        SipRequest incoming = Msg.request(Msg.request("OPTIONS", "z9hG4bK9", 1, "")
                .replace("branch=z9hG4bK9", "branch=z9hG4bK9;received=203.0.113.77;rport=4000"));
        joinOnShard(h, h.layer.sendResponseStateless(incoming.createResponse(200), h.transport.flowFrom(Transport.UDP, "203.0.113.77", 4000)));
        assertThat(h.transport.last().target()).isEqualTo("UDP:203.0.113.77:4000");

        SipRequest fwd = Msg.request(Msg.request("OPTIONS", "z9hG4bK9", 1, ""));
        joinOnShard(h, h.layer.sendRequestStateless(fwd, null, null));
        assertThat(h.transport.last().target()).isEqualTo("UDP:192.0.2.1:5060");
        assertThat(h.transport.last().bytes()).isEqualTo(fwd.toBytes());
    }

    /** Stateless sends run on the shard of their Call-ID: let the manual shards run, then wait. */
    private static <T> T joinOnShard(LayerHarness harness, java.util.concurrent.CompletableFuture<T> sent) {
        harness.run();
        return sent.join();
    }
}
