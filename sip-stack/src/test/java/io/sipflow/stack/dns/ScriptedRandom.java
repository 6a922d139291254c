package io.sipflow.stack.dns;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Returns scripted values from {@code nextInt(bound)}, the only call the RFC 2782 weighted
 * selection makes, so a test states exactly which record each draw picks.
 */
final class ScriptedRandom extends Random {
    private static final long serialVersionUID = 1L;

    private final Deque<Integer> values = new ArrayDeque<>();

    ScriptedRandom(int... values) {
        for (int v : values) this.values.add(v);
    }

    @Override
    public synchronized int nextInt(int bound) {
        Integer v = values.poll();
        if (v == null) throw new AssertionError("more random draws than scripted (bound " + bound + ")");
        if (v < 0 || v >= bound) throw new AssertionError("scripted " + v + " outside [0, " + bound + ")");
        return v;
    }

    synchronized int remaining() {
        return values.size();
    }
}
