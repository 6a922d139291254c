package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Datagram framing (RFC 3261 §7, §18.3) and the start-line and header-line checks of {@link SipParser}. */
class SipParserTest {
    static final String OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc.example.com;branch=z9hG4bK-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=a\r\n"
            + "Call-ID: parser@pc.example.com\r\n"
            + "CSeq: 1 OPTIONS\r\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static SipMessage parse(String s) {
        return SipParser.defaults().parse(bytes(s));
    }

    static SipParseException failure(String s) {
        try {
            parse(s);
        } catch (SipParseException e) {
            return e;
        }
        throw new AssertionError("expected a SipParseException for " + s);
    }

    @Test
    void leadingLineBreaksAreSkipped() {
        // §7.5: "implementations processing SIP messages over stream-oriented transports MUST
        // ignore any CRLF appearing before the start-line"; tolerated on datagrams too.
        SipMessage m = parse("\r\n\r\n\n" + OPTIONS + "Content-Length: 0\r\n\r\n");
        assertThat(m.callId()).isEqualTo("parser@pc.example.com");
        assertThat(m.toBytes()).isEqualTo(bytes(OPTIONS + "Content-Length: 0\r\n\r\n"));
    }

    @Test
    void bodyFramingOnADatagram() {
        // without Content-Length the body is the rest of the datagram
        SipMessage all = parse(OPTIONS + "\r\nhello");
        assertThat(all.bodyAsString()).isEqualTo("hello");
        // with it, the rest is ignored (§18.3)
        SipMessage cut = parse(OPTIONS + "Content-Length: 2\r\n\r\nhello");
        assertThat(cut.bodyAsString()).isEqualTo("he");
        assertThat(cut.toBytes()).isEqualTo(bytes(OPTIONS + "Content-Length: 2\r\n\r\nhe"));
        SipParseException e = failure(OPTIONS + "Content-Length: 6\r\n\r\nhello");
        assertThat(e.problem()).isEqualTo(ParseProblem.CONTENT_LENGTH_EXCEEDS_DATA);
        assertThat(e.partialMessage().callId()).isEqualTo("parser@pc.example.com");
    }

    @Test
    void aSliceOfALargerArray() {
        byte[] msg = bytes(OPTIONS + "Content-Length: 0\r\n\r\n");
        byte[] big = new byte[msg.length + 20];
        Arrays.fill(big, (byte) 'x');
        System.arraycopy(msg, 0, big, 10, msg.length);
        SipMessage m = SipParser.defaults().parse(big, 10, msg.length);
        assertThat(m.toBytes()).isEqualTo(msg);
        assertThat(m.cseq().seq()).isEqualTo(1);
        assertThatThrownBy(() -> SipParser.defaults().parse(big, 10, big.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bareLfLineEnds() {
        String lf = (OPTIONS + "Content-Length: 3\r\n\r\nabc").replace("\r\n", "\n");
        SipMessage m = parse(lf);
        assertThat(m.bodyAsString()).isEqualTo("abc");
        assertThat(m.header("To")).isEqualTo("<sip:bob@example.com>");
        m.validate();
        assertThat(m.toBytes()).isEqualTo(bytes(lf));
    }

    @Test
    void missingEmptyLineAfterTheLastHeader() {
        // The RFC 5118 §4.10 archive files end with the last header's line break: accepted.
        String noEmptyLine = OPTIONS + "Content-Length: 0\r\n";
        SipMessage m = parse(noEmptyLine);
        m.validate();
        assertThat(m.toBytes()).isEqualTo(bytes(noEmptyLine));
        for (String name : new String[] {"ipv6-bug-abnf-3-colons", "ipv6-correct-abnf-2-colons"}) {
            byte[] wire = Torture.bytes(name);
            byte[] archive = Arrays.copyOf(wire, wire.length - 2); // without the added empty line
            SipParser.defaults().parse(archive).validate();
        }
    }

    @Test
    void truncatedInsideALine() {
        // A datagram cut inside a line (read into too small a buffer) is not taken as it stands:
        // its last value may be cut short ("Call-ID: par" instead of "Call-ID: parser@...").
        String full = OPTIONS + "Content-Length: 0\r\n\r\n";
        String cut = full.substring(0, full.indexOf("parser@") + 3);
        SipParseException e = failure(cut);
        assertThat(e.problem()).isEqualTo(ParseProblem.INCOMPLETE_MESSAGE);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.partialMessage().has(Header.VIA)).isTrue();
        assertThat(failure("OPTIONS sip:bob@example.com SIP/2.0").problem()).isEqualTo(ParseProblem.INCOMPLETE_MESSAGE);
        assertThat(failure("").problem()).isEqualTo(ParseProblem.INCOMPLETE_MESSAGE);
        assertThat(failure("\r\n\r\n").problem()).isEqualTo(ParseProblem.INCOMPLETE_MESSAGE);
    }

    @Test
    void malformedHeaderLinesAreReportedWithThePartialMessage() {
        SipParseException noColon = failure(OPTIONS.replace("Max-Forwards: 70", "Max-Forwards 70") + "l: 0\r\n\r\n");
        assertThat(noColon.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
        assertThat(noColon.headerName()).isEqualTo("Max-Forwards");
        assertThat(noColon.offset()).isEqualTo(OPTIONS.indexOf("Max-Forwards"));
        SipRequest partial = (SipRequest) noColon.partialMessage();
        assertThat(partial.callId()).isEqualTo("parser@pc.example.com"); // lines after it were indexed
        assertThat(partial.has(Header.MAX_FORWARDS)).isFalse();
        assertThat(partial.createResponse(400, noColon.reasonPhrase(), null).reasonPhrase())
                .isEqualTo("Malformed header: Max-Forwards");

        SipParseException badName = failure(OPTIONS + "Bad@Name: x\r\nl: 0\r\n\r\n");
        assertThat(badName.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
        assertThat(badName.partialMessage().get(Header.CONTENT_LENGTH)).isZero();

        SipParseException continuation = failure("OPTIONS sip:bob@example.com SIP/2.0\r\n folded start\r\n"
                + OPTIONS.substring(OPTIONS.indexOf("\r\n") + 2) + "\r\n");
        assertThat(continuation.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
        assertThat(continuation.detail()).isEqualTo("continuation line without a header");
        assertThat(continuation.partialMessage().has(Header.CSEQ)).isTrue();
    }

    @Test
    void startLines() {
        assertThat(failure("INVITE\r\n\r\n").problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        assertThat(failure("INVITE sip:a@b\r\n\r\n").problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        assertThat(failure("INVITE sip:a@b HTTP/1.1\r\n\r\n").problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        assertThat(failure("INVITE sip:a@b SIP/2\r\n\r\n").problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        assertThat(failure("INVITE sip:a@b SIP/2.0x\r\n\r\n").problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        assertThat(failure("IN\"VITE sip:a@b SIP/2.0\r\n\r\n").problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        assertThat(failure("SIP/2.0 20 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_STATUS_CODE);
        assertThat(failure("SIP/2.0 2x0 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_STATUS_CODE);
        assertThat(failure("SIP/2.0 099 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_STATUS_CODE);
        assertThat(failure("SIP/2.0 700 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_STATUS_CODE);
        // §21.5.6: any other version, on a request or a response
        SipParseException v = failure("OPTIONS sip:a@b SIP/3.0\r\n" + OPTIONS.substring(OPTIONS.indexOf("\r\n") + 2) + "\r\n");
        assertThat(v.problem()).isEqualTo(ParseProblem.VERSION_NOT_SUPPORTED);
        assertThat(v.offset()).isEqualTo("OPTIONS sip:a@b ".length());
        assertThat(failure("SIP/1.0 200 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.VERSION_NOT_SUPPORTED);
        assertThat(failure("SIP/2.00 200 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.VERSION_NOT_SUPPORTED);
        // "sip/2.0" in lower case is SIP/2.0 (§7.1: case-insensitive)
        SipResponse r = (SipResponse) parse("sip/2.0 180 Ringing\r\n\r\n");
        assertThat(r.status()).isEqualTo(180);
        // methods are case-sensitive tokens (§7.1)
        SipRequest lower = (SipRequest) parse("invite sip:a@b SIP/2.0\r\n\r\n");
        assertThat(lower.method()).isEqualTo("invite");
        assertThat(lower.is(SipMethod.INVITE)).isFalse();
    }

    @Test
    void exceptionDescriptions() {
        SipParseException e = new SipParseException(ParseProblem.MALFORMED_HEADER, "bad\r\nthing", "Via\r\nX", 12);
        assertThat(e.getMessage()).isEqualTo("Malformed header: Via\r\nX (bad\r\nthing) at offset 12");
        assertThat(e.reasonPhrase()).isEqualTo("Malformed header: Via  X"); // safe on the wire
        assertThat(e.detail()).isEqualTo("bad\r\nthing");
        assertThat(e.partialMessage()).isNull();
        SipParseException in = new SipParseException(ParseProblem.MALFORMED_HEADER, "oops", "Address", 3).in("To", 100, null);
        assertThat(in.getMessage()).isEqualTo("Malformed header: To (oops) at offset 103");
        assertThat(in.headerName()).isEqualTo("To");
        assertThat(new SipParseException(ParseProblem.MESSAGE_TOO_LARGE, null).reasonPhrase()).isEqualTo("Message Too Large");
    }
}
