package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.stack.transaction.ServerTransactionTable.BranchKey;
import io.sipflow.stack.transaction.ServerTransactionTable.MergeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slab while it grows: chunks of entries, pages of data and index buckets are added, never
 * moved, and the indexes move to bigger buckets a few at a time while entries come and go.
 * Checked against a plain map, with fixed seeds.
 */
class RemnantSlabGrowthTest {
    final ResponseRoute route = RemnantSlabTest.route("198.51.100.7");

    /** What the model knows of entry {@code i}. */
    record Entry(int i, int handle, long expires) {}

    static boolean isInvite(int i) {
        return i % 3 == 0;
    }

    static String method(int i) {
        return isInvite(i) ? "INVITE" : i % 3 == 1 ? "BYE" : "OPTIONS";
    }

    /** Branches of varying length, so that entries fill pages unevenly. */
    static BranchKey key(int i) {
        return new BranchKey("z9hG4bK-" + i + "-" + "b".repeat(i % 37), "198.51.100." + (i % 5), 5060 + i % 2);
    }

    static String toTag(int i) {
        return i % 7 == 0 ? null : i % 11 == 0 ? "" : "tag" + i;
    }

    static MergeKey merge(int i) {
        return isInvite(i) || i % 5 == 0 ? new MergeKey("from" + i, "call-" + i + "@example.com", i, method(i)) : null;
    }

    static byte[] response(int i) {
        return isInvite(i) ? null : RemnantSlabTest.response(i);
    }

    int add(RemnantSlab slab, int i, long expires) {
        return slab.add(expires, isInvite(i), key(i), method(i), toTag(i), merge(i), response(i),
                isInvite(i) ? null : route);
    }

    void assertEntry(RemnantSlab slab, Entry e) {
        int i = e.i(), h = e.handle();
        assertThat(slab.isLive(h)).as("entry %d", i).isTrue();
        assertThat(slab.find(key(i), method(i))).as("entry %d", i).isEqualTo(h);
        assertThat(slab.findForCancel(key(i))).as("entry %d", i).isEqualTo(h);
        assertThat(slab.method(h)).isEqualTo(method(i));
        assertThat(slab.isInvite(h)).isEqualTo(isInvite(i));
        assertThat(slab.toTag(h)).isEqualTo(toTag(i));
        assertThat(slab.response(h)).isEqualTo(response(i));
        assertThat(slab.route(h)).isSameAs(isInvite(i) ? null : route);
        assertThat(slab.expiresAt(h)).isEqualTo(e.expires());
        MergeKey m = merge(i);
        if (m != null) assertThat(slab.findMerged(m.fromTag(), m.callId(), m.cseq(), m.method())).isEqualTo(h);
    }

    void assertGone(RemnantSlab slab, int i) {
        assertThat(slab.find(key(i), method(i))).as("entry %d", i).isEqualTo(-1);
        assertThat(slab.findForCancel(key(i))).as("entry %d", i).isEqualTo(-1);
        MergeKey m = merge(i);
        if (m != null) assertThat(slab.findMerged(m.fromTag(), m.callId(), m.cseq(), m.method())).isEqualTo(-1);
    }

    /**
     * Grows to {@code peak} live entries through many growth steps of every ring and index,
     * churns, drains to empty and grows again, checking every step against a map.
     */
    void randomRun(boolean collide, int chunk, int page, int peak, long seed, int startSequence) {
        RemnantSlab slab = new RemnantSlab(chunk, page, collide);
        if (startSequence != 0) slab.startSequenceForTest(startSequence);
        Random random = new Random(seed);
        Map<Integer, Entry> model = new LinkedHashMap<>(); // in the order added, so in expiry order
        List<Integer> handles = new ArrayList<>(); // every handle ever handed out, by i
        long now = 0, lastExpires = 0;
        int checksWhileIndexGrows = 0, removalsWhileIndexGrows = 0;
        // Phases: grow to the peak, churn around it, drain, grow again to half of it.
        int[] targets = {peak, peak, 0, peak / 2};
        for (int phase = 0; phase < targets.length; phase++) {
            int target = targets[phase];
            int steps = phase == 1 ? peak : Math.max(peak * 2, 1000);
            for (int step = 0; step < steps; step++) {
                now++;
                int op = random.nextInt(100);
                boolean growing = slab.growingIndexForTest();
                if (op < 50 && (model.size() < target || (phase == 1 && op < 30))) {
                    int i = handles.size();
                    // Expiry never goes back: entries expire in the order they were added.
                    long life = phase == 1 ? peak / 2 : 4L * peak;
                    long expires = Math.max(lastExpires, now + life);
                    lastExpires = expires;
                    int h = add(slab, i, expires);
                    assertThat(h).as("entry %d", i).isNotNegative();
                    handles.add(h);
                    model.put(i, new Entry(i, h, expires));
                } else if (op < 70 && !handles.isEmpty()) {
                    int i = random.nextInt(handles.size());
                    boolean there = model.remove(i) != null;
                    assertThat(slab.remove(handles.get(i))).as("remove %d", i).isEqualTo(there);
                    if (there && growing) removalsWhileIndexGrows++;
                    assertGone(slab, i);
                } else if (op < 80 || phase == 2) {
                    if (phase == 2 || phase == 1) now += random.nextInt(peak / 20 + 1); // time runs on
                    int expected = 0;
                    for (Iterator<Entry> it = model.values().iterator(); it.hasNext(); ) {
                        if (it.next().expires() > now) break;
                        it.remove();
                        expected++;
                    }
                    assertThat(slab.expire(now)).isEqualTo(expected);
                    Entry oldest = model.isEmpty() ? null : model.values().iterator().next();
                    assertThat(slab.nextExpiry()).isEqualTo(oldest == null ? Long.MAX_VALUE : oldest.expires());
                } else if (!handles.isEmpty()) {
                    int i = random.nextInt(handles.size() + 3); // now and then one never added
                    Entry e = model.get(i);
                    if (e != null) assertEntry(slab, e);
                    else assertGone(slab, i);
                    if (growing) checksWhileIndexGrows++;
                }
                assertThat(slab.size()).isEqualTo(model.size());
                if (step % 4_000 == 0 || step == steps - 1) {
                    for (Entry e : model.values()) assertEntry(slab, e);
                }
            }
        }
        for (int h : handles) assertThat(h).isNotNegative();
        assertThat(checksWhileIndexGrows).as("lookups while an index grows").isPositive();
        assertThat(removalsWhileIndexGrows).as("removals while an index grows").isPositive();
        assertThat(slab.entryCapacity()).isGreaterThanOrEqualTo(peak);
        assertThat(slab.expire(Long.MAX_VALUE)).isEqualTo(model.size());
        assertThat(slab.size()).isZero();
        assertThat(slab.routesHeld()).isZero();
    }

