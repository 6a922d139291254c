package io.sipflow.stack.transaction;

import java.nio.charset.StandardCharsets;

/**
 * The long-lived remnants of one shard's answered server transactions, kept in primitive
 * arrays instead of objects: an INVITE in Accepted (RFC 6026 §8.7, Timer L) and a non-INVITE
 * in Completed over an unreliable transport (RFC 3261 §17.2.2, Timer J). Both last 64·T1
 * (32 s by default) after the final response, so at a few thousand calls per second a young
 * garbage collection found tens of megabytes of them still alive and copied them, again and
 * again until they were tenured: pauses of 50–150 ms. Primitive arrays hold no references, so
 * once tenured they cost a collection nothing, whatever they contain.
 *
 * <p><b>Layout.</b> Every entry has the same lifetime (64·T1 of the shard's timers), so entries
 * expire in the order they were added: a FIFO ring of entries numbered by a sequence number,
 * whose variable-length data sits contiguously in a byte arena that is a ring too, reclaimed
 * from its tail as entries expire. An entry's data is a small header of lengths followed by the
 * bytes of: the §17.2.3 match key (branch, sent-by host; the port is an array), the method, the
 * To tag of the final response (§9.2: the 200 to a CANCEL carries it), the §8.2.2.2 merge key
 * (From tag, Call-ID; CSeq number in an array; the method is the entry's) when the request had
 * one, and the final response of a non-INVITE, resent for each retransmitted request. Two
 * chained hash indexes map a hash of the match key and of the merge key to entries; a hit is
 * always confirmed by comparing the bytes, never by the hash alone.
 *
 * <p><b>Growth without a stall.</b> A shard at 8,000 calls/s holds ~250,000 entries and ~60 MB
 * of data. Arrays that grow by doubling in one go (allocate, copy, rehash everything) stalled
 * the shard's event loop for tens of milliseconds at each step and handed the next young
 * collection ~130 MB of fresh arrays to copy: the whole tail of the INVITE→200 latency. So no
 * operation here costs time proportional to the number of entries or bytes held:
 * <ul>
 * <li>entries live in fixed-size {@link Chunk}s of parallel arrays, found through a ring of
 *     chunk references indexed by chunk number ({@code seq >>> chunkBits}); a full ring doubles
 *     the reference array only and re-slots the chunks in use by their number;</li>
 * <li>the arena is a ring of fixed-size pages indexed by page number ({@code position >>>
 *     pageBits}); an entry never spans two pages, and one larger than a page is refused; a full
 *     ring doubles the reference array only;</li>
 * <li>the indexes chain entries through per-entry links and store handles, which never change
 *     when the rings grow; a full index allocates a bucket array twice as big and moves the old
 *     buckets' chains over a few buckets per change (incremental rehash), looking an entry up
 *     in the old buckets until its bucket has moved.</li>
 * </ul>
 * Chunks and pages are allocated as the rings first reach them and reused when they wrap;
 * nothing shrinks.
 *
 * <p>Strings are stored one byte per character; an entry whose keys have a character outside
 * US-ASCII, a field longer than 65,534 bytes or data larger than a page (64 KiB) is refused
 * ({@link #add} returns -1) and stays an object remnant, as does any entry beyond the slab's
 * bounds (2^26 entries, a 1 GiB arena; {@link StackLimits} keeps a shard far below them). A
 * handle is the entry's sequence number without its sign bit, so it is never negative however
 * long the sequence runs; it stays valid until the entry expires or is removed. Shard-owned: no
 * locks.
 */
