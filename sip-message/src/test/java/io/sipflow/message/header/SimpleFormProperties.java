package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lexer-free parsers of the common Via and address forms ({@code parseSimple}) either
 * decline (null) or return exactly what the general parser returns: the message hands a value
 * to the general parser only when the simple one declines.
 */
class SimpleFormProperties {
    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("\"Alice\"", "\"A \\\" b\"", "Bob", "Bob Smith", " ", "\t", "<", ">", "sip:", "sips:", "tel:+1",
                        "alice@atlanta.example.com", "host:5060", ";", "tag", "=", "1928301774", ",", "*", "\\", "\"", "[",
                        "]", ":", "lr", "transport=udp", "expires", "q=0.5", "\u00e9", "(", ")", "?", "@", "\u0001", "\r",
                        "2001:db8::1", "+sip.instance"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3));
        Arbitrary<String> random = pieces.list().ofMaxSize(10).map(l -> String.join("", l));
        // mostly well-formed: display name, <URI>, parameters, with a perturbation now and then
        Arbitrary<String> display = Arbitraries.of("", "", "Bob ", "\"Alice\" ", "\"A\\\"B\" ", "Bob  Smith\t", "\u00e9 ", "B(o)b ");
        Arbitrary<String> uri = Arbitraries.of("sip:a@b", "sip:alice@atlanta.example.com:5060;transport=udp", "tel:+1", " sip:a",
                "sip:a@b ", "", "sip:a>b");
        Arbitrary<String> param = Arbitraries.of(";tag=1928301774", ";lr", ";expires=60", "; tag=1", ";tag =1", ";tag=",
                ";=1", ";tag=\"x\"", ";received=[2001:db8::1]", ";x=2001:db8::1", ",", " ", ";q=0.5");
        Arbitrary<String> structured = net.jqwik.api.Combinators.combine(display, uri, param.list().ofMaxSize(3))
                .as((d, u, ps) -> d + "<" + u + ">" + String.join("", ps));
        return Arbitraries.oneOf(random, structured, structured);
    }

    @Provide
    Arbitrary<String> vias() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("SIP/2.0/", "SIP/2.0/UDP ", "sip/2.0/", "SIP / 2.0 / TCP", "UDP", "tls", " ", "\t",
                        "pc33.atlanta.example.com", "192.0.2.1", "[2001:db8::1]", ":", "5060", "65535", "65536", "005060",
                        "123456", ";", "branch", "=", "z9hG4bK776asdhds", "rport", "received", "192.0.2.4", "2001:db8::9",
                        ",", "\"", "ttl=1", "maddr", "\u00e9", "\u0001"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3));
        Arbitrary<String> random = pieces.list().ofMaxSize(10).map(l -> String.join("", l));
        Arbitrary<String> sentBy = Arbitraries.of("SIP/2.0/UDP h", "SIP/2.0/TCP pc33.atlanta.example.com:5060", "SIP/2.0/udp 1.2.3.4:",
                "SIP/2.0/ UDP h", "SIP/2.0/UDP  h:5060", "SIP/2.0/UDP h:99999", "SIP/2.0/UDP [::1]:5060", "SIP/2.0/UDP h: 5");
        Arbitrary<String> param = Arbitraries.of(";branch=z9hG4bK776asdhds.1", ";rport", ";rport=5060", ";received=192.0.2.1",
                "; branch=x", ";received=2001:db8::9", ";ttl=1", ";=x", ";x=", ",", " ", ";maddr=\"q\"");
        Arbitrary<String> structured = net.jqwik.api.Combinators.combine(sentBy, param.list().ofMaxSize(3))
                .as((s, ps) -> s + String.join("", ps));
        return Arbitraries.oneOf(random, structured, structured);
    }

    @Property(tries = 5000)
    void addressSimpleFormAgreesWithParser(@ForAll("addresses") String value) {
        checkAddress(value);
    }

    @Property(tries = 5000)
    void viaSimpleFormAgreesWithParser(@ForAll("vias") String value) {
        checkVia(value);
    }

    @Example
    void commonFormsTakeTheSimplePath() {
        for (String v : List.of("\"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774",
                "Bob <sip:bob@biloxi.example.com>", "<sip:alice@pc33.atlanta.example.com:5060;transport=udp>",
                "<sip:p1.example.com;lr>", "\"A \\\"q\\\" b\" <sips:x@y>;tag=a;expires=60", "\u00e9t\u00e9 <sip:x@y>")) {
            assertThat(checkAddress(v)).as(v).isNotNull();
        }
        for (String v : List.of("SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds.1;rport",
                "SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKx;received=192.0.2.9;rport=5062", "SIP/2.0/tls h", "SIP/2.0/UDP h:0")) {
            assertThat(checkVia(v)).as(v).isNotNull();
        }
    }

    @Example
    void unusualFormsAreLeftToTheParser() {
        for (String v : List.of("sip:alice@atlanta.example.com;tag=1", "*", "<sip:a@b> ;tag=1", "<sip:a@b>;tag=\"q\"",
                "<sip:a@b>, <sip:c@d>", "< sip:a@b>", "<\rsip:a@b>", "<\nsip:a@b>", "<sip:a@b>;received=2001:db8::1", "Bob\t<sip:a@b>")) {
            assertThat(checkAddress(v)).as(v).isNull();
        }
        for (String v : List.of("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKx", "SIP/2.0/UDP h : 5060", "SIP/2.0/UDP h:65536",
                "SIP/2.0/UDP h;received=2001:db8::9", "SIP/2.0/UDP a, SIP/2.0/UDP b", "SIP / 2.0 / UDP h")) {
            assertThat(checkVia(v)).as(v).isNull();
        }
    }

    /** The simple form's result (null when it declines), checked against the general parser's. */
    private static Address checkAddress(String value) {
        byte[] b = ("X" + value + "Y").getBytes(StandardCharsets.UTF_8); // not at the array's ends
        Address simple = Address.parseSimple(b, 1, b.length - 1);
        Address general;
        try {
            general = Address.parse(value);
        } catch (SipParseException e) {
            assertThat(simple).as("%s: parser rejects it (%s)", value, e.getMessage()).isNull();
            return null;
        }
        if (simple == null) return null;
        assertThat(simple.isWildcard()).as(value).isEqualTo(general.isWildcard());
        assertThat(simple.displayName()).as(value).isEqualTo(general.displayName());
        assertThat(simple.uriString()).as(value).isEqualTo(general.uriString());
        assertThat(simple.params().toString()).as(value).isEqualTo(general.params().toString());
        assertThat(simple.toString()).as(value).isEqualTo(general.toString());
        return simple;
    }

    private static Via checkVia(String value) {
        byte[] b = ("X" + value + "Y").getBytes(StandardCharsets.UTF_8);
        Via simple = Via.parseSimple(b, 1, b.length - 1);
        Via general;
        try {
            general = Via.parse(value);
        } catch (SipParseException e) {
            assertThat(simple).as("%s: parser rejects it (%s)", value, e.getMessage()).isNull();
            return null;
        }
        if (simple == null) return null;
        assertThat(simple.protocolName()).as(value).isEqualTo(general.protocolName());
        assertThat(simple.protocolVersion()).as(value).isEqualTo(general.protocolVersion());
        assertThat(simple.transport()).as(value).isEqualTo(general.transport());
        assertThat(simple.host()).as(value).isEqualTo(general.host());
        assertThat(simple.port()).as(value).isEqualTo(general.port());
        assertThat(simple.params().toString()).as(value).isEqualTo(general.params().toString());
        assertThat(simple.toString()).as(value).isEqualTo(general.toString());
        return simple;
    }
}
