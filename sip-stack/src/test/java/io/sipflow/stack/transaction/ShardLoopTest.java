package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShardLoopTest {
    @Test
    void runsTasksInOrderOnItsOwnThreadAndFiresTimers() throws Exception {
        try (ShardLoop shard = new ShardLoop("test-shard", Clock.system(), 5)) {
            AtomicInteger seen = new AtomicInteger();
            AtomicBoolean ordered = new AtomicBoolean(true);
            AtomicBoolean onShard = new AtomicBoolean(true);
            CountDownLatch done = new CountDownLatch(1);
            int n = 10_000;
            Thread[] producers = new Thread[2];
            for (int p = 0; p < producers.length; p++) {
                producers[p] = new Thread(() -> {
                    for (int i = 0; i < n / 2; i++) shard.execute(() -> {
                        if (!shard.inShard()) onShard.set(false);
                        if (seen.incrementAndGet() == n) done.countDown();
                    });
                });
                producers[p].start();
            }
            for (Thread t : producers) t.join();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(onShard).isTrue();
            assertThat(ordered).isTrue();

            CountDownLatch timer = new CountDownLatch(1);
            long start = System.nanoTime();
            shard.execute(() -> shard.timers().schedule(30, timer::countDown));
            assertThat(timer.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(29));
        }
    }

    @Test
    void serialExecutorKeepsOrderOnVirtualThreads() throws Exception {
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            SerialExecutor serial = new SerialExecutor(exec);
            StringBuffer order = new StringBuffer();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                serial.execute(() -> order.append(n).append(','));
            }
            serial.execute(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) expected.append(i).append(',');
            assertThat(order.toString()).isEqualTo(expected.toString());
        }
    }
}
