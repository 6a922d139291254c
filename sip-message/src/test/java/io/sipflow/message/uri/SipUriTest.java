package io.sipflow.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.header.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipUriTest {
    @Test
    void fullUri() {
        SipUri u = SipUri.parse("sips:alice:secret@atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
        assertThat(u.isSecure()).isTrue();
        assertThat(u.scheme()).isEqualTo("sips");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("atlanta.example.com");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.param("transport")).isEqualTo("TCP");
        assertThat(u.lr()).isTrue();
        assertThat(u.maddr()).isEqualTo("239.255.255.1");
        assertThat(u.params().size()).isEqualTo(3);
        assertThat(u.headers()).isEqualTo("subject=project%20x&priority=urgent");
        assertThat(u.toString()).isEqualTo(
                "sips:alice:secret@atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
    }

    @Test
    void hostOnlyAndSchemeCase() {
        SipUri u = SipUri.parse("SIP:Example.COM");
        assertThat(u.isSecure()).isFalse();
        assertThat(u.user()).isNull();
        assertThat(u.host()).isEqualTo("Example.COM");
        assertThat(u.port()).isEqualTo(-1);
        assertThat(u.params().isEmpty()).isTrue();
        assertThat(u.headers()).isNull();
        assertThat(u.toString()).isEqualTo("sip:Example.COM");
        assertThat(u).isEqualTo(SipUri.of(null, "example.com"));
        assertThat(u.hashCode()).isEqualTo(SipUri.of(null, "example.com").hashCode());
    }

    @Test
    void ipv6References() {
        SipUri u = SipUri.parse("sip:bob@[2001:db8::1]:5070;transport=udp");
        assertThat(u.host()).isEqualTo("[2001:db8::1]");
        assertThat(u.port()).isEqualTo(5070);
        assertThat(SipUri.parse("sip:[::1]").host()).isEqualTo("[::1]");
        assertThat(SipUri.parse("sip:[::ffff:192.0.2.1]:5060").port()).isEqualTo(5060);
        assertThat(SipUri.parse("sip:[2001:db8::1]").toString()).isEqualTo("sip:[2001:db8::1]");
        // RFC 5118 §4.3: the port inside the brackets is part of the address
        assertThat(SipUri.parse("sip:[2001:db8::10:5070]").port()).isEqualTo(-1);
    }

    @Test
    void escapesInUserAndParameters() {
        SipUri u = SipUri.parse("sip:%61lice%20smith@example.com;n%61me=v%61lue");
        assertThat(u.user()).isEqualTo("%61lice%20smith");
        assertThat(u.userDecoded()).isEqualTo("alice smith");
        assertThat(u.param("n%61me")).isEqualTo("v%61lue");
        assertThat(SipUri.parse("sip:%E2%82%AC@example.com").userDecoded()).isEqualTo("€");
        assertThat(SipUri.unescape("100%")).isEqualTo("100%"); // malformed escapes stay literal
        assertThat(SipUri.unescape("%4")).isEqualTo("%4");
        assertThat(SipUri.unescape("plain")).isEqualTo("plain");
        // user-unreserved characters (§25.1) including ';' and '?' before the '@'
        SipUri odd = SipUri.parse("sip:user;par=u%40example.net@example.com");
        assertThat(odd.user()).isEqualTo("user;par=u%40example.net");
        assertThat(odd.params().isEmpty()).isTrue();
    }

    @Test
    void telephoneSubscriberUser() {
        SipUri u = SipUri.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone");
        assertThat(u.user()).isEqualTo("+1-212-555-1212");
        assertThat(u.password()).isEqualTo("1234");
        assertThat(u.param("user")).isEqualTo("phone");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:", "sip:@example.com", "sip:alice@", "sip:alice@example.com:99999", "sip:alice@example.com:",
        "sip:alice@example.com:12x", "sip:[2001:db8::1", "sip:[2001:db8::1]x", "sip:[zz]", "sip:[]",
        "sip:al ice@example.com", "sip:alice@exa mple.com", "sip:a%zz@example.com", "sip:a%4@example.com",
        "sip:alice@example.com;", "sip:alice@example.com;=x", "sip:alice@example.com;a=%G1",
        "sip:alice@example.com?a=<b>", "sip:alice@example.com>", "sip:<alice@example.com>", "sip:alice@@example.com",
        "sip:alice@example.com;transport=tcp;x=\"q\"", "sip:2001:db8::10",
    })
    void malformedSipUris(String text) {
        assertThatThrownBy(() -> SipUri.parse(text)).as(text).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER));
    }

    @Test
    void sipUriParseRefusesOtherSchemes() {
        assertThatThrownBy(() -> SipUri.parse("tel:+1")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> SipUri.parse("mailto:a@b")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Uri.parse("no-scheme")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Uri.parse(":x")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Uri.parse("1x:y")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Uri.parse("x:")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Uri.parse("x:a b")).isInstanceOf(SipParseException.class);
    }

    @Test
    void absoluteUris() {
        assertThat(Uri.parse("urn:service:sos")).isEqualTo(new AbsoluteUri("urn", "service:sos"));
        assertThat(Uri.parse("HTTP://www.example.com/x?y").toString()).isEqualTo("http://www.example.com/x?y");
        assertThat(Uri.parse("mailto:alice@example.com").scheme()).isEqualTo("mailto");
        // "sipx:" and "tels:" are other schemes, not SIP or tel
        assertThat(Uri.parse("sipx:a")).isInstanceOf(AbsoluteUri.class);
        assertThat(Uri.parse("tels:1")).isInstanceOf(AbsoluteUri.class);
    }

    @Test
    void withMethodsReturnChangedCopies() {
        SipUri u = SipUri.of("bob", "example.com", 5060);
        assertThat(u.toString()).isEqualTo("sip:bob@example.com:5060");
        assertThat(u.withUser("carol").withHost("[::1]").withPort(-1).withSecure(true).toString()).isEqualTo("sips:carol@[::1]");
        assertThat(u.withParam("lr", null).withParam("transport", "tls").toString())
                .isEqualTo("sip:bob@example.com:5060;lr;transport=tls");
        assertThat(u.withParam("lr", null).withoutParam("LR").params().isEmpty()).isTrue();
        assertThat(u.withHeaders("subject=hi").toString()).isEqualTo("sip:bob@example.com:5060?subject=hi");
        assertThat(u.withParams(Parameters.of("a", "1")).param("a")).isEqualTo("1");
        assertThat(u.toString()).isEqualTo("sip:bob@example.com:5060"); // unchanged
        assertThatThrownBy(() -> u.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withHost("")).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ RFC 3261 §19.1.4

    /** The pairs §19.1.4 lists as equivalent. */
    static final List<List<String>> EQUIVALENT = List.of(
            List.of("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
            List.of("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"),
            List.of("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                    "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"),
            List.of("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                    "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));

    /** The pairs §19.1.4 lists as not equivalent, with the RFC's reason. */
    static final List<List<String>> NOT_EQUIVALENT = List.of(
            List.of("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"), // different usernames
            List.of("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"), // can resolve to different ports
            List.of("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"), // can resolve to different transports
            List.of("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"), // different port and transports
            List.of("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"), // different header component
            List.of("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"), // even though that's what it resolves to
            // "equality is not transitive": both equal sip:carol@chicago.com, not each other
            List.of("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));

    @Test
    void rfc3261Section19_1_4Equivalent() {
        for (List<String> group : EQUIVALENT) {
            for (String a : group) {
                for (String b : group) {
                    assertThat(SipUri.parse(a).equivalentTo(SipUri.parse(b))).as(a + " == " + b).isTrue();
                }
            }
        }
    }

    @Test
    void rfc3261Section19_1_4NotEquivalent() {
        for (List<String> pair : NOT_EQUIVALENT) {
            SipUri a = SipUri.parse(pair.get(0));
            SipUri b = SipUri.parse(pair.get(1));
            assertThat(a.equivalentTo(b)).as(pair.get(0) + " != " + pair.get(1)).isFalse();
            assertThat(b.equivalentTo(a)).as(pair.get(1) + " != " + pair.get(0)).isFalse();
        }
    }

    @Test
    void moreEquivalenceRules() {
        // sip and sips never match; passwords compare; escaped parameter names and values
        assertThat(SipUri.parse("sip:a@b").equivalentTo(SipUri.parse("sips:a@b"))).isFalse();
        assertThat(SipUri.parse("sip:a:x@b").equivalentTo(SipUri.parse("sip:a:y@b"))).isFalse();
        assertThat(SipUri.parse("sip:a:%78@b").equivalentTo(SipUri.parse("sip:a:x@b"))).isTrue();
        assertThat(SipUri.parse("sip:a@b;%6Dethod=INVITE").equivalentTo(SipUri.parse("sip:a@b"))).isFalse();
        assertThat(SipUri.parse("sip:a@b;ttl=1").equivalentTo(SipUri.parse("sip:a@b;TTL=1"))).isTrue();
        assertThat(SipUri.parse("sip:a@b;user=phone").equivalentTo(SipUri.parse("sip:a@b"))).isFalse();
        assertThat(SipUri.parse("sip:a@b;maddr=x").equivalentTo(SipUri.parse("sip:a@b;maddr=X"))).isTrue();
        assertThat(SipUri.parse("sip:a@b;lr").equivalentTo(SipUri.parse("sip:a@b;lr=on"))).isFalse();
        assertThat(SipUri.parse("sip:a@b;lr").equivalentTo(SipUri.parse("sip:a@b;lr"))).isTrue();
        assertThat(SipUri.parse("sip:a@b?x=1").equivalentTo(SipUri.parse("sip:a@b?X=%31"))).isTrue();
        assertThat(SipUri.parse("sip:a@b?x=1&y=2").equivalentTo(SipUri.parse("sip:a@b?x=1"))).isFalse();
        // IPv6 hosts compare case-insensitively, as written
        assertThat(SipUri.parse("sip:[2001:DB8::1]").equivalentTo(SipUri.parse("sip:[2001:db8::1]"))).isTrue();
        // structural equality is stricter: parameters must be the same set
        assertThat(SipUri.parse("sip:carol@chicago.com")).isNotEqualTo(SipUri.parse("sip:carol@chicago.com;newparam=5"));
    }
}
