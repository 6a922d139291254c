package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static io.sipflow.stack.transport.Transport.WSS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transport.Destination;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What needs no DNS: numeric hosts and maddr (RFC 3263 §4.1-4.2) and static routes. The
 * locators point at dnsmasq through a counting resolver, and no query may go out.
 */
class DnsBypassTest extends DnsmasqTestBase {

    @Test
    void numericHostsUseUdpOrTlsAndDefaultPorts() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sip:192.0.2.99")))).containsExactly(dest(UDP, "192.0.2.99", 5060, null));
        assertThat(await(locator.locate(SipUri.parse("sips:192.0.2.99")))).containsExactly(dest(TLS, "192.0.2.99", 5061, null));
        assertThat(await(locator.locate(SipUri.parse("sip:[2001:db8::1]:5070"))))
                .containsExactly(dest(UDP, "2001:db8::1", 5070, null));
        assertThat(resolver.count()).isZero();
    }

    @Test
    void numericHostWithTransportParam() {
        DnsServerLocator locator = locator().transports(UDP, TCP, TLS, WSS).build();

        assertThat(await(locator.locate(SipUri.parse("sip:192.0.2.99;transport=tcp"))))
                .containsExactly(dest(TCP, "192.0.2.99", 5060, null));
        assertThat(await(locator.locate(SipUri.parse("sips:192.0.2.99:5071;transport=tcp"))))
                .containsExactly(dest(TLS, "192.0.2.99", 5071, null));
        assertThat(await(locator.locate(SipUri.parse("sips:192.0.2.99;transport=ws"))))
                .containsExactly(dest(WSS, "192.0.2.99", 443, null));
        assertThat(resolver.count()).isZero();
    }

    @Test
    void numericMaddrBypassesDns() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locate(SipUri.parse("sip:bob@nope.sipflow.test:5080;maddr=192.0.2.7"))))
                .containsExactly(dest(UDP, "192.0.2.7", 5080, null));
        assertThat(resolver.count()).isZero();
    }

    @Test
    void staticRoutesBypassDnsAndHonourSipsAndTransport() {
        Destination tls = dest(TLS, "10.0.0.1", 5061, "static.example");
        Destination udp = dest(UDP, "10.0.0.2", 5060, null);
        DnsServerLocator locator = locator()
                .staticRoutes(StaticRoutes.of(Map.of("Static.Example.", List.of(tls, udp))))
                .build();

        assertThat(await(locator.locate(SipUri.parse("sip:alice@static.example")))).containsExactly(tls, udp);
        assertThat(await(locator.locate(SipUri.parse("sip:STATIC.example:5099")))).containsExactly(tls, udp);
        assertThat(await(locator.locate(SipUri.parse("sips:static.example")))).containsExactly(tls);
        assertThat(await(locator.locate(SipUri.parse("sip:static.example;transport=udp")))).containsExactly(udp);
        assertThat(failure(locator.locate(SipUri.parse("sip:static.example;transport=tcp"))).reason())
                .isEqualTo(LocatorException.Reason.UNSUPPORTED_TRANSPORT);
        assertThat(resolver.count()).isZero();
    }

    @Test
    void staticRouteForAHostOtherwiseInDns() {
        Destination pinned = dest(TCP, "10.9.9.9", 5070, null);
        DnsServerLocator locator = locator()
                .staticRoutes(StaticRoutes.of(Map.of("naptr.sipflow.test", List.of(pinned))))
                .build();

        assertThat(await(locator.locate(SipUri.parse("sip:naptr.sipflow.test")))).containsExactly(pinned);
        assertThat(resolver.count()).isZero();
    }
}