final class RemnantSlab {
    /** Entry flags. */
    private static final byte LIVE = 1, INVITE = 2, MERGE = 4;
    /** Header: branch, host, method, To tag + 1 (0: none), From tag, Call-ID as u16; response as u32. */
    private static final int HEADER = 2 + 2 + 2 + 2 + 2 + 2 + 4;
    private static final int MAX_FIELD = 0xFFFF;
    /** Default (and largest) chunk and page: 4,096 entries (~200 KB of arrays), 64 KiB. */
    private static final int CHUNK_BITS = 12, PAGE_BITS = 16;
    /** Bounds that keep every index and offset an int; beyond them remnants stay objects. */
    private static final int MAX_ENTRIES = 1 << 26, MAX_ARENA = 1 << 30;
    /** Old buckets an index moves per change while it grows: done before it is full again. */
    private static final int MIGRATE_STEP = 2;

    private final boolean collideForTest;

    // ---------------------------------------------------------------- entry ring

    /** One fixed-size run of entries, its fields in parallel arrays indexed by {@code handle & (size - 1)}. */
    private static final class Chunk {
        final long[] expiresAt, dataPos, cseq;
        final int[] port, route, matchHash, mergeHash;
        /** The next entry of the index chain (handle + 1; 0: none). */
        final int[] matchNext, mergeNext;
        final byte[] flags;

        Chunk(int n) {
            expiresAt = new long[n];
            dataPos = new long[n];
            cseq = new long[n];
            port = new int[n];
            route = new int[n];
            matchHash = new int[n];
            mergeHash = new int[n];
            matchNext = new int[n];
            mergeNext = new int[n];
            flags = new byte[n];
        }
    }

    private final int chunkBits;
    /** Chunk number {@code c} is {@code chunks[c & (chunks.length - 1)]}; null until first reached. */
    private Chunk[] chunks = new Chunk[1];
    /** Next sequence number to write; the oldest entry still in the ring (live or dead). They run forever, wrapping. */
    private int head, tail;
    private int live;

    // ---------------------------------------------------------------- arena ring

    private final int pageBits;
    /** Page number {@code n} is {@code pages[n & (pages.length - 1)]}; null until first reached. */
    private byte[][] pages = new byte[1][];
    /** Virtual position of the next byte to write: page number, then offset in the page. */
    private long writePos;

    // ---------------------------------------------------------------- indexes

    private final Index byMatch, byMerge;

    private final RouteRegistry routes = new RouteRegistry();

    RemnantSlab() {
        this(1 << CHUNK_BITS, 1 << PAGE_BITS, false);
    }

    /**
     * @param chunkEntries entries per chunk, rounded up to a power of two, at most 4,096
     * @param pageBytes bytes per arena page, rounded up to a power of two, at most 64 KiB; small
     *     chunks and pages make tests grow and wrap the rings often
     * @param collideForTest every key hashes alike, so that only the byte comparison tells entries apart
     */
    RemnantSlab(int chunkEntries, int pageBytes, boolean collideForTest) {
        this.collideForTest = collideForTest;
        chunkBits = Integer.numberOfTrailingZeros(Math.min(powerOfTwo(chunkEntries), 1 << CHUNK_BITS));
        pageBits = Integer.numberOfTrailingZeros(Math.min(powerOfTwo(pageBytes), 1 << PAGE_BITS));
        byMatch = new Index(false, 1 << chunkBits);
        byMerge = new Index(true, 1 << chunkBits);
    }

    private static int powerOfTwo(int n) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    /** Live entries. */
    int size() {
        return live;
    }

    /** Entries the chunk ring can reach without growing (tests). */
    int entryCapacity() {
        return chunks.length << chunkBits;
    }

    /** Bytes the page ring can reach without growing (tests). */
    int arenaCapacity() {
        return pages.length << pageBits;
    }

    private Chunk chunk(int handle) {
        // The ring spans at most 2^26 entries: its slot bits lie below the sign bit a handle drops.
        return chunks[(handle >>> chunkBits) & (chunks.length - 1)];
    }

    private int at(int handle) {
        return handle & ((1 << chunkBits) - 1);
    }

    private byte[] page(long pos) {
        return pages[(int) (pos >>> pageBits) & (pages.length - 1)];
    }

