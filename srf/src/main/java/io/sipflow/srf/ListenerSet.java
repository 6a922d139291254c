package io.sipflow.srf;

import java.util.Arrays;

/**
 * A dialog's listeners and handlers in one flat copy-on-write array of (kind, function) pairs,
 * in registration order: most dialogs have none or a few, and an idle dialog should not carry
 * a list per event (RFC 3261 §12 state is all it needs). Listeners of a kind accumulate;
 * a handler kind holds at most one (the latest; null removes it). Static helpers: the owner
 * keeps the array in a volatile field and swaps it by compare-and-set.
 */
final class ListenerSet {
    /** What a function listens to. */
    enum Kind {
        DESTROY, REFRESH, HOLD, UNHOLD, ACK, UNSUBSCRIBE,
        MODIFY(true), INFO(true), NOTIFY(true), REFER(true), MESSAGE(true), OPTIONS(true), UPDATE(true),
        PUBLISH(true), SUBSCRIBE(true), REINVITE_RELAY(true), SUBSCRIBE_RELAY(true);

        /** One function at most (a handler that answers), replaced by the next. */
        final boolean single;

        Kind() {
            this(false);
        }

        Kind(boolean single) {
            this.single = single;
        }
    }

    static final Object[] NONE = new Object[0];

    private ListenerSet() {}

    /** {@code set} with {@code fn} added under {@code kind} (replacing a handler; null removes it). */
    static Object[] with(Object[] set, Kind kind, Object fn) {
        Object[] base = set;
        if (kind.single) {
            int at = indexOf(set, kind);
            if (at >= 0) {
                if (fn != null) {
                    base = set.clone();
                    base[at + 1] = fn;
                    return base;
                }
                base = new Object[set.length - 2];
                System.arraycopy(set, 0, base, 0, at);
                System.arraycopy(set, at + 2, base, at, set.length - at - 2);
                return base;
            }
            if (fn == null) return set;
        }
        Object[] n = Arrays.copyOf(base, base.length + 2);
        n[base.length] = kind;
        n[base.length + 1] = fn;
        return n;
    }

    /** The handler of {@code kind}, or null. */
    @SuppressWarnings("unchecked")
    static <T> T handler(Object[] set, Kind kind) {
        int at = indexOf(set, kind);
        return at < 0 ? null : (T) set[at + 1];
    }

    static boolean has(Object[] set, Kind kind) {
        return indexOf(set, kind) >= 0;
    }

    private static int indexOf(Object[] set, Kind kind) {
        for (int i = 0; i < set.length; i += 2) if (set[i] == kind) return i;
        return -1;
    }
}
