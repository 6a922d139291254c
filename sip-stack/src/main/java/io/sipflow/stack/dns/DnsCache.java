package io.sipflow.stack.dns;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Caches DNS answers for their time to live (RFC 1035 §3.2.1), negative ones as RFC 2308 §5
 * allows, bounded in size by least-recent use.
 *
 * <p>Positive answers live for the smallest TTL of the records used, at most {@code maxTtl}
 * (so that a bogus week-long TTL cannot pin a dead server). Negative answers live for the
 * SOA-derived TTL that {@link AnswerInterpreter} computed, at most {@code maxNegativeTtl}; a
 * negative answer without SOA has TTL 0 and is not cached (RFC 2308 §5).
 */
final class DnsCache {
    /** A DNS question; {@link Name#equals} ignores case, as DNS does (RFC 4343). */
    record Key(Name name, int type) {}

    private record Cached(DnsAnswer answer, long expiresAtMillis) {}

    private final long maxTtlMillis;
    private final long maxNegativeTtlMillis;
    private final Clock clock;
    private final LinkedHashMap<Key, Cached> entries;

    DnsCache(int maxEntries, Duration maxTtl, Duration maxNegativeTtl, Clock clock) {
        if (maxEntries < 0) throw new IllegalArgumentException("maxEntries < 0");
        this.maxTtlMillis = maxTtl.toMillis();
        this.maxNegativeTtlMillis = maxNegativeTtl.toMillis();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The live answer for the question, or null. */
    synchronized DnsAnswer get(Key key) {
        Cached e = entries.get(key);
        if (e == null) return null;
        if (clock.millis() >= e.expiresAtMillis) {
            entries.remove(key);
            return null;
        }
        return e.answer;
    }

    /** Remembers the answer for its TTL (capped); does nothing for TTL 0. */
    synchronized void put(Key key, DnsAnswer answer) {
        long cap = answer.isNegative() ? maxNegativeTtlMillis : maxTtlMillis;
        long ttl = Math.min(cap, Math.multiplyExact(answer.ttlSeconds(), 1000L));
        if (ttl <= 0) return;
        entries.put(key, new Cached(answer, clock.millis() + ttl));
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }
}
