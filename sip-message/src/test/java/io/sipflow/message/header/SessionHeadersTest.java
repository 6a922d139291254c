package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipParser;
import io.sipflow.message.uri.SipUri;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionHeadersTest {
    @Test
    void rack() {
        RAck r = Header.RACK.parse("776656 1 INVITE");
        assertThat(r.rseq()).isEqualTo(776656);
        assertThat(r.cseq()).isEqualTo(1);
        assertThat(r.method()).isEqualTo("INVITE");
        assertThat(r.toCSeq()).isEqualTo(new CSeq(1, "INVITE"));
        assertThat(r.matches(776656, new CSeq(1, "INVITE"))).isTrue();
        assertThat(r.matches(776656, new CSeq(1, "invite"))).isFalse();
        assertThat(RAck.of(4294967295L, new CSeq(CSeq.MAX, "INVITE")).toString()).isEqualTo("4294967295 2147483647 INVITE");
        assertThat(RAck.parse("  1\t 2   UPDATE ")).isEqualTo(new RAck(1, 2, "UPDATE"));
        for (String bad : new String[] {"", "1", "1 2", "1 2 ", "12 INVITE", "1 2INVITE", "1 2 IN VITE", "x 2 INVITE", "1 2 INVITE;x"}) {
            assertThatThrownBy(() -> Header.RACK.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        for (String range : new String[] {"0 1 INVITE", "4294967296 1 INVITE", "1 2147483648 INVITE", "1 9999999999999999999 INVITE"}) {
            assertThatThrownBy(() -> RAck.parse(range)).as(range).isInstanceOfSatisfying(SipParseException.class,
                    e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        }
        Robustness.check(Header.RACK, "776656 1 INVITE");
    }

    @Test
    void sessionExpires() {
        SessionExpires s = Header.SESSION_EXPIRES.parse("1800;refresher=uac");
        assertThat(s.deltaSeconds()).isEqualTo(1800);
        assertThat(s.refresher()).isEqualTo(SessionExpires.Refresher.UAC);
        assertThat(s).isEqualTo(SessionExpires.of(1800, SessionExpires.Refresher.UAC));
        assertThat(SessionExpires.parse("4000 ; refresher = UAS ; x").refresher()).isEqualTo(SessionExpires.Refresher.UAS);
        assertThat(SessionExpires.parse("90;refresher=UAS")).isEqualTo(SessionExpires.of(90, SessionExpires.Refresher.UAS))
                .hasSameHashCodeAs(SessionExpires.of(90, SessionExpires.Refresher.UAS));
        assertThat(SessionExpires.parse("90").refresher()).isNull();
        assertThat(s.withRefresher(null).withDeltaSeconds(600).toString()).isEqualTo("600");
        for (String bad : new String[] {"", "abc", "1800;refresher", "1800;refresher=both", "1800;refresher=uac;refresher=uas",
            "-1", "1800 uac", "1800;refresher=\"uac\""}) {
            assertThatThrownBy(() -> Header.SESSION_EXPIRES.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> SessionExpires.parse("4294967296")).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        Robustness.check(Header.SESSION_EXPIRES, "1800;refresher=uas;foo=\"bar\"");
        assertThat(Header.forName("x")).isSameAs(Header.SESSION_EXPIRES);
    }

    @Test
    void minSe() {
        MinSE m = Header.MIN_SE.parse("90");
        assertThat(m.deltaSeconds()).isEqualTo(MinSE.MIN);
        assertThat(MinSE.parse("120;lr").toString()).isEqualTo("120;lr");
        assertThat(MinSE.of(120).withParam("x", "a b").toString()).isEqualTo("120;x=\"a b\"");
        assertThatThrownBy(() -> MinSE.parse("ninety")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> MinSE.of(-1)).isInstanceOf(IllegalArgumentException.class);
        Robustness.check(Header.MIN_SE, "90;a=b");
    }

    static final String RFC3891 = "98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff";

    @Test
    void replaces() {
        Replaces r = Header.REPLACES.parse(RFC3891);
        assertThat(r.callId()).isEqualTo("98732@sip.example.com");
        assertThat(r.fromTag()).isEqualTo("r33th4x0r");
        assertThat(r.toTag()).isEqualTo("ff87ff");
        assertThat(r.earlyOnly()).isFalse();
        assertThat(r).isEqualTo(Replaces.of("98732@sip.example.com", "ff87ff", "r33th4x0r"));
        assertThat(r.matches("98732@sip.example.com", "ff87ff", "r33th4x0r")).isTrue();
        assertThat(r.matches("98732@SIP.example.com", "ff87ff", "r33th4x0r")).isFalse();
        Replaces early = Replaces.parse("12345@host ; to-tag=0 ; from-tag = 5FFE-3994 ; early-only");
        assertThat(early.earlyOnly()).isTrue();
        assertThat(early.matches("12345@host", null, "5FFE-3994")).isTrue(); // RFC 2543 zero tag
        assertThat(early.toString()).isEqualTo("12345@host;to-tag=0;from-tag=5FFE-3994;early-only");
        assertThat(early.withEarlyOnly(false).earlyOnly()).isFalse();
        for (String bad : new String[] {"", "abc", "abc;to-tag=1", "abc;from-tag=1", "abc;to-tag=1;from-tag=2;to-tag=3",
            "abc;to-tag;from-tag=2", "abc;to-tag=\"1\";from-tag=2", "abc;to-tag=1;from-tag=2;early-only=yes",
            "a b;to-tag=1;from-tag=2", ";to-tag=1;from-tag=2", "a,b;to-tag=1;from-tag=2"}) {
            assertThatThrownBy(() -> Header.REPLACES.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        Robustness.check(Header.REPLACES, RFC3891 + ";early-only");
    }

    @Test
    void replacesEscapedInReferTo() {
        String refer = "REFER sip:alice@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-r1\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:alice@example.com>;tag=a1\r\n"
                + "From: <sip:bob@example.com>;tag=b1\r\n"
                + "Call-ID: r1@example.com\r\n"
                + "CSeq: 3 REFER\r\n"
                + "Refer-To: <sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>\r\n"
                + "Content-Length: 0\r\n\r\n";
        SipMessage m = SipParser.defaults().parse(refer.getBytes(StandardCharsets.US_ASCII));
        SipUri target = m.get(Header.REFER_TO).sipUri();
        assertThat(target.headers()).isEqualTo("Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
        // by hand: unescape, then parse as the header value
        Replaces byHand = Header.REPLACES.parse(SipUri.unescape(target.headers().substring("Replaces=".length())));
        Replaces r = Replaces.fromUri(target);
        assertThat(r).isEqualTo(byHand);
        assertThat(r.callId()).isEqualTo("12345@192.168.118.3");
        assertThat(r.toTag()).isEqualTo("12345");
        assertThat(r.fromTag()).isEqualTo("5FFE-3994");
        assertThat(r.toUriHeader()).isEqualTo(target.headers());

        // building the Refer-To of an attended transfer, keeping other URI headers
        SipUri built = r.withEarlyOnly(true).addTo(SipUri.parse("sip:dave@denver.example.org?Subject=hi&Replaces=old"));
        assertThat(built.headers()).isEqualTo("Subject=hi&Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994%3Bearly-only");
        assertThat(Replaces.fromUri(SipUri.parse(built.toString()))).isEqualTo(r.withEarlyOnly(true));
        assertThat(Replaces.fromUri(SipUri.parse("sip:dave@denver.example.org"))).isNull();
        assertThat(Replaces.fromUri(SipUri.parse("sip:dave@denver.example.org?Subject=x"))).isNull();
        assertThatThrownBy(() -> Replaces.fromUri(SipUri.parse("sip:d@example.org?replaces=abc%3Bto-tag%3D1")))
                .isInstanceOf(SipParseException.class);
    }
}
