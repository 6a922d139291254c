package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIP over WebSocket (RFC 7118) against the JDK's WebSocket client and raw HTTP. */
@Timeout(60)
class WebSocketTest {
    private final Layers layers = new Layers();
    private final Recorder server = new Recorder();
    private NettyTransportLayer layer;
    private InetSocketAddress address;
    private HttpClient http;
    private final java.util.List<WebSocket> opened = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        layer = layers.start(Transport.WS, false, server);
        address = layer.listenPointFor(Transport.WS, false).bindAddress();
        server.onMessage = (m, f) -> {
            if (m.isRequest()) layer.send(Sip.okFor(m), null, f);
        };
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        for (WebSocket ws : opened) ws.abort();
        http.shutdownNow(); // close() would wait for every exchange to end
        layers.close();
    }

    /** Collects whole text messages (fragments joined). */
    static final class Texts implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private StringBuilder current = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            current.append(data);
            if (last) {
                received.add(current.toString());
                current = new StringBuilder();
            }
            ws.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String s = received.poll(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(s).as("a WebSocket message").isNotNull();
            return s;
        }
    }

    private WebSocket open(String path, Texts texts) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + address.getPort() + path);
        WebSocket ws = http.newWebSocketBuilder().subprotocols("sip").buildAsync(uri, texts).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        opened.add(ws);
        return ws;
    }

    @Test
    void upgradeOnAnyPathSelectsTheSipSubprotocolAndCarriesTextAndBinaryMessages() throws Exception {
        Texts texts = new Texts();
        WebSocket ws = open("/any/path?x=1", texts);
        assertThat(ws.getSubprotocol()).isEqualTo("sip");

        ws.sendText(Sip.requestText("WS", "ws-text", 1, ""), true).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        Recorder.Received r = server.message();
        assertThat(r.message().callId()).isEqualTo("ws-text");
        assertThat(r.flow().transport()).isEqualTo(Transport.WS);
        assertThat(texts.next()).startsWith("SIP/2.0 200 OK").contains("ws-text");

        ws.sendBinary(ByteBuffer.wrap(Sip.requestBytes("WS", "ws-binary", 2)), true).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(server.message().message().callId()).isEqualTo("ws-binary");
        assertThat(texts.next()).contains("ws-binary");
    }

    @Test
    void fragmentedMessageIsOneSipMessage() throws Exception {
        Texts texts = new Texts();
        WebSocket ws = open("/", texts);
        String msg = Sip.requestText("WS", "ws-fragments", 1, "hello");
        int half = msg.length() / 2;
        ws.sendText(msg.substring(0, half), false).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        ws.sendText(msg.substring(half), true).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        Recorder.Received r = server.message();
        assertThat(r.message().callId()).isEqualTo("ws-fragments");
        assertThat(r.message().bodyAsString()).isEqualTo("hello");
    }

    @Test
    void crlfPingOverWebSocketGetsCrlf() throws Exception {
        Texts texts = new Texts();
        WebSocket ws = open("/", texts);
        ws.sendText("\r\n\r\n", true).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(texts.next()).isEqualTo("\r\n");
    }

    @Test
    void malformedMessageIsReportedAndTheConnectionStays() throws Exception {
        Texts texts = new Texts();
        WebSocket ws = open("/", texts);
        ws.sendText("NOT SIP AT ALL\r\n\r\n", true).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        Recorder.ParseError pe = server.parseError();
        assertThat(pe.flow().transport()).isEqualTo(Transport.WS);
        assertThat(pe.flow().isOpen()).isTrue();
        ws.sendText(Sip.requestText("WS", "ws-after-garbage", 1, ""), true).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(server.message().flow()).isSameAs(pe.flow());
        assertThat(texts.next()).contains("ws-after-garbage");
    }

    @Test
    void upgradeWithoutTheSipSubprotocolIsRefused() throws Exception {
        try (RawPeer peer = RawPeer.connect(address)) {
            peer.write("GET /sip HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: chat\r\n\r\n");
            assertThat(peer.readToEnd()).startsWith("HTTP/1.1 400 ");
        }
        assertThat(server.messages).isEmpty();
    }

    @Test
    void plainHttpGetsUpgradeRequired() throws Exception {
        try (RawPeer peer = RawPeer.connect(address)) {
            peer.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            String answer = peer.readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 426 ").containsIgnoringCase("upgrade: websocket");
        }
    }
}
