package io.sipflow.stack.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
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

    private final ConcurrentHashMap<Key, CompletableFuture<ConnectionFlow>> byRemote = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup("sipflow-connections", GlobalEventExecutor.INSTANCE);
    private final int max;

    ConnectionPool(int maxConnections) {
        this.max = maxConnections;
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
        CompletableFuture<ConnectionFlow> f = byRemote.get(key);
        if (f == null || !f.isDone() || f.isCompletedExceptionally()) return null;
        ConnectionFlow flow = f.getNow(null);
        return flow != null && flow.isOpen() ? flow : null;
    }

    /**
     * The connection to {@code key}: an open or pending one, else a new attempt started by
     * {@code connect}, which must complete the future it is given (exceptionally on failure;
     * the entry is then dropped so the next send tries again).
     */
    CompletableFuture<ConnectionFlow> acquire(Key key, Consumer<CompletableFuture<ConnectionFlow>> connect) {
        for (;;) {
            CompletableFuture<ConnectionFlow> existing = byRemote.get(key);
            if (existing != null) {
                if (!existing.isDone()) return existing;
                ConnectionFlow flow = existing.isCompletedExceptionally() ? null : existing.getNow(null);
                if (flow != null && flow.isOpen()) return existing;
                byRemote.remove(key, existing); // dead: replace it
                continue;
            }
            CompletableFuture<ConnectionFlow> mine = new CompletableFuture<>();
            if (byRemote.putIfAbsent(key, mine) != null) continue; // lost the race: use theirs
            mine.whenComplete((flow, err) -> {
                if (err != null) byRemote.remove(key, mine);
                else flow.poolEntry = mine;
            });
            connect.accept(mine);
            return mine;
        }
    }

    /** Makes an accepted connection reachable by its remote address. */
    void registerInbound(ConnectionFlow flow) {
        CompletableFuture<ConnectionFlow> entry = CompletableFuture.completedFuture(flow);
        flow.poolEntry = entry;
        byRemote.put(new Key(flow.transport, flow.remote), entry);
    }

    /** Forgets a closed connection (only its own entry: a newer one may have replaced it). */
    void remove(ConnectionFlow flow) {
        CompletableFuture<ConnectionFlow> entry = flow.poolEntry;
        if (entry != null) byRemote.remove(new Key(flow.transport, flow.remote), entry);
    }

    /** Closes every connection and waits a little for them. */
    void closeAll(boolean wait) {
        var f = channels.close();
        if (wait) f.awaitUninterruptibly(2, TimeUnit.SECONDS);
        byRemote.clear();
    }
}
