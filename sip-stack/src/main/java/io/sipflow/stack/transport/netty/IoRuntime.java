package io.sipflow.stack.transport.netty;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The I/O runtime: one event-loop group for every listener and connection of a layer, on
 * Linux epoll when available (edge-triggered, SO_REUSEPORT, fewer copies), else NIO.
 */
final class IoRuntime {
    final boolean epoll;
    final EventLoopGroup group;
    final int threads;

    IoRuntime(boolean preferNative, int ioThreads) {
        this.threads = ioThreads > 0 ? ioThreads : defaultThreads(Runtime.getRuntime().availableProcessors());
        this.epoll = preferNative && Epoll.isAvailable();
        // Daemon threads: a layer the application forgot to close does not keep the JVM alive.
        DefaultThreadFactory tf = new DefaultThreadFactory("sipflow-io", true);
        this.group = epoll ? new EpollEventLoopGroup(threads, tf) : new NioEventLoopGroup(threads, tf);
    }

    /**
     * Half the cores, at least one. Transactions run on the event loop that owns their Call-ID,
     * so every extra loop turns a share of the messages into a hand-off to another thread, and at
     * moderate rates each hand-off costs a wake-up (an eventfd write, a context switch, another
     * epoll return) that is dearer than the message itself: on a 2-core machine one loop answers
     * a call for about 0.08 ms of CPU at 1,000 calls/s where two loops spend 0.11–0.25 ms. The
     * other half of the cores is left to the application's handlers (virtual threads), the
     * garbage collector and, on a test bench, the load generator.
     */
    static int defaultThreads(int cores) {
        return Math.max(1, cores / 2);
    }

    ChannelFactory<DatagramChannel> datagramChannel(boolean ipv6) {
        InternetProtocolFamily family = ipv6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
        return epoll ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family);
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** True when called on one of this runtime's I/O threads (which must never block). */
    boolean inEventLoop() {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) return true;
        }
        return false;
    }

    /** Graceful shutdown with a short quiet period; waits unless called from an I/O thread. */
    void shutdown() {
        var f = group.shutdownGracefully(20, 2000, TimeUnit.MILLISECONDS);
        if (!inEventLoop()) f.awaitUninterruptibly(3000);
    }
}
