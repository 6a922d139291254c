package io.sipflow.stack.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.ssl.SslContext;
import io.sipflow.message.SipMessage;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.TransportLayer;
import io.sipflow.stack.transport.TransportListener;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport layer of RFC 3261 §18 on Netty: UDP, TCP, TLS, WS and WSS (RFC 7118)
 * listeners on IPv4 and IPv6, sharing one event-loop group (epoll when available).
 *
 * <h2>Inbound</h2>
 * Datagrams and WebSocket messages are parsed as one message each; streams are framed per
 * connection. The transaction layer stamps {@code received}/{@code rport} (§18.2.1, RFC
 * 3581 §4) and routes responses (§18.2.2). The listener is called on the I/O thread. On a parse error it gets {@code onParseError} and may answer it (400, 505, 513)
 * synchronously with {@link #send} on the flow: <b>the transport never answers by itself</b>.
 * On a stream the connection is then closed once that answer is written (framing is lost);
 * on UDP and WebSocket the flow keeps working.
 *
 * <h2>Outbound</h2>
 * {@link #send}: an open connection given as {@code reuse} is written to (§18.2.2,
 * RFC 5923); a UDP flow given as {@code reuse} sends from the socket it came in on; else UDP
 * goes out of the listener of the destination's address family (so from the advertised
 * port), and connection-oriented transports use the pooled connection to the destination —
 * inbound connections are pooled by their remote address too — or connect. The future
 * completes, on an I/O thread, with the flow once the bytes are handed to the kernel, or
 * with an IOException (connect refused or timed out, TLS or WebSocket handshake failed,
 * connection limit, a full write queue).
 *
 * <p>The RFC 3261 §18.1.1 size rule is {@link #chooseTransport(int, Destination)}: the
 * transaction layer asks before writing its Via; {@code send} itself never switches.
 */
public final class NettyTransportLayer implements TransportLayer {
    private static final Logger log = LoggerFactory.getLogger(NettyTransportLayer.class);

    private final TransportConfig config;
    private final IoRuntime io;
    private final ConnectionPool pool;
    private final LayerContext layer;
    private final ChannelPipelines pipelines;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<UdpListener> udpListeners = new ArrayList<>();
    private final List<Channel> serverChannels = new ArrayList<>();
    private volatile List<ListenPoint> bound = List.of();
    /** [transport ordinal][0 = IPv4, 1 = IPv6]: the listen point to send from / advertise. */
    private volatile ListenPoint[][] byFamily = new ListenPoint[Transport.values().length][2];
    private volatile UdpListener[] udpByFamily = new UdpListener[2];
    /** Every UDP listener, for the I/O threads (the list above is the binding thread's). */
    private volatile UdpListener[] udpAll = new UdpListener[0];

    /**
     * Creates the layer and its I/O threads; nothing is bound before {@link #start()}.
     *
     * @throws IllegalArgumentException when the TLS key material cannot be loaded
     */
    public NettyTransportLayer(TransportConfig config) {
        this.config = config;
        this.pool = new ConnectionPool(config.maxConnections(), this::write);
        this.layer = new LayerContext(config, pool);
        SslContext serverSsl;
        SslContext clientSsl;
        try {
            TlsConfig tls = config.tls();
            serverSsl = tls != null && tls.certificateChain() != null ? SslContexts.server(tls) : null;
            clientSsl = SslContexts.client(tls);
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load TLS key material: " + e.getMessage(), e);
        }
        this.pipelines = new ChannelPipelines(layer, serverSsl, clientSsl);
        this.io = new IoRuntime(config.nativeTransport(), config.ioThreads());
    }

    /**
     * The I/O event loops, in a fixed order: the stack runs its transaction shards on them
     * (see {@code SipStack.Builder#shards}). Tasks given to them must never block.
     */
    public List<io.netty.util.concurrent.EventExecutor> eventLoops() {
        List<io.netty.util.concurrent.EventExecutor> loops = new ArrayList<>();
        for (io.netty.util.concurrent.EventExecutor e : io.group) loops.add(e);
        return List.copyOf(loops);
    }

    /** True when running on Linux epoll rather than NIO. */
    public boolean isNative() {
        return io.epoll;
    }

    public TransportConfig config() {
        return config;
    }

    @Override
    public void setListener(TransportListener listener) {
        layer.listener = new SafeListener(listener);
    }

    /**
     * Binds every listener, in order; blocks the caller while binding (do not call from an
     * I/O thread). On failure everything bound so far is closed and the future fails with an
     * IOException naming the listener.
     */
    @Override
    public CompletableFuture<List<ListenPoint>> start() {
        if (closed.get()) return CompletableFuture.failedFuture(new IOException("transport layer closed"));
        if (!started.compareAndSet(false, true)) return CompletableFuture.completedFuture(bound);
        List<ListenPoint> result = new ArrayList<>();
        try {
            for (ListenPoint lp : config.listenPoints()) result.add(bind(lp));
        } catch (IOException e) {
            closeListeners();
            return CompletableFuture.failedFuture(e);
        }
        ListenPoint[][] table = new ListenPoint[Transport.values().length][2];
        UdpListener[] udp = new UdpListener[2];
        for (ListenPoint lp : result) {
            int fam = lp.isIpv6() ? 1 : 0;
            if (table[lp.transport().ordinal()][fam] == null) table[lp.transport().ordinal()][fam] = lp;
        }
        for (UdpListener u : udpListeners) {
            int fam = u.listenPoint.isIpv6() ? 1 : 0;
            if (udp[fam] == null) udp[fam] = u;
        }
        // A dual-stack IPv6 wildcard socket also serves IPv4 peers.
        for (Transport t : Transport.values()) {
            ListenPoint v6 = table[t.ordinal()][1];
            if (table[t.ordinal()][0] == null && v6 != null && v6.bindAddress().getAddress().isAnyLocalAddress()) {
                table[t.ordinal()][0] = v6;
            }
        }
        if (udp[0] == null && udp[1] != null && udp[1].listenPoint.bindAddress().getAddress().isAnyLocalAddress()) {
            udp[0] = udp[1];
        }
        byFamily = table;
        udpByFamily = udp;
        udpAll = udpListeners.toArray(UdpListener[]::new);
        bound = List.copyOf(result);
        for (ListenPoint lp : bound) log.info("listening on {}", lp.describe());
        return CompletableFuture.completedFuture(bound);
    }

    private ListenPoint bind(ListenPoint lp) throws IOException {
        if (lp.bindAddress().isUnresolved()) throw new IOException(lp.describe() + ": unresolved bind address");
        if (lp.transport() == Transport.UDP) {
            UdpListener u = UdpListener.bind(io, config, layer, lp);
            udpListeners.add(u);
            return u.listenPoint;
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(io.group)
                .channel(io.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true) // whole messages are written: no Nagle delay
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(pipelines.server(lp));
        try {
            Channel ch = b.bind(lp.bindAddress()).syncUninterruptibly().channel();
            serverChannels.add(ch);
            return lp.withBoundPort(((InetSocketAddress) ch.localAddress()).getPort());
        } catch (Exception e) {
            throw new IOException(lp.describe() + ": " + e.getMessage(), e);
        }
    }

    private WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark());
    }

    @Override
    public List<ListenPoint> listenPoints() {
        return bound;
    }

    @Override
    public ListenPoint listenPointFor(Transport transport, boolean ipv6) {
        return byFamily[transport.ordinal()][ipv6 ? 1 : 0];
    }

    /**
     * RFC 3261 §18.1.1: a request to a UDP destination larger than
     * {@link TransportConfig#udpMtuThreshold()} goes over TCP (same address and port, as
     * RFC 3263 §4.1 gives both for a SIP URI without transport) when a TCP listener of that
     * address family exists to put in the Via; otherwise the destination's transport.
     */
    @Override
    public Transport chooseTransport(int encodedSize, Destination destination) {
        if (destination.transport() != Transport.UDP || encodedSize <= config.udpMtuThreshold()) {
            return destination.transport();
        }
        return listenPointFor(Transport.TCP, isIpv6(destination.address())) != null ? Transport.TCP : Transport.UDP;
    }

    @Override
    public CompletableFuture<Flow> send(SipMessage message, Destination destination, Flow reuse) {
        return sendBytes(message.toBytes(), destination, reuse);
    }

    @Override
    public CompletableFuture<Flow> sendBytes(byte[] encoded, Destination destination, Flow reuse) {
        if (closed.get()) return CompletableFuture.failedFuture(new IOException("transport layer closed"));
        if (reuse instanceof ConnectionFlow cf && cf.isOpen()) return write(cf, encoded);
        if (reuse instanceof UdpFlow uf && (destination == null || destination.transport() == Transport.UDP)) {
            InetSocketAddress to = destination != null ? destination.address() : uf.remote;
            return writeUdp(uf.channel, uf.listenPoint, to, encoded);
        }
        Destination d = destination != null ? destination : reuse != null ? reuse.destination() : null;
        if (d == null) return CompletableFuture.failedFuture(new IOException("no destination and no open flow to reuse"));
        if (d.address().isUnresolved()) {
            return CompletableFuture.failedFuture(new IOException("unresolved destination " + d.address() + " (resolve with RFC 3263 first)"));
        }
        if (d.transport() == Transport.UDP) {
            UdpListener u = udpByFamily[isIpv6(d.address()) ? 1 : 0];
            if (u == null) return CompletableFuture.failedFuture(new IOException("no UDP listener for " + d));
            return writeUdp(u.channelFor(d.address()), u.listenPoint, d.address(), encoded);
        }
        ConnectionPool.Key key = new ConnectionPool.Key(d.transport(), d.address());
        ConnectionFlow pooled = pool.lookup(key);
        if (pooled != null) return write(pooled, encoded);
        return pool.acquire(key, entry -> connect(d, entry)).send(encoded);
    }

    private CompletableFuture<Flow> write(ConnectionFlow flow, byte[] encoded) {
        SendFuture f = new SendFuture(flow);
        write(flow, encoded, f);
        return f;
    }

    private void write(ConnectionFlow flow, byte[] encoded, SendFuture f) {
        Channel ch = flow.channel;
        if (!ch.isWritable() && ch.isActive()) {
            // Beyond the high water mark: refuse rather than queue without bound (slow peer).
            f.completeExceptionally(new IOException("write queue of " + flow + " is full"));
            return;
        }
        ch.writeAndFlush(flow.encode(encoded)).addListener(f);
    }

    private CompletableFuture<Flow> writeUdp(Channel ch, ListenPoint lp, InetSocketAddress to, byte[] encoded) {
        if (!ch.eventLoop().inEventLoop()) ch = sameSocketOnThisLoop(ch);
        SendFuture f = new SendFuture(new UdpFlow(lp, ch, to));
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(encoded), to)).addListener(f);
        return f;
    }

    /**
     * On an I/O thread, the SO_REUSEPORT sibling of {@code ch} that this thread serves: the
     * same local address and port, so the peer cannot tell, and the write needs no hand-off
     * to another thread. Off the I/O threads (or with one socket), {@code ch} itself.
     */
    private Channel sameSocketOnThisLoop(Channel ch) {
        for (UdpListener u : udpAll) {
            if (u.owns(ch)) {
                Channel local = u.channelOnCurrentLoop();
                return local != null ? local : ch;
            }
        }
        return ch;
    }

    private void connect(Destination d, ConnectionEntry entry) {
        ListenPoint lp = listenPointFor(d.transport(), isIpv6(d.address()));
        Bootstrap b = new Bootstrap()
                .group(io.group)
                .channel(io.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .handler(pipelines.client(d, lp, entry));
        InetSocketAddress local = localBindFor(lp, d.address());
        var cf = local != null ? b.connect(d.address(), local) : b.connect(d.address());
        cf.addListener(f -> {
            if (!f.isSuccess()) entry.fail(f.cause());
        });
    }

    /**
     * Connect from the listener's IP when it is bound to one (so the source address matches
     * the Via sent-by), unless that cannot route (a loopback listener to a remote peer).
     */
    private static InetSocketAddress localBindFor(ListenPoint lp, InetSocketAddress remote) {
        if (lp == null) return null;
        InetAddress a = lp.bindAddress().getAddress();
        if (a == null || a.isAnyLocalAddress() || a.isLoopbackAddress() != remote.getAddress().isLoopbackAddress()) return null;
        return new InetSocketAddress(a, 0);
    }

    private static boolean isIpv6(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address;
    }

    @Override
    public int openConnections() {
        return pool.openConnections();
    }

    /** Closes listeners and connections and stops the I/O threads (waits up to ~3 s). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        boolean wait = !io.inEventLoop();
        closeListeners();
        pool.closeAll(wait);
        io.shutdown();
    }

    private void closeListeners() {
        for (Channel ch : serverChannels) {
            var f = ch.close();
            if (!io.inEventLoop()) f.awaitUninterruptibly(1000);
        }
        serverChannels.clear();
        for (UdpListener u : udpListeners) u.close(!io.inEventLoop());
        udpListeners.clear();
    }

    @Override
    public String toString() {
        return "NettyTransportLayer" + bound.stream().map(ListenPoint::describe).toList();
    }
}
