package io.sipflow.sdp;

import static io.sipflow.sdp.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpBuildTest {

    @Test
    void buildAnAudioOfferFromScratch() throws Exception {
        SessionDescription offer = SessionDescription.create(Origin.of("ivr", 4711, 1, "192.0.2.10"))
                .setSessionName("sipflow")
                .setConnection(Connection.of("192.0.2.10"))
                .addMedia(MediaDescription.audio(40000)
                        .addRtpFormat(Codec.PCMA.rtpMap(96))
                        .addRtpFormat(Codec.PCMU.rtpMap(96))
                        .addRtpFormat(Codec.TELEPHONE_EVENT.rtpMap(101), "0-16")
                        .setPtime(20)
                        .setDirection(Direction.SENDRECV));
        String expected = crlf(
                "v=0",
                "o=ivr 4711 1 IN IP4 192.0.2.10",
                "s=sipflow",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "m=audio 40000 RTP/AVP 8 0 101",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv");
        assertThat(offer.toString()).isEqualTo(expected);
        assertThat(SessionDescription.parse(offer.toBytes())).isEqualTo(offer);
    }

    @Test
    void buildEverySessionLevelField() throws Exception {
        SessionDescription sd = SessionDescription.create(new Origin("jdoe", "2890844526", "2890842807", "IN", "IP4", "10.47.16.5"))
                .setSessionName("SDP Seminar")
                .setInformation("A Seminar on the session description protocol")
                .setUri("http://www.example.com/seminars/sdp.pdf")
                .setConnection(new Connection("IN", "IP4", "224.2.17.12", 127, Connection.NONE))
                .addBandwidth("CT", 1000)
                .setKey("prompt")
                .setDirection(Direction.RECVONLY);
        sd.emails().add("j.doe@example.com (Jane Doe)");
        sd.phones().add("+1 617 555-6011");
        sd.timings().set(0, new Timing(2873397496L, 2873404696L, List.of("604800 3600 0 90000"), "2882844526 -1h"));
        sd.addMedia(MediaDescription.of("audio", 49170, "RTP/AVP", "0").setInformation("audio").addBandwidth("AS", 64));
        sd.addMedia(MediaDescription.video(51372).addRtpFormat(99, "h263-1998", 90000).setPortCount(2).setKey("clear:x"));
        sd.unknownLines().add(UnknownLine.of('x', "extension"));
        String expected = crlf(
                "v=0",
                "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5",
                "s=SDP Seminar",
                "i=A Seminar on the session description protocol",
                "u=http://www.example.com/seminars/sdp.pdf",
                "e=j.doe@example.com (Jane Doe)",
                "p=+1 617 555-6011",
                "c=IN IP4 224.2.17.12/127",
                "b=CT:1000",
                "t=2873397496 2873404696",
                "r=604800 3600 0 90000",
                "z=2882844526 -1h",
                "k=prompt",
                "a=recvonly",
                "x=extension",
                "m=audio 49170 RTP/AVP 0",
                "i=audio",
                "b=AS:64",
                "m=video 51372/2 RTP/AVP 99",
                "k=clear:x",
                "a=rtpmap:99 h263-1998/90000");
        assertThat(sd.toString()).isEqualTo(expected);
        assertThat(SessionDescription.parse(expected)).isEqualTo(sd);
    }

    @Test
    void liveListsRemoveInOnePassAndStayIntactWhenThePredicateThrows() {
        MediaDescription m = MediaDescription.of("audio", 1, "RTP/AVP", "0", "8", "9", "18");
        assertThat(m.formats().removeIf(f -> f.length() == 1)).isTrue();
        assertThat(m.formats()).containsExactly("18");
        assertThat(m.formats().removeIf(f -> false)).isFalse();
        m.formats().addAll(List.of("0", "8"));
        assertThatThrownBy(() -> m.formats().removeIf(f -> {
            if (f.equals("8")) {
                throw new IllegalStateException("boom");
            }
            return true;
        })).isInstanceOf(IllegalStateException.class);
        assertThat(m.formats()).containsExactly("18", "0", "8");
        var it = m.formats().iterator();
        it.next();
        it.remove();
        assertThat(m.formats()).containsExactly("0", "8");
        m.formats().add(0, "101");
        m.formats().subList(1, 3).clear();
        assertThat(m.formats()).containsExactly("101");
    }

    @Test
    void emptyTimingListStillWritesTheMandatoryTLine() {
        SessionDescription sd = SessionDescription.create(Origin.of("-", 1, 1, "h"));
        sd.timings().clear();
        assertThat(sd.toString()).isEqualTo(crlf("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0"));
    }

    @Test
    void originDefaultsToNtpTimestamps() {
        Origin o = Origin.of("2001:db8::1");
        assertThat(o.username()).isEqualTo("-");
        assertThat(o.addrType()).isEqualTo("IP6");
        long ntpNow = System.currentTimeMillis() / 1000 + 2_208_988_800L;
        assertThat(o.sessionIdAsLong().orElseThrow()).isBetween(ntpNow - 5, ntpNow + 5);
    }

    @Test
    void connectionFromInetAddress() throws Exception {
        assertThat(Connection.of(InetAddress.getByName("192.0.2.1"))).isEqualTo(Connection.of("192.0.2.1"));
        assertThat(Connection.of(InetAddress.getByName("2001:db8::1")).toString()).isEqualTo("IN IP6 2001:db8:0:0:0:0:0:1");
    }

    @Test
    void invalidValuesAreRejectedWhenBuiltNotWhenSerialized() {
        MediaDescription m = MediaDescription.audio(1);
        assertThatThrownBy(() -> m.setPort(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setPort(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.formats().add("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.formats().add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.attributes().add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.addAttribute("x", "a\r\nm=injected 1 RTP/AVP 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setInformation("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.formats().set(0, "x")).isInstanceOf(IndexOutOfBoundsException.class);
        m.formats().add("0");
        assertThatThrownBy(() -> m.formats().set(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.formats().listIterator().add("a\tb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.formats().subList(0, 1).set(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.formats().replaceAll(f -> null)).isInstanceOf(NullPointerException.class);
        assertThat(m.formats()).containsExactly("0");

        assertThatThrownBy(() -> Attribute.of("na:me", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.of(" name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("a b", "1", "1", "IN", "IP4", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("-", "1x", "1", "IN", "IP4", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("-", "1", "", "IN", "IP4", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Origin.of("-", -1, 1, "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection("IN", "IP6", "ff15::1", 127, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection("IN", "IP4", "224.2.1.1", 256, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection("IN", "IP4", "224.2.1.1", -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection("IN", "IP4", "224.2.1.1/127", -1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bandwidth("A:S", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bandwidth("AS", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpMap(128, "PCMU", 8000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpMap(0, "PC/MU", 8000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timing(-1, 0, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnknownLine.of('a', "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnknownLine.of('1', "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Codec.of("PCMU", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
