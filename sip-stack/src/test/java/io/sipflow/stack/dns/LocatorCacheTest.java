package io.sipflow.stack.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.dns.LocatorException.Reason;
import io.sipflow.stack.transport.Destination;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Caching by TTL: dnsmasq gives every record TTL 300 and the zone's SOA TTL and minimum 300, so
 * negative answers may be cached 300 s as well (RFC 2308 §5). The clock is moved by hand.
 */
class LocatorCacheTest extends DnsmasqTestBase {
    private static final SipUri NAPTR_URI = SipUri.parse("sip:naptr.sipflow.test");

    @Test
    void secondLookupIsAnsweredFromTheCache() {
        DnsServerLocator locator = locator().build();
        List<Destination> first = await(locator.locate(NAPTR_URI));
        int queries = resolver.count();
        assertThat(queries).isEqualTo(10); // NAPTR, 3 SRV, A and AAAA of 3 targets

        CompletableFuture<List<Destination>> second = locator.locate(NAPTR_URI);

        assertThat(second).as("answered at once, without DNS").isCompleted();
        assertThat(await(second)).isEqualTo(first);
        assertThat(resolver.count()).isEqualTo(queries);
    }

    @Test
    void answersExpireWithTheirTtl() {
        // Two of the ten answers are negative (no AAAA for tcp1 and udp1): let them live as long.
        DnsServerLocator locator = locator().maxNegativeTtl(Duration.ofHours(1)).build();
        await(locator.locate(NAPTR_URI));
        int queries = resolver.count();

        clock.advance(Duration.ofSeconds(299));
        await(locator.locate(NAPTR_URI));
        assertThat(resolver.count()).isEqualTo(queries);

        clock.advance(Duration.ofSeconds(2));
        await(locator.locate(NAPTR_URI));
        assertThat(resolver.count()).isEqualTo(2 * queries);
    }

    @Test
    void maxTtlCapsPositiveCaching() {
        DnsServerLocator locator = locator().maxTtl(Duration.ofSeconds(10)).maxNegativeTtl(Duration.ofHours(1)).build();
        await(locator.locate(NAPTR_URI));
        int queries = resolver.count();

        clock.advance(Duration.ofSeconds(11));
        await(locator.locate(NAPTR_URI));

        // All but the two negative AAAA answers (for tcp1 and udp1) are asked again.
        assertThat(resolver.count()).isEqualTo(2 * queries - 2);
    }

    @Test
    void negativeAnswersAreCachedForTheSoaMinimum() {
        DnsServerLocator locator = locator().maxNegativeTtl(Duration.ofHours(1)).build();
        SipUri nope = SipUri.parse("sip:nope.sipflow.test");
        assertThat(failure(locator.locate(nope)).reason()).isEqualTo(Reason.NXDOMAIN);
        assertThat(resolver.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(299));
        assertThat(failure(locator.locate(nope)).reason()).isEqualTo(Reason.NXDOMAIN);
        assertThat(resolver.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(failure(locator.locate(nope)).reason()).isEqualTo(Reason.NXDOMAIN);
        assertThat(resolver.count()).isEqualTo(2);
    }

    @Test
    void negativeCachingIsCapped() {
        DnsServerLocator locator = locator().maxNegativeTtl(Duration.ofSeconds(30)).build();
        SipUri nope = SipUri.parse("sip:nope.sipflow.test");
        failure(locator.locate(nope));

        clock.advance(Duration.ofSeconds(29));
        failure(locator.locate(nope));
        assertThat(resolver.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        failure(locator.locate(nope));
        assertThat(resolver.count()).isEqualTo(2);
    }

    @Test
    void concurrentLookupsShareQueries() {
        DnsServerLocator locator = locator().build();

        CompletableFuture<List<Destination>> a = locator.locate(NAPTR_URI);
        CompletableFuture<List<Destination>> b = locator.locate(NAPTR_URI);

        assertThat(await(a)).isEqualTo(await(b));
        assertThat(resolver.count()).isEqualTo(10);
    }

    @Test
    void clearCacheForgetsAnswers() {
        DnsServerLocator locator = locator().build();
        await(locator.locate(NAPTR_URI));

        locator.clearCache();
        await(locator.locate(NAPTR_URI));

        assertThat(resolver.count()).isEqualTo(20);
    }
}
