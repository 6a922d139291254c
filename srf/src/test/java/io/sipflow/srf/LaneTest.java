package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lane: one task at a time, in submission order per producer, from many producers, beyond one batch. */
class LaneTest {

    @Test
    void runsEveryTaskOnceInOrderWithoutOverlap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            Lane lane = new Lane(pool);
            int perProducer = 20_000;
            List<List<Integer>> seen = new ArrayList<>();
            for (int p = 0; p < 4; p++) seen.add(new ArrayList<>()); // touched only on the lane
            int[] running = new int[1];
            boolean[] overlap = new boolean[1];
            CountDownLatch done = new CountDownLatch(4 * perProducer);
            for (int p = 0; p < 4; p++) {
                int producer = p;
                producers.execute(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int n = i;
                        lane.execute(() -> {
                            if (++running[0] != 1) overlap[0] = true;
                            assertThat(lane.inLane()).isTrue();
                            seen.get(producer).add(n);
                            running[0]--;
                            done.countDown();
                        });
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch last = new CountDownLatch(1);
            lane.execute(last::countDown); // a happens-before edge to read the lane's lists
            assertThat(last.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(overlap[0]).isFalse();
            for (List<Integer> l : seen) {
                assertThat(l).hasSize(perProducer);
                for (int i = 0; i < perProducer; i++) assertThat(l.get(i)).isEqualTo(i);
            }
            assertThat(lane.inLane()).isFalse();
        } finally {
            producers.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskPostedFromTheLaneRunsAfterTheCurrentOneAndRunRunsInline() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Lane lane = new Lane(pool);
            List<String> order = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            lane.execute(() -> {
                lane.execute(() -> {
                    order.add("posted");
                    done.countDown();
                });
                lane.run(() -> order.add("inline"));
                order.add("first");
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("inline", "first", "posted");
        } finally {
            pool.shutdownNow();
        }
    }
}
