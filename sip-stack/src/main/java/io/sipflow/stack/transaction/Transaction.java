package io.sipflow.stack.transaction;

import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * Common ground of the four state machines: the state (written only on the shard thread,
 * volatile so that the TU can read it anywhere), timers, and the hop back to the shard when
 * the transport reports a failure on one of its own threads.
 */
abstract class Transaction {
    final TransactionContext ctx;
    final TimerConfig timers;
    private volatile TransactionState state;

    Transaction(TransactionContext ctx, TransactionState initial) {
        this.ctx = ctx;
        this.timers = ctx.timerConfig();
        this.state = initial;
    }

    public TransactionState state() {
        return state;
    }

    final void state(TransactionState s) {
        state = s;
    }

    final boolean is(TransactionState s) {
        return state == s;
    }

    final TimerWheel.Timeout schedule(long delayMs, Runnable task) {
        return ctx.shard().timers().schedule(delayMs, task);
    }

    static void cancel(TimerWheel.Timeout t) {
        if (t != null) t.cancel();
    }

    /**
     * Reports a failed send back on the shard, always queued: a send that fails synchronously
     * must not re-enter the machine halfway through a transition.
     */
    final CompletableFuture<Flow> watch(CompletableFuture<Flow> sent) {
        sent.whenComplete((flow, error) -> {
            if (error != null) ctx.shard().execute(() -> transportError(error));
        });
        return sent;
    }

    /** A fatal transport error (§17.1.1.2, §17.1.2.2, §17.2.4). */
    abstract void transportError(Throwable cause);

    /** Stops every timer of the machine. */
    abstract void cancelTimers();

    /** Moves to Terminated and lets the layer forget the transaction; idempotent. */
    final void terminate() {
        if (state == TransactionState.TERMINATED) return;
        cancelTimers();
        state = TransactionState.TERMINATED;
        ctx.terminated(this);
    }
}
