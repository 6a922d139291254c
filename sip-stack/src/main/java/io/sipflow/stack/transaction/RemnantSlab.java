package io.sipflow.stack.transaction;

/**
 * The long-lived remnants of one shard's answered server transactions, kept in primitive
 * arrays instead of objects: an INVITE in Accepted (RFC 6026 §8.7, Timer L) and a non-INVITE
 * in Completed over an unreliable transport (RFC 3261 §17.2.2, Timer J). Both last 64·T1
 * (32 s by default) after the final response, so at a few thousand calls per second a young
 * garbage collection found tens of megabytes of them still alive and copied them, again and
 * again until they were tenured: pauses of 50–150 ms. Primitive arrays hold no references, so
 * once grown and tenured they cost a collection nothing, whatever they contain.
 *
 * <p><b>Layout.</b> Every entry has the same lifetime (64·T1 of the shard's timers), so entries
 * expire in the order they were added: a FIFO ring of entries (parallel arrays indexed by
 * {@code seq & mask}) whose variable-length data sits contiguously in a byte arena that is a
 * ring too, reclaimed from its tail as entries expire. An entry's data is a small header of
 * lengths followed by the bytes of: the §17.2.3 match key (branch, sent-by host; the port is an
 * array), the method, the To tag of the final response (§9.2: the 200 to a CANCEL carries it),
 * the §8.2.2.2 merge key (From tag, Call-ID; CSeq number in an array; the method is the
 * entry's) when the request had one, and the final response of a non-INVITE, resent for each
 * retransmitted request. Two open-addressing indexes (linear probing, backward-shift deletion)
 * map a hash of the match key and of the merge key to entries; a hit is always confirmed by
 * comparing the bytes, never by the hash alone. All arrays grow by doubling and never shrink.
 *
 * <p>Strings are stored one byte per character; an entry whose keys have a character outside
 * US-ASCII or a field longer than 65,535 bytes is refused ({@link #add} returns -1) and stays an
 * object remnant, as does any entry beyond the slab's bounds (2^26 entries, a 1 GiB arena;
 * {@link StackLimits} keeps a shard far below them). A handle is the entry's sequence number;
 * it stays valid until the entry expires or is removed. Shard-owned: no locks.
 */
final class RemnantSlab {
    /** Entry flags. */
    private static final byte LIVE = 1, INVITE = 2, MERGE = 4;
    /** Header: branch, host, method, To tag + 1 (0: none), From tag, Call-ID as u16; response as u32. */
    private static final int HEADER = 2 + 2 + 2 + 2 + 2 + 2 + 4;
    private static final int MAX_FIELD = 0xFFFF;
    /** Bounds that keep every index and offset an int; beyond them remnants stay objects. */
    private static final int MAX_ENTRIES = 1 << 26, MAX_ARENA = 1 << 30;

    private final boolean collideForTest;

    // ---------------------------------------------------------------- entry ring
    private int mask;
    /** Next sequence number to write; the oldest entry still in the ring (live or dead). */
    private int head, tail;
    private int live;
    private long[] expiresAt;
    private long[] dataPos;
    private long[] cseq;
    private int[] port;
    private int[] route;
    private int[] matchHash;
    private int[] mergeHash;
    private byte[] flags;

    // ---------------------------------------------------------------- arena ring
    private byte[] arena;
    /** Virtual position of the next byte to write (physical: {@code & arena.length - 1}). */
    private long writePos;

    // ---------------------------------------------------------------- indexes (entry slot + 1; 0 empty)
    private int[] byMatch;
    private int[] byMerge;

    private final RouteRegistry routes = new RouteRegistry();

    RemnantSlab() {
        this(1024, 64 * 1024, false);
    }

    /** @param collideForTest every key hashes alike, so that only the byte comparison tells entries apart */
    RemnantSlab(int entries, int arenaBytes, boolean collideForTest) {
        this.collideForTest = collideForTest;
        allocateEntries(powerOfTwo(entries));
        arena = new byte[powerOfTwo(arenaBytes)];
        allocateIndexes();
    }

