package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.uri.SipUri;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 3263 §4.1-4.2 with SRV records and no NAPTR (zone srv.sipflow.test): RFC 2782 priority and
 * weighted order, one SRV lookup per enabled transport, explicit transports, failover order.
 */
class SrvLocationTest extends DnsmasqTestBase {
    private static final String NAME = "srv.sipflow.test";

    @Test
    void srvPerTransportOrderedByPriorityThenWeight() {
        // Priority 10 holds a (60), b (30), c (10): running sums 60, 90, 100. Drawing 95 of
        // [0, 100] picks c; of a, b (sums 60, 90) drawing 70 picks b; a is left.
        ScriptedRandom random = new ScriptedRandom(95, 70);
        DnsServerLocator locator = locator().random(random).build();

        // The list is the failover order (RFC 3263 §4.3): UDP's priority 10, its priority 20 backup,
        // then TCP (the next enabled transport). sip: URIs do not look for _sips SRV records.
        assertThat(await(locator.locate(SipUri.parse("sip:srv.sipflow.test")))).containsExactly(
                dest(UDP, "192.0.2.23", 5060, NAME),
                dest(UDP, "192.0.2.22", 5060, NAME),
                dest(UDP, "192.0.2.21", 5060, NAME),
                dest(UDP, "192.0.2.24", 5062, NAME),
                dest(TCP, "192.0.2.25", 5070, NAME));
        assertThat(random.remaining()).isZero();
        assertThat(resolver.queries()).contains("srv.sipflow.test NAPTR", "_sip._udp.srv.sipflow.test SRV",
                "_sip._tcp.srv.sipflow.test SRV").doesNotContain("_sips._tcp.srv.sipflow.test SRV");
    }

    @Test
    void weightsSpreadLoadOverCachedRecords() {
        // Each locate orders the (cached) records afresh, so calls spread over the targets by
        // weight: a has 60 of 100. The generator is seeded, so the count is fixed.
        DnsServerLocator locator = locator().random(new Random(7)).build();
        int aFirst = 0;
        for (int i = 0; i < 200; i++) {
            if (await(locator.locate(SipUri.parse("sip:srv.sipflow.test;transport=udp"))).get(0)
                    .equals(dest(UDP, "192.0.2.21", 5060, NAME))) {
                aFirst++;
            }
        }
        assertThat(aFirst).isBetween(100, 140);
        assertThat(resolver.count()).as("SRV and A/AAAA of 4 targets, once each").isEqualTo(9);
    }

    @Test
    void transportParamSkipsNaptrAndUsesThatTransportsSrv() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sip:srv.sipflow.test;transport=tcp"))))
                .containsExactly(dest(TCP, "192.0.2.25", 5070, NAME));
        assertThat(resolver.queries()).containsExactly(
                "_sip._tcp.srv.sipflow.test SRV", "t.srv.sipflow.test A", "t.srv.sipflow.test AAAA");
    }

    @Test
    void sipsUsesSipsSrv() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sips:srv.sipflow.test"))))
                .containsExactly(dest(TLS, "192.0.2.26", 5071, NAME));
        // sips: with transport=tcp means TLS over TCP (RFC 3261 §26.2.2): the same records.
        assertThat(await(locator.locate(SipUri.parse("sips:srv.sipflow.test;transport=tcp"))))
                .containsExactly(dest(TLS, "192.0.2.26", 5071, NAME));
        // A sip: URI asking for TLS uses the _sips service too (RFC 3263 §4.2).
        assertThat(await(locator.locate(SipUri.parse("sip:srv.sipflow.test;transport=tls"))))
                .containsExactly(dest(TLS, "192.0.2.26", 5071, NAME));
    }

    @Test
    void portInUriMeansNoSrv() {
        DnsServerLocator locator = locator().build();

        // §4.2: with a port, only A/AAAA of the host; UDP as no transport was given (§4.1).
        assertThat(await(locator.locate(SipUri.parse("sip:srv.sipflow.test:5099"))))
                .containsExactly(dest(UDP, "192.0.2.20", 5099, NAME));
        assertThat(resolver.queries()).containsExactly("srv.sipflow.test A", "srv.sipflow.test AAAA");
    }

    @Test
    void targetWithoutAddressIsSkipped() {
        DnsServerLocator locator = locator().build();

        // missing.broken.sipflow.test (priority 10) does not exist: failover goes to priority 20.
        assertThat(await(locator.locate(SipUri.parse("sip:broken.sipflow.test"))))
                .containsExactly(dest(UDP, "192.0.2.50", 5060, "broken.sipflow.test"));
        assertThat(resolver.queries()).contains("missing.broken.sipflow.test A");
    }
}
