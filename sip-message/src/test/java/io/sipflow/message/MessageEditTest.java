package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.TelUri;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building messages in code, editing parsed ones, and how both serialize. */
class MessageEditTest {
    static final String REQUEST = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "v: SIP/2.0/UDP p1.example.com;branch=z9hG4bK-p1, SIP/2.0/UDP p2.example.com;branch=z9hG4bK-p2\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK-uac;received=192.0.2.1\r\n"
            + "Max-Forwards:  68\r\n"
            + "To: Bob\r\n  <sip:bob@biloxi.example.com>\r\n"
            + "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Timestamp: 54.1 0.3\r\n"
            + "X-Trailing: spaces kept   \r\n"
            + "Supported: timer, 100rel\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "l: 0\r\n"
            + "\r\n";

    static SipRequest parse(String s) {
        return (SipRequest) SipParser.defaults().parse(s.getBytes(StandardCharsets.UTF_8));
    }

    static String wire(SipMessage m) {
        return new String(m.toBytes(), StandardCharsets.UTF_8);
    }

    static SipMessage reparse(SipMessage m) {
        SipMessage again = SipParser.defaults().parse(m.toBytes());
        again.validate();
        return again;
    }

    // ------------------------------------------------------------------ building

    @Test
    void requestFromScratch() {
        Address from = Address.of("Alice", SipUri.of("alice", "atlanta.example.com")).withTag("88sja8x");
        Address to = Address.of(SipUri.of("bob", "biloxi.example.com"));
        Via via = Via.of("UDP", "pc33.atlanta.example.com", 5060, "z9hG4bKnashds8").withParam("rport", null);
        SipRequest r = SipRequest.create(SipMethod.INVITE, SipUri.of("bob", "biloxi.example.com"), from, to,
                "a84b4c76e66710", 314159, via);
        r.setBody("v=0\r\n", "application/sdp");
        assertThat(r.isModified()).isTrue();
        assertThat(wire(r)).isEqualTo("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=88sja8x\r\n"
                + "To: <sip:bob@biloxi.example.com>\r\n"
                + "Call-ID: a84b4c76e66710\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: 5\r\n"
                + "\r\n"
                + "v=0\r\n");
        SipRequest again = (SipRequest) reparse(r);
        assertThat(again.from()).isEqualTo(from);
        assertThat(again.to()).isEqualTo(to);
        assertThat(again.topVia()).isEqualTo(via);
        assertThat(again.cseq()).isEqualTo(new CSeq(314159, "INVITE"));
        assertThat(again.maxForwards()).isEqualTo(70);
        assertThat(again.bodyAsString()).isEqualTo("v=0\r\n");
        assertThat(again.requestUri()).isEqualTo(r.requestUri());
        // the typed values of the built message are what was set
        assertThat(r.from()).isSameAs(from);
        assertThat(r.headerValue(0)).isEqualTo(via.toString());
        r.validate();
    }

