package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream framing (RFC 3261 §18.3) and CRLF keep-alives (RFC 5626 §4.4.1) of {@link SipStreamDecoder}. */
class SipStreamDecoderTest {
    static final String BODY = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

    static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP pc.example.com:5060;branch=z9hG4bK-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: \"Alice\" <sip:alice@example.com>;tag=a1\r\n"
            + "Call-ID: stream-1@pc.example.com\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@pc.example.com;transport=tcp>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "\r\n"
            + BODY;

    static final String OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP pc.example.com:5060;branch=z9hG4bK-2\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=a2\r\n"
            + "Call-ID: stream-2@pc.example.com\r\n"
            + "CSeq: 2 OPTIONS\r\n"
            + "l: 0\r\n"
            + "\r\n";

    static final String RESPONSE = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TCP pc.example.com:5060;branch=z9hG4bK-3\r\n"
            + "To: <sip:bob@example.com>;tag=b3\r\n"
            + "From: <sip:alice@example.com>;tag=a3\r\n"
            + "Call-ID: stream-3@pc.example.com\r\n"
            + "CSeq: 3 BYE\r\n"
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "hello";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Records what the decoder reports, as text: the message bytes, "PING", "PONG", "INVALID ...". */
    static final class Recorder implements SipStreamDecoder.Listener {
        final List<String> events = new ArrayList<>();
        final List<SipMessage> messages = new ArrayList<>();
        final List<SipParseException> invalid = new ArrayList<>();
        boolean collectInvalid;

        @Override
        public void onMessage(SipMessage message) {
            messages.add(message);
            events.add("MSG " + message);
        }

        @Override
        public void onKeepAlivePing() {
            events.add("PING");
        }

        @Override
        public void onKeepAlivePong() {
            events.add("PONG");
        }

        @Override
        public void onInvalidMessage(SipParseException error) {
            if (!collectInvalid) SipStreamDecoder.Listener.super.onInvalidMessage(error);
            invalid.add(error);
            events.add("INVALID " + error.problem() + " " + error.partialMessage());
        }
    }

    static Recorder decodeInChunks(byte[] data, int... splits) {
        SipStreamDecoder d = new SipStreamDecoder();
        Recorder r = new Recorder();
        r.collectInvalid = true;
        int from = 0;
        for (int s : splits) {
            d.decode(data, from, s - from, r);
            from = s;
        }
        d.decode(data, from, data.length - from, r);
        assertThat(d.isFailed()).isFalse();
        return r;
    }

    @Test
    void severalMessagesInOneRead() {
        byte[] data = concat(bytes(INVITE), bytes(OPTIONS), bytes(RESPONSE));
        SipStreamDecoder d = new SipStreamDecoder();
        Recorder r = new Recorder();
        d.decode(data, 0, data.length, r);
        assertThat(r.messages).hasSize(3);
        assertThat(r.messages.get(0).toBytes()).isEqualTo(bytes(INVITE));
        assertThat(r.messages.get(1).toBytes()).isEqualTo(bytes(OPTIONS));
        assertThat(r.messages.get(2).toBytes()).isEqualTo(bytes(RESPONSE));
        assertThat(r.messages.get(0).bodyAsString()).isEqualTo(BODY);
        assertThat(r.messages.get(2).bodyAsString()).isEqualTo("hello");
        assertThat(d.buffered()).isZero();
        for (SipMessage m : r.messages) m.validate();
        // each message owns its bytes: reusing the read buffer does not change them
        Arrays.fill(data, (byte) 'x');
        assertThat(r.messages.get(0).callId()).isEqualTo("stream-1@pc.example.com");
        assertThat(r.messages.get(0).toBytes()).isEqualTo(bytes(INVITE));
    }

    @Test
    void aMessageWithBodySplitAtEveryPosition() {
        byte[] data = concat(bytes(INVITE), bytes(OPTIONS));
        List<String> whole = decodeInChunks(data).events;
        assertThat(whole).hasSize(2);
        for (int k = 0; k <= data.length; k++) {
            assertThat(decodeInChunks(data, k).events).as("split at %d", k).isEqualTo(whole);
        }
    }

