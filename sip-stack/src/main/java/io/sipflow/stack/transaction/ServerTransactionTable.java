package io.sipflow.stack.transaction;

import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.Via;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The server transactions of one shard, found by the matching rules of RFC 3261 §17.2.3:
 * <ul>
 * <li>a top Via branch with the magic cookie: same branch, same sent-by, same method — where
 *     an ACK matches its INVITE;
 * <li>otherwise (RFC 2543 peers): same Request-URI, From tag, Call-ID, CSeq number, top Via
 *     and method (ACK matching INVITE), and the To tag of the request — for an ACK, the To tag
 *     of the response the transaction sent.
 * </ul>
 * A CANCEL finds the transaction it cancels with the same rules, "assuming that the request
 * method is anything but CANCEL or ACK" (§9.2). Requests without a To tag are also indexed by
 * From tag, Call-ID and CSeq to detect merged requests (§8.2.2.2). Transactions sharing a key
 * (an INVITE and a same-branch request of another method) chain through
 * {@code nextInBucket}. Shard-owned, so plain hash maps.
 */
final class ServerTransactionTable {
    /** RFC 3261 matching key: branch and sent-by (host, port); the method is checked along the chain. */
    record BranchKey(String branch, String host, int port) {}

    /** RFC 2543 matching key (§17.2.3); method and To tag are checked along the chain. */
    record LegacyKey(String requestUri, String fromTag, String callId, long cseq, String topVia) {}

    /** Merged-request key (§8.2.2.2): From tag, Call-ID and CSeq (number and method). */
    record MergeKey(String fromTag, String callId, long cseq, String method) {}

    private final Map<Object, IndexedServerTransaction> byKey = new HashMap<>();
    private final Map<MergeKey, IndexedServerTransaction> byMergeKey = new HashMap<>();
    private int size;

    /** The key {@code r} is matched by (§17.2.3). */
    static Object matchKey(SipRequest r) {
        Via v = r.topVia();
        if (v.hasRfc3261Branch()) {
            return new BranchKey(v.branch(), v.host().toLowerCase(Locale.ROOT), v.port());
        }
        return new LegacyKey(r.requestUriText(), r.from().tag(), r.callId(), r.cseq().seq(), v.toString());
    }

    /** Gives a new transaction every key of its request; the merge key only when asked and the To has no tag. */
    static void setKeys(IndexedServerTransaction tx, SipRequest r, Object matchKey, boolean mergeDetection) {
        String toTag = r.to().tag();
        // §8.2.2.2 keys on the From tag: an RFC 2543 request without one cannot be checked.
        MergeKey merge = mergeDetection && toTag == null && r.from().tag() != null ? mergeKey(r) : null;
        tx.keys(matchKey, merge, toTag);
    }

    private static MergeKey mergeKey(SipRequest r) {
        Address from = r.from();
        return new MergeKey(from.tag(), r.callId(), r.cseq().seq(), r.method());
    }

    int size() {
        return size;
    }

    /** The transaction {@code r} (a retransmission, or an ACK) belongs to, or null. */
    IndexedServerTransaction find(SipRequest r, Object key) {
        boolean legacy = key instanceof LegacyKey;
        String method = r.method();
        boolean ack = SipMethod.ACK.equals(method);
        String toTag = legacy ? r.to().tag() : null;
        for (IndexedServerTransaction tx = byKey.get(key); tx != null; tx = tx.nextInBucket) {
            boolean methodOk = ack ? tx.isInvite() : method.equals(tx.method);
            if (!methodOk) continue;
            if (!legacy) return tx;
            String expected = ack ? tx.finalToTag() : tx.requestToTag;
            if (Objects.equals(toTag, expected)) return tx;
        }
        return null;
    }

    /** The transaction a CANCEL cancels (§9.2), or null. */
    IndexedServerTransaction findCancelTarget(SipRequest cancel, Object key) {
        boolean legacy = key instanceof LegacyKey;
        String toTag = legacy ? cancel.to().tag() : null;
        for (IndexedServerTransaction tx = byKey.get(key); tx != null; tx = tx.nextInBucket) {
            if (!legacy || Objects.equals(toTag, tx.requestToTag)) return tx;
        }
        return null;
    }

    /**
     * The ongoing transaction a new request without To tag would merge with (§8.2.2.2): same
     * From tag, Call-ID and CSeq, but not matched to it (it arrived by another path). Null when
     * none, or when the request has a To tag.
     */
    IndexedServerTransaction findMerged(SipRequest r) {
        if (byMergeKey.isEmpty() || r.to().tag() != null || r.from().tag() == null) return null;
        return byMergeKey.get(mergeKey(r));
    }

    void add(IndexedServerTransaction tx) {
        Object key = tx.matchKey;
        IndexedServerTransaction head = byKey.put(key, tx);
        tx.nextInBucket = head;
        MergeKey m = tx.mergeKey;
        if (m != null) byMergeKey.putIfAbsent(m, tx);
        size++;
    }

    /**
     * Puts {@code next} (same keys) where {@code tx} was, in its bucket chain and merge index:
     * the remnant of a transaction that sent its final response.
     */
    void replace(IndexedServerTransaction tx, IndexedServerTransaction next) {
        Object key = tx.matchKey;
        IndexedServerTransaction head = byKey.get(key);
        next.nextInBucket = tx.nextInBucket;
        if (head == tx) {
            byKey.put(key, next);
        } else {
            IndexedServerTransaction p = head;
            while (p != null && p.nextInBucket != tx) p = p.nextInBucket;
            if (p == null) throw new IllegalStateException(tx + " is not indexed");
            p.nextInBucket = next;
        }
        tx.nextInBucket = null;
        MergeKey m = tx.mergeKey;
        if (m != null) byMergeKey.replace(m, tx, next);
    }

    /** Returns false when {@code tx} was not in the table. */
    boolean remove(IndexedServerTransaction tx) {
        if (tx.matchKey == null) return false;
        Object key = tx.matchKey;
        IndexedServerTransaction head = byKey.get(key);
        if (head == null) return false;
        if (head == tx) {
            if (tx.nextInBucket == null) byKey.remove(key);
            else byKey.put(key, tx.nextInBucket);
        } else {
            IndexedServerTransaction p = head;
            while (p != null && p.nextInBucket != tx) p = p.nextInBucket;
            if (p == null) return false; // not indexed
            p.nextInBucket = tx.nextInBucket;
        }
        tx.nextInBucket = null;
        MergeKey m = tx.mergeKey;
        if (m != null) byMergeKey.remove(m, tx);
        size--;
        return true;
    }
}
