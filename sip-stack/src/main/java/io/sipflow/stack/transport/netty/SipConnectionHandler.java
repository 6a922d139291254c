package io.sipflow.stack.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP end of a connection's pipeline, whatever the framing: the connection's life as a
 * {@link ConnectionFlow}. It becomes <em>ready</em> when SIP can flow (TCP connected, TLS
 * handshake done, WebSocket upgraded): an accepted connection is then pooled by its remote
 * address, an outbound one settles its pool entry (writing the sends queued meanwhile). It closes idle connections, sends
 * keep-alive pings on outbound ones and closes them when no pong comes (RFC 5626 §4.4.1),
 * and reports the close to the listener.
 *
 * <p>All state is confined to the channel's event loop: no locks.
 */
abstract class SipConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SipConnectionHandler.class);

    protected final LayerContext layer;
    private final Transport transport;
    private final ListenPoint listenPoint;
    private final ConnectionEntry connectEntry;
    protected ConnectionFlow flow;
    private boolean ready;
    private ScheduledFuture<?> pongTimer;

    /**
     * @param listenPoint the listener the flow belongs to; null for an outbound connection of a
     *     layer without a listener of that transport (the flow then names its local address)
     * @param connectEntry the pool entry an outbound connection settles; null for inbound
     */
    SipConnectionHandler(LayerContext layer, Transport transport, ListenPoint listenPoint, ConnectionEntry connectEntry) {
        this.layer = layer;
        this.transport = transport;
        this.listenPoint = listenPoint;
        this.connectEntry = connectEntry;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ListenPoint lp = listenPoint != null
                ? listenPoint
                : new ListenPoint(transport, (InetSocketAddress) ctx.channel().localAddress(), null, -1);
        flow = new ConnectionFlow(transport, lp, ctx.channel(), connectEntry != null);
        super.channelActive(ctx);
    }

    /** SIP can flow: expose the connection. */
    protected final void ready(ChannelHandlerContext ctx) {
        if (ready) return;
        ready = true;
        if (connectEntry == null) {
            layer.pool.registerInbound(flow);
        } else if (!connectEntry.ready(flow)) {
            ctx.close(); // the attempt was already given up (e.g. the layer closed)
        }
    }

    /** The connection failed before it became ready (or broke): report and close. */
    protected final void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (!ready && connectEntry != null) connectEntry.fail(cause);
        ctx.close();
    }

    /** The TLS handshake succeeded (TLS, WSS). */
    protected void tlsReady(ChannelHandlerContext ctx) {}

    /** Writes a keep-alive ping (RFC 5626 §4.4.1). */
    protected abstract void writePing(ChannelHandlerContext ctx);

    /** True while a keep-alive ping of ours waits for its pong. */
    protected final boolean awaitingPong() {
        return pongTimer != null;
    }

    /** A pong arrived: the flow is alive. */
    protected final void pongReceived() {
        if (pongTimer != null) {
            pongTimer.cancel(false);
            pongTimer = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (e.isSuccess()) tlsReady(ctx);
            else fail(ctx, e.cause());
        } else if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.ALL_IDLE) {
                log.debug("closing idle connection {}", flow);
                ctx.close();
            } else if (e.state() == IdleState.WRITER_IDLE && ready && flow.outbound && pongTimer == null) {
                writePing(ctx);
                long timeout = layer.config.keepAlivePongTimeout().toMillis();
                pongTimer = ctx.executor().schedule(() -> {
                    log.debug("no keep-alive pong on {} within {} ms: flow failed (RFC 5626 §4.4.1)", flow, timeout);
                    ctx.close();
                }, timeout, TimeUnit.MILLISECONDS);
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pongReceived(); // cancels the timer
        if (ready) {
            layer.pool.remove(flow);
            layer.listener.onFlowClosed(flow);
        } else if (connectEntry != null) {
            connectEntry.fail(new IOException("connection " + flow + " closed before it was ready"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and TLS alerts are ordinary on the Internet: no stack traces per connection.
        log.debug("connection {} failed: {}", flow, cause.toString());
        fail(ctx, cause);
    }
}
