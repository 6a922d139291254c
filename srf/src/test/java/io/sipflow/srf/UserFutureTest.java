package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Futures handed to the application never run its stages on srf's (shard) thread. */
class UserFutureTest {

    @Test
    void stagesRunOnTheUserExecutorNotOnTheCompletingThread() throws Exception {
        ExecutorService user = Executors.newSingleThreadExecutor(r -> new Thread(r, "user"));
        try {
            UserFuture<String> f = new UserFuture<>(user);
            CompletableFuture<String> where = f.thenApply(x -> Thread.currentThread().getName());
            CompletableFuture<String> viaAllOf = CompletableFuture.allOf(f).thenApply(x -> Thread.currentThread().getName());
            CompletableFuture<String> viaFork = f.fork().thenApply(x -> Thread.currentThread().getName());
            Thread shard = new Thread(() -> f.complete("x"), "shard");
            shard.start();
            shard.join();
            assertThat(where.get(10, TimeUnit.SECONDS)).isEqualTo("user");
            assertThat(viaAllOf.get(10, TimeUnit.SECONDS)).isEqualTo("user");
            assertThat(viaFork.get(10, TimeUnit.SECONDS)).isEqualTo("user");
        } finally {
            user.shutdownNow();
        }
    }

    @Test
    void aWaitingThreadIsWokenAndAnUnwatchedFutureCompletesInPlace() throws Exception {
        ExecutorService user = Executors.newSingleThreadExecutor();
        try {
            UserFuture<String> unwatched = new UserFuture<>(user);
            assertThat(unwatched.complete("a")).isTrue();
            assertThat(unwatched.isDone()).isTrue(); // no hand-over when nobody waits
            UserFuture<String> awaited = new UserFuture<>(user);
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                awaited.complete("b");
            });
            t.start();
            assertThat(awaited.get(10, TimeUnit.SECONDS)).isEqualTo("b");
            t.join();
        } finally {
            user.shutdownNow();
        }
    }
}
