package io.sipflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of genuinely malformed input yields an SdpParseException naming the line. */
class SdpMalformedTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n";

    /** (description, text, expected line number, expected offending line). */
    static Stream<Arguments> malformed() {
        return Stream.of(
                // the first line
                Arguments.of("first line not v=", "o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n", 1, "o=- 1 1 IN IP4 1.2.3.4"),
                Arguments.of("non-numeric version", "v=zero\r\n", 1, "v=zero"),
                Arguments.of("negative version", "v=-1\r\n", 1, "v=-1"),
                Arguments.of("HTTP instead of SDP", "HTTP/1.1 200 OK\r\n", 1, "HTTP/1.1 200 OK"),
                // line shape
                Arguments.of("garbage line", HEAD + "hello world\r\n", 5, "hello world"),
                Arguments.of("type without =", HEAD + "a\r\n", 5, "a"),
                Arguments.of("space before =", HEAD + "a =x\r\n", 5, "a =x"),
                Arguments.of("leading whitespace", HEAD + " a=x\r\n", 5, " a=x"),
                Arguments.of("digit type", HEAD + "1=x\r\n", 5, "1=x"),
                Arguments.of("bare =", HEAD + "=x\r\n", 5, "=x"),
                // o=
                Arguments.of("o= with 5 fields", "v=0\r\no=- 1 1 IN IP4\r\n", 2, "o=- 1 1 IN IP4"),
                Arguments.of("o= with 7 fields", "v=0\r\no=- 1 1 IN IP4 1.2.3.4 x\r\n", 2, "o=- 1 1 IN IP4 1.2.3.4 x"),
                Arguments.of("o= non-numeric sess-id", "v=0\r\no=- abc 1 IN IP4 h\r\n", 2, "o=- abc 1 IN IP4 h"),
                Arguments.of("o= non-numeric version", "v=0\r\no=- 1 1a IN IP4 h\r\n", 2, "o=- 1 1a IN IP4 h"),
                Arguments.of("o= negative version", "v=0\r\no=- 1 -1 IN IP4 h\r\n", 2, "o=- 1 -1 IN IP4 h"),
                Arguments.of("empty o=", "v=0\r\no=\r\n", 2, "o="),
                // c=
                Arguments.of("c= missing address", HEAD + "c=IN IP4\r\n", 5, "c=IN IP4"),
                Arguments.of("c= extra field", HEAD + "c=IN IP4 1.2.3.4 5\r\n", 5, "c=IN IP4 1.2.3.4 5"),
                Arguments.of("c= non-numeric ttl", HEAD + "c=IN IP4 224.2.1.1/ttl\r\n", 5, "c=IN IP4 224.2.1.1/ttl"),
                Arguments.of("c= ttl above 255", HEAD + "c=IN IP4 224.2.1.1/256\r\n", 5, "c=IN IP4 224.2.1.1/256"),
                Arguments.of("c= zero address count", HEAD + "c=IN IP4 224.2.1.1/127/0\r\n", 5, "c=IN IP4 224.2.1.1/127/0"),
                Arguments.of("c= IPv6 with ttl and count", HEAD + "c=IN IP6 ff15::1/127/3\r\n", 5, "c=IN IP6 ff15::1/127/3"),
                Arguments.of("c= empty address before /", HEAD + "c=IN IP4 /127\r\n", 5, "c=IN IP4 /127"),
                Arguments.of("c= trailing /", HEAD + "c=IN IP4 224.2.1.1/\r\n", 5, "c=IN IP4 224.2.1.1/"),
                // b=
                Arguments.of("b= without colon", HEAD + "b=AS64\r\n", 5, "b=AS64"),
                Arguments.of("b= non-numeric", HEAD + "b=AS:lots\r\n", 5, "b=AS:lots"),
                Arguments.of("b= empty type", HEAD + "b=:64\r\n", 5, "b=:64"),
                Arguments.of("b= negative", HEAD + "b=AS:-1\r\n", 5, "b=AS:-1"),
                // t= r= z=
                Arguments.of("t= one field", HEAD + "t=0\r\n", 5, "t=0"),
                Arguments.of("t= non-numeric", HEAD + "t=now later\r\n", 5, "t=now later"),
                Arguments.of("t= three fields", HEAD + "t=0 0 0\r\n", 5, "t=0 0 0"),
                Arguments.of("t= number too long", HEAD + "t=1234567890123456789012 0\r\n", 5, "t=1234567890123456789012 0"),
                Arguments.of("r= before t=", "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nr=1 2 3\r\n", 4, "r=1 2 3"),
                Arguments.of("r= too few fields", HEAD + "r=7d 1h\r\n", 5, "r=7d 1h"),
                Arguments.of("r= bad unit", HEAD + "r=7w 1h 0\r\n", 5, "r=7w 1h 0"),
                Arguments.of("z= odd fields", HEAD + "z=2882844526 -1h 2898848070\r\n", 5, "z=2882844526 -1h 2898848070"),
                Arguments.of("z= twice", HEAD + "z=1 0\r\nz=2 0\r\n", 6, "z=2 0"),
                Arguments.of("z= before t=", "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nz=1 0\r\n", 4, "z=1 0"),
                // m=
                Arguments.of("m= port not a number", HEAD + "m=audio port RTP/AVP 0\r\n", 5, "m=audio port RTP/AVP 0"),
                Arguments.of("m= port too big", HEAD + "m=audio 65536 RTP/AVP 0\r\n", 5, "m=audio 65536 RTP/AVP 0"),
                Arguments.of("m= negative port", HEAD + "m=audio -1 RTP/AVP 0\r\n", 5, "m=audio -1 RTP/AVP 0"),
                Arguments.of("m= bad port count", HEAD + "m=audio 4000/x RTP/AVP 0\r\n", 5, "m=audio 4000/x RTP/AVP 0"),
                Arguments.of("m= zero port count", HEAD + "m=audio 4000/0 RTP/AVP 0\r\n", 5, "m=audio 4000/0 RTP/AVP 0"),
                Arguments.of("m= without port", HEAD + "m=audio\r\n", 5, "m=audio"),
                Arguments.of("m= without protocol", HEAD + "m=audio 4000\r\n", 5, "m=audio 4000"),
                Arguments.of("empty m=", HEAD + "m=\r\n", 5, "m="),
                // a=
                Arguments.of("a= without name", HEAD + "a=\r\n", 5, "a="),
                Arguments.of("a= with empty name", HEAD + "a=:value\r\n", 5, "a=:value"),
                // duplicates of single-valued lines
                Arguments.of("second v=", HEAD + "v=0\r\n", 5, "v=0"),
                Arguments.of("second o=", HEAD + "o=- 2 2 IN IP4 h\r\n", 5, "o=- 2 2 IN IP4 h"),
                Arguments.of("second s=", HEAD + "s=again\r\n", 5, "s=again"),
                Arguments.of("second session c=", HEAD + "c=IN IP4 h\r\nc=IN IP4 i\r\n", 6, "c=IN IP4 i"),
                Arguments.of("second media i=", HEAD + "m=audio 1 RTP/AVP 0\r\ni=a\r\ni=b\r\n", 7, "i=b"),
                Arguments.of("second media k=", HEAD + "m=audio 1 RTP/AVP 0\r\nk=a\r\nk=b\r\n", 7, "k=b"),
                // session-level lines after m=
                Arguments.of("t= after m=", HEAD + "m=audio 1 RTP/AVP 0\r\nt=0 0\r\n", 6, "t=0 0"),
                Arguments.of("o= after m=", HEAD + "m=audio 1 RTP/AVP 0\r\no=- 1 1 IN IP4 h\r\n", 6, "o=- 1 1 IN IP4 h"),
                Arguments.of("v= after m=", HEAD + "m=audio 1 RTP/AVP 0\r\nv=0\r\n", 6, "v=0"),
                // characters that cannot be represented
                Arguments.of("NUL in a value", HEAD + "a=x\0y\r\n", 5, "a=x\0y"),
                Arguments.of("lone CR", HEAD + "a=x\ry\r\n", 5, "a=x\ry"),
                // LF-only input reports the same line numbers
                Arguments.of("LF-only, bad port", "v=0\no=- 1 1 IN IP4 h\ns=-\n\nm=audio x RTP/AVP 0\n", 5, "m=audio x RTP/AVP 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejected(String description, String text, int lineNumber, String line) {
        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(text));
        assertThat(e).as(description).isNotNull();
        assertThat(e.getCause()).as("not a wrapped internal error").isNull();
        assertThat(e.lineNumber()).isEqualTo(lineNumber);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith("malformed SDP at line " + lineNumber + ": ").contains(e.reason());
        // the byte[] entry point behaves the same
        SdpParseException e2 = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(e2).isNotNull();
        assertThat(e2.lineNumber()).isEqualTo(lineNumber);
    }

    @Test
    void emptyAndBlankInput() {
        for (String text : new String[] {"", "\r\n", "   \n\n", "\uFEFF"}) {
            SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(text));
            assertThat(e).isNotNull();
            assertThat(e.lineNumber()).isZero();
            assertThat(e.getMessage()).isEqualTo("malformed SDP: empty session description");
        }
    }

    @Test
    void missingOrigin() {
        SdpParseException e = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse("v=0\r\ns=-\r\nt=0 0\r\n"));
        assertThat(e.reason()).contains("missing o=");
    }

    @Test
    void messageEscapesControlCharactersAndShortensLongLines() {
        SdpParseException e = new SdpParseException("bad", 3, "a=\u001b[31m\"x\"" + "y".repeat(300));
        assertThat(e.getMessage()).startsWith("malformed SDP at line 3: bad: \"a=\\x1b[31m\\\"x\\\"yyy")
                .endsWith("...\"").doesNotContain("\u001b");
        assertThat(e.line()).startsWith("a=\u001b");
    }

    @Test
    void unknownTypeLettersAreNotErrors() throws SdpParseException {
        SessionDescription sd = SessionDescription.parse(HEAD + "x=1\r\nm=audio 1 RTP/AVP 0\r\nX=2\r\n");
        assertThat(sd.unknownLines()).containsExactly(UnknownLine.of('x', "1"));
        assertThat(sd.media(0).unknownLines()).containsExactly(UnknownLine.of('X', "2"));
    }
}
