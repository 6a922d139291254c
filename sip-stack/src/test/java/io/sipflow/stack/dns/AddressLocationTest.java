package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.uri.SipUri;
import org.junit.jupiter.api.Test;

/** RFC 3263 §4.2 without SRV records: A/AAAA of the domain with the transport's default port. */
class AddressLocationTest extends DnsmasqTestBase {

    @Test
    void aOnlyFallbackWithDefaultPort() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sip:bob@aonly.sipflow.test"))))
                .containsExactly(dest(UDP, "192.0.2.30", 5060, "aonly.sipflow.test"));
        // NAPTR, then SRV for UDP and TCP, then the addresses.
        assertThat(resolver.queries()).containsExactlyInAnyOrder("aonly.sipflow.test NAPTR",
                "_sip._udp.aonly.sipflow.test SRV", "_sip._tcp.aonly.sipflow.test SRV",
                "aonly.sipflow.test A", "aonly.sipflow.test AAAA");
    }

    @Test
    void sipsFallsBackToTls() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sips:aonly.sipflow.test"))))
                .containsExactly(dest(TLS, "192.0.2.30", 5061, "aonly.sipflow.test"));
    }

    @Test
    void transportParamWithoutSrvUsesAddressAndDefaultPort() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sip:aonly.sipflow.test;transport=TCP"))))
                .containsExactly(dest(TCP, "192.0.2.30", 5060, "aonly.sipflow.test"));
    }

    @Test
    void aaaaOnlyHost() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sip:v6.sipflow.test"))))
                .containsExactly(dest(UDP, "2001:db8::40", 5060, "v6.sipflow.test"));
    }

    @Test
    void addressFamilyPreference() {
        SipUri uri = SipUri.parse("sip:dual.sipflow.test:5070");
        String name = "dual.sipflow.test";

        assertThat(await(locator().build().locate(uri)))
                .containsExactly(dest(UDP, "192.0.2.41", 5070, name), dest(UDP, "2001:db8::41", 5070, name));
        assertThat(await(locator().addressPreference(AddressPreference.IPV6_FIRST).build().locate(uri)))
                .containsExactly(dest(UDP, "2001:db8::41", 5070, name), dest(UDP, "192.0.2.41", 5070, name));
        assertThat(await(locator().addressPreference(AddressPreference.IPV4_ONLY).build().locate(uri)))
                .containsExactly(dest(UDP, "192.0.2.41", 5070, name));
        assertThat(resolver.queries()).containsExactly("dual.sipflow.test A");
        assertThat(await(locator().addressPreference(AddressPreference.IPV6_ONLY).build().locate(uri)))
                .containsExactly(dest(UDP, "2001:db8::41", 5070, name));
    }

    @Test
    void cnameIsFollowed() {
        DnsServerLocator locator = locator().build();

        // The certificate must match the name we were given (RFC 5922 §4), not the alias target.
        assertThat(await(locator.locate(SipUri.parse("sip:alias.sipflow.test:5060"))))
                .containsExactly(dest(UDP, "192.0.2.30", 5060, "alias.sipflow.test"));
    }

    @Test
    void maddrNameIsTheTarget() {
        DnsServerLocator locator = locator().build();

        // RFC 3263 §4: maddr, when present, is the TARGET; a name there is looked up like a host.
        assertThat(await(locator.locate(SipUri.parse("sip:bob@nope.sipflow.test;maddr=aonly.sipflow.test"))))
                .containsExactly(dest(UDP, "192.0.2.30", 5060, "aonly.sipflow.test"));
        assertThat(resolver.queries()).noneMatch(q -> q.contains("nope"));
    }
}
