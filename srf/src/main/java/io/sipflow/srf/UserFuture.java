package io.sipflow.srf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A future handed to the application. srf completes it on its own threads (a stack shard,
 * which must never block), so every dependent stage the application adds runs on the user
 * executor (virtual threads; for a non-blocking call, {@link NonBlocking}, the call's lane,
 * and a join there is refused): the non-async methods behave as their {@code …Async}
 * counterparts, and a completion that finds anything waiting (a thread in {@link #join()}, a
 * stage of {@code allOf}) happens on the user executor. A future nobody waits for, the common
 * case (e.g. {@code res.send(180)}), completes in place and costs no thread at all (unlike
 * {@code thenApplyAsync(x -> x, executor)}, which starts one for every completion).
 */
final class UserFuture<T> extends CompletableFuture<T> {
    private final Executor executor;
    /** Threads inside join()/get(): dependents that only need waking, which is safe from any thread. */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    UserFuture(Executor executor) {
        this.executor = executor;
    }

    /** True when something other than a waiting thread depends on this future (a stage, a combinator). */
    private boolean hasStages() {
        return getNumberOfDependents() > waiting.get();
    }

    /** A wait on a call's shard would stall it, and every call it owns, for good: refuse it. */
    private static void mayWait() {
        if (Lane.onShard()) throw NonBlocking.wouldBlock();
    }

    @Override
    public T join() {
        if (isDone()) return super.join();
        mayWait();
        waiting.incrementAndGet();
        try {
            return super.join();
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public T get() throws InterruptedException, java.util.concurrent.ExecutionException {
        if (isDone()) return super.get();
        mayWait();
        waiting.incrementAndGet();
        try {
            return super.get();
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public T get(long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        if (isDone()) return super.get(timeout, unit);
        mayWait();
        waiting.incrementAndGet();
        try {
            return super.get(timeout, unit);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** A user future completed as {@code source} is. */
    static <T> UserFuture<T> of(CompletionStage<T> source, Executor executor) {
        UserFuture<T> f = new UserFuture<>(executor);
        source.whenComplete((v, e) -> {
            if (e != null) f.completeExceptionally(e);
            else f.complete(v);
        });
        return f;
    }

    @Override
    public boolean complete(T value) {
        if (isDone()) return false;
        if (!hasStages() || !handOver(() -> super.complete(value))) return super.complete(value);
        return true;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        if (isDone()) return false;
        if (!hasStages() || !handOver(() -> super.completeExceptionally(ex))) {
            return super.completeExceptionally(ex);
        }
        return true;
    }

    private boolean handOver(Runnable completion) {
        try {
            executor.execute(completion);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false; // shut down: complete here
        }
    }

    /** Another user future completed as this one is (each caller gets its own: none can complete the others'). */
    UserFuture<T> fork() {
        UserFuture<T> f = new UserFuture<>(executor);
        super.whenComplete((v, e) -> { // internal and non-blocking: on the completing thread
            if (e != null) f.completeExceptionally(e);
            else f.complete(v);
        });
        return f;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new UserFuture<>(executor);
    }

    @Override
    public Executor defaultExecutor() {
        return executor;
    }

    @Override
    public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
        return thenApplyAsync(fn, executor);
    }

    @Override
    public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
        return thenAcceptAsync(action, executor);
    }

    @Override
    public CompletableFuture<Void> thenRun(Runnable action) {
        return thenRunAsync(action, executor);
    }

    @Override
    public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
            BiFunction<? super T, ? super U, ? extends V> fn) {
        return thenCombineAsync(other, fn, executor);
    }

    @Override
    public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
            BiConsumer<? super T, ? super U> action) {
        return thenAcceptBothAsync(other, action, executor);
    }

    @Override
    public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
        return runAfterBothAsync(other, action, executor);
    }

    @Override
    public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
        return applyToEitherAsync(other, fn, executor);
    }

    @Override
    public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
        return acceptEitherAsync(other, action, executor);
    }

    @Override
    public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
        return runAfterEitherAsync(other, action, executor);
    }

    @Override
    public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
        return thenComposeAsync(fn, executor);
    }

    @Override
    public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
        return handleAsync(fn, executor);
    }

    @Override
    public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        return whenCompleteAsync(action, executor);
    }

    @Override
    public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
        return exceptionallyAsync(fn, executor);
    }

    @Override
    public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
        return exceptionallyComposeAsync(fn, executor);
    }
}
