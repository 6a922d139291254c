package io.sipflow.stack.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Lets through only a WebSocket upgrade that offers the {@code sip} subprotocol (RFC 7118 §4:
 * the client MUST ask for it; a server not speaking it must not accept), on any path.
 * Anything else gets a plain HTTP answer and the connection is closed: 426 for a request
 * that is no upgrade, 400 for an upgrade without {@code sip}. Removes itself once passed.
 */
@ChannelHandler.Sharable
final class WebSocketUpgradeGate extends ChannelInboundHandlerAdapter {
    static final WebSocketUpgradeGate INSTANCE = new WebSocketUpgradeGate();

    private WebSocketUpgradeGate() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpResponseStatus refusal;
        if (!req.decoderResult().isSuccess()) {
            refusal = HttpResponseStatus.BAD_REQUEST;
        } else if (!HttpMethod.GET.equals(req.method())
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refusal = HttpResponseStatus.UPGRADE_REQUIRED;
        } else if (!offersSip(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
            refusal = HttpResponseStatus.BAD_REQUEST;
        } else {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        req.release();
        byte[] body = (refusal.code() == 400
                ? "SIP over WebSocket needs Sec-WebSocket-Protocol: sip (RFC 7118)\n"
                : "This is a SIP WebSocket endpoint (RFC 7118): upgrade to WebSocket\n").getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (refusal == HttpResponseStatus.UPGRADE_REQUIRED) {
            res.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        }
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    /** True when the comma-separated subprotocol list contains {@code sip}. */
    static boolean offersSip(String protocols) {
        if (protocols == null) return false;
        for (String p : protocols.split(",")) {
            if (p.trim().equalsIgnoreCase("sip")) return true;
        }
        return false;
    }
}
