package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipParserBasicsTest {
    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "v=0\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheHeadersTheStackNeeds() {
        SipMessage m = SipParser.defaults().parse(bytes(INVITE));
        assertThat(m).isInstanceOf(SipRequest.class);
        SipRequest r = (SipRequest) m;
        assertThat(r.method()).isSameAs(SipMethod.INVITE);
        assertThat(r.requestUri()).isEqualTo(SipUri.of("bob", "biloxi.example.com"));
        Via v = m.topVia();
        assertThat(v.branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("pc33.atlanta.example.com");
        assertThat(v.port()).isEqualTo(5060);
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEqualTo(-1);
        assertThat(m.from().tag()).isEqualTo("1928301774");
        assertThat(m.from().displayName()).isEqualTo("Alice A.");
        assertThat(m.to().tag()).isNull();
        assertThat(m.to().displayName()).isEqualTo("Bob");
        assertThat(m.callId()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(m.cseq().seq()).isEqualTo(314159);
        assertThat(m.cseq().method()).isEqualTo("INVITE");
        assertThat(m.maxForwards()).isEqualTo(70);
        assertThat(m.bodyAsString()).isEqualTo("v=0\n");
        assertThat(m.contentType().is("application", "sdp")).isTrue();
        m.validate();
    }

    @Test
    void unmodifiedMessageSerializesByteIdentical() {
        byte[] in = bytes(INVITE);
        SipMessage m = SipParser.defaults().parse(in);
        m.topVia();
        m.from();
        assertThat(m.toBytes()).isEqualTo(in);
    }

    @Test
    void modifiedMessageKeepsUntouchedLinesAndRewritesChanged() {
        SipMessage m = SipParser.defaults().parse(bytes(INVITE));
        Via top = m.topVia();
        m.removeFirst(Header.VIA);
        m.addFirst(Header.VIA, top.withReceived("192.0.2.4").withRport(5062));
        String out = m.toString();
        assertThat(out).contains("Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport=5062;received=192.0.2.4\r\n");
        assertThat(out).contains("From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n");
        SipMessage again = SipParser.defaults().parse(bytes(out));
        assertThat(again.topVia().received()).isEqualTo("192.0.2.4");
        assertThat(again.bodyAsString()).isEqualTo("v=0\n");
    }

    @Test
    void compactFormsFoldingAndMultipleValues() {
        String s = "REGISTER sip:example.com SIP/2.0\r\n"
                + "v: SIP/2.0/TCP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK2\r\n"
                + "VIA: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r\n"
                + "f: <sip:a@example.com>;tag=x\r\n"
                + "t: sip:a@example.com\r\n"
                + "i: abc\r\n"
                + "Max-Forwards: 70\r\n"
                + "CSeq: 1\r\n   REGISTER\r\n"
                + "m: <sip:a@10.0.0.1>;expires=60;q=0.5, \"X\" <sip:b@10.0.0.2>\r\n"
                + "X-Custom:  hello  world \r\n"
                + "l: 0\r\n\r\n";
        SipMessage m = SipParser.defaults().parse(bytes(s));
        List<Via> vias = m.vias();
        assertThat(vias).hasSize(3);
        assertThat(vias.get(1).host()).isEqualTo("[2001:db8::9]");
        assertThat(vias.get(1).port()).isEqualTo(5070);
        assertThat(m.cseq().method()).isEqualTo("REGISTER");
        List<Address> contacts = m.contacts();
        assertThat(contacts).hasSize(2);
        assertThat(contacts.get(0).expires()).isEqualTo(60);
        assertThat(contacts.get(0).q()).isEqualTo(0.5);
        assertThat(contacts.get(1).displayName()).isEqualTo("X");
        assertThat(m.header("x-custom")).isEqualTo("hello  world");
        assertThat(m.header("Call-ID")).isEqualTo("abc");
        m.validate();
        assertThat(m.toBytes()).isEqualTo(bytes(s));
    }

    @Test
    void badVersionIsDistinguishable() {
        String s = INVITE.replace("bob@biloxi.example.com SIP/2.0", "bob@biloxi.example.com SIP/7.0");
        assertThatThrownBy(() -> SipParser.defaults().parse(bytes(s)))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ParseProblem.VERSION_NOT_SUPPORTED);
                    assertThat(e.statusCode()).isEqualTo(505);
                    assertThat(e.partialMessage().callId()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
                });
    }

    @Test
    void responseBuiltFromRequest() {
        SipRequest req = (SipRequest) SipParser.defaults().parse(bytes(INVITE));
        SipResponse res = req.createResponse(180, null, "abc123");
        assertThat(res.status()).isEqualTo(180);
        assertThat(res.reasonPhrase()).isEqualTo("Ringing");
        assertThat(res.to().tag()).isEqualTo("abc123");
        assertThat(res.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
        SipResponse parsed = (SipResponse) SipParser.defaults().parse(res.toBytes());
        assertThat(parsed.callId()).isEqualTo(req.callId());
        assertThat(parsed.cseq()).isEqualTo(req.cseq());
        parsed.validate();
    }
}
