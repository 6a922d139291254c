package io.sipflow.stack.transaction;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Shard} that is one of the transport's I/O event loops: a message received on that
 * loop for a Call-ID the loop owns is handled where it was read, and a response or request
 * sent from it is written by the same thread, so a call costs no thread hand-off and no
 * wake-up on the paths that stay on one loop. Messages read on another loop are queued to
 * this one (Netty's own lock-free task queue).
 *
 * <p>The {@link TimerWheel} is advanced by a periodic task of the loop every tick. Work
 * run here must never block: the TU runs here only when declared non-blocking.
 */
public final class EventLoopShard implements Shard, AutoCloseable {
    private final EventExecutor loop;
    private final TimerWheel timers;
    private final Future<?> ticker;

    public EventLoopShard(EventExecutor loop, Clock clock, long tickMs) {
        this.loop = loop;
        this.timers = new TimerWheel(clock, tickMs, 1024);
        this.ticker = loop.scheduleAtFixedRate(timers::advance, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable task) {
        if (loop.isShuttingDown()) throw new RejectedExecutionException("I/O loop is shutting down");
        loop.execute(task);
    }

    @Override
    public boolean inShard() {
        return loop.inEventLoop();
    }

    @Override
    public TimerWheel timers() {
        return timers;
    }

    /** Stops the ticker; the loop itself belongs to the transport, which shuts it down. */
    @Override
    public void close() {
        ticker.cancel(false);
    }
}
