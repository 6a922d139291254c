package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Via;
import org.junit.jupiter.api.Test;

/** What happens before matching: validation (400/505), Via stamping (§18.2.1, RFC 3581), limits (503). */
class InboundChecksTest {
    final LayerHarness h = new LayerHarness();

    @Test
    void aMalformedRequestGets400NamingTheProblem() {
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"));
        assertThat(h.handler.requests).isEmpty();
        SipResponse r = h.transport.last().response();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reasonPhrase()).contains("CSeq");
        assertThat(r.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(r.to().tag()).isNotNull();
        assertThat(h.transport.last().target()).isEqualTo("UDP:198.51.100.7:5060");
    }

    @Test
    void aCSeqMethodMismatchGets400() {
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
        assertThat(h.transport.last().response().status()).isEqualTo(400);
        assertThat(h.transport.last().response().reasonPhrase()).contains("CSeq");
    }

    @Test
    void aWrongVersionGets505() {
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("sip:bob@192.0.2.1 SIP/2.0", "sip:bob@192.0.2.1 SIP/7.0"));
        assertThat(h.transport.last().response().status()).isEqualTo(505);
    }

    @Test
    void withoutTheHeadersToAnswerItIsDropped() {
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("Call-ID: call-1@198.51.100.7\n", ""));
        assertThat(h.transport.sent).isEmpty();
    }

    @Test
    void aMalformedAckIsNeverAnswered() {
        h.deliver(Msg.request("ACK", "z9hG4bK1", 1, "").replace("CSeq: 1 ACK", "CSeq: x ACK"));
        assertThat(h.transport.sent).isEmpty();
    }

    @Test
    void anInvalidResponseIsDropped() {
        h.deliver("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\nFrom: <sip:a@x>;tag=1\n"
                + "Call-ID: x\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
        assertThat(h.handler.strays).isEmpty();
        assertThat(h.transport.sent).isEmpty();
    }

    @Test
    void receivedIsAddedWhenSentByDiffersFromTheSource() {
        h.handler.onRequest = tx -> tx.respond(200);
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("198.51.100.7:5060", "pc33.example.com:5060"));
        Via v = h.handler.last().request().topVia();
        assertThat(v.received()).isEqualTo("198.51.100.7");
        assertThat(v.hasRport()).isFalse();
        assertThat(h.transport.last().response().topVia().received()).isEqualTo("198.51.100.7");
        assertThat(h.transport.last().target()).isEqualTo("UDP:198.51.100.7:5060");
    }

    @Test
    void nothingIsAddedWhenSentByIsTheSource() {
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        Via v = h.handler.last().request().topVia();
        assertThat(v.received()).isNull();
        assertThat(h.handler.last().request().isModified()).isFalse();
    }

    @Test
    void rportIsFilledAndTheResponseGoesToTheSourcePort() {
        h.handler.onRequest = tx -> tx.respond(200);
        String req = Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("branch=z9hG4bK1", "branch=z9hG4bK1;rport");
        h.transport.deliver(req, "198.51.100.7", 40123); // behind a NAT: the source port differs
        h.run();
        Via v = h.handler.last().request().topVia();
        assertThat(v.rport()).isEqualTo(40123);
        assertThat(v.received()).isEqualTo("198.51.100.7"); // RFC 3581 §4: even when equal to sent-by
        assertThat(h.transport.last().target()).isEqualTo("UDP:198.51.100.7:40123");
    }

    @Test
    void overTheLimitNewRequestsGet503WithRetryAfterButExistingOnesGoOn() {
        LayerHarness small = new LayerHarness(c -> LayerHarness.withLimits(c, new StackLimits(2, 7)));
        small.deliver(Msg.request("INVITE", "z9hG4bK1", 1, ""));
        small.deliver(Msg.request("OPTIONS", "z9hG4bK2", 2, ""));
        small.deliver(Msg.request("OPTIONS", "z9hG4bK3", 3, ""));
        assertThat(small.handler.requests).hasSize(2);
        SipResponse busy = small.transport.last().response();
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("7");
        // the INVITE's CANCEL still works
        small.deliver(Msg.request("CANCEL", "z9hG4bK1", 1, ""));
        assertThat(small.handler.cancels).hasSize(1);
        // once one ends, there is room again
        small.handler.requests.get(1).respond(200);
        small.advance(32_000);
        small.deliver(Msg.request("OPTIONS", "z9hG4bK4", 4, ""));
        assertThat(small.handler.requests).hasSize(3);
    }

    @Test
    void overTheLimitAByeInsideADialogIsStillTaken() {
        LayerHarness small = new LayerHarness(c -> LayerHarness.withLimits(c, new StackLimits(1, 5)));
        small.deliver(Msg.request("INVITE", "z9hG4bK1", 1, ""));
        // out of dialog: refused
        small.deliver(Msg.request("BYE", "z9hG4bK2", 2, ""));
        assertThat(small.transport.last().response().status()).isEqualTo(503);
        // in a dialog (To tag): it ends a call, so it is taken
        small.deliver(Msg.request("BYE", "z9hG4bK3", 3, "").replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=b1"));
        assertThat(small.handler.requests).hasSize(2);
        assertThat(small.handler.requests.get(1).method()).isEqualTo("BYE");
    }

    @Test
    void aHandlerThatThrowsGets500Sent() {
        h.handler.onRequest = tx -> {
            throw new IllegalStateException("bug");
        };
        h.deliver(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        h.run();
        assertThat(h.sentLines()).containsExactly("SIP/2.0 500 Server Internal Error");
    }

    @Test
    void theRequestSeenByTheTuIsComplete() {
        h.deliver(Msg.request("MESSAGE", "z9hG4bK1", 1, ""));
        SipRequest r = h.handler.last().request();
        r.validate();
        assertThat(h.handler.last().flow().remoteAddress().getPort()).isEqualTo(5060);
        assertThat(h.handler.last().isInvite()).isFalse();
        assertThat(h.handler.last().method()).isEqualTo("MESSAGE");
    }
}
