package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static io.sipflow.stack.transport.Transport.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.uri.SipUri;
import org.junit.jupiter.api.Test;

/** RFC 3263 §4.1 NAPTR, then §4.2 SRV and A/AAAA, against dnsmasq (zone naptr.sipflow.test). */
class NaptrLocationTest extends DnsmasqTestBase {
    private static final String NAME = "naptr.sipflow.test";

    @Test
    void naptrThenSrvThenAddressesInOrderAndPreferenceOrder() {
        DnsServerLocator locator = locator().build();

        // Order 10: TCP (pref 40), TLS (pref 50); then order 20: UDP. SCTP and WS are not enabled.
        assertThat(await(locator.locate(SipUri.parse("sip:alice@naptr.sipflow.test")))).containsExactly(
                dest(TCP, "192.0.2.10", 5070, NAME),
                dest(TLS, "192.0.2.11", 5071, NAME),
                dest(TLS, "2001:db8::11", 5071, NAME),
                dest(UDP, "192.0.2.12", 5072, NAME));
        assertThat(resolver.queries())
                .contains("naptr.sipflow.test NAPTR", "_sip._tcp.naptr.sipflow.test SRV",
                        "_sips._tcp.naptr.sipflow.test SRV", "_sip._udp.naptr.sipflow.test SRV",
                        "tcp1.naptr.sipflow.test A", "tls1.naptr.sipflow.test AAAA")
                // Discarded services are not followed, and NAPTR success means no SRV guessing.
                .doesNotContain("_sip._sctp.naptr.sipflow.test SRV", "_sip._ws.naptr.sipflow.test SRV",
                        "naptr.sipflow.test A");
    }

    @Test
    void sipsKeepsOnlySipsServices() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sips:naptr.sipflow.test")))).containsExactly(
                dest(TLS, "192.0.2.11", 5071, NAME),
                dest(TLS, "2001:db8::11", 5071, NAME));
    }

    @Test
    void enabledWebSocketServiceIsUsedWithItsPreference() {
        DnsServerLocator locator = locator().transports(UDP, TCP, TLS, WS).build();

        // SIP+D2W has order 10, preference 10: first (RFC 7118 §5).
        assertThat(await(locator.locate(SipUri.parse("sip:naptr.sipflow.test"))))
                .first().isEqualTo(dest(WS, "192.0.2.14", 8080, NAME));
    }

    @Test
    void onlyEnabledTransportsAreUsed() {
        DnsServerLocator locator = locator().transports(UDP).build();

        assertThat(await(locator.locate(SipUri.parse("sip:naptr.sipflow.test"))))
                .containsExactly(dest(UDP, "192.0.2.12", 5072, NAME));
    }

    @Test
    void ipv6FirstPutsAaaaAddressesBeforeA() {
        DnsServerLocator locator = locator().addressPreference(AddressPreference.IPV6_FIRST).build();

        assertThat(await(locator.locate(SipUri.parse("sips:naptr.sipflow.test")))).containsExactly(
                dest(TLS, "2001:db8::11", 5071, NAME),
                dest(TLS, "192.0.2.11", 5071, NAME));
    }
}
