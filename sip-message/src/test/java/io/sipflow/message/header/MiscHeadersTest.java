package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiscHeadersTest {
    @Test
    void retryAfter() {
        RetryAfter r = Header.RETRY_AFTER.parse("18000;duration=3600");
        assertThat(r.seconds()).isEqualTo(18000);
        assertThat(r.duration()).isEqualTo(3600);
        assertThat(r.comment()).isNull();
        assertThat(r.toDuration()).isEqualTo(Duration.ofHours(5));
        RetryAfter c = RetryAfter.parse("120 (I'm in a meeting)");
        assertThat(c.comment()).isEqualTo("I'm in a meeting");
        assertThat(c.toString()).isEqualTo("120 (I'm in a meeting)");
        RetryAfter nested = RetryAfter.parse("5 (back (soon\\))) ;duration=10;x");
        assertThat(nested.comment()).isEqualTo("back (soon))");
        assertThat(nested.toString()).isEqualTo("5 (back \\(soon\\)\\));duration=10;x");
        assertThat(RetryAfter.parse(nested.toString())).isEqualTo(nested);
        assertThat(RetryAfter.of(60, "a (b) \\ c").withDuration(5).toString()).isEqualTo("60 (a \\(b\\) \\\\ c);duration=5");
        for (String bad : new String[] {"", "soon", "120 (unterminated", "120 meeting", "120;duration", "120;duration=x",
            "120;duration=1;duration=2", "(comment) 120", "120 (a)(b)"}) {
            assertThatThrownBy(() -> Header.RETRY_AFTER.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> RetryAfter.parse("120;duration=99999999999")).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        Robustness.check(Header.RETRY_AFTER, "120 (I'm \\(really\\) in a meeting);duration=3600;x=\"y\"");
    }

    @Test
    void reason() {
        List<Reason> rs = Header.REASON.parseAll("SIP ;cause=200 ;text=\"Call completed elsewhere\", Q.850;cause=16;text=\"Terminated\"");
        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).isSip()).isTrue();
        assertThat(rs.get(0).cause()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo("Call completed elsewhere");
        assertThat(rs.get(0)).isEqualTo(Reason.sip(200, "Call completed elsewhere"));
        assertThat(rs.get(1).isQ850()).isTrue();
        assertThat(rs.get(1).toString()).isEqualTo("Q.850;cause=16;text=\"Terminated\"");
        assertThat(rs.get(1)).isEqualTo(Reason.q850(16, "Terminated"));
        Reason lenient = Reason.parse("Q.850;cause=41;text=Temporary;location=LN");
        assertThat(lenient.text()).isEqualTo("Temporary");
        assertThat(lenient.param("location")).isEqualTo("LN");
        assertThat(lenient.toString()).isEqualTo("Q.850;cause=41;text=\"Temporary\";location=LN");
        assertThat(Reason.parse("preemption;cause=1;text=\"UA Preemption\"").protocol()).isEqualTo("preemption");
        assertThat(Reason.parse("SIP").cause()).isEqualTo(-1);
        assertThat(Reason.sip(480, "a, \"b\"").toString()).isEqualTo("SIP;cause=480;text=\"a, \\\"b\\\"\"");
        assertThat(Header.REASON.parseAll(Reason.sip(480, "a, \"b\"").toString())).containsExactly(Reason.sip(480, "a, \"b\""));
        for (String bad : new String[] {"", "SIP;cause", "SIP;cause=abc", "SIP;cause=2;cause=3", "SIP;text", "SIP cause=200",
            "SIP;text=\"unterminated"}) {
            assertThatThrownBy(() -> Header.REASON.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> Reason.parse("SIP;cause=99999999999")).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        Robustness.check(Header.REASON, "SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=16;text=\"x\"");
    }

    @Test
    void timestamp() {
        Timestamp t = Header.TIMESTAMP.parse("54");
        assertThat(t.value()).isEqualByComparingTo("54");
        assertThat(t.delay()).isNull();
        Timestamp d = Timestamp.parse("1234567890.123 0.05");
        assertThat(d.value()).isEqualTo(new BigDecimal("1234567890.123"));
        assertThat(d.delay()).isEqualTo(new BigDecimal("0.05"));
        assertThat(d.toString()).isEqualTo("1234567890.123 0.05");
        assertThat(Timestamp.parse("54.")).isEqualTo(Timestamp.parse("54.000")).hasSameHashCodeAs(Timestamp.parse("54"));
        assertThat(Timestamp.parse("54 .5").delay()).isEqualByComparingTo("0.5");
        assertThat(Timestamp.parse("54 ")).isEqualTo(t);
        assertThat(t.withDelay(Duration.ofMillis(1500)).toString()).isEqualTo("54 1.500");
        assertThat(Timestamp.of(12).withDelay((BigDecimal) null)).isEqualTo(Timestamp.of(12));
        for (String bad : new String[] {"", ".5", "abc", "54 x", "54 . ", "54..1", "54 1 2", "-1", "5 4 3"}) {
            assertThatThrownBy(() -> Header.TIMESTAMP.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> Timestamp.parse("1".repeat(41))).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> Timestamp.of(BigDecimal.valueOf(-1))).isInstanceOf(IllegalArgumentException.class);
        Robustness.check(Header.TIMESTAMP, "1234567890.123 0.05");
    }

    @Test
    void date() {
        SipDate d = Header.DATE.parse("Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(d.instant()).isEqualTo(Instant.parse("2010-11-13T23:29:00Z"));
        assertThat(d.toString()).isEqualTo("Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(SipDate.of(Instant.parse("2024-02-01T04:05:06.789Z")).toString()).isEqualTo("Thu, 01 Feb 2024 04:05:06 GMT");
        assertThat(SipDate.parse("thu, 1 FEB 2024 04:05:06 gmt")).isEqualTo(SipDate.of(Instant.parse("2024-02-01T04:05:06Z")));
        // a wrong day of week is tolerated; the canonical form has the right one
        assertThat(SipDate.parse("Mon, 13 Nov 2010 23:29:00 GMT").toString()).isEqualTo("Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(SipDate.parse("Wed, 31 Dec 2008 23:59:60 GMT").instant()).isEqualTo(Instant.parse("2008-12-31T23:59:59Z"));
        assertThat(SipDate.of(Instant.EPOCH)).isLessThan(d);
        for (String bad : new String[] {"", "Sat 13 Nov 2010 23:29:00 GMT", "Sat, 13 Nov 2010 23:29:00", "Sat, 13 Nov 2010 23:29 GMT",
            "Sat, 31 Nov 2010 23:29:00 GMT", "Sat, 13 Nov 10 23:29:00 GMT", "Sat, 13 Nov 2010 24:00:00 GMT",
            "Sat, 13 Nov 2010 23:29:00 +0000", "Xyz, 13 Nov 2010 23:29:00 GMT", "Sat, 13 Foo 2010 23:29:00 GMT",
            "Sat, 113 Nov 2010 23:29:00 GMT", "2010-11-13T23:29:00Z", "Sat, 13 Nov 2010 23:29:00 GMT x"}) {
            assertThatThrownBy(() -> Header.DATE.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        Robustness.check(Header.DATE, "Sat, 13 Nov 2010 23:29:00 GMT");
    }

    @Test
    void badDateIsAnErrorOnlyWhenRead() {
        // RFC 4475 §3.1.2.12 (baddate): a Date in EST must not make the message unusable
        String msg = "INVITE sip:user@example.com SIP/2.0\r\n"
                + "To: sip:user@example.com\r\n"
                + "From: sip:caller@example.net;tag=2234923\r\n"
                + "Max-Forwards: 70\r\n"
                + "Call-ID: 239423mnsadf3j23lj42--sedfnm234\r\n"
                + "CSeq: 1392934 INVITE\r\n"
                + "Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw\r\n"
                + "Date: Fri, 01 Jan 2010 16:00:00 EST\r\n"
                + "Contact: <sip:caller@host5.example.net>\r\n"
                + "Content-Length: 0\r\n\r\n";
        SipMessage m = SipParser.defaults().parse(msg.getBytes(StandardCharsets.US_ASCII));
        m.validate();
        assertThat(m.header("Date")).isEqualTo("Fri, 01 Jan 2010 16:00:00 EST");
        assertThatThrownBy(() -> m.get(Header.DATE)).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.headerName()).isEqualTo("Date");
            assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
        });
        assertThat(new String(m.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(msg); // forwarded untouched
        m.set(Header.DATE, SipDate.of(Instant.parse("2010-01-01T21:00:00Z")));
        assertThat(m.header("Date")).isEqualTo("Fri, 01 Jan 2010 21:00:00 GMT");
    }

    @Test
    void privacy() {
        Privacy p = Header.PRIVACY.parse("id;header;critical");
        assertThat(p.values()).containsExactly("id", "header", "critical");
        assertThat(p.hidesIdentity()).isTrue();
        assertThat(p.isCritical()).isTrue();
        assertThat(p.isNone()).isFalse();
        assertThat(p.has(Privacy.HEADER)).isTrue();
        assertThat(p.has(Privacy.SESSION)).isFalse();
        assertThat(Privacy.parse("none").isNone()).isTrue();
        assertThat(Privacy.parse("ID ; Header , history")).isEqualTo(Privacy.of("header", "history", "id"))
                .hasSameHashCodeAs(Privacy.of("history", "id", "header"));
        assertThat(Privacy.parse("ID ; Header , history").toString()).isEqualTo("ID;Header;history");
        assertThat(Privacy.of(Privacy.ID).with(Privacy.USER).with("id").toString()).isEqualTo("id;user");
        for (String bad : new String[] {"", ";", "id;", "id;;header", "id header", "\"id\""}) {
            assertThatThrownBy(() -> Header.PRIVACY.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        Robustness.check(Header.PRIVACY, "id;header;session;user;critical;history");
    }

    @Test
    void warning() {
        List<Warning> ws = Header.WARNING.parseAll("307 isi.edu \"Session parameter 'foo' not understood\","
                + " 301 [2001:db8::1]:5060 \"Incompatible, network \\\"address\\\" format\"");
        assertThat(ws).hasSize(2);
        assertThat(ws.get(0).code()).isEqualTo(Warning.SESSION_DESCRIPTION_PARAMETER_NOT_UNDERSTOOD);
        assertThat(ws.get(0).agent()).isEqualTo("isi.edu");
        assertThat(ws.get(0).text()).isEqualTo("Session parameter 'foo' not understood");
        assertThat(ws.get(1).agent()).isEqualTo("[2001:db8::1]:5060");
        assertThat(ws.get(1).text()).isEqualTo("Incompatible, network \"address\" format");
        assertThat(ws.get(1).toString()).isEqualTo("301 [2001:db8::1]:5060 \"Incompatible, network \\\"address\\\" format\"");
        assertThat(Warning.parse("399 proxy.example.com:5061 \"\"").text()).isEmpty();
        assertThat(Warning.of(370, "10.0.0.1:5060", "Insufficient bandwidth")).isEqualTo(
                Warning.parse("370 10.0.0.1:5060 \"Insufficient bandwidth\""));
        assertThat(Header.WARNING.isList()).isTrue();
        assertThat(Header.WARNING.parseAll(" ")).isEmpty(); // like every list header (§7.3.1), an empty value is no element
        for (String bad : new String[] {"", "30 isi.edu \"x\"", "3070 isi.edu \"x\"", "307 isi.edu x", "307isi.edu \"x\"",
            "307 isi.edu\"x\"", "307 \"x\"", "307 isi.edu:99999 \"x\"", "307 [::1 \"x\"", "307 isi.edu \"x"}) {
            assertThatThrownBy(() -> Header.WARNING.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> Warning.of(99, "a", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Warning.of(399, "a b", "b")).isInstanceOf(IllegalArgumentException.class);
        Robustness.check(Header.WARNING, "307 isi.edu \"Session parameter 'foo' not understood\", 301 [::1]:5060 \"x\"");
    }

    @Test
    void contentDisposition() {
        ContentDisposition d = Header.CONTENT_DISPOSITION.parse("session;handling=optional");
        assertThat(d.is("SESSION")).isTrue();
        assertThat(d.isOptional()).isTrue();
        assertThat(d).isEqualTo(ContentDisposition.SESSION.withHandling(ContentDisposition.OPTIONAL));
        assertThat(ContentDisposition.parse("Render").isOptional()).isFalse(); // required by default
        assertThat(ContentDisposition.parse("icon ; handling=REQUIRED ; x=\"y\"").toString()).isEqualTo("icon;handling=REQUIRED;x=\"y\"");
        assertThat(ContentDisposition.parse("alert;handling=Optional")).isEqualTo(ContentDisposition.parse("ALERT;handling=optional"));
        for (String bad : new String[] {"", ";handling=optional", "session;handling", "session;handling=\"optional\"",
            "session;handling=optional;handling=required", "session handling"}) {
            assertThatThrownBy(() -> Header.CONTENT_DISPOSITION.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        Robustness.check(Header.CONTENT_DISPOSITION, "session;handling=required;filename=\"a b.sdp\"");
    }
}
