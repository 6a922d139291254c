package io.sipflow.stack.transaction;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A {@link Shard} that runs nothing by itself: tasks wait until {@link #runPending()}, timers
 * until {@link #advance(long)} moves the {@link FakeClock}. For deterministic tests of the
 * stack and of applications built on it; use it from one thread.
 */
public final class ManualShard implements Shard {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final FakeClock clock;
    private final TimerWheel timers;
    private Thread runner;

    /** A shard on {@code clock} with 1 ms ticks, so timers fire exactly on time. */
    public ManualShard(FakeClock clock) {
        this.clock = clock;
        this.timers = new TimerWheel(clock, 1, 4096);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** True while this shard runs tasks or timers on the calling thread. */
    @Override
    public boolean inShard() {
        return runner == Thread.currentThread();
    }

    @Override
    public TimerWheel timers() {
        return timers;
    }

    public FakeClock clock() {
        return clock;
    }

    /** Runs queued tasks (and tasks they queue) and due timers until none is left; returns how many ran. */
    public int runPending() {
        Thread previous = runner;
        runner = Thread.currentThread();
        try {
            int n = timers.advance();
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
                n++;
            }
            return n;
        } finally {
            runner = previous;
        }
    }

    /** Pending tasks. */
    public int queued() {
        return tasks.size();
    }

    /** Moves the clock forward 1 ms at a time, running due timers and tasks at each step. */
    public void advance(long ms) {
        runPending();
        for (long i = 0; i < ms; i++) {
            clock.advance(1);
            runPending();
        }
    }
}
