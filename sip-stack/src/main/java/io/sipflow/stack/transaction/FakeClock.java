package io.sipflow.stack.transaction;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: for deterministic tests of timers. */
public final class FakeClock implements Clock {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long millis() {
        return now.get();
    }

    public void advance(long ms) {
        if (ms < 0) throw new IllegalArgumentException("time does not go backwards");
        now.addAndGet(ms);
    }
}
