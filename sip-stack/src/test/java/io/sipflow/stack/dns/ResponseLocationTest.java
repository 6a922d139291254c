package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static io.sipflow.stack.transport.Transport.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.stack.dns.LocatorException.Reason;
import org.junit.jupiter.api.Test;

/** Where responses go when the Via sent-by must be resolved (RFC 3261 §18.2.2, RFC 3263 §5). */
class ResponseLocationTest extends DnsmasqTestBase {

    @Test
    void numericSentBy() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locateForResponse("192.0.2.5", 5070, UDP)))
                .containsExactly(dest(UDP, "192.0.2.5", 5070, null));
        assertThat(await(locator.locateForResponse("[2001:db8::5]", -1, TCP)))
                .containsExactly(dest(TCP, "2001:db8::5", 5060, null));
        assertThat(await(locator.locateForResponse("2001:db8::5", 0, TLS)))
                .containsExactly(dest(TLS, "2001:db8::5", 5061, null));
        assertThat(resolver.count()).isZero();
    }

    @Test
    void nameWithPortUsesAddressRecords() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locateForResponse("srv.sipflow.test", 5099, UDP)))
                .containsExactly(dest(UDP, "192.0.2.20", 5099, "srv.sipflow.test"));
        assertThat(resolver.queries()).containsExactly("srv.sipflow.test A", "srv.sipflow.test AAAA");
    }

    @Test
    void nameWithoutPortUsesSrvOfTheViaTransport() {
        DnsServerLocator locator = locator().random(new ScriptedRandom(0, 0)).build();

        // Draws of 0 take the records in their canonical order: a, b, c (RFC 2782).
        assertThat(await(locator.locateForResponse("srv.sipflow.test", -1, UDP))).containsExactly(
                dest(UDP, "192.0.2.21", 5060, "srv.sipflow.test"),
                dest(UDP, "192.0.2.22", 5060, "srv.sipflow.test"),
                dest(UDP, "192.0.2.23", 5060, "srv.sipflow.test"),
                dest(UDP, "192.0.2.24", 5062, "srv.sipflow.test"));
        assertThat(await(locator.locateForResponse("srv.sipflow.test", -1, TLS)))
                .containsExactly(dest(TLS, "192.0.2.26", 5071, "srv.sipflow.test"));
        assertThat(resolver.queries()).doesNotContain("srv.sipflow.test NAPTR");
    }

    @Test
    void nameWithoutSrvUsesAddressAndDefaultPortEvenForDisabledTransport() {
        DnsServerLocator locator = locator().build();

        assertThat(await(locator.locateForResponse("aonly.sipflow.test", -1, TCP)))
                .containsExactly(dest(TCP, "192.0.2.30", 5060, "aonly.sipflow.test"));
        // The request came over WS, so the response may go back over WS though it is not enabled here.
        assertThat(await(locator.locateForResponse("aonly.sipflow.test", -1, WS)))
                .containsExactly(dest(WS, "192.0.2.30", 80, "aonly.sipflow.test"));
    }

    @Test
    void unknownSentBy() {
        DnsServerLocator locator = locator().build();

        LocatorException e = failure(locator.locateForResponse("nope.sipflow.test", -1, UDP));

        assertThat(e.reason()).isEqualTo(Reason.NXDOMAIN);
        assertThat(e.name()).isEqualTo("nope.sipflow.test");
    }
}
