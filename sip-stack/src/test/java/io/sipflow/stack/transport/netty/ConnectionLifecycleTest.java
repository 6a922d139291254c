package io.sipflow.stack.transport.netty;

import static io.sipflow.stack.transport.netty.Layers.destinationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/** Idle timeout, connection limit, connect failures, keep-alive pings (RFC 5626 §4.4.1). */
@Timeout(60)
class ConnectionLifecycleTest {
    @Test
    void idleConnectionIsClosed() throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer layer = layers.start(
                    Layers.config(Transport.TCP, false).idleTimeout(Duration.ofMillis(300)).build(), server);
            try (RawPeer peer = RawPeer.connect(layer.listenPointFor(Transport.TCP, false).bindAddress())) {
                peer.write(Sip.requestText("TCP", "idle-1", 1, ""));
                server.message();
                assertThat(peer.closedByPeer()).isTrue();
                assertThat(server.closedFlow().remoteAddress()).isEqualTo(peer.socket.getLocalSocketAddress());
            }
        }
    }

    @Test
    void inboundConnectionsBeyondTheLimitAreClosed() throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer layer = layers.start(Layers.config(Transport.TCP, false).maxConnections(2).build(), server);
            InetSocketAddress at = layer.listenPointFor(Transport.TCP, false).bindAddress();
            try (RawPeer one = RawPeer.connect(at); RawPeer two = RawPeer.connect(at)) {
                one.write(Sip.requestText("TCP", "limit-1", 1, ""));
                two.write(Sip.requestText("TCP", "limit-2", 1, ""));
                server.message();
                server.message();
                assertThat(layer.openConnections()).isEqualTo(2);
                try (RawPeer three = RawPeer.connect(at)) {
                    assertThat(three.closedByPeer()).isTrue();
                }
                assertThat(layer.openConnections()).isEqualTo(2);
                // The accepted ones are unaffected.
                one.write(Sip.requestText("TCP", "limit-3", 2, ""));
                assertThat(server.message().message().callId()).isEqualTo("limit-3");
            }
        }
    }

    @Test
    void outboundConnectionBeyondTheLimitFails() throws Exception {
        try (Layers layers = new Layers()) {
            NettyTransportLayer b = layers.start(Transport.TCP, false, new Recorder());
            NettyTransportLayer a = layers.start(Layers.config(Transport.TCP, false).maxConnections(0).build(), new Recorder());
            assertThatThrownBy(() -> a.send(Sip.request("TCP", "lim", 1), destinationOf(b, Transport.TCP, false), null)
                            .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("connection limit");
        }
    }

    @Test
    void sendToAClosedPortFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Layers layers = new Layers()) {
            NettyTransportLayer a = layers.start(Transport.TCP, false, new Recorder());
            Destination nowhere = new Destination(Transport.TCP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThatThrownBy(() -> a.send(Sip.request("TCP", "refused", 1), nowhere, null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
            Eventually.holds("the failed connection uncounted", () -> a.openConnections() == 0);
            // The failed attempt is not pooled: the next send tries again (and fails again).
            assertThatThrownBy(() -> a.send(Sip.request("TCP", "refused", 2), nowhere, null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void unresolvedDestinationFailsWithoutBlocking() throws Exception {
        try (Layers layers = new Layers()) {
            NettyTransportLayer a = layers.start(Transport.TCP, false, new Recorder());
            Destination unresolved = new Destination(Transport.TCP, InetSocketAddress.createUnresolved("sip.example.com", 5060));
            assertThatThrownBy(() -> a.send(Sip.request("TCP", "u", 1), unresolved, null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void keepAlivePingsAreSentAndAMissingPongClosesTheFlow() throws Exception {
        TransportConfig cfg = Layers.config(Transport.TCP, false)
                .keepAliveInterval(Duration.ofMillis(200))
                .keepAlivePongTimeout(Duration.ofMillis(400))
                .build();
        try (Layers layers = new Layers(); ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Recorder client = new Recorder();
            NettyTransportLayer a = layers.start(cfg, client);
            Destination d = new Destination(Transport.TCP, (InetSocketAddress) raw.getLocalSocketAddress());
            Flow flow = a.send(Sip.request("TCP", "ka-1", 1), d, null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            try (RawPeer peer = new RawPeer(raw.accept())) {
                assertThat(peer.readUntil("Content-Length: 0\r\n\r\n")).contains("ka-1");
                assertThat(peer.read(4)).isEqualTo("\r\n\r\n"); // ping
                peer.write("\r\n"); // pong
                assertThat(peer.read(4)).isEqualTo("\r\n\r\n"); // the next ping: the flow lived on
                // No pong this time: the client gives the flow up (RFC 5626 §4.4.1).
                assertThat(peer.closedByPeer()).isTrue();
            }
            assertThat(client.closedFlow()).isSameAs(flow);
            assertThat(flow.isOpen()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS", "WS", "WSS"})
    void keepAlivePingsToALivePeerKeepTheFlowOpen(Transport t) throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(t, false, server);
            Recorder client = new Recorder();
            NettyTransportLayer a = layers.start(Layers.config(t, false)
                    .keepAliveInterval(Duration.ofMillis(100))
                    .keepAlivePongTimeout(Duration.ofMillis(2000))
                    .build(), client);
            Flow flow = a.send(Sip.request(t.viaName(), "ka-live", 1), destinationOf(b, t, false), null)
                    .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            server.message();
            // Many ping/pong rounds over longer than the pong timeout: B answers each (CRLF pong,
            // or WebSocket Pong), so A keeps the flow. The generous pong timeout keeps a busy
            // CI machine from closing a live flow; an unanswered ping would still close it.
            Thread.sleep(3000);
            assertThat(flow.isOpen()).isTrue();
            assertThat(client.closed).isEmpty();
            assertThat(server.parseErrors).isEmpty();
            a.send(Sip.request(t.viaName(), "ka-live", 2), destinationOf(b, t, false), null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.message().message().cseq().seq()).isEqualTo(2);
        }
    }

    @Test
    void aClosedPooledConnectionIsReplaced() throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(Transport.TCP, false, server);
            Recorder client = new Recorder();
            NettyTransportLayer a = layers.start(Transport.TCP, false, client);
            Destination toB = destinationOf(b, Transport.TCP, false);
            Flow first = a.send(Sip.request("TCP", "re-1", 1), toB, null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            Flow inbound = server.message().flow();
            ((ConnectionFlow) inbound).channel.close().await(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(client.closedFlow()).isSameAs(first);
            Flow second = a.send(Sip.request("TCP", "re-2", 2), toB, first).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(second).isNotSameAs(first);
            assertThat(second.isOpen()).isTrue();
            assertThat(server.message().message().callId()).isEqualTo("re-2");
        }
    }
}
