package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.internal.Lexer;
import org.junit.jupiter.api.Test;

/** CSeq, MediaType, Parameters and ParameterizedValue. */
class SimpleValuesTest {
    static CSeq cseq(String text) {
        return Header.CSEQ.parse(text);
    }

    /** Call-ID's word (§25.1, liberal), stopped or rejected at every position (eight bytes per step inside). */
    @Test
    void callIdWordAtEveryPosition() {
        String base = "a84b4c76e66710@pc33.atlanta.example.com\u00e9x";
        assertThat(Header.CALL_ID.parse(base)).isEqualTo(base);
        for (int at = 1; at < base.length(); at++) {
            String head = base.substring(0, at);
            for (String end : new String[] {" ", "\t", ",", "\r\n"}) {
                Lexer lx = new Lexer(head + end + "rest", "Call-ID");
                assertThat(lx.word()).as("%d %s", at, end).isEqualTo(head);
            }
            for (String bad : new String[] {"\u0000", "\u0001", "\u001f", "\u007f"}) {
                String v = head + bad + "tail";
                assertThatThrownBy(() -> Header.CALL_ID.parse(v)).as("%d %s", at, bad).isInstanceOfSatisfying(
                        SipParseException.class, e -> assertThat(e.offset()).isEqualTo(head.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            }
        }
    }

    @Test
    void cseqRange() {
        assertThat(cseq("0 INVITE")).isEqualTo(new CSeq(0, "INVITE"));
        assertThat(cseq("2147483647 ACK").seq()).isEqualTo(CSeq.MAX);
        assertThat(cseq("  0009 \t BYE ").seq()).isEqualTo(9);
        assertThat(cseq("1 !interesting-Method'~").method()).isEqualTo("!interesting-Method'~");
        // §8.1.1.5: "MUST be expressible as a 32-bit unsigned integer" and "less than 2**31"
        assertThatThrownBy(() -> cseq("2147483648 INVITE")).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE);
            assertThat(e.headerName()).isEqualTo("CSeq");
        });
        assertThatThrownBy(() -> cseq("36893488147419103232 REGISTER")).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        for (String bad : new String[] {"", "INVITE", "1", "1INVITE", "-1 INVITE", "1 INVITE x", "1 INV@ITE", "1.5 INVITE"}) {
            assertThatThrownBy(() -> cseq(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> new CSeq(-1, "INVITE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CSeq(CSeq.MAX + 1, "INVITE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CSeq(1, "IN VITE")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CSeq(7, "INVITE").next("BYE")).isEqualTo(new CSeq(8, "BYE"));
        assertThat(new CSeq(7, "INVITE").toString()).isEqualTo("7 INVITE");
    }

    @Test
    void mediaTypes() {
        MediaType sdp = MediaType.parse("application/sdp");
        assertThat(sdp).isEqualTo(MediaType.SDP);
        assertThat(sdp.is("APPLICATION", "SDP")).isTrue();
        assertThat(sdp.isMultipart()).isFalse();
        MediaType mp = MediaType.parse("Multipart/Mixed ; boundary=\"simple boundary\" ;charset=utf-8");
        assertThat(mp.isMultipart()).isTrue();
        assertThat(mp.essence()).isEqualTo("multipart/mixed");
        assertThat(mp.param("BOUNDARY")).isEqualTo("simple boundary");
        assertThat(mp.param("charset")).isEqualTo("utf-8");
        assertThat(mp.toString()).isEqualTo("Multipart/Mixed;boundary=\"simple boundary\";charset=utf-8");
        assertThat(MediaType.parse(mp.toString())).isEqualTo(mp);
        assertThat(MediaType.parse("text / plain").essence()).isEqualTo("text/plain");
        assertThat(MediaType.of("text", "plain").withParam("charset", "utf-8").toString()).isEqualTo("text/plain;charset=utf-8");
        assertThat(Header.ACCEPT.parseAll("application/sdp;level=1, */*;q=0.1")).hasSize(2);
        for (String bad : new String[] {"", "application", "application/", "/sdp", "application/sdp;", "a/b c", "a/b;x=\"y"}) {
            assertThatThrownBy(() -> MediaType.parse(bad)).as(bad).isInstanceOfSatisfying(SipParseException.class,
                    e -> assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER));
        }
    }

    static Parameters params(String text) {
        Lexer lx = new Lexer(text, "test");
        Parameters p = Parameters.parse(lx);
        lx.expectEnd();
        return p;
    }

    @Test
    void parameters() {
        Parameters p = params(";a=1 ; B ;c=\"quoted \\\"v\\\"\";d=[2001:db8::1];e=2001:db8::2");
        assertThat(p.size()).isEqualTo(5);
        assertThat(p.get("A")).isEqualTo("1");
        assertThat(p.has("b")).isTrue();
        assertThat(p.get("b")).isNull();
        assertThat(p.get("c")).isEqualTo("quoted \"v\"");
        assertThat(p.getRaw("c")).isEqualTo("\"quoted \\\"v\\\"\"");
        assertThat(p.get("d")).isEqualTo("[2001:db8::1]");
        assertThat(p.get("e")).isEqualTo("2001:db8::2");
        assertThat(p.get("missing")).isNull();
        assertThat(p.has("missing")).isFalse();
        assertThat(p.name(1)).isEqualTo("B");
        assertThat(p.rawValue(0)).isEqualTo("1");
        assertThat(p.toString()).isEqualTo(";a=1;B;c=\"quoted \\\"v\\\"\";d=[2001:db8::1];e=2001:db8::2");
        assertThat(params(p.toString())).isEqualTo(p);
        assertThat(params("")).isSameAs(Parameters.EMPTY);
    }

    @Test
    void parametersStopBeforeOtherSeparators() {
        Lexer lx = new Lexer(";a=1, next", "test");
        assertThat(Parameters.parse(lx).get("a")).isEqualTo("1");
        assertThat(lx.peek()).isEqualTo(',');
        // an IPv6-looking value followed by more token characters is not an address
        Lexer lx2 = new Lexer(";a=12:3x", "test");
        assertThatThrownBy(() -> {
            Parameters.parse(lx2);
            lx2.expectEnd();
        }).isInstanceOf(SipParseException.class);
    }

    @Test
    void parameterEditsAndEquality() {
        Parameters p = Parameters.of("a", "1", "b", null);
        assertThat(p.with("A", "2").get("a")).isEqualTo("2");
        assertThat(p.with("A", "2").size()).isEqualTo(2);
        assertThat(p.with("c", "3").toString()).isEqualTo(";a=1;b;c=3");
        assertThat(p.without("B").toString()).isEqualTo(";a=1");
        assertThat(p.without("a").without("b")).isSameAs(Parameters.EMPTY);
        assertThat(p.without("zz")).isSameAs(p);
        assertThat(p.withQuoted("d", "x \"y\"").getRaw("d")).isEqualTo("\"x \\\"y\\\"\"");
        assertThat(p.withQuoted("d", "x \"y\"").get("d")).isEqualTo("x \"y\"");
        assertThat(Parameters.of("b", null, "A", "1")).isEqualTo(p);
        assertThat(Parameters.of("b", null, "A", "1").hashCode()).isEqualTo(p.hashCode());
        assertThat(Parameters.of("a", "1")).isNotEqualTo(p);
        assertThat(Parameters.of("a", "2", "b", null)).isNotEqualTo(p);
        assertThat(Parameters.of()).isSameAs(Parameters.EMPTY);
        assertThatThrownBy(() -> Parameters.of("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Parameters.of(null, "1")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void parameterizedValues() {
        Lexer lx = new Lexer("session ; handling = optional;x", "test");
        ParameterizedValue v = ParameterizedValue.parse(lx);
        lx.expectEnd();
        assertThat(v.value()).isEqualTo("session");
        assertThat(v.param("handling")).isEqualTo("optional");
        assertThat(v.params().has("x")).isTrue();
        assertThat(v.toString()).isEqualTo("session;handling=optional;x");
        assertThat(ParameterizedValue.of("x").toString()).isEqualTo("x");
        assertThat(Header.ACCEPT_LANGUAGE.parseAll("da, en-gb;q=0.8")).extracting(ParameterizedValue::value)
                .containsExactly("da", "en-gb");
    }

    @Test
    void numericHeaders() {
        assertThat(Header.MAX_FORWARDS.parse("70")).isEqualTo(70);
        assertThat(Header.MAX_FORWARDS.parse("0068")).isEqualTo(68);
        assertThatThrownBy(() -> Header.MAX_FORWARDS.parse("256")).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> Header.MAX_FORWARDS.parse("-1")).isInstanceOf(SipParseException.class);
        assertThat(Header.EXPIRES.parse("4294967295")).isEqualTo(4294967295L);
        assertThatThrownBy(() -> Header.EXPIRES.parse("4294967296")).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> Header.RSEQ.parse("0")).isInstanceOf(SipParseException.class);
        assertThat(Header.CONTENT_LENGTH.parse(" 12 ")).isEqualTo(12);
    }
}
