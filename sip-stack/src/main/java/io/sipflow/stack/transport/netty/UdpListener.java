package io.sipflow.stack.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound UDP listen point: on epoll one socket per event loop sharing the port through
 * SO_REUSEPORT (the kernel spreads peers over the sockets by address hash, so every core
 * reads), else one socket. Sending picks the caller's own I/O thread's socket when there is
 * one, else a socket by destination hash, which keeps the messages to one peer in order.
 * Every socket has the same local address, so the peer always sees the advertised port.
 */
final class UdpListener {
    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);

    /** Big enough for any datagram (RFC 3261 §18.1.1: up to 65,535 bytes). */
    private static final int MAX_DATAGRAM = 65_536;
    /** Linux reports twice the SO_RCVBUF it granted (the doubling covers its bookkeeping). */
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");

    final ListenPoint listenPoint;
    private final Channel[] channels;

    private UdpListener(ListenPoint listenPoint, Channel[] channels) {
        this.listenPoint = listenPoint;
        this.channels = channels;
    }

    static UdpListener bind(IoRuntime io, TransportConfig config, LayerContext layer, ListenPoint lp) throws IOException {
        int count = io.epoll && config.udpReusePort() ? io.threads : 1;
        Bootstrap b = new Bootstrap()
                .group(io.group)
                .channelFactory(io.datagramChannel(lp.isIpv6()))
                .option(ChannelOption.SO_RCVBUF, config.udpReceiveBufferSize())
                .option(ChannelOption.SO_SNDBUF, config.udpSendBufferSize())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.AUTO_CLOSE, false)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new UdpHandler(layer, lp)); // per socket: it keeps state
                    }
                });
        if (count > 1) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
            if (lp.bindAddress().getPort() != 0) requireFree(lp);
        }
        List<Channel> bound = new ArrayList<>(count);
        InetSocketAddress address = lp.bindAddress();
        try {
            for (int i = 0; i < count; i++) {
                Channel ch = b.bind(address).syncUninterruptibly().channel();
                bound.add(ch);
                // Port 0: the others join the port the first one got.
                address = new InetSocketAddress(lp.bindAddress().getAddress(), ((InetSocketAddress) ch.localAddress()).getPort());
            }
        } catch (Exception e) {
            for (Channel ch : bound) ch.close();
            throw new IOException(lp.describe() + ": " + e.getMessage(), e);
        }
        ListenPoint boundLp = lp.withBoundPort(address.getPort());
        warnIfCapped(boundLp, bound.get(0), config.udpReceiveBufferSize());
        return new UdpListener(boundLp, bound.toArray(Channel[]::new));
    }

    /**
     * The receive buffer is what absorbs a burst, or a pause of the reading thread (a garbage
     * collection, a descheduled vCPU): when it is full the kernel drops datagrams, and the peers
     * retransmit after T1. Linux silently caps SO_RCVBUF at net.core.rmem_max (and reports
     * twice the granted size), so an operator hears it here, once per listener.
     */
    private static void warnIfCapped(ListenPoint lp, Channel ch, int asked) {
        int reported = ch.config().getOption(ChannelOption.SO_RCVBUF);
        int granted = LINUX ? reported / 2 : reported;
        if (granted > 0 && granted < asked) {
            log.warn("{}: UDP receive buffer is {} bytes, {} asked: the kernel caps it at net.core.rmem_max"
                    + " (raise it, e.g. sysctl -w net.core.rmem_max={}, for high call rates)", lp.describe(), granted, asked, asked);
        }
    }

    /**
     * SO_REUSEPORT would let this listener join the sockets of another process of the same
     * user already on that port (a second instance), silently splitting the traffic between
     * them. A plain bind first makes "address in use" an error, as without SO_REUSEPORT.
     */
    private static void requireFree(ListenPoint lp) throws IOException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(lp.bindAddress());
        } catch (IOException e) {
            throw new IOException(lp.describe() + ": " + e.getMessage(), e);
        }
    }

    boolean owns(Channel ch) {
        for (Channel c : channels) {
            if (c == ch) return true;
        }
        return false;
    }

    /** This listener's socket served by the calling I/O thread, or null. */
    Channel channelOnCurrentLoop() {
        for (Channel c : channels) {
            if (c.eventLoop().inEventLoop()) return c;
        }
        return null;
    }

    /** The socket to send to {@code recipient} from. */
    Channel channelFor(InetSocketAddress recipient) {
        Channel[] cs = channels;
        if (cs.length == 1) return cs[0];
        for (Channel c : cs) {
            if (c.eventLoop().inEventLoop()) return c;
        }
        return cs[(recipient.hashCode() & 0x7fffffff) % cs.length];
    }

    void close(boolean wait) {
        for (Channel c : channels) {
            var f = c.close();
            if (wait) f.awaitUninterruptibly(1000);
        }
    }
}