    @Test
    void buildingRefusesBadInput() {
        assertThatThrownBy(() -> new SipRequest("IN VITE", SipUri.of(null, "h"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipResponse(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipResponse(700, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipResponse(200, "OK\r\nVia: injected")).isInstanceOf(IllegalArgumentException.class);
        SipRequest r = new SipRequest("OPTIONS", TelUri.of("+1"));
        assertThatThrownBy(() -> r.addHeader("X-A", "a\r\nVia: injected")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.setHeader("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.addHeader("X-B", "nul\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.setMethod("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.startLine()).isEqualTo("OPTIONS tel:+1 SIP/2.0");
        assertThat(wire(r)).isEqualTo("OPTIONS tel:+1 SIP/2.0\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void responseCopiesPerSection8_2_6() {
        SipRequest req = parse(REQUEST);
        SipResponse ok = req.createResponse(200, null, "to-tag-1");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.reasonPhrase()).isEqualTo("OK");
        // every Via, in order, values verbatim (§8.2.6.2)
        assertThat(ok.vias()).isEqualTo(req.vias());
        assertThat(ok.headers("Via")).containsExactly(
                "SIP/2.0/UDP p1.example.com;branch=z9hG4bK-p1, SIP/2.0/UDP p2.example.com;branch=z9hG4bK-p2",
                "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK-uac;received=192.0.2.1");
        assertThat(ok.from()).isEqualTo(req.from());
        assertThat(ok.to().tag()).isEqualTo("to-tag-1");
        assertThat(ok.to().withoutParam("tag")).isEqualTo(req.to());
        assertThat(ok.callId()).isEqualTo(req.callId());
        assertThat(ok.cseq()).isEqualTo(req.cseq());
        assertThat(ok.method()).isEqualTo("INVITE");
        assertThat(ok.has(Header.TIMESTAMP)).isFalse(); // only a 100 copies Timestamp (§8.2.6.1)
        assertThat(ok.has("Contact")).isFalse();
        assertThat(ok.has("Supported")).isFalse();
        assertThat(ok.get(Header.CONTENT_LENGTH)).isZero();
        SipResponse again = (SipResponse) reparse(ok);
        assertThat(again.vias()).isEqualTo(req.vias());
        assertThat(again.to().tag()).isEqualTo("to-tag-1");

        SipResponse trying = req.createResponse(100, null, "ignored");
        assertThat(trying.reasonPhrase()).isEqualTo("Trying");
        assertThat(trying.header("Timestamp")).isEqualTo("54.1 0.3");
        assertThat(trying.get(Header.TIMESTAMP)).isEqualTo(req.get(Header.TIMESTAMP));
        assertThat(trying.to().tag()).isNull(); // §8.2.6.2: not for 100
        reparse(trying);

        SipResponse custom = req.createResponse(486, "Busy Here Now", null);
        assertThat(custom.startLine()).isEqualTo("SIP/2.0 486 Busy Here Now");
        assertThat(custom.to().tag()).isNull();

        // a request whose To already has a tag keeps it (§8.2.6.2: in-dialog request)
        SipRequest inDialog = parse(REQUEST.replace("<sip:bob@biloxi.example.com>\r\n", "<sip:bob@biloxi.example.com>;tag=b1\r\n"));
        assertThat(inDialog.createResponse(200, null, "other").to().tag()).isEqualTo("b1");
        assertThat(SipStatus.reasonPhrase(599)).isEqualTo("Server Error");
        assertThat(SipStatus.reasonPhrase(699)).isEqualTo("Global Failure");
    }

    @Test
    void responseStatusEdits() {
        SipResponse r = parse(REQUEST).createResponse(180);
        assertThat(r.isProvisional()).isTrue();
        r.setStatus(200, null);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.isFinal()).isTrue();
        assertThat(r.reasonPhrase()).isEqualTo("OK");
        assertThat(((SipResponse) reparse(r)).status()).isEqualTo(200);
        assertThatThrownBy(() -> r.setStatus(1000, null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ edits of a parsed message

    @Test
    void untouchedMessageIsByteIdenticalAndUntouchedLinesStayVerbatim() {
        SipRequest m = parse(REQUEST);
        assertThat(wire(m)).isEqualTo(REQUEST);
        m.setHeader("Subject", "new");
        String out = wire(m);
        // unchanged lines verbatim: compact name, folding, extra spaces, trailing spaces
        assertThat(out).isEqualTo(REQUEST.replace("l: 0\r\n", "l: 0\r\nSubject: new\r\n"));
    }

    @Test
    void setHeaderReplacesEveryLineAtTheFirstOnesPlace() {
        SipRequest m = parse(REQUEST);
        m.setHeader("via", "SIP/2.0/TCP only.example.com;branch=z9hG4bK-only");
        assertThat(m.headers("Via")).containsExactly("SIP/2.0/TCP only.example.com;branch=z9hG4bK-only");
        String out = wire(m);
        assertThat(out).startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP only.example.com;branch=z9hG4bK-only\r\nMax-Forwards:  68\r\n");
        assertThat(reparse(m).topVia().host()).isEqualTo("only.example.com");
        // an unknown header added by name keeps its spelling
        m.setHeader("x-New", "1");
        m.setHeader("X-NEW", "2");
        assertThat(m.headers("x-new")).containsExactly("2");
        assertThat(wire(m)).contains("\r\nx-New: 2\r\n");
    }

    @Test
    void addAndRemoveHeaderByName() {
        SipRequest m = parse(REQUEST);
        m.addHeader("Supported", "path");
        assertThat(m.headers("k")).containsExactly("timer, 100rel", "path");
        assertThat(m.getAll(Header.SUPPORTED)).containsExactly("timer", "100rel", "path");
        assertThat(wire(m)).contains("Supported: timer, 100rel\r\nSupported: path\r\n");
        assertThat(m.removeHeader("v")).isEqualTo(2); // compact name removes both Via lines
        assertThat(m.has(Header.VIA)).isFalse();
        assertThat(m.removeHeader("X-None")).isZero();
        assertThat(wire(m)).doesNotContain("Via").doesNotContain("v: ");
        assertThatThrownBy(() -> reparse(m)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.MISSING_HEADER));
    }

    @Test
    void typedEditsOnALineWithSeveralValues() {
        SipRequest m = parse(REQUEST);
        List<Via> before = m.vias();
        // a proxy receiving the response removes the top Via from a line holding two (§18.1.2)
        Via top = m.removeFirst(Header.VIA);
        assertThat(top).isEqualTo(before.get(0));
        assertThat(m.vias()).isEqualTo(before.subList(1, 3));
        assertThat(m.headers("Via")).containsExactly("SIP/2.0/UDP p2.example.com;branch=z9hG4bK-p2",
                "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK-uac;received=192.0.2.1");
        String out = wire(m);
        // the changed line is canonical (full name), the other Via line verbatim
        assertThat(out).contains("\r\nVia: SIP/2.0/UDP p2.example.com;branch=z9hG4bK-p2\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK-uac;received=192.0.2.1\r\n");
        assertThat(reparse(m).vias()).isEqualTo(before.subList(1, 3));

        Via mine = Via.of("TCP", "proxy.example.org", -1, "z9hG4bK-mine");
        m.addFirst(Header.VIA, mine);
        assertThat(m.topVia()).isSameAs(mine);
        assertThat(m.count(Header.VIA)).isEqualTo(3);
        m.add(Header.VIA, Via.of("UDP", "last.example.org", -1, "z9hG4bK-last"));
        assertThat(m.vias()).extracting(Via::host)
                .containsExactly("proxy.example.org", "p2.example.com", "pc33.atlanta.example.com", "last.example.org");
        assertThat(reparse(m).vias()).isEqualTo(m.vias());

        assertThat(m.removeFirst(Header.VIA).host()).isEqualTo("proxy.example.org");
        assertThat(m.removeFirst(Header.VIA).host()).isEqualTo("p2.example.com");
        assertThat(m.removeFirst(Header.VIA).host()).isEqualTo("pc33.atlanta.example.com");
        assertThat(m.removeFirst(Header.VIA).host()).isEqualTo("last.example.org");
        assertThat(m.removeFirst(Header.VIA)).isNull();

        // single-valued headers: removeFirst removes the line
        assertThat(m.removeFirst(Header.MAX_FORWARDS)).isEqualTo(68);
        assertThat(m.maxForwards()).isEqualTo(-1);
    }

    @Test
    void typedSetAndSetAll() {
        SipRequest m = parse(REQUEST);
        m.set(Header.MAX_FORWARDS, m.maxForwards() - 1);
        assertThat(wire(m)).contains("\r\nMax-Forwards: 67\r\n");
        Address to = m.to().withTag("t9");
        m.set(Header.TO, to);
        assertThat(wire(m)).contains("\r\nTo: Bob <sip:bob@biloxi.example.com>;tag=t9\r\n"); // name-addr as received
        m.setAll(Header.SUPPORTED, List.of("a", "b"));
        assertThat(m.headers("Supported")).containsExactly("a", "b");
        m.setAll(Header.SUPPORTED, List.of());
        assertThat(m.has("Supported")).isFalse();
        m.set(Header.CONTACT, null);
        assertThat(m.has(Header.CONTACT)).isFalse();
        assertThat(m.remove(Header.TIMESTAMP)).isEqualTo(1);
        SipMessage again = reparse(m);
        assertThat(again.maxForwards()).isEqualTo(67);
        assertThat(again.to()).isEqualTo(to);
        assertThat(again.has(Header.TIMESTAMP)).isFalse();
        // headers nobody touched are still verbatim
        assertThat(wire(m)).contains("v: SIP/2.0/UDP p1.example.com;branch=z9hG4bK-p1, SIP/2.0/UDP p2.example.com;branch=z9hG4bK-p2\r\n");
    }

    @Test
    void setBodyUpdatesContentLengthAndType() {
        SipRequest m = parse(REQUEST);
        m.setBody("v=0\r\ns=ü\r\n", "application/sdp");
        int n = "v=0\r\ns=ü\r\n".getBytes(StandardCharsets.UTF_8).length;
        assertThat(m.bodyLength()).isEqualTo(n);
        assertThat(m.get(Header.CONTENT_LENGTH)).isEqualTo(n);
        assertThat(m.headers("Content-Length")).containsExactly(String.valueOf(n));
        String out = wire(m);
        assertThat(out).contains("\r\nContent-Length: " + n + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=ü\r\n");
        assertThat(out).doesNotContain("\r\nl: ");
        SipMessage again = reparse(m);
        assertThat(again.bodyAsString()).isEqualTo("v=0\r\ns=ü\r\n");
        assertThat(again.contentType()).isEqualTo(MediaType.SDP);

        m.setBody((byte[]) null, null);
        assertThat(m.hasBody()).isFalse();
        assertThat(m.has(Header.CONTENT_TYPE)).isFalse();
        assertThat(m.get(Header.CONTENT_LENGTH)).isZero();
        assertThat(reparse(m).hasBody()).isFalse();
        byte[] body = {1, 2, 3};
        m.setBody(body, MediaType.of("application", "octet-stream"));
        body[0] = 9; // the message keeps its own copy
        assertThat(m.body()).containsExactly(1, 2, 3);
        assertThat(reparse(m).body()).containsExactly(1, 2, 3);
    }

    @Test
    void requestLineEdits() {
        SipRequest m = parse(REQUEST);
        m.setRequestUri(SipUri.parse("sip:bob@192.0.2.4:5070;transport=tcp"));
        m.setMethod("INFO");
        m.set(Header.CSEQ, m.cseq().next("INFO"));
        String out = wire(m);
        assertThat(out).startsWith("INFO sip:bob@192.0.2.4:5070;transport=tcp SIP/2.0\r\n");
        SipRequest again = (SipRequest) reparse(m);
        assertThat(again.method()).isEqualTo("INFO");
        assertThat(again.cseq()).isEqualTo(new CSeq(314160, "INFO"));
        assertThat(again.requestUri()).isEqualTo(SipUri.parse("sip:bob@192.0.2.4:5070;transport=tcp"));
    }

    @Test
    void rawAccess() {
        SipRequest m = parse(REQUEST);
        assertThat(m.headerCount()).isEqualTo(12);
        assertThat(m.headerName(0)).isEqualTo("v");
        assertThat(m.headerId(0)).isEqualTo(Header.VIA.id());
        assertThat(m.headerValue(3)).isEqualTo("Bob <sip:bob@biloxi.example.com>"); // unfolded
        assertThat(m.header("X-TRAILING")).isEqualTo("spaces kept");
        assertThat(m.header("Max-Forwards")).isEqualTo("68");
        assertThat(m.header("Nope")).isNull();
        assertThat(m.headers("Nope")).isEmpty();
        assertThat(m.headerId(8)).isEqualTo(Header.UNKNOWN_ID);
        assertThat(m.headerNames()).startsWith("v", "Via", "Max-Forwards", "To");
        assertThat(m.headerLines()).hasSize(12);
        assertThatThrownBy(() -> m.headerValue(12)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.headerName(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Header.forName("V")).isSameAs(Header.VIA);
        assertThat(Header.forName("call-id")).isSameAs(Header.CALL_ID);
        assertThat(Header.VIA.matches("v")).isTrue();
        assertThat(Header.CSEQ.matches("c")).isFalse();
    }
}