    private int offset(long pos) {
        return (int) pos & ((1 << pageBits) - 1);
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
        long len = (long) HEADER + branch.length() + host.length() + method.length()
                + (toTag == null ? 0 : toTag.length()) + (merge == null ? 0 : fromTag.length() + callId.length())
                + responseLen;
        if (len > 1 << pageBits || !roomForEntry()) return -1;
        long pos = reserve((int) len);
        if (pos < 0) return -1;

        int handle = head++ & Integer.MAX_VALUE;
        Chunk c = chunk(handle);
        int i = at(handle);
        c.expiresAt[i] = expires;
        c.dataPos[i] = pos;
        c.port[i] = key.port();
        c.route[i] = responseRoute == null ? -1 : routes.acquire(responseRoute);
        c.cseq[i] = merge == null ? 0 : merge.cseq();
        c.flags[i] = (byte) (LIVE | (invite ? INVITE : 0) | (merge != null ? MERGE : 0));
        c.matchHash[i] = matchHash(branch, host, key.port());

        byte[] a = page(pos);
        int p = offset(pos);
        p = putShort(a, p, branch.length());
        p = putShort(a, p, host.length());
        p = putShort(a, p, method.length());
        p = putShort(a, p, toTag == null ? 0 : toTag.length() + 1);
        p = putShort(a, p, merge == null ? 0 : fromTag.length());
        p = putShort(a, p, merge == null ? 0 : callId.length());
        p = putInt(a, p, responseLen);
        p = putAscii(a, p, branch);
        p = putAscii(a, p, host);
        p = putAscii(a, p, method);
        if (toTag != null) p = putAscii(a, p, toTag);
        if (merge != null) {
            p = putAscii(a, p, fromTag);
            p = putAscii(a, p, callId);
        }
        if (response != null) System.arraycopy(response, 0, a, p, responseLen);

        byMatch.insert(handle, c.matchHash[i]);
        if (merge != null) {
            c.mergeHash[i] = mergeHash(fromTag, callId, merge.cseq(), method);
            byMerge.insert(handle, c.mergeHash[i]);
        }
        live++;
        return handle;
    }

