package io.sipflow.message;

/**
 * Maps header-name bytes straight off the wire to a {@link Header} id without allocating:
 * an open-addressing table keyed by a case-folded hash, verified byte by byte.
 */
final class HeaderNameTable {
    private static final int SIZE = 1024; // power of two, well above 2x the defined names
    private static final int[] IDS = new int[SIZE];
    private static final byte[][] NAMES = new byte[SIZE][];

    private HeaderNameTable() {}

    static int hash(byte[] b, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + (b[i] | 0x20);
        return h;
    }

    static synchronized void register(byte[] lowerName, int id) {
        for (byte c : lowerName) {
            // equalsFolded relies on this: defined names are unchanged by setting bit 5
            if ((c | 0x20) != c) throw new IllegalArgumentException("header name not foldable: " + new String(lowerName));
        }
        int slot = mix(hash(lowerName, 0, lowerName.length));
        while (NAMES[slot] != null) slot = (slot + 1) & (SIZE - 1);
        NAMES[slot] = lowerName;
        IDS[slot] = id;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return h & (SIZE - 1);
    }

    /** The id of the header named by {@code b[start..end)}, or {@link Header#UNKNOWN_ID}. */
    static int lookup(byte[] b, int start, int end, int hash) {
        int len = end - start;
        int slot = mix(hash);
        byte[] n;
        while ((n = NAMES[slot]) != null) {
            if (n.length == len && equalsFolded(n, b, start)) return IDS[slot];
            slot = (slot + 1) & (SIZE - 1);
        }
        return Header.UNKNOWN_ID;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long FOLD = 0x2020202020202020L;

    /**
     * Compares a name off the wire with a defined one, ignoring case, eight bytes at a time.
     * Setting bit 5 lower-cases letters and leaves the other token characters of defined
     * names (digits, '-') unchanged; it maps '_' to DEL, which no defined name contains, so a
     * fold can never make a different token equal to a defined name.
     */
    private static boolean equalsFolded(byte[] lower, byte[] b, int start) {
        int n = lower.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONGS.get(b, start + i) | FOLD;
            if (x != (long) LONGS.get(lower, i)) return false;
        }
        for (; i < n; i++) {
            if ((b[start + i] | 0x20) != lower[i]) return false;
        }
        return true;
    }
}
