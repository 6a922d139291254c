package io.sipflow.srf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor. A call's state (its
 * INVITE transaction, early and confirmed dialogs) is owned by one lane, so the per-message
 * path needs no locks: every event is posted here.
 *
 * <p>Two kinds of delegate: the stack shard that owns the call's Call-ID (srf's own
 * bookkeeping, which never blocks: the messages of the call are already on that thread, so
 * posting costs no thread hand-off), or virtual threads (work that may block: user code).
 * User code runs on a shard lane only when it promised not to block ({@link NonBlocking}).
 *
 * <p>Lock-free and small, since every live dialog keeps one: an idle lane is one object of
 * four fields (no queue object): the queue is a chain of nodes from {@code head} to
 * {@code tail}, {@code tail} null when idle. A producer swaps itself in as the tail; the one
 * that found the lane idle submits the drain.
 */
final class Lane implements Executor, Runnable {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);
    /** Tasks per turn on the delegate, so one busy lane cannot hold a shard thread for long. */
    private static final int BATCH = 64;
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Lane.class, "tail", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Node {
        final Runnable task;
        volatile Node next;

        Node(Runnable task) {
            this.task = task;
        }
    }

    /** Set on a thread while it runs a turn of a lane on a stack shard: blocking there would stall every call of the shard. */
    private static final ThreadLocal<Lane> ON_SHARD = new ThreadLocal<>();

    private final Executor delegate;
    /** The delegate is a stack shard (an I/O thread), not virtual threads. */
    private final boolean shard;
    private volatile Node tail;
    /** The first node of the next turn: written before the turn is submitted, read by it. */
    private Node head;
    private volatile Thread owner;

    Lane(Executor delegate) {
        this.delegate = delegate;
        this.shard = delegate instanceof io.sipflow.stack.transaction.Shard;
    }

    /** True when the calling thread runs a turn of a lane on a stack shard (where nothing may block). */
    static boolean onShard() {
        return ON_SHARD.get() != null;
    }

    /** Where a non-blocking call's futures complete and its callbacks run: this lane, unless it is on virtual threads anyway. */
    boolean isShard() {
        return shard;
    }

    /** The stack shard this lane runs on, or null (virtual threads). */
    io.sipflow.stack.transaction.Shard shard() {
        return shard ? (io.sipflow.stack.transaction.Shard) delegate : null;
    }

    @Override
    public void execute(Runnable task) {
        Node n = new Node(task);
        Node prev = (Node) TAIL.getAndSet(this, n);
        if (prev == null) {
            head = n;
            delegate.execute(this);
        } else {
            prev.next = n;
        }
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

    /** One turn: runs queued tasks until the lane is idle (or BATCH ran: then the rest goes on a new turn). */
    @Override
    public void run() {
        Node n = head;
        head = null;
        Thread me = Thread.currentThread();
        owner = me;
        if (shard) ON_SHARD.set(this);
        try {
            turn(n, me);
        } finally {
            if (shard) ON_SHARD.remove();
        }
    }

    private void turn(Node n, Thread me) {
        for (int ran = 1;; ran++) {
            try {
                n.task.run();
            } catch (RuntimeException | Error e) {
                log.error("dialog task failed", e);
            }
            Node next = n.next;
            if (next == null) {
                owner = null;
                if (TAIL.compareAndSet(this, n, null)) return;
                // A producer swapped the tail but has not linked it yet.
                while ((next = n.next) == null) Thread.onSpinWait();
                owner = me;
            }
            n = next;
            if (ran >= BATCH) {
                owner = null;
                head = n;
                delegate.execute(this);
                return;
            }
        }
    }
}
