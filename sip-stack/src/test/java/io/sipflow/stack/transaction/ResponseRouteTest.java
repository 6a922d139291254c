package io.sipflow.stack.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Via;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** §18.2.2 response routing with RFC 3581, and the received/rport stamp of §18.2.1. */
class ResponseRouteTest {
    static ResponseRoute route(String via, Flow flow) {
        return ResponseRoute.of(Via.parse(via), flow);
    }

    @Test
    void udpGoesToSentBy() {
        ResponseRoute r = route("SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK1", TestFlow.udp("198.51.100.7", 5070));
        assertThat(r.destination().toString()).isEqualTo("UDP:198.51.100.7:5070");
        assertThat(r.needsResolution()).isFalse();
    }

    @Test
    void anEqualRouteOnTheSameFlowIsShared() {
        Flow flow = TestFlow.udp("203.0.113.4", 61000);
        String via = "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK%s;received=203.0.113.4;rport=61000";
        ResponseRoute first = ResponseRoute.of(Via.parse(via.formatted("1")), flow, null);
        assertThat(ResponseRoute.of(Via.parse(via.formatted("2")), flow, first)).isSameAs(first);
        // Another port, another flow: another route.
        assertThat(ResponseRoute.of(Via.parse(via.formatted("3").replace("rport=61000", "rport=61001")), flow, first))
                .isNotSameAs(first);
        assertThat(ResponseRoute.of(Via.parse(via.formatted("4")), TestFlow.udp("203.0.113.4", 61000), first))
                .isNotSameAs(first);
    }

    @Test
    void udpWithoutPortUsesTheDefault() {
        assertThat(route("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1", TestFlow.udp("198.51.100.7", 5060))
                .destination().toString()).isEqualTo("UDP:198.51.100.7:5060");
    }

    @Test
    void receivedWinsOverSentBy() {
        assertThat(route("SIP/2.0/UDP pc33.example.com:5070;branch=z9hG4bK1;received=203.0.113.4",
                TestFlow.udp("203.0.113.4", 5070)).destination().toString()).isEqualTo("UDP:203.0.113.4:5070");
    }

    @Test
    void rportGoesToTheSourceAddressAndPort() {
        assertThat(route("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;received=203.0.113.4;rport=61000",
                TestFlow.udp("203.0.113.4", 61000)).destination().toString()).isEqualTo("UDP:203.0.113.4:61000");
    }

    @Test
    void maddrIsUsedWhenPresent() {
        assertThat(route("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1;maddr=239.255.255.1;ttl=1",
                TestFlow.udp("198.51.100.7", 5060)).destination().toString()).isEqualTo("UDP:239.255.255.1:5060");
    }

    @Test
    void reliableTransportsReuseTheConnection() {
        Flow conn = TestFlow.of(Transport.TCP, "198.51.100.7", 49152);
        ResponseRoute r = route("SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK1", conn);
        assertThat(r.flow()).isSameAs(conn);
        assertThat(r.needsResolution()).isFalse(); // the connection is open
        assertThat(r.destination()).isNull();
        Flow closed = new TestFlow(Transport.TCP, conn.listenPoint(), conn.localAddress(), conn.remoteAddress(), false);
        ResponseRoute fallback = route("SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK1", closed);
        assertThat(fallback.needsResolution()).isTrue();
        assertThat(fallback.host()).isEqualTo("client.example.com");
        assertThat(fallback.sentByPort()).isEqualTo(5060);
        assertThat(fallback.transport()).isEqualTo(Transport.TCP);
        Flow closedTls = new TestFlow(Transport.TLS, conn.listenPoint(), conn.localAddress(), conn.remoteAddress(), false);
        ResponseRoute viaReceived = route("SIP/2.0/TLS client.example.com;branch=z9hG4bK1;received=198.51.100.7", closedTls);
        assertThat(viaReceived.destination().toString()).isEqualTo("TLS:198.51.100.7:5061");
    }