    @Test
    void randomOperationsThroughManyGrowthStepsAgreeWithAMap() {
        randomRun(false, 64, 4096, 30_000, 11, 0);
    }

    @Test
    void randomOperationsWithEveryKeyHashingAlikeAgreeWithAMap() {
        // One chain holds every entry: only the byte comparison tells them apart.
        randomRun(true, 8, 1024, 1_500, 12, 0);
    }

    @Test
    void theSequenceWrapsPastTheSignBitAndPastZero() {
        // Handles drop the sign bit: they stay non-negative when the sequence turns negative.
        randomRun(false, 16, 1024, 3_000, 13, Integer.MAX_VALUE - 2_000);
        randomRun(false, 16, 1024, 3_000, 14, -2_000);
        randomRun(true, 16, 1024, 500, 15, -300);
    }

    @Test
    void growingMovesNoEntryNorItsData() {
        RemnantSlab slab = new RemnantSlab(16, 1024, false);
        int n = 200;
        int[] handles = new int[n];
        Object[][] storage = new Object[n][];
        for (int i = 0; i < n; i++) {
            handles[i] = add(slab, i, 1_000);
            storage[i] = slab.storageForTest(handles[i]);
        }
        int capacity = slab.entryCapacity(), arena = slab.arenaCapacity();
        for (int i = n; i < 20_000; i++) add(slab, i, 1_000); // the rings double several times
        assertThat(slab.entryCapacity()).isGreaterThan(4 * capacity);
        assertThat(slab.arenaCapacity()).isGreaterThan(4 * arena);
        for (int i = 0; i < n; i++) {
            Object[] now = slab.storageForTest(handles[i]);
            assertThat(now[0]).as("chunk of entry %d", i).isSameAs(storage[i][0]);
            assertThat(now[1]).as("page of entry %d", i).isSameAs(storage[i][1]);
            assertEntry(slab, new Entry(i, handles[i], 1_000));
        }
    }

    @Test
    void anIndexFinishesGrowingLongBeforeItIsFullAgain() {
        RemnantSlab slab = new RemnantSlab(16, 1024, false);
        int growths = 0;
        for (int i = 0; i < 20_000; ) {
            add(slab, i++, 1_000);
            if (!slab.growingIndexForTest()) continue;
            growths++;
            int started = slab.size();
            while (slab.growingIndexForTest()) add(slab, i++, 1_000);
            // Each index moves its old buckets within half as many changes of its own; the two
            // indexes may grow one after the other, hence 3x, far below the next doubling of both.
            assertThat(slab.size()).as("growth %d", growths).isLessThan(3 * started);
        }
        assertThat(growths).isGreaterThan(5);
    }

    @Test
    void aFullRingReusesItsChunksAndPagesOnceTheOldestExpire() {
        RemnantSlab slab = new RemnantSlab(16, 1024, false);
        byte[] response = RemnantSlabTest.response(100);
        // Entries of one size, so that 100 of them always take as many bytes.
        java.util.function.IntConsumer add = i -> assertThat(slab.add(i, false,
                new BranchKey("z9hG4bK-%08d".formatted(i), "198.51.100.7", 5060), "BYE", "tag", null, response, route))
                .isNotNegative();
        for (int i = 0; i < 100; i++) add.accept(i);
        int capacity = slab.entryCapacity(), arena = slab.arenaCapacity();
        // A steady flow of as many entries as expire: the rings wrap, and grow no more.
        for (int i = 100; i < 10_000; i++) {
            add.accept(i);
            slab.expire(i - 100);
        }
        assertThat(slab.entryCapacity()).isEqualTo(capacity);
        assertThat(slab.arenaCapacity()).isEqualTo(arena);
        assertThat(slab.size()).isEqualTo(100);
    }

    @Test
    void dataLargerThanAPageIsRefused() {
        RemnantSlab slab = new RemnantSlab(16, 512, false);
        byte[] big = ("SIP/2.0 200 OK\r\n" + "x".repeat(600) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(slab.add(10, false, key(1), "BYE", null, null, big, route)).isEqualTo(-1);
        assertThat(slab.size()).isZero();
        assertThat(slab.routesHeld()).isZero();
        // The default page takes the largest UDP datagram's worth.
        RemnantSlab standard = new RemnantSlab();
        byte[] udpMax = new byte[65_507 - 200];
        int h = standard.add(10, false, key(1), "BYE", null, null, udpMax, route);
        assertThat(h).isNotNegative();
        assertThat(standard.response(h)).isEqualTo(udpMax);
    }
}
