package io.sipflow.stack.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;

/**
 * One TCP, TLS, WS or WSS connection: the handle the transaction layer keeps to send
 * responses back on it (RFC 3261 §18.2.2) and in-dialog requests (RFC 5923), and the RFC 5626
 * flow it represents. One object per connection; identity is equality.
 */
final class ConnectionFlow implements Flow {
    final Transport transport;
    final ListenPoint listenPoint;
    final InetSocketAddress local;
    final InetSocketAddress remote;
    final Channel channel;
    /** True for connections this layer opened (keep-alive pings are the client's job). */
    final boolean outbound;
    /** This connection's entry in the pool, for removal by identity when it closes. */
    volatile ConnectionEntry poolEntry;

    ConnectionFlow(Transport transport, ListenPoint listenPoint, Channel channel, boolean outbound) {
        this.transport = transport;
        this.listenPoint = listenPoint;
        this.local = (InetSocketAddress) channel.localAddress();
        this.remote = (InetSocketAddress) channel.remoteAddress();
        this.channel = channel;
        this.outbound = outbound;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public ListenPoint listenPoint() {
        return listenPoint;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    /** One SIP message as this connection's unit of writing: stream bytes or one WebSocket message (RFC 7118 §5). */
    Object encode(byte[] message) {
        if (transport == Transport.WS || transport == Transport.WSS) return WebSocketFrames.of(message);
        return Unpooled.wrappedBuffer(message);
    }

    @Override
    public String toString() {
        return transport.uriParam() + " " + Addresses.text(local) + (outbound ? " -> " : " <- ") + Addresses.text(remote);
    }
}
