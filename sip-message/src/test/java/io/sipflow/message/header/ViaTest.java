package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Via (RFC 3261 §20.42, §18.2.1; RFC 3581; RFC 5118). */
class ViaTest {
    @Test
    void everyParameter() {
        Via v = Via.parse("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;"
                + "rport=5067;maddr=224.2.0.1;ttl=16;x-custom=\"q v\"");
        assertThat(v.protocolName()).isEqualTo("SIP");
        assertThat(v.protocolVersion()).isEqualTo("2.0");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("pc33.atlanta.example.com");
        assertThat(v.port()).isEqualTo(5066);
        assertThat(v.branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(v.hasRfc3261Branch()).isTrue();
        assertThat(v.received()).isEqualTo("192.0.2.1");
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEqualTo(5067);
        assertThat(v.maddr()).isEqualTo("224.2.0.1");
        assertThat(v.ttl()).isEqualTo(16);
        assertThat(v.param("x-custom")).isEqualTo("q v");
        assertThat(Via.parse(v.toString())).isEqualTo(v);
    }

    @Test
    void absentParameters() {
        Via v = Via.parse("SIP/2.0/tcp host");
        assertThat(v.transport()).isEqualTo("TCP");
        assertThat(v.port()).isEqualTo(-1);
        assertThat(v.branch()).isNull();
        assertThat(v.hasRfc3261Branch()).isFalse();
        assertThat(v.received()).isNull();
        assertThat(v.hasRport()).isFalse();
        assertThat(v.rport()).isEqualTo(-1);
        assertThat(v.ttl()).isEqualTo(-1);
        assertThat(Via.parse("SIP/2.0/UDP h;rport").hasRport()).isTrue();
        assertThat(Via.parse("SIP/2.0/UDP h;rport").rport()).isEqualTo(-1);
        assertThat(Via.parse("SIP/2.0/UDP h;ttl=abc").ttl()).isEqualTo(-1);
        assertThat(Via.parse("SIP/2.0/UDP h;branch=z9hG4bK").hasRfc3261Branch()).isFalse(); // RFC 4475 §3.2.1
        assertThat(Via.parse("SIP/2.0/UDP h;branch=1234").hasRfc3261Branch()).isFalse();
    }

    @Test
    void ipv6() {
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3;received=[2001:db8::9:255]");
        assertThat(v.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(v.port()).isEqualTo(6050);
        assertThat(v.received()).isEqualTo("[2001:db8::9:255]");
        // RFC 5118 §4.5: received as RFC 3261's grammar has it, without brackets
        Via bare = Via.parse("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3");
        assertThat(bare.received()).isEqualTo("2001:db8::9:255");
        assertThat(bare.branch()).isEqualTo("z9hG4bKas3");
        assertThat(Via.parse("SIP/2.0/UDP h;received=::ffff:192.0.2.1").received()).isEqualTo("::ffff:192.0.2.1");
        assertThat(Via.parse(bare.toString())).isEqualTo(bare);
    }

    @Test
    void withMethods() {
        Via v = Via.of("udp", "client.example.com", 5060, "z9hG4bK1");
        assertThat(v.toString()).isEqualTo("SIP/2.0/UDP client.example.com:5060;branch=z9hG4bK1");
        assertThat(Via.of("TCP", "h", -1, null).toString()).isEqualTo("SIP/2.0/TCP h");
        assertThat(v.withReceived("192.0.2.9").received()).isEqualTo("192.0.2.9");
        Via six = v.withReceived("2001:db8::1");
        assertThat(six.received()).isEqualTo("[2001:db8::1]");
        assertThat(v.withReceived("[2001:db8::1]").received()).isEqualTo("[2001:db8::1]");
        Via rp = Via.parse("SIP/2.0/UDP h:5060;branch=z9hG4bK2;rport").withRport(61000).withReceived("198.51.100.7");
        assertThat(rp.toString()).isEqualTo("SIP/2.0/UDP h:5060;branch=z9hG4bK2;rport=61000;received=198.51.100.7");
        assertThat(Via.parse(rp.toString())).isEqualTo(rp);
        assertThat(v.withBranch("z9hG4bK9").branch()).isEqualTo("z9hG4bK9");
        assertThat(v.withBranch("z9hG4bK9").params().size()).isEqualTo(1);
    }

    @Test
    void lwsAroundSeparators() {
        // RFC 4475 §3.1.1.1
        Via v = Via.parse("SIP  /   2.0 /UDP  192.0.2.2  ;  branch = 390skdjuw");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("192.0.2.2");
        assertThat(v.branch()).isEqualTo("390skdjuw");
        assertThat(Via.parse("SIP/2.0/UDP h : 5060").port()).isEqualTo(5060);
    }

    @Test
    void viaLists() {
        List<Via> vs = Header.VIA.parseAll("SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/TCP [::1]:5061;branch=z9hG4bK2,SIP/2.0/TLS c");
        assertThat(vs).extracting(Via::host).containsExactly("a", "[::1]", "c");
        assertThat(vs).extracting(Via::transport).containsExactly("UDP", "TCP", "TLS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SIP/2.0 host", "SIP/2.0/ host", "SIP/2.0/UDP", "SIP/2.0/UDP host:", "SIP/2.0/UDP host:70000",
        "SIP/2.0/UDP [::1", "SIP/2.0/UDP host;", "SIP/2.0/UDP host;branch=", "SIP/2.0/UDP host;;", "SIP/2.0/UDP host junk",
        "SIP/2.0/UDP 192.0.2.15;;,;,,"})
    void malformedVias(String text) {
        assertThatThrownBy(() -> Via.parse(text)).as(text).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isIn(ParseProblem.MALFORMED_HEADER, ParseProblem.VALUE_OUT_OF_RANGE));
    }
}
