package io.sipflow.sdp;

import static io.sipflow.sdp.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpHelpersTest {

    private static SessionDescription parse(String... lines) {
        try {
            return SessionDescription.parse(crlf(lines));
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }

    private static SessionDescription twoStreams(String sessionDirection, String audioDirection, String videoDirection) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "v=0", "o=- 10 20 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"));
        if (sessionDirection != null) {
            lines.add("a=" + sessionDirection);
        }
        lines.add("m=audio 4000 RTP/AVP 0");
        if (audioDirection != null) {
            lines.add("a=" + audioDirection);
        }
        lines.add("m=video 4002 RTP/AVP 31");
        if (videoDirection != null) {
            lines.add("a=" + videoDirection);
        }
        return parse(lines.toArray(String[]::new));
    }

    @Nested
    class Hold {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"sendrecv, sendonly", "sendonly, sendonly", "recvonly, inactive", "inactive, inactive"})
        void holdFollowsRfc3264Section8_4(String before, String after) {
            SessionDescription sd = twoStreams(null, before, before);
            sd.hold();
            assertThat(sd.media(0).direction()).contains(Direction.fromAttributeName(after).orElseThrow());
            assertThat(sd.media(1).direction()).contains(Direction.fromAttributeName(after).orElseThrow());
        }

        @Test
        void holdWithoutAnyDirectionMeansFromSendrecv() {
            SessionDescription sd = twoStreams(null, null, null).hold();
            assertThat(sd.toString()).contains("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n")
                    .contains("m=video 4002 RTP/AVP 31\r\na=sendonly\r\n");
        }

        @Test
        void holdUsesTheSessionLevelDirectionAsTheStartingPoint() {
            SessionDescription sd = twoStreams("recvonly", null, "sendrecv").hold();
            assertThat(sd.media(0).direction()).contains(Direction.INACTIVE);
            assertThat(sd.media(1).direction()).contains(Direction.SENDONLY);
            assertThat(sd.direction()).contains(Direction.RECVONLY); // media level overrides it
            assertThat(sd.effectiveDirection(0)).isEqualTo(Direction.INACTIVE);
        }

        @Test
        void holdOneStreamOnlyAndReplaceTheDirectionInPlace() {
            SessionDescription sd = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "a=sendrecv", "a=rtpmap:0 PCMU/8000",
                    "m=video 4002 RTP/AVP 31", "a=sendrecv");
            sd.hold(0);
            assertThat(sd.media(0).attributes()).containsExactly(Attribute.of("sendonly"), Attribute.of("rtpmap", "0 PCMU/8000"));
            assertThat(sd.media(1).direction()).contains(Direction.SENDRECV);
            assertThat(sd.isOnHold(0)).isTrue();
            assertThat(sd.isOnHold(1)).isFalse();
            assertThat(sd.isOnHold()).isFalse();
        }

        @ParameterizedTest(name = "ours {0}, peer {1} -> {2}")
        @CsvSource({
            "sendrecv, sendrecv, sendonly", "sendrecv, recvonly, sendonly", "sendrecv, sendonly, inactive",
            "sendrecv, inactive, inactive", "recvonly, sendonly, inactive", "sendonly, recvonly, sendonly"})
        void holdAgainstThePeersLastDescriptionUsesTheNegotiatedDirection(String ours, String peer, String held) {
            SessionDescription local = twoStreams(null, ours, ours);
            SessionDescription remote = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                    "m=audio 5000 RTP/AVP 0", "a=" + peer, "m=video 0 RTP/AVP 31");
            local.hold(remote);
            assertThat(local.media(0).direction()).contains(Direction.fromAttributeName(held).orElseThrow());
            // the peer rejected video: nothing to hold there
            assertThat(local.media(1).direction()).contains(Direction.fromAttributeName(ours).orElseThrow());
        }

        @Test
        void rejectedStreamsAreLeftAlone() {
            SessionDescription sd = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "m=video 0 RTP/AVP 31");
            sd.hold();
            assertThat(sd.media(1).attributes()).isEmpty();
            assertThat(sd.isOnHold()).isTrue();
            assertThat(sd.isOnHold(1)).isFalse();
            sd.unhold();
            assertThat(sd.media(1).attributes()).isEmpty();
            assertThat(sd.media(0).direction()).contains(Direction.SENDRECV);
        }

        @Test
        void unholdSetsSendrecvEverywhereAndRemovesDuplicateDirections() {
            SessionDescription sd = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "a=inactive", "a=ptime:20", "a=sendonly");
            sd.unhold();
            assertThat(sd.media(0).attributes()).containsExactly(Attribute.of("sendrecv"), Attribute.of("ptime", "20"));
            assertThat(sd.isOnHold()).isFalse();
            sd.hold().unhold(0);
            assertThat(sd.media(0).direction()).contains(Direction.SENDRECV);
        }

        @Test
        void detectsHoldBySendonlyInactiveOrLegacyAddress() {
            assertThat(twoStreams(null, "sendonly", "inactive").isOnHold()).isTrue();
            assertThat(twoStreams("sendonly", null, null).isOnHold()).isTrue();
            assertThat(twoStreams(null, "recvonly", "recvonly").isOnHold()).isFalse();
            assertThat(twoStreams(null, "sendonly", null).isOnHold()).isFalse();
            assertThat(parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0").isOnHold()).isFalse(); // no media at all

            SessionDescription legacy = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 0.0.0.0", "t=0 0",
                    "m=audio 4000 RTP/AVP 0");
            assertThat(legacy.isOnHold()).isTrue(); // RFC 2543 hold, RFC 3264 §8.4
            SessionDescription mediaLevel = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "c=IN IP4 0.0.0.0");
            assertThat(mediaLevel.isOnHold()).isTrue();
            SessionDescription ice = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 0.0.0.0", "t=0 0",
                    "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdefghijkl");
            assertThat(ice.isOnHold()).isFalse(); // trickle-ICE placeholder
        }
    }

    @Test
    void bumpVersionIncrementsOnlyTheVersion() {
        SessionDescription sd = twoStreams(null, null, null);
        sd.bumpVersion().bumpVersion();
        assertThat(sd.origin()).isEqualTo(new Origin("-", "10", "22", "IN", "IP4", "192.0.2.1"));
        assertThat(sd.toString()).startsWith(crlf("v=0", "o=- 10 22 IN IP4 192.0.2.1"));
    }

    @Nested
    class ConnectionRewrite {
        @Test
        void sessionLevelOnly() {
            SessionDescription sd = twoStreams(null, null, null);
            sd.setConnectionAddress("198.51.100.7");
            sd.media(0).setPort(30000);
            sd.media(1).setPort(30002);
            assertThat(sd.toString()).isEqualTo(crlf("v=0", "o=- 10 20 IN IP4 192.0.2.1", "s=-",
                    "c=IN IP4 198.51.100.7", "t=0 0", "m=audio 30000 RTP/AVP 0", "m=video 30002 RTP/AVP 31"));
        }

        @Test
        void switchesToIpv6AndBack() {
            SessionDescription sd = twoStreams(null, null, null);
            sd.setConnectionAddress("2001:db8::7");
            assertThat(sd.connection()).isEqualTo(new Connection("IN", "IP6", "2001:db8::7", -1, -1));
            assertThat(sd.toString()).contains("\r\nc=IN IP6 2001:db8::7\r\n");
            sd.setConnectionAddress("[2001:db8::8]");
            assertThat(sd.connection().address()).isEqualTo("2001:db8::8");
            sd.setConnectionAddress("192.0.2.99");
            assertThat(sd.connection().toString()).isEqualTo("IN IP4 192.0.2.99");
        }

        @Test
        void mediaLevelLinesAreRewrittenAndSessionLevelOnlyWhenNeeded() {
            SessionDescription sd = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "c=IN IP4 192.0.2.1",
                    "m=video 4002 RTP/AVP 31", "c=IN IP4 224.2.1.1/127/3", "c=IN IP4 224.2.1.4/127");
            sd.setConnectionAddress("2001:db8::1");
            assertThat(sd.connection()).isNull(); // every stream has its own c=, none was needed
            assertThat(sd.media(0).connections()).containsExactly(Connection.of("2001:db8::1"));
            assertThat(sd.media(1).connections()).containsExactly(Connection.of("2001:db8::1"));

            SessionDescription mixed = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "c=IN IP4 192.0.2.1", "m=video 4002 RTP/AVP 31");
            mixed.setConnectionAddress("203.0.113.1");
            assertThat(mixed.connection()).isEqualTo(Connection.of("203.0.113.1")); // video relied on the session c=
            assertThat(mixed.effectiveConnection(0)).contains(Connection.of("203.0.113.1"));
            assertThat(mixed.effectiveConnection(1)).contains(Connection.of("203.0.113.1"));
        }

        @Test
        void oneMediaLine() {
            SessionDescription sd = twoStreams(null, null, null);
            sd.media(1).setConnectionAddress("198.51.100.9").setPort(5000);
            assertThat(sd.effectiveConnection(0)).contains(Connection.of("192.0.2.1"));
            assertThat(sd.effectiveConnection(1)).contains(Connection.of("198.51.100.9"));
            assertThat(sd.toString()).endsWith(crlf("m=video 5000 RTP/AVP 31", "c=IN IP4 198.51.100.9"));
            sd.media(1).setConnection(null);
            assertThat(sd.media(1).connections()).isEmpty();
        }
    }

    @Nested
    class Attributes {
        @Test
        void setAttributeReplacesInPlaceAndRemovesDuplicates() {
            SessionDescription sd = parse("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                    "m=audio 4000 RTP/AVP 0", "a=ptime:20", "a=rtpmap:0 PCMU/8000", "a=PTIME:30");
            MediaDescription m = sd.media(0);
            m.setPtime(40);
            assertThat(m.attributes()).containsExactly(Attribute.of("ptime", "40"), Attribute.of("rtpmap", "0 PCMU/8000"));
            m.setPtime(0);
            assertThat(m.hasAttribute("ptime")).isFalse();
            m.setMaxPtime(60).setMid("audio").setRtcp(new Rtcp(4001, null));
            assertThat(m.maxPtime()).hasValue(60.0);
            assertThat(m.mid()).contains("audio");
            assertThat(m.rtcp()).contains(new Rtcp(4001, null));
            assertThat(m.toString()).endsWith(crlf("a=maxptime:60", "a=mid:audio", "a=rtcp:4001"));
            m.setMid(null).setRtcp(null).setMaxPtime(-1);
            assertThat(m.attributes()).containsExactly(Attribute.of("rtpmap", "0 PCMU/8000"));
        }

        @Test
        void removeFormatAlsoRemovesItsAttributes() {
            SessionDescription sd = Samples.parse("webrtc-offer.sdp");
            MediaDescription video = sd.media(1);
            video.removeFormat("96");
            assertThat(video.formats()).containsExactly("97");
            assertThat(video.attributes("rtcp-fb")).isEmpty();
            assertThat(video.rtpMaps()).containsExactly(RtpMap.of(97, "rtx", 90000));
            assertThat(video.fmtp(97)).contains(new Fmtp("97", "apt=96")); // its own format is 97: kept
        }

        @Test
        void clearDirectionAndGenericAccessors() {
            SessionDescription sd = twoStreams("sendonly", "inactive", null);
            sd.clearDirection();
            assertThat(sd.direction()).isEmpty();
            assertThat(sd.effectiveDirection(1)).isEqualTo(Direction.SENDRECV);
            sd.media(0).clearDirection();
            assertThat(sd.effectiveDirection(0)).isEqualTo(Direction.SENDRECV);
            sd.addAttribute("tool", "sipflow").addAttribute("x-flag").removeAttributes("TOOL");
            assertThat(sd.attributes()).containsExactly(Attribute.of("x-flag"));
            assertThat(sd.attributeValue("x-flag")).isEmpty();
        }
    }

    @Test
    void directionAlgebra() {
        assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.reverse()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.SENDRECV.reverse()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.answer(Direction.SENDRECV, Direction.SENDRECV)).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.answer(Direction.SENDONLY, Direction.SENDRECV)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.answer(Direction.RECVONLY, Direction.SENDRECV)).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.answer(Direction.INACTIVE, Direction.SENDRECV)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.answer(Direction.SENDONLY, Direction.SENDONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.answer(Direction.SENDRECV, Direction.SENDONLY)).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.fromAttributeName("SendOnly")).contains(Direction.SENDONLY);
        assertThat(Direction.fromAttributeName("sendrecv2")).isEmpty();
        assertThat(Direction.fromAttributeName(null)).isEmpty();
    }
}
