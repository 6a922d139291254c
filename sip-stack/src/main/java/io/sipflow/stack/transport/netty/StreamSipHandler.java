package io.sipflow.stack.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipStreamDecoder;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;

/**
 * SIP over a byte stream (TCP, TLS; RFC 3261 §18.3): frames messages by Content-Length with
 * one {@link SipStreamDecoder} per connection, answers CRLF CRLF pings with a CRLF pong
 * (RFC 5626 §4.4.1).
 *
 * <p>A framed message that does not parse (505, 400) is reported to the listener's
 * {@code onParseError} and the connection goes on. When framing is lost (no or bad
 * Content-Length, a malformed start line, a limit exceeded) the listener's
 * {@code onParseError} is called first, on this I/O thread, so that
 * it can answer 400/513 on the flow (the transport never builds SIP responses itself); then
 * the connection is closed once that answer is flushed (the byte stream cannot be resynced).
 */
final class StreamSipHandler extends SipConnectionHandler implements SipStreamDecoder.Listener {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    /** Per I/O thread: reads from direct buffers are copied here, then into the decoder. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[16_384];
        }
    };

    private final SipStreamDecoder decoder;
    private final boolean tls;
    private ChannelHandlerContext ctx;
    private boolean framingLost;

    StreamSipHandler(LayerContext layer, Transport transport, ListenPoint listenPoint,
            ConnectionEntry connectEntry) {
        super(layer, transport, listenPoint, connectEntry);
        this.decoder = new SipStreamDecoder(layer.config.parserLimits());
        this.tls = transport.isSecure();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        if (!tls) ready(ctx);
    }

    @Override
    protected void tlsReady(ChannelHandlerContext ctx) {
        ready(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!framingLost) feed(buf);
        } catch (SipParseException e) {
            framingLost(ctx, e);
        } finally {
            buf.release();
        }
    }

    private void feed(ByteBuf buf) {
        int n = buf.readableBytes();
        int at = buf.readerIndex();
        if (buf.hasArray()) {
            decoder.decode(buf.array(), buf.arrayOffset() + at, n, this);
            return;
        }
        byte[] scratch = SCRATCH.get();
        for (int off = 0; off < n && !framingLost; ) {
            int k = Math.min(scratch.length, n - off);
            buf.getBytes(at + off, scratch, 0, k);
            decoder.decode(scratch, 0, k, this);
            off += k;
        }
    }

    private void framingLost(ChannelHandlerContext ctx, SipParseException e) {
        framingLost = true;
        ctx.channel().config().setAutoRead(false);
        layer.listener.onParseError(e, flow);
        // After whatever the listener wrote (its 400), then close.
        ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void onMessage(SipMessage message) {
        layer.deliver(message, flow);
    }

    /**
     * A complete message with its framing intact but not acceptable (a SIP-Version other than
     * 2.0, a malformed header line...): reported like a parse error so that the listener can
     * answer it (505, 400), but the stream is still in step, so the connection stays open and
     * decoding goes on with the next message (the default would close the connection, and with
     * it every other transaction and dialog using it).
     */
    @Override
    public void onInvalidMessage(SipParseException error) {
        layer.listener.onParseError(error, flow);
    }

    @Override
    public void onKeepAlivePing() {
        // The decoder reads a CRLF that follows a lone CRLF as the second half of a ping split
        // across reads. On a flow where we are the pinging side, that CRLF is in fact the pong
        // to our next ping (pongs arrive one by one): count it, and do not answer it.
        if (awaitingPong()) {
            pongReceived();
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(CRLF), ctx.voidPromise());
    }

    @Override
    public void onKeepAlivePong() {
        pongReceived();
    }

    @Override
    protected void writePing(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(CRLF_CRLF), ctx.voidPromise());
    }
}
