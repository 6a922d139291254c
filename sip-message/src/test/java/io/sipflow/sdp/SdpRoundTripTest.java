package io.sipflow.sdp;

import static io.sipflow.sdp.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class SdpRoundTripTest {

    static final java.util.List<String> SAMPLES = Samples.ALL;

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void wellFormedCrlfSamplesReserializeByteIdentical(String name) throws SdpParseException {
        byte[] original = Samples.bytes(name);
        SessionDescription sd = SessionDescription.parse(original);
        assertThat(new String(sd.toBytes(), StandardCharsets.UTF_8)).isEqualTo(new String(original, StandardCharsets.UTF_8));
        assertThat(sd.toBytes()).isEqualTo(original);
        assertThat(sd.toString()).isEqualTo(Samples.text(name));
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void reparsingTheSerializationGivesAnEqualModel(String name) throws SdpParseException {
        SessionDescription sd = Samples.parse(name);
        SessionDescription again = SessionDescription.parse(sd.toString());
        assertThat(again).isEqualTo(sd);
        assertThat(again.hashCode()).isEqualTo(sd.hashCode());
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void lfOnlyInputGivesTheSameLinesWithCrlf(String name) throws SdpParseException {
        String crlfText = Samples.text(name);
        SessionDescription sd = SessionDescription.parse(crlfText.replace("\r\n", "\n"));
        assertThat(sd.toString()).isEqualTo(crlfText);
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void copyIsDeepAndEqual(String name) {
        SessionDescription sd = Samples.parse(name);
        SessionDescription copy = sd.copy();
        assertThat(copy).isEqualTo(sd);
        assertThat(copy.toString()).isEqualTo(sd.toString());
        copy.bumpVersion();
        copy.attributes().add(Attribute.of("x-copy"));
        if (!copy.media().isEmpty()) {
            copy.media(0).setPort(1).formats().add("127");
        }
        assertThat(sd.toString()).isEqualTo(Samples.text(name));
    }

    @Test
    void unknownLinesFollowTheirLineEvenAfterTheModelChanged() throws SdpParseException {
        SessionDescription sd = Samples.parse("unknown-lines.sdp");
        sd.media(0).attributes().clear(); // the line "w=" was anchored after the first attribute
        sd.setConnection(null);
        sd.media(0).unknownLines().add(UnknownLine.of('y', "added"));
        assertThat(sd.toString()).isEqualTo(crlf(
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "x=session extension after s", "t=0 0", "y=after t",
                "a=sendonly", "Z=capital letter type",
                "m=audio 4000 RTP/AVP 0", "q=media extension after m", "w=between attributes", "y=added"));
    }

    @Test
    void outOfOrderInputWithUnknownLinesIsAFixedPointAfterOneParse() throws SdpParseException {
        // found by SdpFuzzTest: the unknown lines must be kept in the order they are written
        SessionDescription sd = SessionDescription.parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1",
                "c=IN IP4 192.0.2.1", "x=after c", "s=-", "y=after s", "t=0 0", "m=audio 1 RTP/AVP 0"));
        assertThat(sd.unknownLines()).extracting(UnknownLine::toString).containsExactly("y=after s", "x=after c");
        assertThat(SessionDescription.parse(sd.toString())).isEqualTo(sd);
        assertThat(sd.toString()).isEqualTo(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "y=after s",
                "c=IN IP4 192.0.2.1", "x=after c", "t=0 0", "m=audio 1 RTP/AVP 0"));
    }

    @Test
    void timingWithoutRepeatsInTheMiddle() throws SdpParseException {
        String text = crlf("v=0", "o=- 1 1 IN IP4 1.2.3.4", "s=-",
                "t=3034423619 3042462419", "r=604800 3600 0 90000", "t=3042462419 0", "z=2882844526 -1h");
        SessionDescription sd = SessionDescription.parse(text);
        assertThat(sd.timings()).hasSize(2);
        assertThat(sd.timings().get(1).zoneAdjustments()).isEqualTo("2882844526 -1h");
        assertThat(sd.toString()).isEqualTo(text);
    }
}
