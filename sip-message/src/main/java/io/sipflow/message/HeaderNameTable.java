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

    private static boolean equalsFolded(byte[] lower, byte[] b, int start) {
        for (int i = 0; i < lower.length; i++) {
            int c = b[start + i];
            if (c >= 'A' && c <= 'Z') c |= 0x20;
            if (c != lower[i]) return false;
        }
        return true;
    }
}
