package io.sipflow.stack.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.2.1 received, RFC 3581 §4 rport. */
class ViaReceivedTest {
    private static SipRequest request(String via) {
        String text = "OPTIONS sip:b@example.com SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
                + "Call-ID: v\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.defaults().parse(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static InetSocketAddress src(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void matchingIpLiteralWithoutRportIsLeftUntouched() throws Exception {
        SipRequest r = request("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1");
        byte[] before = r.toBytes();
        assertThat(ViaReceived.stamp(r, src("192.0.2.1", 5060))).isFalse();
        assertThat(r.isModified()).isFalse();
        assertThat(r.toBytes()).isEqualTo(before);
    }

    @Test
    void differentAddressGetsReceived() throws Exception {
        SipRequest r = request("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1");
        assertThat(ViaReceived.stamp(r, src("192.0.2.9", 4000))).isTrue();
        Via v = r.topVia();
        assertThat(v.received()).isEqualTo("192.0.2.9");
        assertThat(v.hasRport()).isFalse();
        assertThat(v.branch()).isEqualTo("z9hG4bK1");
    }

    @Test
    void domainNameAlwaysGetsReceived() throws Exception {
        SipRequest r = request("SIP/2.0/TCP pc33.example.com;branch=z9hG4bK1");
        ViaReceived.stamp(r, src("192.0.2.9", 4000));
        assertThat(r.topVia().received()).isEqualTo("192.0.2.9");
    }

    @Test
    void rportIsFilledAndReceivedAddedEvenWhenTheAddressMatches() throws Exception {
        SipRequest r = request("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1");
        ViaReceived.stamp(r, src("192.0.2.1", 61000));
        assertThat(r.topVia().rport()).isEqualTo(61000);
        assertThat(r.topVia().received()).isEqualTo("192.0.2.1");
    }

    @Test
    void onlyTheTopViaOfACommaSeparatedLineChanges() throws Exception {
        SipRequest r = request("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK2");
        ViaReceived.stamp(r, src("192.0.2.9", 7000));
        assertThat(r.vias()).hasSize(2);
        assertThat(r.vias().get(0).received()).isEqualTo("192.0.2.9");
        assertThat(r.vias().get(1).received()).isNull();
        assertThat(r.vias().get(1).branch()).isEqualTo("z9hG4bK2");
    }

    @Test
    void ipv6LiteralsCompareByValueAndAreBracketed() throws Exception {
        SipRequest same = request("SIP/2.0/UDP [2001:db8:0:0::1]:5060;branch=z9hG4bK1");
        assertThat(ViaReceived.stamp(same, src("2001:db8::1", 5060))).isFalse();
        SipRequest other = request("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1");
        ViaReceived.stamp(other, src("2001:db8::2", 5060));
        assertThat(other.topVia().received()).isEqualTo("[2001:db8::2]");
    }
}
