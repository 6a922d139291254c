package io.sipflow.stack.transaction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timer wheel (Varghese &amp; Lauck) owned by one thread: scheduling, cancelling and
 * expiry are O(1) and allocate one small node, with no locks, because only the owning shard
 * thread touches it. Thousands of transactions each run two or three timers (RFC 3261 §17),
 * so a priority queue or a thread per timer would cost far more.
 *
 * <p>Time is divided into ticks of {@code tickMs}; a timer fires at the first tick at or after
 * its deadline, never early, at most one tick late. Timers further away than one revolution
 * stay in their bucket until their tick comes round (each carries its absolute deadline tick).
 * The owner calls {@link #advance()} whenever it wakes; the clock is injected so that tests
 * step time by hand.
 */
public final class TimerWheel {
    private static final Logger log = LoggerFactory.getLogger(TimerWheel.class);

    private final Clock clock;
    private final long tickMs;
    private final Timeout[] buckets;
    private final int mask;
    private final long origin;
    /** The last tick whose bucket was processed. */
    private long tick;
    private int size;

    /**
     * @param tickMs resolution (e.g. 10 ms for SIP: T1 is 500 ms)
     * @param slots buckets per revolution, rounded up to a power of two
     */
    public TimerWheel(Clock clock, long tickMs, int slots) {
        if (tickMs <= 0 || slots <= 0) throw new IllegalArgumentException("tick and slots must be positive");
        this.clock = clock;
        this.tickMs = tickMs;
        int n = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
        this.buckets = new Timeout[n];
        this.mask = n - 1;
        this.origin = clock.millis();
    }

    /** 10 ms ticks, 1024 slots (one revolution ≈ 10 s). */
    public TimerWheel(Clock clock) {
        this(clock, 10, 1024);
    }

    public Clock clock() {
        return clock;
    }

    public long tickMillis() {
        return tickMs;
    }

    /** Pending timers. */
    public int size() {
        return size;
    }

    /** Runs {@code task} on the owning thread once {@code delayMs} has passed. */
    public Timeout schedule(long delayMs, Runnable task) {
        long deadline = clock.millis() + Math.max(0, delayMs) - origin;
        long t = Math.ceilDiv(deadline, tickMs);
        if (t <= tick) t = tick + 1;
        Timeout to = new Timeout(this, task, t);
        link(to);
        return to;
    }

    /**
     * Fires every timer whose tick has come, in tick order; returns how many fired. Timers that
     * a task schedules or cancels take effect at once.
     */
    public int advance() {
        long target = Math.floorDiv(clock.millis() - origin, tickMs);
        int fired = 0;
        while (tick < target) {
            if (size == 0) {
                tick = target;
                break;
            }
            tick++;
            fired += expire((int) (tick & mask));
        }
        return fired;
    }

    /** Milliseconds until the next tick boundary (how long an idle owner may sleep when timers are pending). */
    public long millisToNextTick() {
        long elapsed = clock.millis() - origin;
        long next = (Math.floorDiv(elapsed, tickMs) + 1) * tickMs;
        return Math.max(1, next - elapsed);
    }

    private int expire(int slot) {
        // First unlink everything due into a private chain, then run: a task may cancel or
        // schedule timers in this very bucket, which must not disturb the iteration.
        Timeout due = null;
        Timeout t = buckets[slot];
        while (t != null) {
            Timeout next = t.next;
            if (t.deadlineTick <= tick) {
                unlink(t);
                t.state = Timeout.DUE;
                t.next = due;
                due = t;
            }
            t = next;
        }
        int fired = 0;
        // The chain is in reverse bucket order; order within one tick is unspecified anyway.
        while (due != null) {
            Timeout next = due.next;
            due.next = null;
            if (due.state == Timeout.DUE) {
                due.state = Timeout.FIRED;
                fired++;
                try {
                    due.task.run();
                } catch (RuntimeException | Error e) {
                    log.error("timer task failed", e);
                }
            }
            due = next;
        }
        return fired;
    }

    private void link(Timeout t) {
        int slot = (int) (t.deadlineTick & mask);
        Timeout head = buckets[slot];
        t.next = head;
        if (head != null) head.prev = t;
        buckets[slot] = t;
        size++;
    }

    private void unlink(Timeout t) {
        int slot = (int) (t.deadlineTick & mask);
        if (t.prev != null) t.prev.next = t.next;
        else buckets[slot] = t.next;
        if (t.next != null) t.next.prev = t.prev;
        t.prev = null;
        t.next = null;
        size--;
    }

    /** A scheduled task; cancel it from the owning thread. */
    public static final class Timeout {
        /** In a bucket / unlinked and about to run in the current tick / ran / cancelled. */
        static final int PENDING = 0, DUE = 1, FIRED = 2, CANCELLED = 3;

        private final TimerWheel wheel;
        private final Runnable task;
        private final long deadlineTick;
        private Timeout prev;
        private Timeout next;
        private int state;

        Timeout(TimerWheel wheel, Runnable task, long deadlineTick) {
            this.wheel = wheel;
            this.task = task;
            this.deadlineTick = deadlineTick;
        }

        /** Stops the timer; true when it had not fired yet. */
        public boolean cancel() {
            if (state == PENDING) {
                state = CANCELLED;
                wheel.unlink(this);
                return true;
            }
            if (state == DUE) {
                // Due in the tick being processed, not run yet (another task of the same tick cancels it).
                state = CANCELLED;
                return true;
            }
            return false;
        }

        public boolean isPending() {
            return state == PENDING || state == DUE;
        }
    }
}