    private static int powerOfTwo(int n) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    private void allocateEntries(int n) {
        mask = n - 1;
        expiresAt = new long[n];
        dataPos = new long[n];
        cseq = new long[n];
        port = new int[n];
        route = new int[n];
        matchHash = new int[n];
        mergeHash = new int[n];
        flags = new byte[n];
    }

    private void allocateIndexes() {
        // At most half full: the ring holds at most capacity entries, the index twice as many slots.
        byMatch = new int[2 * (mask + 1)];
        byMerge = new int[2 * (mask + 1)];
    }

    /** Live entries. */
    int size() {
        return live;
    }

    int entryCapacity() {
        return mask + 1;
    }

    int arenaCapacity() {
        return arena.length;
    }

    // ---------------------------------------------------------------- adding

    /**
     * Adds a remnant; returns its handle, or -1 when it cannot be kept here (a non-ASCII or
     * over-long field). {@code merge} may be null; {@code response} and {@code responseRoute}
     * are null for an Accepted INVITE (it resends nothing: the TU's 2xx retransmissions go
     * through the transaction the TU holds, RFC 6026 §8.7).
     */
    int add(long expires, boolean invite, ServerTransactionTable.BranchKey key, String method, String toTag,
            ServerTransactionTable.MergeKey merge, byte[] response, ResponseRoute responseRoute) {
        String branch = key.branch(), host = key.host();
        String fromTag = merge == null ? null : merge.fromTag();
        String callId = merge == null ? null : merge.callId();
        if (!fits(branch) || !fits(host) || !fits(method) || (toTag != null && !fits(toTag))
                || (merge != null && (!fits(fromTag) || !fits(callId) || !merge.method().equals(method)))) {
            return -1;
        }
        int responseLen = response == null ? 0 : response.length;
        int len = HEADER + branch.length() + host.length() + method.length() + (toTag == null ? 0 : toTag.length())
                + (merge == null ? 0 : fromTag.length() + callId.length()) + responseLen;
        if (head - tail == mask + 1) {
            if (mask + 1 >= MAX_ENTRIES) return -1;
            growEntries();
        }
        long pos = reserve(len);
        if (pos < 0) return -1;

        int seq = head++;
        int slot = seq & mask;
        expiresAt[slot] = expires;
        dataPos[slot] = pos;
        port[slot] = key.port();
        route[slot] = responseRoute == null ? -1 : routes.acquire(responseRoute);
        cseq[slot] = merge == null ? 0 : merge.cseq();
        flags[slot] = (byte) (LIVE | (invite ? INVITE : 0) | (merge != null ? MERGE : 0));
        matchHash[slot] = matchHash(branch, host, key.port());

        int p = (int) (pos & (arena.length - 1));
        p = putShort(p, branch.length());
        p = putShort(p, host.length());
        p = putShort(p, method.length());
        p = putShort(p, toTag == null ? 0 : toTag.length() + 1);
        p = putShort(p, merge == null ? 0 : fromTag.length());
        p = putShort(p, merge == null ? 0 : callId.length());
        p = putInt(p, responseLen);
        p = putAscii(p, branch);
        p = putAscii(p, host);
        p = putAscii(p, method);
        if (toTag != null) p = putAscii(p, toTag);
        if (merge != null) {
            p = putAscii(p, fromTag);
            p = putAscii(p, callId);
        }
        if (response != null) System.arraycopy(response, 0, arena, p, responseLen);

        insert(byMatch, matchHash[slot], slot);
        if (merge != null) {
            mergeHash[slot] = mergeHash(fromTag, callId, merge.cseq(), method);
            insert(byMerge, mergeHash[slot], slot);
        }
        live++;
        return seq;
    }

