package io.sipflow.stack.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.ServerHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.io.IOException;

/**
 * SIP over WebSocket (RFC 7118): each text or binary WebSocket message (fragments already
 * joined) is exactly one SIP message (§5), parsed like a datagram. A message that does not
 * parse is reported to the listener and the connection stays: framing is the WebSocket's,
 * so nothing is lost.
 *
 * <p>Keep-alives: WebSocket Ping/Pong (RFC 6455 §5.5.2) for our own pings; a CRLF CRLF
 * message, which browser SIP stacks send as an RFC 5626 ping, gets a CRLF message back.
 */
final class WebSocketSipHandler extends SipConnectionHandler {
    private static final byte[] CRLF = {'\r', '\n'};

    WebSocketSipHandler(LayerContext layer, Transport transport, ListenPoint listenPoint,
            ConnectionEntry connectEntry) {
        super(layer, transport, listenPoint, connectEntry);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                onSipMessage(ctx, ((WebSocketFrame) msg).content());
            } else if (msg instanceof PongWebSocketFrame) {
                pongReceived();
            }
            // Ping is answered and Close handled by Netty's protocol handler before us.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onSipMessage(ChannelHandlerContext ctx, ByteBuf content) {
        byte[] data = ByteBufUtil.getBytes(content);
        if (UdpHandler.isKeepAlive(data)) {
            if (data.length >= 4) ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(CRLF)), ctx.voidPromise());
            else pongReceived();
            return;
        }
        SipMessage message;
        try {
            message = layer.parser.parse(data, 0, data.length);
        } catch (SipParseException e) {
            layer.listener.onParseError(e, flow);
            return;
        }
        layer.deliver(message, flow);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete
                || evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ready(ctx);
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT || evt == ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, new IOException("WebSocket handshake timed out on " + flow));
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void writePing(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
    }
}
