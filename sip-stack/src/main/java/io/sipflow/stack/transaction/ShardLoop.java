package io.sipflow.stack.transaction;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Shard} backed by one platform thread: a lock-free multi-producer single-consumer
 * queue of tasks plus a {@link TimerWheel}. When idle the thread parks until the next tick
 * (if timers are pending) or until a producer wakes it; producers unpark it only when it
 * announced that it sleeps, so a busy shard costs producers one queue offer.
 */
public final class ShardLoop implements Shard, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShardLoop.class);
    /** Tasks per batch between timer checks, so a flood of messages cannot starve the timers. */
    private static final int BATCH = 1024;

    private final Queue<Runnable> tasks = PlatformDependent.newMpscQueue();
    private final TimerWheel timers;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean running = true;

    public ShardLoop(String name, Clock clock, long tickMs) {
        this.timers = new TimerWheel(clock, tickMs, 1024);
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (!running) throw new RejectedExecutionException("shard " + thread.getName() + " is closed");
        tasks.offer(task);
        // Dekker pairing with the loop: it writes sleeping then re-reads the queue; we write the
        // queue then read sleeping. Volatile accesses guarantee one of us sees the other.
        if (sleeping) LockSupport.unpark(thread);
    }

    @Override
    public boolean inShard() {
        return Thread.currentThread() == thread;
    }

    @Override
    public TimerWheel timers() {
        return timers;
    }

    private void loop() {
        while (running) {
            int n = 0;
            Runnable r;
            while (n < BATCH && (r = tasks.poll()) != null) {
                n++;
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    log.error("task failed on {}", thread.getName(), e);
                }
            }
            timers.advance();
            if (n == 0) {
                sleeping = true;
                if (tasks.isEmpty() && running) {
                    if (timers.size() == 0) LockSupport.park(this);
                    else LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(timers.millisToNextTick()));
                }
                sleeping = false;
            }
        }
    }

    /** Stops the thread after the current task; queued tasks and pending timers are dropped. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (!inShard()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
