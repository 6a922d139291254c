package io.sipflow.stack.transaction;

/**
 * Monotonic milliseconds for the timer wheels. Tests substitute a {@link FakeClock} and step
 * time deterministically.
 */
@FunctionalInterface
public interface Clock {
    /** Milliseconds from an arbitrary origin; never goes backwards. */
    long millis();

    /** {@link System#nanoTime()} in milliseconds (not wall-clock time, so NTP steps do not fire timers). */
    static Clock system() {
        return () -> System.nanoTime() / 1_000_000L;
    }
}
