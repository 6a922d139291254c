package io.sipflow.stack.transport.netty;

import io.sipflow.stack.transport.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A pool entry: one connection, being established or established. Sends made while it is
 * being established (TCP connect, TLS handshake, WebSocket upgrade) are queued and written
 * in submission order once it is ready; they all fail together if it never becomes ready.
 * (Chaining each send on a future instead would reorder them: dependents of a
 * CompletableFuture run in reverse order.)
 *
 * <p>The queue's lock is taken only while the connection is being set up; an established
 * entry is read lock-free through {@link #flow()}.
 */
final class ConnectionEntry {
    /** Writes on an established connection, completing {@code f}. */
    interface Writer {
        void write(ConnectionFlow flow, byte[] encoded, SendFuture f);
    }

    private record Queued(byte[] encoded, SendFuture future) {}

    private final Writer writer;
    private final Runnable onFailure;
    private List<Queued> queue = new ArrayList<>(2); // guarded by this; null once settled
    private volatile ConnectionFlow flow;
    private volatile Throwable failure;

    ConnectionEntry(Writer writer, Runnable onFailure) {
        this.writer = writer;
        this.onFailure = onFailure;
    }

    /** An entry for a connection that is already up (an accepted one). */
    static ConnectionEntry established(ConnectionFlow flow, Writer writer) {
        ConnectionEntry e = new ConnectionEntry(writer, () -> {});
        e.queue = null;
        e.flow = flow;
        return e;
    }

    /** The connection, once ready; null while pending or after failure. */
    ConnectionFlow flow() {
        return flow;
    }

    boolean isPending() {
        return flow == null && failure == null;
    }

    /** Sends now if ready, else when ready (in order), else fails. */
    CompletableFuture<Flow> send(byte[] encoded) {
        synchronized (this) {
            if (queue != null) {
                SendFuture f = new SendFuture(null);
                queue.add(new Queued(encoded, f));
                return f;
            }
        }
        ConnectionFlow fl = flow;
        if (fl == null) return CompletableFuture.failedFuture(IoErrors.io(failure));
        SendFuture f = new SendFuture(fl);
        writer.write(fl, encoded, f);
        return f;
    }

    /**
     * The connection is ready; called on its I/O thread, so the queued sends are written
     * before any send submitted from another thread after this point (which the event loop
     * runs later).
     *
     * @return false when the entry already failed (the caller closes the connection)
     */
    boolean ready(ConnectionFlow ready) {
        List<Queued> q;
        synchronized (this) {
            if (queue == null) return false;
            q = queue;
            queue = null;
            flow = ready;
        }
        ready.poolEntry = this;
        for (Queued x : q) {
            x.future.flow = ready;
            writer.write(ready, x.encoded, x.future);
        }
        return true;
    }

    /** The connection could not be established: fail what was queued, leave the pool. */
    void fail(Throwable cause) {
        List<Queued> q;
        synchronized (this) {
            if (queue == null) return;
            q = queue;
            queue = null;
            failure = cause;
        }
        onFailure.run();
        var e = IoErrors.io(cause);
        for (Queued x : q) x.future.completeExceptionally(e);
    }
}
