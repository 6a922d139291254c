package io.sipflow.stack.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.stack.transport.ListenPoint;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives datagrams on a UDP listener: one datagram is one SIP message (RFC 3261 §18.3).
 * The payload is copied once into its own array, which the lazily parsed message keeps.
 * A datagram that does not parse is reported to the listener and the socket keeps serving.
 */
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(UdpHandler.class);

    private final LayerContext layer;
    private final ListenPoint configured;
    private ListenPoint bound;
    /**
     * The flow of the previous datagram: most datagrams come from the same few peers (a proxy,
     * a trunk), and a transaction keeps its request's flow, so reusing the equal flow saves a
     * flow and a socket address object per message, kept per live transaction. I/O-thread owned.
     */
    private UdpFlow lastFlow;

    UdpHandler(LayerContext layer, ListenPoint configured) {
        super(true);
        this.layer = layer;
        this.configured = configured;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // Known only once bound (port 0 = ephemeral); active fires before the first read.
        bound = configured.withBoundPort(((InetSocketAddress) ctx.channel().localAddress()).getPort());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int n = content.readableBytes();
        byte[] data = new byte[n];
        content.getBytes(content.readerIndex(), data);
        InetSocketAddress sender = packet.sender();
        if (isKeepAlive(data)) return;
        if (StunBinding.isBindingRequest(data)) {
            byte[] answer = StunBinding.successResponse(data, sender);
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), sender), ctx.voidPromise());
            return;
        }
        UdpFlow flow = lastFlow;
        if (flow == null || !flow.remote.equals(sender)) lastFlow = flow = new UdpFlow(bound, ctx.channel(), sender);
        SipMessage message;
        try {
            message = layer.parser.parse(data, 0, n);
        } catch (SipParseException e) {
            layer.listener.onParseError(e, flow);
            return;
        }
        layer.deliver(message, flow);
    }

    /**
     * CR/LF/SP/NUL-only datagrams are NAT keep-alives some user agents send instead of STUN;
     * they carry no message and need no answer (RFC 3261 §7.5 lets a parser skip CRLFs).
     */
    static boolean isKeepAlive(byte[] d) {
        for (byte b : d) {
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t' && b != 0) return false;
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error or a failed write must not close the listener socket.
        log.debug("UDP listener {}: {}", bound, cause.toString());
    }
}
