package io.sipflow.stack.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class DnsCacheTest {
    private final MutableClock clock = new MutableClock();

    private static DnsCache.Key key(String name) {
        return new DnsCache.Key(Name.fromConstantString(name + "."), Type.A);
    }

    private static DnsAnswer answer(String name, long ttl) {
        Name n = Name.fromConstantString(name + ".");
        ARecord a = new ARecord(n, DClass.IN, ttl, HostLiteral.parse("192.0.2.1"));
        return new DnsAnswer(n, Type.A, DnsAnswer.Kind.RECORDS, List.of(a), ttl, null);
    }

    @Test
    void boundedByLeastRecentUse() throws Exception {
        DnsCache cache = new DnsCache(2, Duration.ofHours(1), Duration.ofHours(1), clock);
        cache.put(key("a"), answer("a", 60));
        cache.put(key("b"), answer("b", 60));
        cache.get(key("a")); // a is now more recent than b
        cache.put(key("c"), answer("c", 60));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(key("a"))).isNotNull();
        assertThat(cache.get(key("b"))).isNull();
        assertThat(cache.get(key("c"))).isNotNull();
    }

    @Test
    void namesAreCaseInsensitive() throws Exception {
        DnsCache cache = new DnsCache(10, Duration.ofHours(1), Duration.ofHours(1), clock);
        cache.put(key("Example.COM"), answer("example.com", 60));

        assertThat(cache.get(key("example.com"))).isNotNull();
    }

    @Test
    void zeroTtlIsNotCached() throws Exception {
        DnsCache cache = new DnsCache(10, Duration.ofHours(1), Duration.ofHours(1), clock);
        cache.put(key("a"), answer("a", 0));

        assertThat(cache.get(key("a"))).isNull();
    }

    @Test
    void negativeAnswersUseTheirOwnCap() {
        DnsCache cache = new DnsCache(10, Duration.ofHours(1), Duration.ofSeconds(5), clock);
        Name n = Name.fromConstantString("gone.");
        cache.put(key("gone"), DnsAnswer.negative(n, Type.A, DnsAnswer.Kind.NXDOMAIN, 3600));

        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.get(key("gone"))).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(key("gone"))).isNull();
    }
}
