package io.sipflow.stack.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Open connections by (transport, remote address), inbound and outbound alike, so that a
 * request to a peer that connected to us goes on its connection (RFC 3261 §18.1.1 reuse,
 * RFC 5923 §3), and concurrent sends to one destination share one connection attempt.
 * Lock-free: a lookup is one ConcurrentHashMap read.
 *
 * <p>Also counts connections against {@code maxConnections} and tracks every channel for
 * shutdown.
 */
final class ConnectionPool {
    record Key(Transport transport, InetSocketAddress address) {}

    private final ConcurrentHashMap<Key, ConnectionEntry> byRemote = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup("sipflow-connections", GlobalEventExecutor.INSTANCE);
    private final int max;
    private final ConnectionEntry.Writer writer;

    ConnectionPool(int maxConnections, ConnectionEntry.Writer writer) {
        this.max = maxConnections;
        this.writer = writer;
    }

    /** Counts a new connection; false (and nothing counted) when the limit is reached. */
    boolean tryOpen(Channel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        channels.add(ch);
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    int openConnections() {
        return open.get();
    }

    /** The open pooled connection to that peer, or null (the fast path of a send). */
    ConnectionFlow lookup(Key key) {
        ConnectionEntry e = byRemote.get(key);
        ConnectionFlow flow = e == null ? null : e.flow();
        return flow != null && flow.isOpen() ? flow : null;
    }

    /**
     * The entry for {@code key}: an open or pending connection, else a new attempt started
     * by {@code connect}, which must settle the entry it is given (a failed entry leaves the
     * pool, so the next send tries again).
     */
    ConnectionEntry acquire(Key key, Consumer<ConnectionEntry> connect) {
        for (;;) {
            ConnectionEntry existing = byRemote.get(key);
            if (existing != null) {
                if (existing.isPending()) return existing;
                ConnectionFlow flow = existing.flow();
                if (flow != null && flow.isOpen()) return existing;
                byRemote.remove(key, existing); // dead: replace it
                continue;
            }
            ConnectionEntry[] mine = new ConnectionEntry[1];
            mine[0] = new ConnectionEntry(writer, () -> byRemote.remove(key, mine[0]));
            if (byRemote.putIfAbsent(key, mine[0]) != null) continue; // lost the race: use theirs
            connect.accept(mine[0]);
            return mine[0];
        }
    }

    /** Makes an accepted connection reachable by its remote address. */
    void registerInbound(ConnectionFlow flow) {
        ConnectionEntry e = ConnectionEntry.established(flow, writer);
        flow.poolEntry = e;
        byRemote.put(new Key(flow.transport, flow.remote), e);
    }

    /** Forgets a closed connection (only its own entry: a newer one may have replaced it). */
    void remove(ConnectionFlow flow) {
        ConnectionEntry e = flow.poolEntry;
        if (e != null) byRemote.remove(new Key(flow.transport, flow.remote), e);
    }

    /** Closes every connection, waiting a little for them unless on an I/O thread. */
    void closeAll(boolean wait) {
        var f = channels.close();
        if (wait) f.awaitUninterruptibly(2, TimeUnit.SECONDS);
        byRemote.clear();
    }
}
