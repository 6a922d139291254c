package io.sipflow.sdp;

import static io.sipflow.sdp.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpAnswererTest {

    private static final Origin LOCAL = Origin.of("sipflow", 1000, 1, "198.51.100.1");

    private static SdpAnswerer.Builder ivr() {
        return SdpAnswerer.builder()
                .origin(LOCAL)
                .connectionAddress("198.51.100.1")
                .codecs("audio", Codec.PCMA, Codec.PCMU, Codec.TELEPHONE_EVENT)
                .port("audio", 40000);
    }

    private static SessionDescription offer(String... lines) {
        try {
            return SessionDescription.parse(crlf(lines));
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void answersAsteriskOfferWithTheSupportedSubsetInOffererOrder() throws Exception {
        SessionDescription answer = ivr().build().answer(Samples.parse("asterisk-audio-offer.sdp"));
        assertThat(answer.toString()).isEqualTo(crlf(
                "v=0",
                "o=sipflow 1000 1 IN IP4 198.51.100.1",
                "s=-",
                "c=IN IP4 198.51.100.1",
                "t=0 0",
                "m=audio 40000 RTP/AVP 0 8 101", // GSM (3) dropped; offerer's numbers and order kept
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=sendrecv"));
        assertThat(SessionDescription.parse(answer.toBytes())).isEqualTo(answer);
    }

    @Test
    void staticPayloadTypeWithoutRtpmapIsMatchedThroughRfc3551() throws Exception {
        SessionDescription answer = ivr().build().answer(offer(
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 6000 RTP/AVP 18 8 96"));
        MediaDescription m = answer.media(0);
        assertThat(m.formats()).containsExactly("8"); // 18 G729 not supported, 96 unknown without rtpmap
        assertThat(m.attributes()).containsExactly(Attribute.of("sendrecv")); // the offer had no rtpmap to echo
    }

    @Test
    void telephoneEventIsKeptOnlyWhenBothSupportIt() throws Exception {
        SessionDescription freeswitch = Samples.parse("freeswitch-offer.sdp");
        SessionDescription withDtmf = ivr().build().answer(freeswitch);
        assertThat(withDtmf.media(0).formats()).containsExactly("0", "8", "101");
        SessionDescription withoutDtmf = ivr().codecs("audio", Codec.PCMU).build().answer(freeswitch);
        assertThat(withoutDtmf.media(0).formats()).containsExactly("0");
        assertThat(withoutDtmf.media(0).rtpMaps()).containsExactly(RtpMap.of(0, "PCMU", 8000));
        assertThat(withoutDtmf.media(0).fmtps()).isEmpty();
    }

    @Test
    void onlyTelephoneEventInCommonIsNotAcceptable() {
        SdpNotAcceptableException e = catchThrowableOfType(SdpNotAcceptableException.class,
                () -> ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                        "m=audio 6000 RTP/AVP 18 101", "a=rtpmap:101 telephone-event/8000")));
        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(488);
        assertThat(e.warningCode()).isEqualTo(SdpNotAcceptableException.INCOMPATIBLE_MEDIA_FORMAT);
        assertThat(e.getMessage()).contains("m= line 1").contains("no common codec");
    }

    @ParameterizedTest(name = "offered {0} -> answered {1}")
    @CsvSource({"sendrecv, sendrecv", "sendonly, recvonly", "recvonly, sendonly", "inactive, inactive"})
    void directionIsAnsweredPerRfc3264Section6_1(String offered, String answered) throws Exception {
        SessionDescription media = ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "m=audio 6000 RTP/AVP 0", "a=" + offered));
        assertThat(media.media(0).direction()).contains(Direction.fromAttributeName(answered).orElseThrow());
        SessionDescription session = ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "a=" + offered, "m=audio 6000 RTP/AVP 0"));
        assertThat(session.media(0).direction()).contains(Direction.fromAttributeName(answered).orElseThrow());
    }

    @Test
    void localDirectionLimitsTheAnswer() throws Exception {
        SdpAnswerer announcer = ivr().direction(Direction.SENDONLY).build();
        assertThat(announcer.answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 6000 RTP/AVP 0")).media(0).direction()).contains(Direction.SENDONLY);
        assertThat(announcer.answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 6000 RTP/AVP 0", "a=sendonly")).media(0).direction()).contains(Direction.INACTIVE);
    }

    @Test
    void oneAnswerLinePerOfferedLineWithRejectionsAsPortZero() throws Exception {
        SessionDescription answer = ivr().build().answer(offer(
                "v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=video 7000 RTP/AVP 31 34", "a=mid:v",
                "m=audio 6000 RTP/AVP 0", "a=mid:a",
                "m=audio 0 RTP/AVP 8",
                "m=audio 6002 RTP/AVP 8",
                "m=image 6004 udptl t38"));
        assertThat(answer.toString()).endsWith(crlf(
                "m=video 0 RTP/AVP 31 34",
                "a=mid:v",
                "m=audio 40000 RTP/AVP 0",
                "a=mid:a",
                "a=sendrecv",
                "m=audio 0 RTP/AVP 8",
                "m=audio 0 RTP/AVP 8", // one port per media type by default: the second audio stream is rejected
                "m=image 0 udptl t38"));
    }

    @Test
    void portAllocatorAcceptsSeveralStreamsOfOneType() throws Exception {
        List<Integer> asked = new ArrayList<>();
        SdpAnswerer answerer = ivr().portAllocator((index, offered) -> {
            asked.add(index);
            return index == 2 ? 0 : 50000 + 2 * index;
        }).build();
        SessionDescription answer = answerer.answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 6000 RTP/AVP 0", "m=audio 6002 RTP/AVP 8", "m=audio 6004 RTP/AVP 8"));
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(50000, 50002, 0);
        assertThat(asked).containsExactly(0, 1, 2);
    }

    @Test
    void allOfferedStreamsDisabledIsNotAFailure() throws Exception {
        SessionDescription answer = ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                "m=audio 0 RTP/AVP 0"));
        assertThat(answer.media(0).isRejected()).isTrue();
        SessionDescription noMedia = ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0"));
        assertThat(noMedia.media()).isEmpty();
    }

    @Test
    void warningCodesTellWhyNothingWasAcceptable() {
        SdpNotAcceptableException type = catchThrowableOfType(SdpNotAcceptableException.class,
                () -> ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                        "m=video 7000 RTP/AVP 31")));
        assertThat(type.warningCode()).isEqualTo(SdpNotAcceptableException.MEDIA_TYPE_NOT_AVAILABLE);

        SdpNotAcceptableException transport = catchThrowableOfType(SdpNotAcceptableException.class,
                () -> ivr().build().answer(Samples.parse("webrtc-offer.sdp")));
        assertThat(transport.warningCode()).isEqualTo(SdpNotAcceptableException.INCOMPATIBLE_TRANSPORT);

        SdpNotAcceptableException multicast = catchThrowableOfType(SdpNotAcceptableException.class,
                () -> ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 224.2.1.1/127", "t=0 0",
                        "m=audio 7000 RTP/AVP 0")));
        assertThat(multicast.warningCode()).isEqualTo(SdpNotAcceptableException.INCOMPATIBLE_NETWORK_ADDRESS);

        SdpNotAcceptableException format = catchThrowableOfType(SdpNotAcceptableException.class,
                () -> ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                        "m=video 7000 RTP/AVP 31", "m=audio 6000 RTP/AVP 3")));
        assertThat(format.warningCode()).isEqualTo(SdpNotAcceptableException.INCOMPATIBLE_MEDIA_FORMAT);
        assertThat(format.getMessage()).contains("m= line 2 (audio RTP/AVP)");
    }

    @Test
    void webrtcAudioWhenTheProtocolIsAllowed() throws Exception {
        SdpAnswerer answerer = SdpAnswerer.builder()
                .origin(LOCAL).connectionAddress("2001:db8::100")
                .protocols(MediaDescription.UDP_TLS_RTP_SAVPF)
                .codecs("AUDIO", Codec.OPUS, Codec.PCMU, Codec.of("telephone-event", 48000))
                .port("audio", 40000)
                .singleCodec(true)
                .build();
        SessionDescription answer = answerer.answer(Samples.parse("webrtc-offer.sdp"));
        assertThat(answer.connection()).isEqualTo(new Connection("IN", "IP6", "2001:db8::100", -1, -1));
        MediaDescription audio = answer.media(0);
        // single codec: opus (the offerer's first choice) plus the events at opus' clock rate
        assertThat(audio.formats()).containsExactly("111", "110");
        assertThat(audio.attributes()).containsExactly(
                Attribute.of("rtpmap", "111 opus/48000/2"),
                Attribute.of("fmtp", "111 minptime=10;useinbandfec=1"),
                Attribute.of("rtpmap", "110 telephone-event/48000"),
                Attribute.of("mid", "0"),
                Attribute.of("sendrecv"));
        assertThat(answer.media(1).isRejected()).isTrue();
        assertThat(answer.media(1).mid()).contains("1");
    }

    @Test
    void timingIsCopiedFromTheOfferAndLocalFmtpAndPtimeAreUsed() throws Exception {
        SdpAnswerer answerer = ivr().codecs("audio", Codec.G729.withFmtp("annexb=no"), Codec.TELEPHONE_EVENT)
                .ptime(30).sessionName("IVR").build();
        SessionDescription answer = answerer.answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1",
                "t=3034423619 3042462419", "m=audio 6000 RTP/AVP 18 101", "a=fmtp:18 annexb=yes",
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15"));
        assertThat(answer.sessionName()).isEqualTo("IVR");
        assertThat(answer.timings()).containsExactly(Timing.of(3034423619L, 3042462419L));
        assertThat(answer.media(0).attributes()).containsExactly(
                Attribute.of("fmtp", "18 annexb=no"),
                Attribute.of("rtpmap", "101 telephone-event/8000"),
                Attribute.of("fmtp", "101 0-15"),
                Attribute.of("ptime", "30"),
                Attribute.of("sendrecv"));
    }

    @Test
    void withOriginForTheNextAnswerInTheDialog() throws Exception {
        SdpAnswerer first = ivr().build();
        SdpAnswerer second = first.withOrigin(LOCAL.nextVersion());
        SessionDescription offer = Samples.parse("sipp-uac-offer.sdp");
        assertThat(first.answer(offer).origin().sessionVersion()).isEqualTo("1");
        assertThat(second.answer(offer).origin().sessionVersion()).isEqualTo("2");
        assertThat(second.answer(offer).media(0).port()).isEqualTo(40000);
    }

    @Test
    void builderNeedsOriginAndAddress() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SdpAnswerer.builder().origin(LOCAL).build())
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SdpAnswerer.builder().connectionAddress("h").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void duplicatePayloadTypesInTheOfferAreAnsweredOnce() throws Exception {
        SessionDescription answer = ivr().build().answer(offer("v=0", "o=- 1 1 IN IP4 h", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "m=audio 6000 RTP/AVP 0 0 8 200 x"));
        assertThat(answer.media(0).formats()).containsExactly("0", "8");
    }
}
