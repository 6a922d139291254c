package io.sipflow.sdp;

import static io.sipflow.sdp.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SdpParseTest {

    @Test
    void asteriskAudioOffer() {
        SessionDescription sd = Samples.parse("asterisk-audio-offer.sdp");
        assertThat(sd.version()).isZero();
        assertThat(sd.origin()).isEqualTo(new Origin("-", "1184301522", "1184301522", "IN", "IP4", "192.168.1.10"));
        assertThat(sd.sessionName()).isEqualTo("Asterisk");
        assertThat(sd.connection()).isEqualTo(Connection.of("192.168.1.10"));
        assertThat(sd.timings()).containsExactly(Timing.PERMANENT);
        assertThat(sd.media()).hasSize(1);

        MediaDescription audio = sd.media(0);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(17150);
        assertThat(audio.portCount()).isEqualTo(Connection.NONE);
        assertThat(audio.protocol()).isEqualTo("RTP/AVP");
        assertThat(audio.formats()).containsExactly("0", "8", "3", "101");
        assertThat(audio.payloadTypes()).containsExactly(0, 8, 3, 101);
        assertThat(audio.rtpMaps()).containsExactly(
                RtpMap.of(0, "PCMU", 8000), RtpMap.of(8, "PCMA", 8000), RtpMap.of(3, "GSM", 8000),
                RtpMap.of(101, "telephone-event", 8000));
        assertThat(audio.fmtp(101)).contains(new Fmtp("101", "0-16"));
        assertThat(audio.ptime()).isEqualTo(OptionalDouble.of(20));
        assertThat(audio.maxPtime()).isEqualTo(OptionalDouble.of(150));
        assertThat(audio.direction()).contains(Direction.SENDRECV);
        assertThat(sd.effectiveDirection(0)).isEqualTo(Direction.SENDRECV);
        assertThat(audio.isRtp()).isTrue();
        assertThat(audio.isRejected()).isFalse();
        assertThat(sd.unknownLines()).isEmpty();
        assertThat(sd.isOnHold()).isFalse();
    }

    @Test
    void sippDefaultOffer() {
        SessionDescription sd = Samples.parse("sipp-uac-offer.sdp");
        assertThat(sd.origin().username()).isEqualTo("user1");
        assertThat(sd.origin().sessionVersionAsLong()).isEqualTo(OptionalLong.of(2353687637L));
        assertThat(sd.media(0).rtpMap(0)).contains(RtpMap.of(0, "PCMU", 8000));
        assertThat(sd.media(0).direction()).isEmpty();
        assertThat(sd.effectiveDirection(0)).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void freeswitchOfferWithOpusFmtpAndRtcp() {
        SessionDescription sd = Samples.parse("freeswitch-offer.sdp");
        MediaDescription audio = sd.media(0);
        assertThat(audio.payloadTypes()).containsExactly(9, 0, 8, 102, 101, 13);
        assertThat(audio.rtpMap(102)).contains(new RtpMap(102, "opus", 48000, 2));
        assertThat(audio.rtpMap(102).orElseThrow().effectiveChannels()).isEqualTo(2);
        Fmtp opus = audio.fmtp("102").orElseThrow();
        assertThat(opus.parameterMap()).containsEntry("useinbandfec", "1")
                .containsEntry("maxaveragebitrate", "30000").containsEntry("minptime", "10").hasSize(6);
        assertThat(audio.rtcp()).contains(new Rtcp(24681, Connection.of("203.0.113.5")));
        assertThat(audio.fmtps()).extracting(Fmtp::format).containsExactly("102", "101");
    }

    @Test
    void webrtcOfferKeepsIceDtlsBundleAndSsrcVerbatimAndInOrder() {
        SessionDescription sd = Samples.parse("webrtc-offer.sdp");
        assertThat(sd.origin().sessionId()).isEqualTo("4611731400430051336");
        assertThat(sd.origin().sessionIdAsLong()).isEqualTo(OptionalLong.of(4611731400430051336L));
        assertThat(sd.connection()).isNull();
        assertThat(sd.attributes()).containsExactly(
                Attribute.of("group", "BUNDLE 0 1"),
                Attribute.of("extmap-allow-mixed"),
                Attribute.of("msid-semantic", " WMS stream1"));
        assertThat(sd.media()).hasSize(2);

        MediaDescription audio = sd.media(0);
        assertThat(audio.protocol()).isEqualTo(MediaDescription.UDP_TLS_RTP_SAVPF);
        assertThat(audio.isRtp()).isTrue();
        assertThat(audio.connections()).containsExactly(Connection.of("0.0.0.0"));
        assertThat(audio.mid()).contains("0");
        assertThat(audio.rtcp()).contains(new Rtcp(9, Connection.of("0.0.0.0")));
        assertThat(audio.hasAttribute("rtcp-mux")).isTrue();
        assertThat(audio.attribute("rtcp-mux").orElseThrow().isProperty()).isTrue();
        assertThat(audio.attributeValue("ice-ufrag")).contains("Oyef7uvBlwafI3hT");
        assertThat(audio.attributeValue("ice-pwd")).contains("T0teqPLNQQOf+5W+ls+P2p16");
        assertThat(audio.attributeValue("setup")).contains("actpass");
        assertThat(audio.attributeValue("fingerprint")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("sha-256 49:66:12").endsWith("23:5E"));
        assertThat(audio.attributes("candidate")).extracting(Attribute::value).containsExactly(
                "1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1",
                "1467250027 2 udp 2122260222 192.168.0.196 56280 typ host generation 0 network-id 1",
                "435653019 1 tcp 1845501695 192.168.0.196 9 typ host tcptype active generation 0 network-id 1");
        assertThat(audio.attributes("ssrc")).hasSize(2);
        assertThat(audio.attributes().get(0)).isEqualTo(Attribute.of("rtcp", "9 IN IP4 0.0.0.0"));
        assertThat(audio.attributes().get(audio.attributes().size() - 1).name()).isEqualTo("ssrc");
        assertThat(audio.rtpMap(110)).contains(RtpMap.of(110, "telephone-event", 48000));
        // with ICE, "c=IN IP4 0.0.0.0" is a trickle placeholder, not the RFC 2543 hold
        assertThat(sd.isOnHold(0)).isFalse();
        assertThat(sd.isOnHold()).isFalse();

        MediaDescription video = sd.media(1);
        assertThat(video.media()).isEqualTo("video");
        assertThat(video.mid()).contains("1");
        assertThat(video.rtpMaps()).containsExactly(RtpMap.of(96, "VP8", 90000), RtpMap.of(97, "rtx", 90000));
        assertThat(video.attributes("rtcp-fb")).extracting(Attribute::value)
                .containsExactly("96 goog-remb", "96 ccm fir", "96 nack", "96 nack pli");
        assertThat(video.attributeValue("ssrc-group")).contains("FID 2231627014 632943048");
    }

    @Test
    void ipv6ConnectionAndOrigin() {
        SessionDescription sd = Samples.parse("ipv6-offer.sdp");
        assertThat(sd.origin().addrType()).isEqualTo("IP6");
        assertThat(sd.origin().address()).isEqualTo("2001:db8::10");
        assertThat(sd.connection()).isEqualTo(new Connection("IN", "IP6", "2001:db8::1", -1, -1));
        assertThat(sd.connection().isIp6()).isTrue();
        assertThat(sd.connection().isMulticast()).isFalse();
        assertThat(sd.sessionName()).isEqualTo(" "); // RFC 8866 §5.3: "s= " is the recommended empty name
        assertThat(sd.effectiveConnection(0)).contains(sd.connection());
    }

    @Test
    void rfc8866ExampleWithMediaLevelIpv6() {
        SessionDescription sd = Samples.parse("rfc8866-example.sdp");
        assertThat(sd.information()).isEqualTo("SDP Offer #1");
        assertThat(sd.uri()).isEqualTo("http://www.jdoe.example.com/home.html");
        assertThat(sd.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(sd.phones()).containsExactly("+1 617 555-6011");
        assertThat(sd.media()).extracting(MediaDescription::media).containsExactly("audio", "audio", "video");
        assertThat(sd.media()).extracting(MediaDescription::port).containsExactly(49170, 49180, 51372);
        assertThat(sd.effectiveConnection(0)).contains(Connection.of("198.51.100.1"));
        assertThat(sd.effectiveConnection(2)).contains(Connection.of("2001:db8::2"));
        assertThat(sd.media(2).rtpMap(99)).contains(RtpMap.of(99, "h263-1998", 90000));
    }

    @Test
    void multicastTtlCountRepeatsZonesAndLayeredConnections() {
        SessionDescription sd = Samples.parse("multicast-layered.sdp");
        Connection c = sd.connection();
        assertThat(c.address()).isEqualTo("224.2.1.1");
        assertThat(c.ttl()).isEqualTo(127);
        assertThat(c.addressCount()).isEqualTo(3);
        assertThat(c.isMulticast()).isTrue();
        assertThat(c.toString()).isEqualTo("IN IP4 224.2.1.1/127/3");
        assertThat(sd.bandwidths()).containsExactly(new Bandwidth("CT", 1024));
        assertThat(sd.timings()).hasSize(1);
        Timing t = sd.timings().get(0);
        assertThat(t.start()).isEqualTo(3034423619L);
        assertThat(t.stop()).isEqualTo(3042462419L);
        assertThat(t.repeats()).containsExactly("7d 1h 0 25h", "604800 3600 0 90000");
        assertThat(t.zoneAdjustments()).isEqualTo("2882844526 -1h 2898848070 0");
        assertThat(sd.key()).isEqualTo("prompt");
        assertThat(sd.direction()).contains(Direction.RECVONLY);
        assertThat(sd.effectiveDirection(0)).isEqualTo(Direction.RECVONLY);
        assertThat(sd.media(0).information()).isEqualTo("Seminar audio");
        assertThat(sd.media(0).bandwidths()).containsExactly(new Bandwidth("AS", 64));

        MediaDescription layered = sd.media(1);
        assertThat(layered.port()).isEqualTo(51372);
        assertThat(layered.portCount()).isEqualTo(2);
        assertThat(layered.connections()).containsExactly(
                new Connection("IN", "IP4", "224.2.1.1", 127, 3), new Connection("IN", "IP4", "224.2.1.4", 127, -1));
        assertThat(layered.rtpMap(31)).contains(RtpMap.of(31, "H261", 90000)); // static, RFC 3551 table 5

        Connection v6 = sd.media(2).connections().get(0);
        assertThat(v6).isEqualTo(new Connection("IN", "IP6", "ff15::101", -1, 3));
        assertThat(v6.isMulticast()).isTrue();
    }

    @Test
    void rejectedStreamsHavePortZero() {
        SessionDescription sd = Samples.parse("rejected-streams-answer.sdp");
        assertThat(sd.media()).extracting(MediaDescription::isRejected).containsExactly(false, true, true);
        assertThat(sd.media(2).formats()).containsExactly("*");
        assertThat(sd.media(2).isRtp()).isFalse();
        assertThat(MediaDescription.of("audio", 1, "TCP/RTP/AVP", "0").isRtp()).isTrue(); // RFC 4571
        assertThat(MediaDescription.of("audio", 1, "rtp/savpf", "0").isRtp()).isTrue();
        assertThat(MediaDescription.of("audio", 1, "UDP/TLS/RTP", "0").isRtp()).isFalse();
        assertThat(MediaDescription.of("image", 1, "udptl", "t38").isRtp()).isFalse();
        assertThat(sd.media(2).payloadTypes()).isEmpty();
        assertThat(sd.bandwidths()).containsExactly(new Bandwidth(Bandwidth.AS, 128));
        assertThat(sd.media(0).direction()).contains(Direction.RECVONLY);
    }

    @Test
    void unknownLineTypesAreKeptInOrder() {
        SessionDescription sd = Samples.parse("unknown-lines.sdp");
        assertThat(sd.unknownLines()).extracting(UnknownLine::toString)
                .containsExactly("x=session extension after s", "y=after t", "Z=capital letter type");
        assertThat(sd.media(0).unknownLines()).extracting(UnknownLine::toString)
                .containsExactly("q=media extension after m", "w=between attributes");
        assertThat(sd.media(0).attributes()).extracting(Attribute::name).containsExactly("rtpmap", "ptime");
    }

    @Test
    void lenientLineEndsWhitespaceBlankLinesAndMissingTiming() throws SdpParseException {
        String sloppy = "v=0\n"
                + "o=- 1 2 IN IP4 10.0.0.1  \n"
                + "s=-\n"
                + "c=IN IP4 10.0.0.1\t\n"
                + "\n"
                + "m=audio  4000   RTP/AVP 0 8 \r\n"
                + "a=sendrecv  \n"
                + "a=rtpmap:0 PCMU/8000 \n"
                + "\n\n";
        SessionDescription sd = SessionDescription.parse(sloppy);
        assertThat(sd.origin().address()).isEqualTo("10.0.0.1");
        assertThat(sd.connection()).isEqualTo(Connection.of("10.0.0.1"));
        assertThat(sd.timings()).containsExactly(Timing.PERMANENT); // missing t= taken as t=0 0
        assertThat(sd.media(0).formats()).containsExactly("0", "8");
        assertThat(sd.media(0).direction()).contains(Direction.SENDRECV);
        // a value attribute is verbatim; typed readers trim
        assertThat(sd.media(0).attributeValue("rtpmap")).contains("0 PCMU/8000 ");
        assertThat(sd.media(0).rtpMap(0)).contains(RtpMap.of(0, "PCMU", 8000));
        assertThat(sd.toString()).isEqualTo(crlf(
                "v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0 8", "a=sendrecv", "a=rtpmap:0 PCMU/8000 "));
    }

    @Test
    void missingSessionNameBomAndLastLineWithoutLineEnd() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse("\uFEFFv=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 1 RTP/AVP 0");
        assertThat(sd.sessionName()).isEqualTo("-");
        assertThat(sd.media(0).formats()).containsExactly("0");
        SessionDescription cr = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=x\r");
        assertThat(cr.sessionName()).isEqualTo("x");
    }

    @Test
    void outOfOrderSessionLinesAreAcceptedAndWrittenInCanonicalOrder() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(crlf(
                "v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-", "t=0 0", "a=tool:x", "c=IN IP4 1.2.3.4", "b=AS:10",
                "m=audio 1 RTP/AVP 0", "a=sendonly", "c=IN IP4 5.6.7.8"));
        assertThat(sd.toString()).isEqualTo(crlf(
                "v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-", "c=IN IP4 1.2.3.4", "b=AS:10", "t=0 0", "a=tool:x",
                "m=audio 1 RTP/AVP 0", "c=IN IP4 5.6.7.8", "a=sendonly"));
    }

    @Test
    void bytesAreUtf8() throws SdpParseException {
        String text = crlf("v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=Café ☕", "t=0 0");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        SessionDescription sd = SessionDescription.parse(utf8);
        assertThat(sd.sessionName()).isEqualTo("Café ☕");
        assertThat(sd.toBytes()).isEqualTo(utf8);
        byte[] framed = new byte[utf8.length + 6];
        System.arraycopy(utf8, 0, framed, 3, utf8.length);
        assertThat(SessionDescription.parse(framed, 3, utf8.length)).isEqualTo(sd);
    }

    @Test
    void bigSessionIdAndVersionBeyondLong() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(crlf(
                "v=0", "o=- 18446744073709551615 99999999999999999999 IN IP4 1.2.3.4", "s=-", "t=0 0"));
        assertThat(sd.origin().sessionId()).isEqualTo("18446744073709551615");
        assertThat(sd.origin().sessionIdAsLong()).isEmpty();
        assertThat(sd.origin().sessionVersionAsLong()).isEmpty();
        sd.bumpVersion();
        assertThat(sd.origin().sessionVersion()).isEqualTo("100000000000000000000");
        assertThat(sd.toString()).contains("o=- 18446744073709551615 100000000000000000000 IN IP4 1.2.3.4\r\n");
    }

    @Test
    void propertyAndEmptyValueAttributesAreDistinct() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(crlf(
                "v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-", "t=0 0", "a=flag", "a=empty:", "a=kv:a:b"));
        assertThat(sd.attributes()).containsExactly(
                Attribute.of("flag"), Attribute.of("empty", ""), Attribute.of("kv", "a:b"));
        assertThat(sd.attribute("FLAG")).isPresent(); // names compare ignoring case (RFC 5234 §2.3)
        assertThat(sd.toString()).endsWith(crlf("a=flag", "a=empty:", "a=kv:a:b"));
    }

    @Test
    void malformedTypedAttributesAreIgnoredByTypedReaders() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(crlf(
                "v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-", "t=0 0", "m=audio 1 RTP/AVP 96 0",
                "a=rtpmap:96 broken", "a=rtpmap:x PCMU/8000", "a=ptime:abc", "a=maxptime:1e3", "a=rtcp:port",
                "a=fmtp:"));
        MediaDescription m = sd.media(0);
        assertThat(m.rtpMaps()).isEmpty();
        assertThat(m.rtpMap(96)).isEmpty();
        assertThat(m.rtpMap(0)).contains(RtpMap.of(0, "PCMU", 8000));
        assertThat(m.ptime()).isEmpty();
        assertThat(m.maxPtime()).isEmpty();
        assertThat(m.rtcp()).isEmpty();
        assertThat(m.fmtps()).isEmpty();
        assertThat(m.attributes()).hasSize(6); // still all there, verbatim
    }

    @Test
    void fractionalPtime() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(crlf(
                "v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-", "t=0 0", "m=audio 1 RTP/AVP 0", "a=ptime:22.5"));
        assertThat(sd.media(0).ptime()).isEqualTo(OptionalDouble.of(22.5));
    }

    @Test
    void sessionLevelDirectionAppliesToMediaWithoutOwn() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(crlf(
                "v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-", "t=0 0", "a=inactive",
                "m=audio 1 RTP/AVP 0", "m=audio 2 RTP/AVP 0", "a=recvonly"));
        assertThat(List.of(sd.effectiveDirection(0), sd.effectiveDirection(1)))
                .containsExactly(Direction.INACTIVE, Direction.RECVONLY);
    }
}
