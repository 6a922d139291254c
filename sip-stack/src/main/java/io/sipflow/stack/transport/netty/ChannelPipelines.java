package io.sipflow.stack.transport.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler chains of connections, per transport and side:
 *
 * <pre>
 * TCP        [idle] sip-stream
 * TLS  [tls] [idle] sip-stream
 * WS         [idle] http-codec http-aggregator upgrade-gate|ws-client websocket frame-aggregator sip-ws
 * WSS  [tls] ...
 * </pre>
 *
 * Each initializer first counts the connection against {@code maxConnections}; an inbound
 * connection beyond it is closed at once, an outbound one fails its connect.
 */
final class ChannelPipelines {
    private static final Logger log = LoggerFactory.getLogger(ChannelPipelines.class);
    /** An upgrade request has no body: bound what the HTTP phase may buffer. */
    private static final int MAX_UPGRADE_REQUEST = 8192;

    private final LayerContext layer;
    private final TransportConfig config;
    private final SslContext serverSsl;
    private final SslContext clientSsl;

    ChannelPipelines(LayerContext layer, SslContext serverSsl, SslContext clientSsl) {
        this.layer = layer;
        this.config = layer.config;
        this.serverSsl = serverSsl;
        this.clientSsl = clientSsl;
    }

    /** For the accepted connections of a listener. */
    ChannelInitializer<SocketChannel> server(ListenPoint configured) {
        Transport t = configured.transport();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (!layer.pool.tryOpen(ch)) {
                    log.debug("{}: connection limit {} reached, closing {}", configured.describe(),
                            config.maxConnections(), ch.remoteAddress());
                    ch.close();
                    return;
                }
                ListenPoint lp = configured.withBoundPort(ch.localAddress().getPort());
                ChannelPipeline p = ch.pipeline();
                if (t.isSecure()) p.addLast("tls", SslContexts.serverHandler(serverSsl, ch.alloc(), handshakeMillis()));
                addIdle(p, false);
                if (t == Transport.TCP || t == Transport.TLS) {
                    p.addLast("sip", new StreamSipHandler(layer, t, lp, null));
                    return;
                }
                p.addLast("http", new HttpServerCodec());
                p.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
                p.addLast("upgrade-gate", WebSocketUpgradeGate.INSTANCE);
                p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath("/")
                        .checkStartsWith(true) // any path (every path starts with "/")
                        .subprotocols("sip")
                        .maxFramePayloadLength(config.parserLimits().maxMessageSize())
                        .handshakeTimeoutMillis(handshakeMillis())
                        .build()));
                p.addLast("frame-aggregator", new WebSocketFrameAggregator(config.parserLimits().maxMessageSize()));
                p.addLast("sip", new WebSocketSipHandler(layer, t, lp, null));
            }
        };
    }

    /** For one outbound connection to {@code d}, which settles {@code entry}. */
    ChannelInitializer<SocketChannel> client(Destination d, ListenPoint lp, ConnectionEntry entry) {
        Transport t = d.transport();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) throws Exception {
                if (!layer.pool.tryOpen(ch)) {
                    entry.fail(new IOException(
                            "connection limit " + config.maxConnections() + " reached; not connecting to " + d));
                    ch.close();
                    return;
                }
                ChannelPipeline p = ch.pipeline();
                if (t.isSecure()) {
                    p.addLast("tls", SslContexts.clientHandler(clientSsl, ch.alloc(), d, config.tls(), handshakeMillis()));
                }
                addIdle(p, true);
                if (t == Transport.TCP || t == Transport.TLS) {
                    p.addLast("sip", new StreamSipHandler(layer, t, lp, entry));
                    return;
                }
                p.addLast("http", new HttpClientCodec());
                p.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
                p.addLast("websocket", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(webSocketUri(d))
                        .subprotocol("sip")
                        .maxFramePayloadLength(config.parserLimits().maxMessageSize())
                        .handshakeTimeoutMillis(handshakeMillis())
                        .dropPongFrames(false) // our keep-alive needs them
                        .build()));
                p.addLast("frame-aggregator", new WebSocketFrameAggregator(config.parserLimits().maxMessageSize()));
                p.addLast("sip", new WebSocketSipHandler(layer, t, lp, entry));
            }
        };
    }

    private URI webSocketUri(Destination d) throws URISyntaxException {
        String host = d.serverName() != null ? d.serverName() : d.address().getAddress().getHostAddress();
        int pct = host.indexOf('%');
        if (pct >= 0) host = host.substring(0, pct);
        return new URI(d.transport() == Transport.WSS ? "wss" : "ws", null, host, d.address().getPort(),
                config.webSocketPath(), null, null);
    }

    /** Idle close on every connection; keep-alive pings (writer idle) only on outbound ones. */
    private void addIdle(ChannelPipeline p, boolean outbound) {
        long all = config.idleTimeout().toMillis();
        long writer = outbound ? config.keepAliveInterval().toMillis() : 0;
        if (all > 0 || writer > 0) p.addLast("idle", new IdleStateHandler(0, writer, all, TimeUnit.MILLISECONDS));
    }

    private long handshakeMillis() {
        return config.handshakeTimeout().toMillis();
    }
}