    private static boolean fits(String s) {
        if (s.length() >= MAX_FIELD) return false; // the To tag is stored as length + 1
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    /** Reserves {@code len} contiguous arena bytes; returns their virtual position, -1 when the arena is at its bound. */
    private long reserve(int len) {
        while (true) {
            int cap = arena.length;
            long pos = writePos;
            int physical = (int) (pos & (cap - 1));
            if (physical + len > cap) pos += cap - physical; // an entry never wraps: skip the rest
            long oldest = head == tail ? pos : dataPos[tail & mask];
            if (len <= cap && pos + len - oldest <= cap) {
                writePos = pos + len;
                return pos;
            }
            if (!growArena(len)) return -1;
        }
    }

    private void growEntries() {
        int n = 2 * (mask + 1);
        long[] e = expiresAt, d = dataPos, c = cseq;
        int[] po = port, r = route, mh = matchHash, gh = mergeHash;
        byte[] f = flags;
        int oldMask = mask;
        allocateEntries(n);
        for (int seq = tail; seq != head; seq++) {
            int o = seq & oldMask, s = seq & mask;
            expiresAt[s] = e[o];
            dataPos[s] = d[o];
            cseq[s] = c[o];
            port[s] = po[o];
            route[s] = r[o];
            matchHash[s] = mh[o];
            mergeHash[s] = gh[o];
            flags[s] = f[o];
        }
        allocateIndexes();
        for (int seq = tail; seq != head; seq++) {
            int s = seq & mask;
            if ((flags[s] & LIVE) == 0) continue;
            insert(byMatch, matchHash[s], s);
            if ((flags[s] & MERGE) != 0) insert(byMerge, mergeHash[s], s);
        }
    }

    /**
     * Doubles the arena (until {@code need} more bytes fit with as much again to spare) and packs
     * the entries from its start; false at {@link #MAX_ARENA}.
     */
    private boolean growArena(int need) {
        long used = head == tail ? 0 : writePos - dataPos[tail & mask];
        long want = arena.length;
        while (want < 2 * (used + need)) want *= 2;
        if (want > MAX_ARENA) return false;
        int cap = (int) want;
        byte[] old = arena;
        int oldMask = old.length - 1;
        byte[] next = new byte[cap];
        long at = 0;
        for (int seq = tail; seq != head; seq++) {
            int s = seq & mask;
            int from = (int) (dataPos[s] & oldMask);
            int len = length(old, from);
            System.arraycopy(old, from, next, (int) at, len);
            dataPos[s] = at;
            at += len;
        }
        arena = next;
        writePos = at;
        return true;
    }

    /** The length of the entry whose header starts at {@code p} in {@code a}. */
    private static int length(byte[] a, int p) {
        int branch = getShort(a, p), host = getShort(a, p + 2), method = getShort(a, p + 4);
        int toTag = getShort(a, p + 6), fromTag = getShort(a, p + 8), callId = getShort(a, p + 10);
        int response = getInt(a, p + 12);
        return HEADER + branch + host + method + Math.max(0, toTag - 1) + fromTag + callId + response;
    }

    // ---------------------------------------------------------------- finding

    /** The entry a request of {@code method} with match key {@code key} belongs to (§17.2.3), or -1. */
    int find(ServerTransactionTable.BranchKey key, String method) {
        if (live == 0) return -1;
        int h = matchHash(key.branch(), key.host(), key.port());
        int m = byMatch.length - 1;
        for (int i = h & m;; i = (i + 1) & m) {
            int v = byMatch[i];
            if (v == 0) return -1;
            int s = v - 1;
            if (matchHash[s] == h && keyEquals(s, key) && (method == null || fieldEquals(s, METHOD, method))) {
                return seqOf(s);
            }
        }
    }

    /** The entry a CANCEL with match key {@code key} matches, whatever its method (§9.2), or -1. */
    int findForCancel(ServerTransactionTable.BranchKey key) {
        return find(key, null);
    }

    /** An entry with this §8.2.2.2 merge key, or -1. */
    int findMerged(String fromTag, String callId, long cseqNumber, String method) {
        if (live == 0) return -1;
        int h = mergeHash(fromTag, callId, cseqNumber, method);
        int m = byMerge.length - 1;
        for (int i = h & m;; i = (i + 1) & m) {
            int v = byMerge[i];
            if (v == 0) return -1;
            int s = v - 1;
            if (mergeHash[s] == h && cseq[s] == cseqNumber && fieldEquals(s, FROM_TAG, fromTag)
                    && fieldEquals(s, CALL_ID, callId) && fieldEquals(s, METHOD, method)) {
                return seqOf(s);
            }
        }
    }

    private int seqOf(int slot) {
        // The ring holds at most mask + 1 entries, so the slot names one sequence number in it.
        return tail + ((slot - tail) & mask);
    }

    private boolean keyEquals(int s, ServerTransactionTable.BranchKey key) {
        return port[s] == key.port() && fieldEquals(s, BRANCH, key.branch()) && fieldEquals(s, HOST, key.host());
    }

    /** Fields in data order; the header gives their lengths. */
    private static final int BRANCH = 0, HOST = 1, METHOD = 2, TO_TAG = 3, FROM_TAG = 4, CALL_ID = 5, RESPONSE = 6;

    /** Physical offset of field {@code f} of the entry in slot {@code s}; its length via {@link #fieldLength}. */
    private int fieldOffset(int s, int f) {
        int p = (int) (dataPos[s] & (arena.length - 1));
        int off = p + HEADER;
        for (int i = 0; i < f; i++) off += fieldLength(p, i);
        return off;
    }

    private int fieldLength(int p, int f) {
        return switch (f) {
            case TO_TAG -> Math.max(0, getShort(arena, p + 6) - 1);
            case RESPONSE -> getInt(arena, p + 12);
            default -> getShort(arena, p + 2 * f);
        };
    }

    private boolean fieldEquals(int s, int f, String value) {
        int p = (int) (dataPos[s] & (arena.length - 1));
        int len = fieldLength(p, f);
        if (len != value.length()) return false;
        int off = fieldOffset(s, f);
        for (int i = 0; i < len; i++) {
            if (arena[off + i] != (byte) value.charAt(i)) return false;
        }
        return true;
    }

    private String field(int s, int f) {
        int p = (int) (dataPos[s] & (arena.length - 1));
        return new String(arena, fieldOffset(s, f), fieldLength(p, f), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- reading an entry

    /** True while {@code handle} names a live entry. */
    boolean isLive(int handle) {
        return Integer.compareUnsigned(handle - tail, head - tail) < 0 && (flags[handle & mask] & LIVE) != 0;
    }

    boolean isInvite(int handle) {
        return (flags[handle & mask] & INVITE) != 0;
    }

    String method(int handle) {
        return field(handle & mask, METHOD);
    }

    /** The To tag of the final response, or null. */
    String toTag(int handle) {
        int s = handle & mask;
        int p = (int) (dataPos[s] & (arena.length - 1));
        return getShort(arena, p + 6) == 0 ? null : field(s, TO_TAG);
    }

    /** A copy of the final response (a non-INVITE's), or null. */
    byte[] response(int handle) {
        int s = handle & mask;
        int p = (int) (dataPos[s] & (arena.length - 1));
        int len = fieldLength(p, RESPONSE);
        if (len == 0) return null;
        int off = fieldOffset(s, RESPONSE);
        byte[] copy = new byte[len];
        System.arraycopy(arena, off, copy, 0, len);
        return copy;
    }

    /** The route of the final response, or null. */
    ResponseRoute route(int handle) {
        int r = route[handle & mask];
        return r < 0 ? null : routes.get(r);
    }

    long expiresAt(int handle) {
        return expiresAt[handle & mask];
    }

    /** Expiry time of the oldest live entry, or {@link Long#MAX_VALUE} when none. */
    long nextExpiry() {
        reclaim();
        return head == tail ? Long.MAX_VALUE : expiresAt[tail & mask];
    }

    /** Live routes held (tests). */
    int routesHeld() {
        return routes.size();
    }

    // ---------------------------------------------------------------- removing

    /** Removes every entry whose time has come ({@code expiresAt <= now}); returns how many. */
    int expire(long now) {
        int n = 0;
        while (head != tail) {
            int s = tail & mask;
            if ((flags[s] & LIVE) != 0) {
                if (expiresAt[s] > now) break;
                unlink(s);
                n++;
            }
            tail++;
        }
        if (head == tail) writePos = 0;
        return n;
    }

    /** Removes a live entry before its time (a transport error, §17.2.4); false when it is gone already. */
    boolean remove(int handle) {
        if (!isLive(handle)) return false;
        unlink(handle & mask);
        reclaim();
        return true;
    }

    /** Drops dead entries at the tail, so that their arena space and slots come back. */
    private void reclaim() {
        while (head != tail && (flags[tail & mask] & LIVE) == 0) tail++;
        if (head == tail) writePos = 0;
    }

    private void unlink(int s) {
        delete(byMatch, matchHash, s);
        if ((flags[s] & MERGE) != 0) delete(byMerge, mergeHash, s);
        if (route[s] >= 0) routes.release(route[s]);
        route[s] = -1;
        flags[s] = 0;
        live--;
    }

    // ---------------------------------------------------------------- open addressing

    private static void insert(int[] index, int hash, int slot) {
        int m = index.length - 1;
        int i = hash & m;
        while (index[i] != 0) i = (i + 1) & m;
        index[i] = slot + 1;
    }

    /** Linear-probing deletion without tombstones: later entries of the run move back into the gap. */
    private static void delete(int[] index, int[] hashes, int slot) {
        int m = index.length - 1;
        int i = hashes[slot] & m;
        while (index[i] != slot + 1) {
            if (index[i] == 0) throw new IllegalStateException("remnant " + slot + " is not indexed");
            i = (i + 1) & m;
        }
        int j = i;
        while (true) {
            j = (j + 1) & m;
            int v = index[j];
            if (v == 0) break;
            int home = hashes[v - 1] & m;
            // v stays when its home lies cyclically in (i, j]: the gap at i is not on its probe path.
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (stays) continue;
            index[i] = v;
            i = j;
        }
        index[i] = 0;
    }

    private int matchHash(String branch, String host, int p) {
        if (collideForTest) return 0;
        return mix((branch.hashCode() * 31 + host.hashCode()) * 31 + p);
    }

    private int mergeHash(String fromTag, String callId, long c, String method) {
        if (collideForTest) return 0;
        return mix(((fromTag.hashCode() * 31 + callId.hashCode()) * 31 + Long.hashCode(c)) * 31 + method.hashCode());
    }

    /** Murmur3's finaliser: String hashes differ mostly in low bits, the indexes use the low bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    // ---------------------------------------------------------------- bytes

    private int putShort(int p, int v) {
        arena[p] = (byte) (v >>> 8);
        arena[p + 1] = (byte) v;
        return p + 2;
    }

    private int putInt(int p, int v) {
        putShort(p, v >>> 16);
        putShort(p + 2, v & 0xFFFF);
        return p + 4;
    }

    private int putAscii(int p, String s) {
        for (int i = 0, n = s.length(); i < n; i++) arena[p + i] = (byte) s.charAt(i);
        return p + s.length();
    }

    private static int getShort(byte[] a, int p) {
        return ((a[p] & 0xFF) << 8) | (a[p + 1] & 0xFF);
    }

    private static int getInt(byte[] a, int p) {
        return (getShort(a, p) << 16) | getShort(a, p + 2);
    }
}
