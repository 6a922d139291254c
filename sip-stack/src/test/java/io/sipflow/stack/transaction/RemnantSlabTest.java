package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transaction.ServerTransactionTable.BranchKey;
import io.sipflow.stack.transaction.ServerTransactionTable.MergeKey;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The slab of answered remnants: FIFO ring, arena, exact-match indexes, expiry, routes. */
class RemnantSlabTest {
    static final long LIFE = 32_000;

    static BranchKey key(int i) {
        return new BranchKey("z9hG4bK-" + i, "198.51.100.7", 5060);
    }

    static MergeKey merge(int i, String method) {
        return new MergeKey("from" + i, "call-" + i + "@example.com", i, method);
    }

    static byte[] response(int i) {
        return ("SIP/2.0 200 OK\r\nCall-ID: call-" + i + "\r\n" + "x".repeat(i % 300) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    final ResponseRoute route = route("198.51.100.7");

    static ResponseRoute route(String host) {
        SipRequest r = Msg.nonInvite("BYE", "z9hG4bKr");
        Flow flow = TestFlow.of(Transport.UDP, host, 5060);
        return ResponseRoute.of(r.topVia(), flow);
    }

    int addBye(RemnantSlab slab, int i, long expires) {
        return slab.add(expires, false, key(i), "BYE", "tag" + i, null, response(i), route);
    }

    int addInvite(RemnantSlab slab, int i, long expires) {
        return slab.add(expires, true, key(i), "INVITE", "tag" + i, merge(i, "INVITE"), null, null);
    }

    @Test
    void anEntryIsFoundByItsExactKeyAndMethodOnly() {
        RemnantSlab slab = new RemnantSlab();
        int bye = addBye(slab, 1, LIFE);
        int invite = addInvite(slab, 2, LIFE);
        assertThat(slab.find(key(1), "BYE")).isEqualTo(bye);
        assertThat(slab.find(key(2), "INVITE")).isEqualTo(invite);
        assertThat(slab.find(key(1), "INVITE")).isEqualTo(-1);
        assertThat(slab.find(key(1), "BYEE")).isEqualTo(-1);
        assertThat(slab.find(new BranchKey("z9hG4bK-1", "198.51.100.7", 5061), "BYE")).isEqualTo(-1);
        assertThat(slab.find(new BranchKey("z9hG4bK-1", "198.51.100.8", 5060), "BYE")).isEqualTo(-1);
        assertThat(slab.find(new BranchKey("z9hG4bK-10", "198.51.100.7", 5060), "BYE")).isEqualTo(-1);
        assertThat(slab.findForCancel(key(2))).isEqualTo(invite);
        assertThat(slab.isInvite(invite)).isTrue();
        assertThat(slab.isInvite(bye)).isFalse();
        assertThat(slab.method(bye)).isEqualTo("BYE");
        assertThat(slab.toTag(bye)).isEqualTo("tag1");
        assertThat(slab.response(bye)).isEqualTo(response(1));
        assertThat(slab.route(bye)).isSameAs(route);
        assertThat(slab.response(invite)).isNull();
        assertThat(slab.route(invite)).isNull();
        assertThat(slab.size()).isEqualTo(2);
    }

    @Test
    void aNullToTagStaysNullAndAnEmptyOneEmpty() {
        RemnantSlab slab = new RemnantSlab();
        int none = slab.add(LIFE, false, key(1), "OPTIONS", null, null, response(1), route);
        int empty = slab.add(LIFE, false, key(2), "OPTIONS", "", null, response(2), route);
        assertThat(slab.toTag(none)).isNull();
        assertThat(slab.toTag(empty)).isEmpty();
    }

    @Test
    void theMergeKeyIsMatchedExactly() {
        RemnantSlab slab = new RemnantSlab();
        int h = addInvite(slab, 7, LIFE);
        MergeKey m = merge(7, "INVITE");
        assertThat(slab.findMerged(m.fromTag(), m.callId(), m.cseq(), "INVITE")).isEqualTo(h);
        assertThat(slab.findMerged(m.fromTag(), m.callId(), m.cseq() + 1, "INVITE")).isEqualTo(-1);
        assertThat(slab.findMerged(m.fromTag(), m.callId(), m.cseq(), "OPTIONS")).isEqualTo(-1);
        assertThat(slab.findMerged(m.fromTag() + "x", m.callId(), m.cseq(), "INVITE")).isEqualTo(-1);
        assertThat(slab.findMerged(m.fromTag(), "other@example.com", m.cseq(), "INVITE")).isEqualTo(-1);
        // A BYE (To tag: never merged) has no merge key.
        addBye(slab, 8, LIFE);
        assertThat(slab.findMerged("from8", "call-8@example.com", 8, "BYE")).isEqualTo(-1);
    }

    @Test
    void entriesExpireInTheOrderTheyWereAdded() {
        RemnantSlab slab = new RemnantSlab();
        for (int i = 0; i < 10; i++) addBye(slab, i, 1_000 + i * 10);
        assertThat(slab.nextExpiry()).isEqualTo(1_000);
        assertThat(slab.expire(999)).isZero();
        assertThat(slab.expire(1_000)).isEqualTo(1);
        assertThat(slab.find(key(0), "BYE")).isEqualTo(-1);
        assertThat(slab.find(key(1), "BYE")).isNotNegative();
        assertThat(slab.nextExpiry()).isEqualTo(1_010);
        assertThat(slab.expire(1_045)).isEqualTo(4);
        assertThat(slab.size()).isEqualTo(5);
        assertThat(slab.find(key(4), "BYE")).isEqualTo(-1);
        assertThat(slab.find(key(5), "BYE")).isNotNegative();
        assertThat(slab.expire(Long.MAX_VALUE)).isEqualTo(5);
        assertThat(slab.size()).isZero();
        assertThat(slab.nextExpiry()).isEqualTo(Long.MAX_VALUE);
        assertThat(slab.routesHeld()).isZero(); // the route (and its flow) is let go
    }

    @Test
    void aRemovedEntryIsGoneAndItsHandleDead() {
        RemnantSlab slab = new RemnantSlab();
        int a = addBye(slab, 1, LIFE);
        int b = addBye(slab, 2, LIFE);
        int c = addBye(slab, 3, LIFE);
        assertThat(slab.remove(b)).isTrue();
        assertThat(slab.remove(b)).isFalse();
        assertThat(slab.isLive(b)).isFalse();
        assertThat(slab.find(key(2), "BYE")).isEqualTo(-1);
        assertThat(slab.find(key(1), "BYE")).isEqualTo(a);
        assertThat(slab.find(key(3), "BYE")).isEqualTo(c);
        assertThat(slab.size()).isEqualTo(2);
        assertThat(slab.expire(LIFE)).isEqualTo(2); // the dead one is not counted twice
        assertThat(slab.isLive(a)).isFalse();
        assertThat(slab.remove(c)).isFalse();
    }

    @Test
    void theRingWrapsAndGrowsKeepingEveryEntryIntact() {
        // Chunks of 4 entries and pages of 512 bytes: every few adds wrap or grow something.
        RemnantSlab slab = new RemnantSlab(4, 512, false);
        Deque<int[]> alive = new ArrayDeque<>(); // {i, handle}
        int next = 0;
        long now = 0;
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            now += 1;
            // Grow to ~40 live entries, then hover: many wraps of both rings at several sizes.
            int adds = alive.size() < 40 ? 3 : random.nextInt(3);
            for (int k = 0; k < adds; k++) {
                int i = next++;
                int h = i % 2 == 0 ? addBye(slab, i, now + 20) : addInvite(slab, i, now + 20);
                alive.add(new int[] {i, h});
            }
            int expired = slab.expire(now);
            for (int k = 0; k < expired; k++) alive.poll();
            assertThat(slab.size()).isEqualTo(alive.size());
            for (int[] e : alive) {
                int i = e[0];
                String method = i % 2 == 0 ? "BYE" : "INVITE";
                assertThat(slab.find(key(i), method)).as("entry %d", i).isEqualTo(e[1]);
                assertThat(slab.toTag(e[1])).isEqualTo("tag" + i);
                if (i % 2 == 0) assertThat(slab.response(e[1])).isEqualTo(response(i));
                else assertThat(slab.findMerged("from" + i, "call-" + i + "@example.com", i, "INVITE")).isEqualTo(e[1]);
            }
        }
        assertThat(slab.entryCapacity()).isGreaterThanOrEqualTo(40);
        assertThat(slab.arenaCapacity()).isGreaterThan(512);
        assertThat(slab.expire(Long.MAX_VALUE)).isEqualTo(alive.size());
        assertThat(slab.routesHeld()).isZero();
    }

    @Test
    void aHashCollisionIsToldApartByTheBytes() {
        // Every key hashes alike: one probe run holds all entries, and deletions shift it back.
        RemnantSlab slab = new RemnantSlab(8, 1024, true);
        List<Integer> handles = new ArrayList<>();
        for (int i = 0; i < 30; i++) handles.add(i % 3 == 0 ? addInvite(slab, i, LIFE + i) : addBye(slab, i, LIFE + i));
        for (int i = 0; i < 30; i++) {
            assertThat(slab.find(key(i), i % 3 == 0 ? "INVITE" : "BYE")).isEqualTo(handles.get(i));
            assertThat(slab.find(key(i), i % 3 == 0 ? "BYE" : "INVITE")).isEqualTo(-1);
        }
        // Same hash, same length, one byte different: not a match.
        assertThat(slab.find(new BranchKey("z9hG4bK-99", "198.51.100.7", 5060), "BYE")).isEqualTo(-1);
        assertThat(slab.findMerged("from3", "call-3@example.com", 3, "INVITE")).isEqualTo(handles.get(3));
        assertThat(slab.findMerged("from3", "call-4@example.com", 3, "INVITE")).isEqualTo(-1);
        // Remove from the middle of the run, then expire from its start: the rest stay findable.
        for (int i = 1; i < 30; i += 4) assertThat(slab.remove(handles.get(i))).isTrue();
        assertThat(slab.expire(LIFE + 9)).isEqualTo(7); // 0..9 minus the removed 1, 5, 9
        for (int i = 10; i < 30; i++) {
            int expected = (i - 1) % 4 == 0 ? -1 : handles.get(i);
            assertThat(slab.find(key(i), i % 3 == 0 ? "INVITE" : "BYE")).as("entry %d", i).isEqualTo(expected);
        }
    }

    @Test
    void randomOperationsAgreeWithASimpleModel() {
        for (boolean collide : new boolean[] {false, true}) {
            RemnantSlab slab = new RemnantSlab(2, 512, collide);
            Random random = new Random(7);
            List<int[]> model = new ArrayList<>(); // {i, handle, expires}
            long now = 0;
            int next = 0;
            for (int step = 0; step < 5_000; step++) {
                now += random.nextInt(3);
                int op = random.nextInt(10);
                if (op < 5) {
                    int i = next++;
                    model.add(new int[] {i, addBye(slab, i, now + 50), (int) now + 50});
                } else if (op < 7 && !model.isEmpty()) {
                    int[] e = model.remove(random.nextInt(model.size()));
                    assertThat(slab.remove(e[1])).isTrue();
                } else {
                    long t = now;
                    int expected = (int) model.stream().filter(e -> e[2] <= t).count();
                    model.removeIf(e -> e[2] <= t);
                    assertThat(slab.expire(now)).isEqualTo(expected);
                }
                assertThat(slab.size()).isEqualTo(model.size());
                int probe = random.nextInt(next + 1);
                int expected = model.stream().filter(e -> e[0] == probe).mapToInt(e -> e[1]).findFirst().orElse(-1);
                assertThat(slab.find(key(probe), "BYE")).isEqualTo(expected);
            }
        }
    }

    @Test
    void keysItCannotStoreAsBytesAreRefused() {
        RemnantSlab slab = new RemnantSlab();
        assertThat(slab.add(LIFE, false, new BranchKey("z9hG4bK-\u00e9", "h", 5060), "BYE", null, null, response(1), route))
                .isEqualTo(-1);
        assertThat(slab.add(LIFE, true, key(1), "INVITE", null, new MergeKey("f", "c\u4e00", 1, "INVITE"), null, null))
                .isEqualTo(-1);
        assertThat(slab.add(LIFE, false, new BranchKey("z9hG4bK" + "b".repeat(70_000), "h", 5060), "BYE", null, null,
                response(1), route)).isEqualTo(-1);
        assertThat(slab.size()).isZero();
        assertThat(slab.routesHeld()).isZero();
    }

    @Test
    void entriesOfOnePeerShareOneRouteIdAndOthersGetTheirOwn() {
        RemnantSlab slab = new RemnantSlab();
        ResponseRoute other = route("198.51.100.9");
        int a = addBye(slab, 1, 10);
        int b = slab.add(20, false, key(2), "BYE", null, null, response(2), other);
        int c = addBye(slab, 3, 30);
        assertThat(slab.routesHeld()).isEqualTo(2);
        assertThat(slab.route(a)).isSameAs(route);
        assertThat(slab.route(b)).isSameAs(other);
        slab.expire(20);
        assertThat(slab.routesHeld()).isEqualTo(1);
        assertThat(slab.route(c)).isSameAs(route);
    }

    @Test
    void routesEqualInValueShareOneId() {
        // Interleaved peers: each request has a route object of its own, equal to an earlier one.
        RemnantSlab slab = new RemnantSlab();
        int a = slab.add(10, false, key(1), "BYE", null, null, response(1), route("198.51.100.7"));
        int b = slab.add(20, false, key(2), "BYE", null, null, response(2), route("198.51.100.8"));
        int c = slab.add(30, false, key(3), "BYE", null, null, response(3), route("198.51.100.7"));
        assertThat(slab.routesHeld()).isEqualTo(2);
        assertThat(slab.route(c)).isSameAs(slab.route(a));
        assertThat(slab.route(b).flow().remoteAddress().getHostString()).isEqualTo("198.51.100.8");
        slab.expire(10);
        assertThat(slab.route(c).flow().remoteAddress().getHostString()).isEqualTo("198.51.100.7");
        slab.expire(30);
        assertThat(slab.routesHeld()).isZero();
    }
}
