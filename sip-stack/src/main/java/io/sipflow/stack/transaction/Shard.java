package io.sipflow.stack.transaction;

import java.util.concurrent.Executor;

/**
 * An owning thread: every transaction lives on exactly one shard (chosen by Call-ID, so the
 * requests, responses, ACKs and CANCELs of a call meet there), and all of its state and
 * timers are touched only by that thread. Other threads hand work over with
 * {@link #execute}; nothing on the per-message path takes a lock.
 */
public interface Shard extends Executor {
    /** Queues a task to run on the shard thread (never runs it inline). */
    @Override
    void execute(Runnable task);

    /** True when the calling thread is this shard's thread. */
    boolean inShard();

    /** The shard's timers; use only from the shard thread. */
    TimerWheel timers();

    /** Runs {@code task} now when already on the shard, else queues it. */
    default void run(Runnable task) {
        if (inShard()) task.run();
        else execute(task);
    }
}