    private static boolean fits(String s) {
        if (s.length() >= MAX_FIELD) return false; // the To tag is stored as length + 1
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    /**
     * Makes sure the chunk of entry {@code head} is there and holds no older entry; false at
     * {@link #MAX_ENTRIES}. The chunks in use are those numbered from the tail's to the head's.
     */
    private boolean roomForEntry() {
        int tailChunk = tail >>> chunkBits;
        // Chunk numbers wrap with the sequence: modulo 2^(32 - chunkBits), a multiple of the ring.
        int before = ((head >>> chunkBits) - tailChunk) & (-1 >>> chunkBits);
        if (before >= chunks.length) { // the head's chunk is the tail's slot: double the ring
            if (chunks.length << chunkBits >= MAX_ENTRIES) return false;
            Chunk[] next = new Chunk[2 * chunks.length];
            for (int k = 0; k < before; k++) {
                int n = tailChunk + k;
                next[n & (next.length - 1)] = chunks[n & (chunks.length - 1)];
            }
            chunks = next;
        }
        int slot = (head >>> chunkBits) & (chunks.length - 1);
        if (chunks[slot] == null) chunks[slot] = new Chunk(1 << chunkBits);
        return true;
    }

    /**
     * Reserves {@code len} contiguous bytes in one page; returns their virtual position, -1
     * when the arena is at {@link #MAX_ARENA}. The pages in use are those numbered from the
     * tail entry's to the one written.
     */
    private long reserve(int len) {
        int pageSize = 1 << pageBits;
        long pos = writePos;
        int off = offset(pos);
        if (off + len > pageSize) pos += pageSize - off; // an entry never spans pages: skip the rest
        long page = pos >>> pageBits;
        long oldest = head == tail ? page : chunk(tail & Integer.MAX_VALUE).dataPos[at(tail)] >>> pageBits;
        if (page - oldest >= pages.length) { // the page to write is the oldest's slot: double the ring
            if (pages.length << pageBits >= MAX_ARENA) return -1;
            byte[][] next = new byte[2 * pages.length][];
            for (long n = oldest; n < page; n++) {
                next[(int) n & (next.length - 1)] = pages[(int) n & (pages.length - 1)];
            }
            pages = next;
        }
        int slot = (int) page & (pages.length - 1);
        if (pages[slot] == null) pages[slot] = new byte[pageSize];
        writePos = pos + len;
        return pos;
    }

    // ---------------------------------------------------------------- finding

    /** The entry a request of {@code method} with match key {@code key} belongs to (§17.2.3), or -1. */
    int find(ServerTransactionTable.BranchKey key, String method) {
        if (live == 0) return -1;
        int h = matchHash(key.branch(), key.host(), key.port());
        for (int v = byMatch.first(h); v != 0; v = byMatch.after(v)) {
            int handle = v - 1;
            Chunk c = chunk(handle);
            int i = at(handle);
            if (c.matchHash[i] == h && c.port[i] == key.port() && fieldEquals(c, i, BRANCH, key.branch())
                    && fieldEquals(c, i, HOST, key.host()) && (method == null || fieldEquals(c, i, METHOD, method))) {
                return handle;
            }
        }
        return -1;
    }

    /** The entry a CANCEL with match key {@code key} matches, whatever its method (§9.2), or -1. */
    int findForCancel(ServerTransactionTable.BranchKey key) {
        return find(key, null);
    }

    /** An entry with this §8.2.2.2 merge key, or -1. */
    int findMerged(String fromTag, String callId, long cseqNumber, String method) {
        if (live == 0) return -1;
        int h = mergeHash(fromTag, callId, cseqNumber, method);
        for (int v = byMerge.first(h); v != 0; v = byMerge.after(v)) {
            int handle = v - 1;
            Chunk c = chunk(handle);
            int i = at(handle);
            if (c.mergeHash[i] == h && c.cseq[i] == cseqNumber && fieldEquals(c, i, FROM_TAG, fromTag)
                    && fieldEquals(c, i, CALL_ID, callId) && fieldEquals(c, i, METHOD, method)) {
                return handle;
            }
        }
        return -1;
    }

    /** Fields in data order; the header gives their lengths. */
    private static final int BRANCH = 0, HOST = 1, METHOD = 2, TO_TAG = 3, FROM_TAG = 4, CALL_ID = 5, RESPONSE = 6;

    /** Offset in its page of field {@code f} of the entry whose header is at {@code p}. */
    private static int fieldOffset(byte[] a, int p, int f) {
        int off = p + HEADER;
        for (int k = 0; k < f; k++) off += fieldLength(a, p, k);
        return off;
    }

    private static int fieldLength(byte[] a, int p, int f) {
        return switch (f) {
            case TO_TAG -> Math.max(0, getShort(a, p + 6) - 1);
            case RESPONSE -> getInt(a, p + 12);
            default -> getShort(a, p + 2 * f);
        };
    }

    private boolean fieldEquals(Chunk c, int i, int f, String value) {
        long pos = c.dataPos[i];
        byte[] a = page(pos);
        int p = offset(pos);
        int len = fieldLength(a, p, f);
        if (len != value.length()) return false;
        int off = fieldOffset(a, p, f);
        for (int k = 0; k < len; k++) {
            if (a[off + k] != (byte) value.charAt(k)) return false;
        }
        return true;
    }

    private String field(int handle, int f) {
        long pos = chunk(handle).dataPos[at(handle)];
        byte[] a = page(pos);
        int p = offset(pos);
        return new String(a, fieldOffset(a, p, f), fieldLength(a, p, f), StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- reading an entry

    /** True while {@code handle} names a live entry. */
    boolean isLive(int handle) {
        if (handle < 0) return false;
        // Its distance from the tail in the 31 bits a handle keeps; the ring spans far fewer.
        int fromTail = (handle - tail) & Integer.MAX_VALUE;
        return fromTail < head - tail && (chunk(handle).flags[at(handle)] & LIVE) != 0;
    }

    boolean isInvite(int handle) {
        return (chunk(handle).flags[at(handle)] & INVITE) != 0;
    }

    String method(int handle) {
        return field(handle, METHOD);
    }

    /** The To tag of the final response, or null. */
    String toTag(int handle) {
        long pos = chunk(handle).dataPos[at(handle)];
        return getShort(page(pos), offset(pos) + 6) == 0 ? null : field(handle, TO_TAG);
    }

    /** A copy of the final response (a non-INVITE's), or null. */
    byte[] response(int handle) {
        long pos = chunk(handle).dataPos[at(handle)];
        byte[] a = page(pos);
        int p = offset(pos);
        int len = fieldLength(a, p, RESPONSE);
        if (len == 0) return null;
        byte[] copy = new byte[len];
        System.arraycopy(a, fieldOffset(a, p, RESPONSE), copy, 0, len);
        return copy;
    }

    /** The route of the final response, or null. */
    ResponseRoute route(int handle) {
        int r = chunk(handle).route[at(handle)];
        return r < 0 ? null : routes.get(r);
    }

    long expiresAt(int handle) {
        return chunk(handle).expiresAt[at(handle)];
    }

    /** Expiry time of the oldest live entry, or {@link Long#MAX_VALUE} when none. */
    long nextExpiry() {
        reclaim();
        return head == tail ? Long.MAX_VALUE : expiresAt(tail & Integer.MAX_VALUE);
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
            int handle = tail & Integer.MAX_VALUE;
            Chunk c = chunk(handle);
            int i = at(handle);
            if ((c.flags[i] & LIVE) != 0) {
                if (c.expiresAt[i] > now) break;
                unlink(handle, c, i);
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
        unlink(handle, chunk(handle), at(handle));
        reclaim();
        return true;
    }

    /** Drops dead entries at the tail, so that their arena space and slots come back. */
    private void reclaim() {
        while (head != tail && (chunk(tail & Integer.MAX_VALUE).flags[at(tail)] & LIVE) == 0) tail++;
        if (head == tail) writePos = 0;
    }

    private void unlink(int handle, Chunk c, int i) {
        byMatch.delete(handle, c.matchHash[i]);
        if ((c.flags[i] & MERGE) != 0) byMerge.delete(handle, c.mergeHash[i]);
        if (c.route[i] >= 0) routes.release(c.route[i]);
        c.route[i] = -1;
        c.flags[i] = 0;
        live--;
    }

    // ---------------------------------------------------------------- chained index, grown incrementally

    /**
     * A hash index of entries by handle: bucket heads and per-entry links hold handle + 1 (0:
     * none; a handle has 31 bits, so handle + 1 is never 0). At more entries than buckets it
     * starts over with twice the buckets and moves the old ones' chains {@link #MIGRATE_STEP}
     * buckets per insert or delete, so no single change rehashes the whole index. While it
     * moves, an entry whose old bucket is not moved yet is in {@code old}, every other in
     * {@code buckets}: each hash has exactly one chain to look in.
     */
    private final class Index {
        private final boolean merge;
        private int[] buckets;
        /** The buckets being moved from, or null. */
        private int[] old;
        /** Old buckets below this one have moved. */
        private int moved;
        private int count;

        Index(boolean merge, int buckets) {
            this.merge = merge;
            this.buckets = new int[buckets];
        }

        private int hash(Chunk c, int i) {
            return merge ? c.mergeHash[i] : c.matchHash[i];
        }

        private int next(Chunk c, int i) {
            return merge ? c.mergeNext[i] : c.matchNext[i];
        }

        private void setNext(Chunk c, int i, int v) {
            if (merge) c.mergeNext[i] = v;
            else c.matchNext[i] = v;
        }

        /** The bucket array that holds the chain of {@code h}. */
        private int[] table(int h) {
            return old != null && (h & (old.length - 1)) >= moved ? old : buckets;
        }

        /** The first entry (handle + 1; 0: none) of the chain of {@code h}. */
        int first(int h) {
            int[] t = table(h);
            return t[h & (t.length - 1)];
        }

        /** The entry after {@code v} (handle + 1) in its chain. */
        int after(int v) {
            return next(chunk(v - 1), at(v - 1));
        }

        void insert(int handle, int h) {
            int[] t = table(h);
            int b = h & (t.length - 1);
            setNext(chunk(handle), at(handle), t[b]);
            t[b] = handle + 1;
            if (++count > buckets.length && old == null) {
                old = buckets;
                buckets = new int[2 * old.length];
                moved = 0;
            }
            move();
        }

        void delete(int handle, int h) {
            int[] t = table(h);
            int b = h & (t.length - 1);
            int v = handle + 1;
            int rest = next(chunk(handle), at(handle));
            if (t[b] == v) {
                t[b] = rest;
            } else {
                for (int prev = t[b];; ) {
                    if (prev == 0) throw new IllegalStateException("remnant " + handle + " is not indexed");
                    Chunk pc = chunk(prev - 1);
                    int pi = at(prev - 1);
                    int n = next(pc, pi);
                    if (n == v) {
                        setNext(pc, pi, rest);
                        break;
                    }
                    prev = n;
                }
            }
            count--;
            move();
        }

        /** Moves the chains of the next few old buckets; the last one ends the move. */
        private void move() {
            for (int k = 0; k < MIGRATE_STEP && old != null; k++) {
                int v = old[moved];
                old[moved] = 0;
                while (v != 0) {
                    Chunk c = chunk(v - 1);
                    int i = at(v - 1);
                    int n = next(c, i);
                    int b = hash(c, i) & (buckets.length - 1);
                    setNext(c, i, buckets[b]);
                    buckets[b] = v;
                    v = n;
                }
                if (++moved == old.length) old = null;
            }
        }
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

    // ---------------------------------------------------------------- tests

    /** Starts the sequence at {@code seq}, so that tests reach its wrap-around; only on a new slab. */
    void startSequenceForTest(int seq) {
        if (head != 0 || tail != 0 || writePos != 0) throw new IllegalStateException("slab in use");
        head = tail = seq;
    }

    /** True while an index is moving to bigger buckets. */
    boolean growingIndexForTest() {
        return byMatch.old != null || byMerge.old != null;
    }

    /** The chunk holding the entry's fields and the page holding its data, to tell that growth moves neither. */
    Object[] storageForTest(int handle) {
        return new Object[] {chunk(handle), page(chunk(handle).dataPos[at(handle)])};
    }

    // ---------------------------------------------------------------- bytes

    private static int putShort(byte[] a, int p, int v) {
        a[p] = (byte) (v >>> 8);
        a[p + 1] = (byte) v;
        return p + 2;
    }

    private static int putInt(byte[] a, int p, int v) {
        putShort(a, p, v >>> 16);
        putShort(a, p + 2, v & 0xFFFF);
        return p + 4;
    }

    private static int putAscii(byte[] a, int p, String s) {
        for (int i = 0, n = s.length(); i < n; i++) a[p + i] = (byte) s.charAt(i);
        return p + s.length();
    }

    private static int getShort(byte[] a, int p) {
        return ((a[p] & 0xFF) << 8) | (a[p + 1] & 0xFF);
    }

    private static int getInt(byte[] a, int p) {
        return (getShort(a, p) << 16) | getShort(a, p + 2);
    }
}
