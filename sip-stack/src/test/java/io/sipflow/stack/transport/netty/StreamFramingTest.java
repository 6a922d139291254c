package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stream framing over TCP against a raw socket (RFC 3261 §18.3, RFC 5626 §4.4.1). */
@Timeout(60)
class StreamFramingTest {
    private final Layers layers = new Layers();
    private final Recorder server = new Recorder();
    private NettyTransportLayer layer;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        layer = layers.start(Transport.TCP, false, server);
        address = layer.listenPointFor(Transport.TCP, false).bindAddress();
    }

    @AfterEach
    void stop() {
        layers.close();
    }

    @Test
    void messageWrittenByteByByteIsFramed() throws Exception {
        try (RawPeer peer = RawPeer.connect(address)) {
            byte[] msg = Sip.requestText("TCP", "bytewise", 1, "v=0\r\n").getBytes(StandardCharsets.UTF_8);
            for (byte b : msg) peer.write(new byte[] {b});
            Recorder.Received r = server.message();
            assertThat(r.message().callId()).isEqualTo("bytewise");
            assertThat(r.message().bodyAsString()).isEqualTo("v=0\r\n");
        }
    }

    @Test
    void severalMessagesInOneWriteArriveInOrder() throws Exception {
        try (RawPeer peer = RawPeer.connect(address)) {
            String three = Sip.requestText("TCP", "batch-1", 1, "one")
                    + Sip.requestText("TCP", "batch-2", 2, "")
                    + "\r\n" // a pong between messages is allowed
                    + Sip.requestText("TCP", "batch-3", 3, "three");
            peer.write(three);
            assertThat(server.message().message().callId()).isEqualTo("batch-1");
            assertThat(server.message().message().callId()).isEqualTo("batch-2");
            Recorder.Received third = server.message();
            assertThat(third.message().callId()).isEqualTo("batch-3");
            assertThat(third.message().bodyAsString()).isEqualTo("three");
        }
    }

    @Test
    void doubleCrlfPingIsAnsweredWithCrlfPong() throws Exception {
        try (RawPeer peer = RawPeer.connect(address)) {
            peer.write("\r\n\r\n");
            assertThat(peer.read(2)).isEqualTo("\r\n");
            // The connection still carries SIP afterwards.
            peer.write(Sip.requestText("TCP", "after-ping", 1, ""));
            assertThat(server.message().message().callId()).isEqualTo("after-ping");
        }
    }

    @Test
    void lostFramingIsReportedAnsweredAndClosedWithoutDisturbingOtherConnections() throws Exception {
        // The listener answers the partial request (the transport never builds responses).
        server.onParseError = (e, flow) -> {
            if (e.partialMessage() instanceof SipRequest req) {
                layer.send(req.createResponse(e.statusCode(), e.reasonPhrase(), null), null, flow);
            }
        };
        try (RawPeer good = RawPeer.connect(address); RawPeer bad = RawPeer.connect(address)) {
            good.write(Sip.requestText("TCP", "good-1", 1, ""));
            assertThat(server.message().message().callId()).isEqualTo("good-1");

            String noContentLength = Sip.requestText("TCP", "bad-1", 1, "").replace("Content-Length: 0\r\n", "");
            bad.write(noContentLength);
            Recorder.ParseError pe = server.parseError();
            assertThat(pe.error().problem()).isEqualTo(ParseProblem.MISSING_CONTENT_LENGTH);
            assertThat(pe.flow().remoteAddress()).isEqualTo(bad.socket.getLocalSocketAddress());
            String answer = bad.readToEnd(); // the 400, then EOF
            assertThat(answer).startsWith("SIP/2.0 400 ").contains("Call-ID: bad-1");
            assertThat(server.closedFlow()).isSameAs(pe.flow());

            good.write(Sip.requestText("TCP", "good-2", 2, ""));
            assertThat(server.message().message().callId()).isEqualTo("good-2");
            assertThat(server.parseErrors).isEmpty();
        }
    }

    /**
     * A wrong SIP-Version (505) with intact framing is reported, and the connection goes on:
     * the next message in the same write arrives, and so does one written afterwards.
     */
    @Test
    void framedButInvalidMessageIsReportedAndTheConnectionCarriesOn() throws Exception {
        try (RawPeer peer = RawPeer.connect(address)) {
            String badVersion = Sip.requestText("TCP", "bad-version", 1, "hello")
                    .replaceFirst(" SIP/2.0\r\n", " SIP/7.0\r\n");
            peer.write(badVersion + Sip.requestText("TCP", "after-bad", 2, ""));
            Recorder.ParseError pe = server.parseError();
            assertThat(pe.error().problem()).isEqualTo(ParseProblem.VERSION_NOT_SUPPORTED);
            assertThat(pe.error().partialMessage().callId()).isEqualTo("bad-version");
            assertThat(server.message().message().callId()).isEqualTo("after-bad");
            peer.write(Sip.requestText("TCP", "later", 3, ""));
            assertThat(server.message().message().callId()).isEqualTo("later");
            assertThat(server.closed).isEmpty();
        }
    }

    @Test
    void garbageStartLineClosesTheConnection() throws Exception {
        try (RawPeer bad = RawPeer.connect(address)) {
            bad.write("\u0001\u0002 this is not SIP\r\nfoo\r\n\r\n");
            server.parseError();
            assertThat(bad.closedByPeer()).isTrue();
        }
    }

    @Test
    void oversizedMessageIsRefused() throws Exception {
        try (RawPeer bad = RawPeer.connect(address)) {
            String huge = Sip.requestText("TCP", "huge", 1, "x".repeat(70_000));
            try {
                bad.write(huge);
            } catch (java.io.IOException closedWhileWriting) {
                // the layer may close before the whole body is written: that is the point
            }
            Recorder.ParseError pe = server.parseError();
            assertThat(pe.error().statusCode()).isIn(413, 513);
            assertThat(bad.closedByPeer()).isTrue();
        }
    }
}
