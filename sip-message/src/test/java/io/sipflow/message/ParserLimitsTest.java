package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each {@link ParserLimits} field, exceeded by one byte/line, yields its {@link ParseProblem}
 * for a datagram ({@link SipParser}) and on a stream ({@link SipStreamDecoder}); at the limit
 * the message passes.
 */
class ParserLimitsTest {
    static final String HEAD = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc.example.com;branch=z9hG4bK-l\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=l1\r\n"
            + "Call-ID: limits@pc.example.com\r\n"
            + "CSeq: 1 OPTIONS\r\n";

    static final int HEAD_LINES = 6;

    /** A message with {@code extra} header lines and a body (with its Content-Length). */
    static byte[] message(List<String> extra, String body) {
        StringBuilder sb = new StringBuilder(HEAD);
        for (String line : extra) sb.append(line).append("\r\n");
        sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] message(String extraLine, String body) {
        return message(extraLine == null ? List.of() : List.of(extraLine), body);
    }

    /** The outcome on a datagram: null when accepted (and valid), else the problem. */
    static ParseProblem datagram(ParserLimits limits, byte[] data) {
        try {
            new SipParser(limits).parse(data).validate();
            return null;
        } catch (SipParseException e) {
            return e.problem();
        }
    }

    /** The outcome on a stream: null when the message came out (and is valid), else the problem. */
    static ParseProblem stream(ParserLimits limits, byte[] data) {
        SipStreamDecoder d = new SipStreamDecoder(limits);
        List<SipMessage> out = new ArrayList<>();
        try {
            d.decode(data, 0, data.length, out::add);
        } catch (SipParseException e) {
            assertThat(d.isFailed()).isTrue();
            return e.problem();
        }
        assertThat(out).hasSize(1);
        out.get(0).validate();
        return null;
    }

    static void bothGive(ParseProblem expected, ParserLimits limits, byte[] data) {
        assertThat(datagram(limits, data)).as("datagram").isEqualTo(expected);
        assertThat(stream(limits, data)).as("stream").isEqualTo(expected);
    }

    @Test
    void maxMessageSize() {
        byte[] m = message("X-Pad: " + "p".repeat(100), "body");
        ParserLimits exact = ParserLimits.DEFAULT.withMaxMessageSize(m.length);
        bothGive(null, exact, m);
        bothGive(ParseProblem.MESSAGE_TOO_LARGE, exact.withMaxMessageSize(m.length - 1), m);
        assertThat(ParseProblem.MESSAGE_TOO_LARGE.statusCode()).isEqualTo(513);
    }

