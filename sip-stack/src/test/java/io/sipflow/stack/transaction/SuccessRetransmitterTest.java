package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §13.3.1.4: the UAS core retransmits a 2xx until the ACK, and gives up at 64·T1. */
class SuccessRetransmitterTest {
    final FakeClock clock = new FakeClock();
    final ManualShard shard = new ManualShard(clock);
    final List<Long> sends = new ArrayList<>();
    final List<Long> timeouts = new ArrayList<>();
    final SuccessRetransmitter r = new SuccessRetransmitter(shard.timers(), TimerConfig.DEFAULT,
            () -> sends.add(clock.millis()), () -> timeouts.add(clock.millis()));

    @Test
    void retransmitsDoublingToT2AndReportsTheAckTimeoutAt64T1() {
        r.start(false);
        shard.advance(40_000);
        assertThat(sends).containsExactly(500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(timeouts).containsExactly(32_000L);
        assertThat(r.isDone()).isTrue();
    }

    @Test
    void theAckStopsEverything() {
        r.start(false);
        shard.advance(2000);
        r.stop();
        shard.advance(60_000);
        assertThat(sends).containsExactly(500L, 1500L);
        assertThat(timeouts).isEmpty();
    }

    @Test
    void reliableTransportsDoNotRetransmitButStillTimeOut() {
        r.start(true);
        shard.advance(40_000);
        assertThat(sends).isEmpty();
        assertThat(timeouts).containsExactly(32_000L);
    }
}
