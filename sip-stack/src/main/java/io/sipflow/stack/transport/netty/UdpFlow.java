package io.sipflow.stack.transport.netty;

import io.netty.channel.Channel;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;

/**
 * A UDP "flow": the listener socket a datagram arrived on and the peer's address. Created per
 * datagram (cheap); two flows for the same socket and peer are equal. Sending on it uses the
 * same socket, so a response leaves from the port the request reached (RFC 3581 §4 NAT
 * traversal depends on it).
 */
final class UdpFlow implements Flow {
    final ListenPoint listenPoint;
    final Channel channel;
    final InetSocketAddress remote;

    UdpFlow(ListenPoint listenPoint, Channel channel, InetSocketAddress remote) {
        this.listenPoint = listenPoint;
        this.channel = channel;
        this.remote = remote;
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public ListenPoint listenPoint() {
        return listenPoint;
    }

    @Override
    public InetSocketAddress localAddress() {
        return listenPoint.bindAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The listener socket is open (a UDP flow has no connection to lose). */
    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpFlow f && f.listenPoint.equals(listenPoint) && f.remote.equals(remote);
    }

    @Override
    public int hashCode() {
        return listenPoint.hashCode() * 31 + remote.hashCode();
    }

    @Override
    public String toString() {
        return "udp " + Addresses.text(listenPoint.bindAddress()) + " <-> " + Addresses.text(remote);
    }
}
