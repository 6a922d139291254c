package io.sipflow.srf;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor (virtual threads). A
 * call's state (its INVITE transaction, early and confirmed dialogs) is owned by one lane, so
 * the per-message path needs no locks: every event is posted here. Lock-free.
 */
final class Lane implements Executor {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    private final Executor delegate;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread owner;

    Lane(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) delegate.execute(this::drain);
    }

    /** True when called from a task of this lane. */
    boolean inLane() {
        return owner == Thread.currentThread();
    }

    /** Runs now when already on the lane, else queues. */
    void run(Runnable task) {
        if (inLane()) task.run();
        else execute(task);
    }

    private void drain() {
        owner = Thread.currentThread();
        try {
            do {
                Runnable r = queue.poll();
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    log.error("dialog task failed", e);
                }
            } while (pending.decrementAndGet() != 0);
        } finally {
            owner = null;
        }
    }
}