    @Test
    void aRequestOnAConnectionIsAnsweredOnItWhateverItsViaSays() {
        Flow conn = TestFlow.of(Transport.TCP, "198.51.100.7", 49152);
        ResponseRoute r = route("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1", conn);
        assertThat(r.flow()).isSameAs(conn);
        assertThat(r.destination().transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void hostNamesNeedResolution() {
        ResponseRoute r = route("SIP/2.0/UDP client.example.com;branch=z9hG4bK1", TestFlow.udp("198.51.100.7", 5060));
        assertThat(r.needsResolution()).isTrue();
        assertThat(r.host()).isEqualTo("client.example.com");
        assertThat(r.sentByPort()).isEqualTo(-1); // RFC 3263 §5: SRV for the name
    }

    @Test
    void ipv6LiteralsAreNumeric() {
        assertThat(route("SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK1", TestFlow.udp("2001:db8::9", 5070))
                .destination().address().getPort()).isEqualTo(5070);
    }

    @Test
    void ipLiteralsNeverResolve() throws Exception {
        assertThat(IpLiterals.parse("192.0.2.1")).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(IpLiterals.parse("[2001:db8::1]")).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(IpLiterals.parse("example.com")).isNull();
        assertThat(IpLiterals.parse("1.2.3")).isNull();
        assertThat(IpLiterals.parse("256.1.1.1")).isNull();
        assertThat(IpLiterals.parse("cafe.example")).isNull();
        assertThat(IpLiterals.sameAddress("2001:DB8:0::1", InetAddress.getByName("2001:db8::1"))).isTrue();
        InetAddress v4 = InetAddress.getByName("198.51.100.7");
        assertThat(IpLiterals.sameAddress("198.51.100.7", v4)).isTrue();
        assertThat(IpLiterals.sameAddress("198.51.100.8", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("198.51.100", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("198.51.100.7.1", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("host.example.com", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("[2001:db8::1]", v4)).isFalse();
    }

    @Test
    void ipv6IsWrittenInCanonicalForm() throws Exception {
        assertThat(IpLiterals.format(InetAddress.getByName("2001:db8:0:0:0:0:0:9"))).isEqualTo("2001:db8::9");
        assertThat(IpLiterals.format(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(IpLiterals.format(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(IpLiterals.format(InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(IpLiterals.format(InetAddress.getByName("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(IpLiterals.format(InetAddress.getByName("fe80:0:0:0:1:0:0:0"))).isEqualTo("fe80::1:0:0:0");
        assertThat(IpLiterals.format(InetAddress.getByName("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(IpLiterals.format(InetAddress.getByName("192.0.2.1"))).isEqualTo("192.0.2.1");
    }

    @Test
    void viaStampAddsReceivedForIpv6SourcesInBrackets() {
        SipRequest r = Msg.request(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("198.51.100.7:5060", "host.example.com"));
        assertThat(ViaStamp.apply(r, TestFlow.udp("2001:db8::9", 5060))).isTrue();
        assertThat(r.topVia().received()).isEqualTo("[2001:db8::9]");
    }

    @Test
    void viaStampLeavesOtherViasAlone() {
        SipRequest r = Msg.request(Msg.request("OPTIONS", "z9hG4bK1", 1, "Via: SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKlow\n")
                .replace("198.51.100.7:5060;branch=z9hG4bK1", "10.0.0.1:5060;branch=z9hG4bK1;rport"));
        ViaStamp.apply(r, TestFlow.udp("203.0.113.4", 1234));
        assertThat(r.vias()).hasSize(2);
        assertThat(r.vias().get(0).toString()).isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=1234;received=203.0.113.4");
        assertThat(r.vias().get(1).branch()).isEqualTo("z9hG4bKlow");
    }

    @Test
    void maxForwardsHelpers() {
        SipRequest r = Msg.request(Msg.request("OPTIONS", "z9hG4bK1", 1, "").replace("Max-Forwards: 70", "Max-Forwards: 0"));
        assertThat(MaxForwards.exhausted(r)).isTrue();
        assertThat(MaxForwards.tooManyHops(r).status()).isEqualTo(483);
        SipRequest ok = Msg.request(Msg.request("OPTIONS", "z9hG4bK1", 1, ""));
        MaxForwards.decrement(ok);
        assertThat(ok.maxForwards()).isEqualTo(69);
        assertThat(MaxForwards.exhausted(ok)).isFalse();
    }
}