    @Test
    void maxMessageSizeOnAStreamIsEnforcedBeforeTheBodyArrives() {
        byte[] m = message((String) null, "b".repeat(500));
        SipStreamDecoder d = new SipStreamDecoder(ParserLimits.DEFAULT.withMaxMessageSize(m.length - 1));
        int headerLength = m.length - 500;
        assertThatThrownBy(() -> d.decode(m, 0, headerLength, msg -> {}))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ParseProblem.MESSAGE_TOO_LARGE);
                    assertThat(e.partialMessage().callId()).isEqualTo("limits@pc.example.com");
                });
    }

    @Test
    void aHeaderSectionThatNeverEndsIsBoundedOnAStream() {
        ParserLimits limits = ParserLimits.DEFAULT.withMaxMessageSize(1_000);
        SipStreamDecoder d = new SipStreamDecoder(limits);
        byte[] chunk = "X-Endless: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] head = HEAD.getBytes(StandardCharsets.US_ASCII);
        d.decode(head, 0, head.length, msg -> {});
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) d.decode(chunk, 0, chunk.length, msg -> {});
        }).isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.problem()).isEqualTo(ParseProblem.MESSAGE_TOO_LARGE));
        assertThat(d.buffered()).isLessThanOrEqualTo(1_000 + chunk.length);
    }

    @Test
    void maxHeaderCount() {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 4; i++) extra.add("X-H" + i + ": " + i);
        int lines = HEAD_LINES + extra.size() + 1; // + Content-Length
        byte[] m = message(extra, "");
        ParserLimits exact = ParserLimits.DEFAULT.withMaxHeaderCount(lines);
        bothGive(null, exact, m);
        bothGive(ParseProblem.TOO_MANY_HEADERS, exact.withMaxHeaderCount(lines - 1), m);
        // values sharing a line count once
        byte[] shared = message("Supported: a, b, c, d, e, f, g, h", "");
        bothGive(null, ParserLimits.DEFAULT.withMaxHeaderCount(HEAD_LINES + 2), shared);
    }

    @Test
    void maxHeaderLineLength() {
        String line = "X-Long: " + "y".repeat(92); // 100 bytes without CRLF
        byte[] m = message(line, "");
        ParserLimits exact = ParserLimits.DEFAULT.withMaxHeaderLineLength(100);
        bothGive(null, exact, m);
        bothGive(ParseProblem.HEADER_LINE_TOO_LONG, exact.withMaxHeaderLineLength(99), m);
        // continuation lines count with their line
        String folded = "X-Folded: " + "a".repeat(40) + "\r\n " + "b".repeat(40) + "\r\n\t" + "c".repeat(40);
        bothGive(null, ParserLimits.DEFAULT.withMaxHeaderLineLength(folded.length()), message(folded, ""));
        bothGive(ParseProblem.HEADER_LINE_TOO_LONG, ParserLimits.DEFAULT.withMaxHeaderLineLength(folded.length() - 1),
                message(folded, ""));
    }

    @Test
    void maxHeaderLineLengthBoundsTheStartLine() {
        String start = "OPTIONS sip:" + "u".repeat(60) + "@example.com SIP/2.0";
        byte[] m = message((String) null, "");
        String text = new String(m, StandardCharsets.UTF_8);
        byte[] longStart = (start + text.substring(text.indexOf("\r\n"))).getBytes(StandardCharsets.UTF_8);
        // the longest header line of the message is shorter than the start line
        ParserLimits exact = ParserLimits.DEFAULT.withMaxHeaderLineLength(start.length());
        bothGive(null, exact, longStart);
        bothGive(ParseProblem.HEADER_LINE_TOO_LONG, exact.withMaxHeaderLineLength(start.length() - 1), longStart);
    }

    @Test
    void maxBodySize() {
        byte[] m = message((String) null, "z".repeat(300));
        ParserLimits exact = ParserLimits.DEFAULT.withMaxBodySize(300);
        bothGive(null, exact, m);
        bothGive(ParseProblem.BODY_TOO_LARGE, exact.withMaxBodySize(299), m);
        assertThat(ParseProblem.BODY_TOO_LARGE.statusCode()).isEqualTo(413);
        // a datagram without Content-Length: the body is the rest of the datagram (§18.3)
        String noCl = new String(m, StandardCharsets.UTF_8).replace("Content-Length: 300\r\n", "");
        assertThat(datagram(exact.withMaxBodySize(299), noCl.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ParseProblem.BODY_TOO_LARGE);
        // a zero body limit still accepts bodiless messages
        bothGive(null, exact.withMaxBodySize(0), message((String) null, ""));
    }

    /** The exception for {@code data} on a datagram and on a stream. */
    static List<SipParseException> errors(ParserLimits limits, byte[] data) {
        List<SipParseException> out = new ArrayList<>();
        try {
            new SipParser(limits).parse(data);
        } catch (SipParseException e) {
            out.add(e);
        }
        SipStreamDecoder d = new SipStreamDecoder(limits);
        try {
            d.decode(data, 0, data.length, m -> {});
        } catch (SipParseException e) {
            out.add(e);
        }
        assertThat(out).as("datagram and stream both refuse it").hasSize(2);
        return out;
    }

    /**
     * Too many header lines, or one too long: the lines before it are kept as the partial
     * message, so a request whose Via, From, To, Call-ID and CSeq came first can be answered
     * 513 rather than dropped (RFC 3261 §21.5.7).
     */
    @Test
    void aLimitExceededInTheHeadersKeepsTheLinesBeforeItToAnswer513() {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 10; i++) extra.add("X-H" + i + ": " + i);
        byte[] many = message(extra, "");
        byte[] longLine = message("X-Long: " + "y".repeat(200), "");
        record Case(ParserLimits limits, byte[] data, ParseProblem problem) {}
        for (Case c : List.of(
                new Case(ParserLimits.DEFAULT.withMaxHeaderCount(HEAD_LINES + 3), many, ParseProblem.TOO_MANY_HEADERS),
                new Case(ParserLimits.DEFAULT.withMaxHeaderLineLength(100), longLine, ParseProblem.HEADER_LINE_TOO_LONG))) {
            for (SipParseException e : errors(c.limits(), c.data())) {
                assertThat(e.problem()).isEqualTo(c.problem());
                assertThat(e.statusCode()).isEqualTo(513);
                SipRequest partial = (SipRequest) e.partialMessage();
                assertThat(partial).as(c.problem() + " partial message").isNotNull();
                assertThat(partial.callId()).isEqualTo("limits@pc.example.com");
                assertThat(partial.topVia().branch()).isEqualTo("z9hG4bK-l");
                assertThat(partial.has("X-Long")).isFalse();
                assertThat(partial.has("X-H3")).isFalse(); // the line over the count and after are cut
                assertThat(partial.bodyLength()).isZero();
                SipResponse answer = partial.createResponse(e.statusCode(), e.reasonPhrase(), "t");
                assertThat(answer.cseq().seq()).isEqualTo(1);
                assertThat(new String(answer.toBytes(), StandardCharsets.UTF_8)).startsWith("SIP/2.0 513 ");
            }
        }
        // The start line over the limit: nothing framed, nothing to answer.
        assertThat(errors(ParserLimits.DEFAULT.withMaxHeaderLineLength(20), many))
                .allSatisfy(e -> assertThat(e.partialMessage()).isNull());
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new ParserLimits(0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParserLimits(1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParserLimits(1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParserLimits(1, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        ParserLimits l = ParserLimits.DEFAULT.withMaxMessageSize(1).withMaxHeaderCount(2).withMaxHeaderLineLength(3)
                .withMaxBodySize(4);
        assertThat(l).isEqualTo(new ParserLimits(1, 2, 3, 4));
        assertThat(new SipParser(l).limits()).isSameAs(l);
        assertThat(SipParser.defaults().limits()).isEqualTo(ParserLimits.DEFAULT);
    }
}
