package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/** Polls a condition that becomes true asynchronously (bounded; no timing assertion). */
final class Eventually {
    private Eventually() {}

    static void holds(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Recorder.WAIT_SECONDS * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("%s within %d s", what, Recorder.WAIT_SECONDS).isTrue();
            Thread.sleep(10);
        }
    }
}
