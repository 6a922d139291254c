package io.sipflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "9, 10", "41, 42", "199, 200", "999, 1000", "0099, 0100",
            "9223372036854775807, 9223372036854775808", "99999999999999999999, 100000000000000000000"})
    void originVersionIncrementsInDecimal(String before, String after) {
        Origin o = new Origin("-", "1", before, "IN", "IP4", "h");
        assertThat(o.nextVersion().sessionVersion()).isEqualTo(after);
        assertThat(o.nextVersion().sessionId()).isEqualTo("1");
    }

    @Test
    void originLongViews() {
        assertThat(new Origin("-", "9223372036854775807", "0009", "IN", "IP4", "h").sessionIdAsLong())
                .isEqualTo(OptionalLong.of(Long.MAX_VALUE));
        assertThat(new Origin("-", "9223372036854775808", "0009", "IN", "IP4", "h").sessionIdAsLong()).isEmpty();
        assertThat(new Origin("-", "1", "0009", "IN", "IP4", "h").sessionVersionAsLong()).isEqualTo(OptionalLong.of(9));
        assertThat(new Origin("-", "1", "000000000000000000000000005", "IN", "IP4", "h").sessionVersionAsLong())
                .isEqualTo(OptionalLong.of(5));
        Origin o = Origin.of("alice", 1, 2, "[2001:db8::5]");
        assertThat(o.toString()).isEqualTo("alice 1 2 IN IP6 2001:db8::5");
        assertThat(o.withSessionVersion(7).sessionVersion()).isEqualTo("7");
        assertThat(o.withAddress("192.0.2.1").toString()).isEqualTo("alice 1 2 IN IP4 192.0.2.1");
    }

    @Test
    void connectionParsingAndFlags() {
        assertThat(Connection.parse("IN IP4 224.2.1.1/127/3", 0, 22)).isEqualTo(new Connection("IN", "IP4", "224.2.1.1", 127, 3));
        assertThat(Connection.parse("IN IP4 host.example.com", 0, 23).address()).isEqualTo("host.example.com");
        assertThat(Connection.parse("IN X25 a/b/c", 0, 12)).isEqualTo(new Connection("IN", "X25", "a/b/c", -1, -1));
        assertThat(Connection.parse("IN  IP4\t1.2.3.4", 0, 15)).isEqualTo(Connection.of("1.2.3.4"));
        assertThat(Connection.of("239.255.255.250").isMulticast()).isTrue();
        assertThat(Connection.of("223.255.255.255").isMulticast()).isFalse();
        assertThat(Connection.of("FF02::1").isMulticast()).isTrue();
        assertThat(Connection.of("fe80::1").isMulticast()).isFalse();
        assertThat(Connection.of("0.0.0.0").isHoldAddress()).isTrue();
        assertThat(Connection.of("::").isHoldAddress()).isFalse();
        assertThat(new Connection("IN", "IP4", "224.2.1.1", 127, 3).withAddress("2001:db8::1"))
                .isEqualTo(new Connection("IN", "IP6", "2001:db8::1", -1, -1));
    }

    @Test
    void rtpMapParsing() {
        assertThat(RtpMap.parse("96 opus/48000/2")).contains(new RtpMap(96, "opus", 48000, 2));
        assertThat(RtpMap.parse(" 0  PCMU/8000 ")).contains(RtpMap.of(0, "PCMU", 8000));
        assertThat(RtpMap.parse("97 H264/90000")).hasValueSatisfying(m -> assertThat(m.effectiveChannels()).isEqualTo(1));
        assertThat(RtpMap.parse("96 opus/48000/2").orElseThrow().toAttribute()).isEqualTo(Attribute.of("rtpmap", "96 opus/48000/2"));
        assertThat(RtpMap.forStaticPayloadType(9)).contains(RtpMap.of(9, "G722", 8000));
        assertThat(RtpMap.forStaticPayloadType(18)).contains(RtpMap.of(18, "G729", 8000));
        assertThat(RtpMap.forStaticPayloadType(10)).contains(new RtpMap(10, "L16", 44100, 2));
        assertThat(RtpMap.forStaticPayloadType(2)).isEmpty();
        assertThat(RtpMap.forStaticPayloadType(96)).isEmpty();
        assertThat(RtpMap.forStaticPayloadType(-1)).isEmpty();
        assertThat(RtpMap.of(0, "pcmu", 8000).sameEncoding("PCMU", 8000, 1)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "x PCMU/8000", "128 PCMU/8000", "0 PCMU", "0 /8000", "0 PCMU/", "0 PCMU/0",
            "0 PCMU/8000/0", "0 PCMU/8000/x", "0PCMU/8000", "0 PCMU/99999999999", "0 PC\rMU/8000"})
    void malformedRtpMaps(String value) {
        assertThat(RtpMap.parse(value)).isEmpty();
    }

    @Test
    void fmtpParsing() {
        Fmtp f = Fmtp.parse("111 minptime=10;useinbandfec=1").orElseThrow();
        assertThat(f.payloadType()).isEqualTo(111);
        assertThat(f.parameterMap()).containsExactly(
                java.util.Map.entry("minptime", "10"), java.util.Map.entry("useinbandfec", "1"));
        assertThat(Fmtp.parse("101 0-16").orElseThrow().parameterMap()).containsExactly(java.util.Map.entry("0-16", ""));
        assertThat(Fmtp.parse("101").orElseThrow()).isEqualTo(new Fmtp("101", ""));
        assertThat(new Fmtp("101", "").toString()).isEqualTo("101");
        assertThat(Fmtp.parse("webrtc-datachannel max-message-size=1").orElseThrow().payloadType()).isEqualTo(-1);
        assertThat(Fmtp.parse(" ")).isEmpty();
        assertThat(Fmtp.parse(null)).isEmpty();
        assertThat(Fmtp.parse("1 a=b;;c= d ; =e").orElseThrow().parameterMap())
                .containsExactly(java.util.Map.entry("a", "b"), java.util.Map.entry("c", "d"));
    }

    @Test
    void rtcpParsing() {
        assertThat(Rtcp.parse("53020")).contains(new Rtcp(53020, null));
        assertThat(Rtcp.parse("53020 IN IP6 2001:db8::1")).contains(new Rtcp(53020, Connection.of("2001:db8::1")));
        assertThat(Rtcp.parse("70000")).isEmpty();
        assertThat(Rtcp.parse("53020 IN")).isEmpty();
        assertThat(Rtcp.parse("")).isEmpty();
        assertThat(new Rtcp(9, Connection.of("0.0.0.0")).toAttribute()).isEqualTo(Attribute.of("rtcp", "9 IN IP4 0.0.0.0"));
    }

    @Test
    void codecs() {
        assertThat(Codec.TELEPHONE_EVENT.isAuxiliary()).isTrue();
        assertThat(Codec.CN.isAuxiliary()).isTrue();
        assertThat(Codec.PCMU.isAuxiliary()).isFalse();
        assertThat(Codec.OPUS.rtpMap(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        assertThat(Codec.G729.rtpMap(111)).isEqualTo(RtpMap.of(18, "G729", 8000));
        assertThat(Codec.OPUS.matches(RtpMap.of(111, "OPUS", 48000))).isFalse(); // opus is always /2
        assertThat(Codec.of("AMR-WB", 16000).withFmtp("octet-align=1").fmtp()).isEqualTo("octet-align=1");
    }

    @Test
    void sharedTokensAreReturnedForCommonValues() {
        String line = "x audio RTP/AVP 0 PCMU/8000 IP4";
        assertThat(Tokens.get(line, 2, 7)).isSameAs(Tokens.get("audio", 0, 5)).isEqualTo("audio");
        assertThat(Tokens.get(line, 16, 17)).isSameAs(Tokens.get("0", 0, 1));
        assertThat(Tokens.get("00", 0, 2)).isEqualTo("00");
        assertThat(Tokens.get("127", 0, 3)).isSameAs(Tokens.get(" 127", 1, 4));
        assertThat(Tokens.get("128", 0, 3)).isEqualTo("128");
        assertThat(Tokens.get("unusual-token", 0, 13)).isEqualTo("unusual-token");
        assertThat(Tokens.get("abc", 1, 1)).isEmpty();
    }
}
