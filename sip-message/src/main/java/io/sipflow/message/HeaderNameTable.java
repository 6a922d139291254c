package io.sipflow.message;

/**
 * Maps header-name bytes straight off the wire to a {@link Header} id without allocating: an
 * open-addressing table keyed by the name's length and its first eight bytes, case-folded and
 * read as one {@code long}. Most defined names (and every compact form) are at most eight
 * bytes long, so one comparison of two longs identifies them; longer names compare the rest
 * eight bytes at a time.
 */
final class HeaderNameTable {
    private static final int SIZE = 1024; // power of two, well above 2x the defined names
    private static final int[] IDS = new int[SIZE];
    private static final int[] LENGTHS = new int[SIZE]; // 0 = free slot
    private static final long[] KEYS = new long[SIZE];
    /** Bytes 8..15 of the name, folded as {@link #key}, zero beyond the name (0 for names up to eight bytes). */
    private static final long[] KEYS2 = new long[SIZE];
    private static final byte[][] NAMES = new byte[SIZE][];

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long FOLD = 0x2020202020202020L;

    private HeaderNameTable() {}

    static synchronized void register(byte[] lowerName, int id) {
        for (byte c : lowerName) {
            // folding relies on this: defined names are unchanged by setting bit 5
            if ((c | 0x20) != c) throw new IllegalArgumentException("header name not foldable: " + new String(lowerName));
        }
        int len = lowerName.length;
        long key = key(lowerName, 0, len);
        int slot = slot(key, len);
        while (LENGTHS[slot] != 0) slot = (slot + 1) & (SIZE - 1);
        NAMES[slot] = lowerName;
        KEYS[slot] = key;
        KEYS2[slot] = len > 8 ? key(lowerName, 8, len - 8) : 0;
        IDS[slot] = id;
        LENGTHS[slot] = len;
    }

    /**
     * The first min(8, len) bytes of {@code b[start..start+len)} as a little-endian long, bit 5
     * set in each of them and the bytes beyond the name zero. Setting bit 5 lower-cases letters
     * and leaves the other token characters of defined names (digits, '-') unchanged; it maps
     * '_' to DEL, which no defined name contains, so a fold can never make a different token
     * equal to a defined name.
     */
    private static long key(byte[] b, int start, int len) {
        long raw;
        if (start + 8 <= b.length) {
            raw = (long) LONGS.get(b, start);
        } else {
            raw = 0;
            for (int i = Math.min(len, 8) - 1; i >= 0; i--) raw = raw << 8 | (b[start + i] & 0xff);
        }
        long mask = len >= 8 ? -1L : (1L << (len << 3)) - 1;
        return (raw | FOLD) & mask;
    }

    private static int slot(long key, int len) {
        return (int) ((key + len) * 0x9E3779B97F4A7C15L >>> 54) & (SIZE - 1);
    }

    /** The id of the header named by {@code b[start..end)}, or {@link Header#UNKNOWN_ID}. */
    static int lookup(byte[] b, int start, int end) {
        int len = end - start;
        if (len == 0) return Header.UNKNOWN_ID;
        long key = key(b, start, len);
        int slot = slot(key, len);
        int l;
        while ((l = LENGTHS[slot]) != 0) {
            if (l == len && KEYS[slot] == key && (len <= 8 || restEqualsFolded(NAMES[slot], b, start))) return IDS[slot];
            slot = (slot + 1) & (SIZE - 1);
        }
        return Header.UNKNOWN_ID;
    }

    /**
     * The id of a defined header of at most eight bytes, from its {@link #key} (a folded
     * little-endian long, zero beyond the name), or {@link Header#UNKNOWN_ID}.
     */
    static int lookupShort(long key, int len) {
        int slot = slot(key, len);
        int l;
        while ((l = LENGTHS[slot]) != 0) {
            if (l == len && KEYS[slot] == key) return IDS[slot];
            slot = (slot + 1) & (SIZE - 1);
        }
        return Header.UNKNOWN_ID;
    }

    /**
     * The id of a defined header of nine to sixteen bytes, from the {@link #key}s of its first
     * eight bytes and of the rest (zero beyond the name), or {@link Header#UNKNOWN_ID}.
     */
    static int lookupMedium(long key, long key2, int len) {
        int slot = slot(key, len);
        int l;
        while ((l = LENGTHS[slot]) != 0) {
            if (l == len && KEYS[slot] == key && KEYS2[slot] == key2) return IDS[slot];
            slot = (slot + 1) & (SIZE - 1);
        }
        return Header.UNKNOWN_ID;
    }

    /** Compares bytes 8.. of a name off the wire with a defined one, ignoring case (as {@link #key}). */
    private static boolean restEqualsFolded(byte[] lower, byte[] b, int start) {
        int n = lower.length;
        int i = 8;
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