    @Test
    void keepAlivesSplitAtEveryPosition() {
        String[] parts = {"\r\n\r\n", OPTIONS, "\r\n\r\n", RESPONSE, "\r\n", INVITE, "\r\n\r\n"};
        List<Integer> pingMiddles = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            if (part.equals("\r\n\r\n")) pingMiddles.add(out.size() + 2);
            out.writeBytes(bytes(part));
        }
        byte[] data = out.toByteArray();
        List<String> whole = decodeInChunks(data).events;
        assertThat(whole).hasSize(7);
        assertThat(whole).filteredOn(e -> !e.startsWith("MSG")).containsExactly("PING", "PING", "PONG", "PING");
        for (int k = 0; k <= data.length; k++) {
            List<String> events = decodeInChunks(data, k).events;
            if (pingMiddles.contains(k)) {
                // A read ending with half a ping: that CRLF is a pong at once (a client waits for
                // it), and the next CRLF completes the ping (a server answers it).
                List<String> expected = new ArrayList<>(whole);
                int ping = -1;
                for (int i = 0, p = 0; i < whole.size(); i++) {
                    if (whole.get(i).equals("PING") && pingMiddles.get(p++) == k) ping = i;
                }
                expected.add(ping, "PONG");
                assertThat(events).as("split at %d", k).isEqualTo(expected);
            } else {
                assertThat(events).as("split at %d", k).isEqualTo(whole);
            }
        }
    }

    @Test
    void byteByByte() {
        byte[] data = concat(bytes(INVITE), bytes("\r\n\r\n"), bytes(RESPONSE), bytes(OPTIONS));
        SipStreamDecoder d = new SipStreamDecoder();
        Recorder r = new Recorder();
        for (int i = 0; i < data.length; i++) d.decode(data, i, 1, r);
        assertThat(r.messages).extracting(SipMessage::callId)
                .containsExactly("stream-1@pc.example.com", "stream-3@pc.example.com", "stream-2@pc.example.com");
        assertThat(r.events).filteredOn(e -> !e.startsWith("MSG")).containsExactly("PONG", "PING");
        assertThat(r.messages.get(0).toBytes()).isEqualTo(bytes(INVITE));
    }

    @Test
    void bodyArrivingAfterTheHeaders() {
        byte[] data = bytes(INVITE);
        int headerEnd = INVITE.indexOf("\r\n\r\n") + 4;
        SipStreamDecoder d = new SipStreamDecoder();
        Recorder r = new Recorder();
        d.decode(data, 0, headerEnd, r);
        assertThat(r.messages).isEmpty();
        assertThat(d.buffered()).isEqualTo(headerEnd);
        for (int i = headerEnd; i < data.length - 1; i++) {
            d.decode(data, i, 1, r);
            assertThat(r.messages).isEmpty();
        }
        d.decode(data, data.length - 1, 1, r);
        assertThat(r.messages).hasSize(1);
        assertThat(r.messages.get(0).bodyAsString()).isEqualTo(BODY);
        assertThat(d.buffered()).isZero();
    }

    @Test
    void largeMessagesGrowTheBuffer() {
        String big = "x".repeat(10_000);
        String msg = OPTIONS.replace("l: 0\r\n", "X-Big: " + big + "\r\nContent-Length: 30000\r\n") + "y".repeat(30_000);
        byte[] data = concat(bytes(msg), bytes(OPTIONS));
        Recorder r = decodeInChunks(data, 100, 4096, 4097, 40_000);
        assertThat(r.messages).hasSize(2);
        assertThat(r.messages.get(0).header("X-Big")).isEqualTo(big);
        assertThat(r.messages.get(0).bodyLength()).isEqualTo(30_000);
        assertThat(r.messages.get(1).toBytes()).isEqualTo(bytes(OPTIONS));
    }

    @Test
    void missingContentLengthLosesFraming() {
        String noCl = OPTIONS.replace("l: 0\r\n", "");
        SipStreamDecoder d = new SipStreamDecoder();
        Recorder r = new Recorder();
        byte[] data = concat(bytes(RESPONSE), bytes(noCl), bytes(INVITE));
        assertThatThrownBy(() -> d.decode(data, 0, data.length, r)).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.problem()).isEqualTo(ParseProblem.MISSING_CONTENT_LENGTH);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.headerName()).isEqualTo("Content-Length");
            SipRequest partial = (SipRequest) e.partialMessage();
            assertThat(partial.callId()).isEqualTo("stream-2@pc.example.com");
            assertThat(partial.createResponse(e.statusCode()).status()).isEqualTo(400);
        });
        assertThat(r.messages).hasSize(1); // the response before it was delivered
        assertThat(d.isFailed()).isTrue();
        assertThatThrownBy(() -> d.decode(data, 0, 1, r)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tortureNclOnAStream() {
        // RFC 4475 §3.1.2.3: "If a request like this arrives over TCP, the framing error is not
        // recoverable, and the connection should be closed." Content-Length -999 is unusable.
        byte[] ncl = Torture.bytes("ncl");
        SipStreamDecoder d = new SipStreamDecoder();
        assertThatThrownBy(() -> d.decode(ncl, 0, ncl.length, new Recorder()))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ParseProblem.BAD_CONTENT_LENGTH);
                    assertThat(e.partialMessage().callId()).isEqualTo("ncl.0ha0isndaksdj2193423r542w35");
                });
        assertThat(d.isFailed()).isTrue();
        // Without the Content-Length line at all, it is MISSING_CONTENT_LENGTH.
        String text = new String(ncl, StandardCharsets.UTF_8).replace("Content-Length: -999\r\n", "");
        SipStreamDecoder d2 = new SipStreamDecoder();
        assertThatThrownBy(() -> d2.decode(bytes(text), 0, bytes(text).length, new Recorder()))
                .isInstanceOfSatisfying(SipParseException.class,
                        e -> assertThat(e.problem()).isEqualTo(ParseProblem.MISSING_CONTENT_LENGTH));
        assertThat(d2.isFailed()).isTrue();
    }

    @Test
    void tortureFramingOnAStream() {
        // mcl01 (§3.3.9): "TCP: close the connection".
        byte[] mcl = Torture.bytes("mcl01");
        SipStreamDecoder d = new SipStreamDecoder();
        assertThatThrownBy(() -> d.decode(mcl, 0, mcl.length, new Recorder())).isInstanceOfSatisfying(
                SipParseException.class, e -> assertThat(e.problem()).isEqualTo(ParseProblem.BAD_CONTENT_LENGTH));
        assertThat(d.isFailed()).isTrue();

        // clerr (§3.1.2.2): over TCP the element waits for the rest of the body.
        byte[] clerr = Torture.bytes("clerr");
        SipStreamDecoder w = new SipStreamDecoder();
        Recorder r = new Recorder();
        w.decode(clerr, 0, clerr.length, r);
        assertThat(r.events).isEmpty();
        assertThat(w.buffered()).isEqualTo(clerr.length);
        assertThat(w.isFailed()).isFalse();

        // dblreq (§3.1.1.8) on a stream really is two requests; the INVITE's body is cut at
        // its Content-Length (150 of 155 bytes) and the leftover "C\r\n\r\n" is no message.
        byte[] dbl = Torture.bytes("dblreq");
        SipStreamDecoder s = new SipStreamDecoder();
        Recorder rr = new Recorder();
        assertThatThrownBy(() -> s.decode(dbl, 0, dbl.length, rr)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE));
        assertThat(rr.messages).extracting(SipMessage::method).containsExactly("REGISTER", "INVITE");
        assertThat(rr.events.get(1)).isEqualTo("PONG");
        assertThat(rr.messages.get(1).bodyLength()).isEqualTo(150);
    }

    @Test
    void everyFramedTortureMessageDecodesLikeTheDatagramParser() {
        for (Torture.Entry e : Torture.manifest()) {
            byte[] b = e.bytes();
            SipMessage datagram;
            try {
                datagram = SipParser.defaults().parse(b);
            } catch (SipParseException x) {
                continue;
            }
            if (!datagram.has(Header.CONTENT_LENGTH) || e.shortName().equals("dblreq")) continue;
            Recorder r = decodeInChunks(concat(b, b), b.length / 2, b.length + 7);
            assertThat(r.messages).as(e.name()).hasSize(2);
            for (SipMessage m : r.messages) {
                assertThat(m.toBytes()).as(e.name()).isEqualTo(b);
                assertThat(m.headerLines()).usingRecursiveComparison().isEqualTo(datagram.headerLines());
            }
        }
    }

    @Test
    void versionNotSupportedOnAStreamKeepsTheConnection() {
        // RFC 3261 §21.5.6: answer 505; the message was framed, so the stream goes on.
        String v7 = OPTIONS.replace("sip:bob@example.com SIP/2.0", "sip:bob@example.com SIP/7.0");
        byte[] data = concat(bytes(v7), bytes(INVITE));
        SipStreamDecoder d = new SipStreamDecoder();
        Recorder r = new Recorder(); // default onInvalidMessage: throws
        assertThatThrownBy(() -> d.decode(data, 0, data.length, r)).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.problem()).isEqualTo(ParseProblem.VERSION_NOT_SUPPORTED);
            assertThat(e.statusCode()).isEqualTo(505);
            SipRequest partial = (SipRequest) e.partialMessage();
            assertThat(partial.callId()).isEqualTo("stream-2@pc.example.com");
            assertThat(partial.toBytes()).isEqualTo(bytes(v7));
            SipResponse answer = partial.createResponse(505);
            assertThat(answer.reasonPhrase()).isEqualTo("Version Not Supported");
        });
        assertThat(d.isFailed()).isFalse();
        assertThat(r.messages).isEmpty();
        d.decode(new byte[0], 0, 0, r); // the INVITE was already buffered
        assertThat(r.messages).extracting(SipMessage::callId).containsExactly("stream-1@pc.example.com");

        // With a listener that handles it, decoding simply continues.
        Recorder handling = decodeInChunks(data, 10);
        assertThat(handling.invalid).extracting(SipParseException::problem).containsExactly(ParseProblem.VERSION_NOT_SUPPORTED);
        assertThat(handling.messages).hasSize(1);
    }

    @Test
    void malformedHeaderLineOnAStreamIsAnsweredAndDecodingContinues() {
        String bad = OPTIONS.replace("Max-Forwards: 70\r\n", "Max-Forwards 70\r\n");
        Recorder r = decodeInChunks(concat(bytes(bad), bytes(RESPONSE)));
        assertThat(r.invalid).hasSize(1);
        SipParseException e = r.invalid.get(0);
        assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
        assertThat(e.headerName()).isEqualTo("Max-Forwards");
        assertThat(e.partialMessage().callId()).isEqualTo("stream-2@pc.example.com");
        assertThat(r.messages).hasSize(1);
    }

    @Test
    void listenerExceptionsDoNotFailTheDecoder() {
        SipStreamDecoder d = new SipStreamDecoder();
        byte[] data = concat(bytes(OPTIONS), bytes(RESPONSE));
        List<SipMessage> got = new ArrayList<>();
        SipStreamDecoder.Listener validating = m -> {
            got.add(m);
            if (m.isRequest()) throw new SipParseException(ParseProblem.MISSING_HEADER, "test", "X", -1);
        };
        assertThatThrownBy(() -> d.decode(data, 0, data.length, validating)).isInstanceOf(SipParseException.class);
        assertThat(d.isFailed()).isFalse();
        d.decode(data, 0, 0, validating);
        assertThat(got).hasSize(2);
    }

    @Test
    void malformedStartLineLosesFraming() {
        SipStreamDecoder d = new SipStreamDecoder();
        byte[] data = bytes("HELLO\r\nVia: x\r\n\r\n");
        assertThatThrownBy(() -> d.decode(data, 0, data.length, new Recorder())).isInstanceOfSatisfying(
                SipParseException.class, e -> assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE));
        assertThat(d.isFailed()).isTrue();
    }

    // ------------------------------------------------------------------ limits on a stream

    static SipParseException streamFailure(ParserLimits limits, byte[] data) {
        SipStreamDecoder d = new SipStreamDecoder(limits);
        try {
            for (int i = 0; i < data.length; i += 1000) d.decode(data, i, Math.min(1000, data.length - i), new Recorder());
        } catch (SipParseException e) {
            assertThat(d.isFailed()).isTrue();
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void headerSectionThatNeverEnds() {
        byte[] data = bytes(OPTIONS.replace("l: 0\r\n\r\n", "X: " + "y".repeat(70_000)));
        SipParseException e = streamFailure(ParserLimits.DEFAULT, data);
        assertThat(e.problem()).isEqualTo(ParseProblem.MESSAGE_TOO_LARGE);
        assertThat(e.statusCode()).isEqualTo(513);
    }

    @Test
    void limitsOnAStream() {
        ParserLimits small = new ParserLimits(2_000, 10, 200, 100);
        assertThat(streamFailure(small, bytes(OPTIONS.replace("l: 0\r\n", "X: " + "y".repeat(300) + "\r\nl: 0\r\n"))).problem())
                .isEqualTo(ParseProblem.HEADER_LINE_TOO_LONG);
        assertThat(streamFailure(small, bytes(OPTIONS.replace("l: 0\r\n", "X: 1\r\n".repeat(5) + "l: 0\r\n"))).problem())
                .isEqualTo(ParseProblem.TOO_MANY_HEADERS);
        // the body limit is enforced as soon as Content-Length is known, before the body arrives
        SipParseException body = streamFailure(small, bytes(OPTIONS.replace("l: 0\r\n", "l: 101\r\n")));
        assertThat(body.problem()).isEqualTo(ParseProblem.BODY_TOO_LARGE);
        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(body.partialMessage().callId()).isEqualTo("stream-2@pc.example.com");
        SipParseException total = streamFailure(small.withMaxBodySize(5_000),
                bytes(OPTIONS.replace("l: 0\r\n", "l: 1900\r\n")));
        assertThat(total.problem()).isEqualTo(ParseProblem.MESSAGE_TOO_LARGE);
        assertThat(streamFailure(small, bytes("OPTIONS sip:" + "a".repeat(300) + "@example.com SIP/2.0\r\n\r\n")).problem())
                .isEqualTo(ParseProblem.HEADER_LINE_TOO_LONG);
    }
}
