package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.dns.LocatorException.Reason;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Typed failures: which name, and what went wrong. */
class LocatorFailureTest extends DnsmasqTestBase {

    @Test
    void nxdomainNamesTheDomainAndStopsThere() {
        DnsServerLocator locator = locator().build();

        LocatorException e = failure(locator.locate(SipUri.parse("sip:alice@nope.sipflow.test")));

        assertThat(e.reason()).isEqualTo(Reason.NXDOMAIN);
        assertThat(e.name()).isEqualTo("nope.sipflow.test");
        assertThat(e.isNegativeAnswer()).isTrue();
        assertThat(e).hasMessageContaining("NXDOMAIN").hasMessageContaining("nope.sipflow.test");
        // RFC 8020: nothing exists below a name that does not exist, so no SRV or A queries.
        assertThat(resolver.queries()).containsExactly("nope.sipflow.test NAPTR");
    }

    @Test
    void nameWithoutAddressesIsNoRecords() {
        DnsServerLocator locator = locator().build();

        LocatorException e = failure(locator.locate(SipUri.parse("sip:noaddr.sipflow.test")));

        assertThat(e.reason()).isEqualTo(Reason.NO_RECORDS);
        assertThat(e.name()).isEqualTo("noaddr.sipflow.test");
        assertThat(e.recordType()).isEqualTo("A/AAAA");
    }

    @Test
    void missingFamilyOnlyIsNoRecords() {
        DnsServerLocator locator = locator().addressPreference(AddressPreference.IPV4_ONLY).build();

        LocatorException e = failure(locator.locate(SipUri.parse("sip:v6.sipflow.test:5060")));

        assertThat(e.reason()).isEqualTo(Reason.NO_RECORDS);
        assertThat(e.recordType()).isEqualTo("A");
    }

    @Test
    void refusedIsDnsFailure() {
        DnsServerLocator locator = locator().build();

        // dnsmasq refuses names outside its zone (no upstream servers).
        LocatorException e = failure(locator.locate(SipUri.parse("sip:example.org")));

        assertThat(e.reason()).isEqualTo(Reason.DNS_FAILURE);
        assertThat(e.name()).isEqualTo("example.org");
        assertThat(e).hasMessageContaining("REFUSED");
    }

    @Test
    void silentServerIsTimeout() throws Exception {
        // A socket that receives queries and never answers.
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsServerLocator locator = DnsServerLocator.builder()
                    .servers("127.0.0.1:" + silent.getLocalPort())
                    .timeout(Duration.ofMillis(200))
                    .retries(1)
                    .build();

            long start = System.nanoTime();
            LocatorException e = failure(locator.locate(SipUri.parse("sip:slow.sipflow.test")));

            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.name()).isEqualTo("slow.sipflow.test");
            assertThat(e.recordType()).isEqualTo("NAPTR");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void unsupportedTransports() {
        DnsServerLocator locator = locator().transports(UDP, TCP).build();

        assertThat(failure(locator.locate(SipUri.parse("sip:aonly.sipflow.test;transport=sctp"))).reason())
                .isEqualTo(Reason.UNSUPPORTED_TRANSPORT);
        assertThat(failure(locator.locate(SipUri.parse("sips:aonly.sipflow.test;transport=udp"))).reason())
                .isEqualTo(Reason.UNSUPPORTED_TRANSPORT);
        assertThat(failure(locator.locate(SipUri.parse("sip:aonly.sipflow.test;transport=ws"))).reason())
                .isEqualTo(Reason.UNSUPPORTED_TRANSPORT);
        // sips: needs TLS, which this locator does not have.
        assertThat(failure(locator.locate(SipUri.parse("sips:192.0.2.1"))).reason())
                .isEqualTo(Reason.UNSUPPORTED_TRANSPORT);
        assertThat(resolver.count()).isZero();
    }

    @Test
    void invalidHostName() {
        DnsServerLocator locator = locator().build();

        LocatorException e = failure(locator.locate(SipUri.of(null, "a".repeat(64) + ".sipflow.test")));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_TARGET);
    }
}
