package io.sipflow.stack.transaction;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor (e.g. one virtual
 * thread per task). The TU must see a transaction's events in order — 180 before 200, the
 * INVITE before its CANCEL — even when each event runs on its own thread. Lock-free.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) delegate.execute(this::drain);
    }

    private void drain() {
        do {
            Runnable r = queue.poll();
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                log.error("transaction user callback failed", e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
