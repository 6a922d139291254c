package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.uri.AbsoluteUri;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.TelUri;
import io.sipflow.message.uri.Uri;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** name-addr / addr-spec values (RFC 3261 §20.10, §20.20, §20.39, §25.1). */
class AddressTest {
    @Test
    void nameAddrWithQuotedDisplayNameAndParams() {
        Address a = Address.parse("\"Alice \\\"Al\\\" Smith\" <sip:alice@atlanta.example.com;transport=tcp>;tag=1928;x");
        assertThat(a.displayName()).isEqualTo("Alice \"Al\" Smith");
        assertThat(a.sipUri().transport()).isEqualTo("tcp");
        assertThat(a.tag()).isEqualTo("1928");
        assertThat(a.params().has("x")).isTrue();
        assertThat(a.param("x")).isNull();
        assertThat(a.isWildcard()).isFalse();
        assertThat(a.toString()).isEqualTo("\"Alice \\\"Al\\\" Smith\" <sip:alice@atlanta.example.com;transport=tcp>;tag=1928;x");
        assertThat(Address.parse(a.toString())).isEqualTo(a);
    }

    @Test
    void quotedPairsInDisplayNames() {
        assertThat(Address.parse("\"a\\\\b\" <sip:x@y>").displayName()).isEqualTo("a\\b");
        assertThat(Address.parse("\"\\q\" <sip:x@y>").displayName()).isEqualTo("q");
        assertThat(Address.parse("\"\" <sip:x@y>").displayName()).isEmpty();
        assertThat(Address.parse("\"Ωμέγα 日本\" <sip:x@y>").displayName()).isEqualTo("Ωμέγα 日本");
        assertThat(Address.parse("\"a,b;c<d>\" <sip:x@y>").displayName()).isEqualTo("a,b;c<d>");
        // §25.1 quoted-pair allows control characters; written back escaped, they round-trip
        Address ctl = Address.parse("\"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f\" <sip:x@y>");
        assertThat(ctl.displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(Address.parse(ctl.toString())).isEqualTo(ctl);
        for (char c : ctl.toString().toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                int i = ctl.toString().indexOf(c);
                assertThat(ctl.toString().charAt(i - 1)).as("control character %d is escaped", (int) c).isEqualTo('\\');
            }
        }
    }

    @Test
    void tokenDisplayNames() {
        Address a = Address.parse("Bob Smith <sip:bob@biloxi.example.com>");
        assertThat(a.displayName()).isEqualTo("Bob Smith");
        Address lws = Address.parse("caller<sip:caller@example.com>;tag=323"); // RFC 4475 §3.1.1.6
        assertThat(lws.displayName()).isEqualTo("caller");
        assertThat(Address.parse("<sip:a@b>").displayName()).isNull();
        assertThat(Address.parse("  <sip:a@b>  ").displayName()).isNull();
        // written back as received (a response echoes From and To, §8.2.6.2), also by a with-copy
        assertThat(a.toString()).isEqualTo("Bob Smith <sip:bob@biloxi.example.com>");
        assertThat(a.withTag("x").toString()).isEqualTo("Bob Smith <sip:bob@biloxi.example.com>;tag=x");
        // written quoted once the display name or the URI is changed
        assertThat(a.withDisplayName("Bob Smith").toString()).isEqualTo("\"Bob Smith\" <sip:bob@biloxi.example.com>");
        assertThat(Address.of("Bob Smith", a.uri()).toString()).isEqualTo("\"Bob Smith\" <sip:bob@biloxi.example.com>");
    }

    @Test
    void addrSpecParamsBelongToTheHeader() {
        // §20.10: without angle brackets, parameters after the URI are header parameters
        Address a = Address.parse("sip:bob@biloxi.example.com;tag=a6c85cf;expires=60");
        assertThat(a.sipUri().params().isEmpty()).isTrue();
        assertThat(a.tag()).isEqualTo("a6c85cf");
        assertThat(a.expires()).isEqualTo(60);
        assertThat(a.toString()).isEqualTo("sip:bob@biloxi.example.com;tag=a6c85cf;expires=60");
        Address b = Address.parse("<sip:bob@biloxi.example.com;tag=a6c85cf>;expires=60");
        assertThat(b.sipUri().param("tag")).isEqualTo("a6c85cf");
        assertThat(b.tag()).isNull();
    }

    @Test
    void otherUriSchemes() {
        assertThat(Address.parse("<tel:+1-201-555-0123>").uri()).isInstanceOf(TelUri.class);
        assertThat(Address.parse("tel:+1-201-555-0123;tag=x").tag()).isEqualTo("x");
        Address urn = Address.parse("<urn:service:sos>");
        assertThat(urn.uri()).isEqualTo(new AbsoluteUri("urn", "service:sos"));
        assertThat(urn.sipUri()).isNull();
        assertThat(Address.parse("<http://www.example.com/alice/photo.jpg> ;purpose=icon").param("purpose")).isEqualTo("icon");
    }

    @Test
    void wildcardContact() {
        assertThat(Address.parse("*")).isSameAs(Address.WILDCARD);
        assertThat(Address.parse(" * ").isWildcard()).isTrue();
        assertThat(Address.WILDCARD.toString()).isEqualTo("*");
        assertThat(Address.WILDCARD.uri()).isNull();
        assertThat(Header.CONTACT.parseAll("*")).containsExactly(Address.WILDCARD);
    }

    @Test
    void contactParams() {
        List<Address> cs = Header.CONTACT.parseAll(
                "<sip:a@10.0.0.1>;expires=3600;q=0.7, \"Mr. X, Jr.\" <sip:b@10.0.0.2>;q=1;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\", sip:c@10.0.0.3");
        assertThat(cs).hasSize(3);
        assertThat(cs.get(0).expires()).isEqualTo(3600);
        assertThat(cs.get(0).q()).isEqualTo(0.7);
        assertThat(cs.get(1).displayName()).isEqualTo("Mr. X, Jr.");
        assertThat(cs.get(1).q()).isEqualTo(1.0);
        assertThat(cs.get(1).param("+sip.instance")).isEqualTo("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>");
        assertThat(cs.get(1).params().getRaw("+sip.instance")).isEqualTo("\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\"");
        assertThat(cs.get(2).q()).isEqualTo(-1);
        assertThat(cs.get(2).expires()).isEqualTo(-1);
        assertThat(Address.parse("<sip:a@b>;q=2").q()).isEqualTo(-1);
        assertThat(Address.parse("<sip:a@b>;q=x").q()).isEqualTo(-1);
        assertThat(Address.parse("<sip:a@b>;expires=abc").expires()).isEqualTo(-1);
    }

    @Test
    void withMethods() {
        Address a = Address.of(SipUri.of("alice", "example.com"));
        assertThat(a.toString()).isEqualTo("<sip:alice@example.com>");
        assertThat(a.withTag("t1").toString()).isEqualTo("<sip:alice@example.com>;tag=t1");
        assertThat(a.withTag("t1").withTag("t2").tag()).isEqualTo("t2");
        assertThat(a.withTag("t1").withoutParam("tag")).isEqualTo(a);
        assertThat(a.withDisplayName("A").toString()).isEqualTo("\"A\" <sip:alice@example.com>");
        assertThat(a.withUri(TelUri.of("+1")).toString()).isEqualTo("<tel:+1>");
        assertThat(a.withParams(Parameters.of("expires", "0")).expires()).isZero();
        assertThat(Address.of("Bob", SipUri.of("bob", "b"), Parameters.of("tag", "x")).toString())
                .isEqualTo("\"Bob\" <sip:bob@b>;tag=x");
        // an addr-spec that gets parameters is written with brackets, so the parameters stay its own
        Address spec = Address.parse("sip:bob@b");
        assertThat(spec.toString()).isEqualTo("sip:bob@b");
        Address tagged = spec.withTag("x");
        assertThat(Address.parse(tagged.toString())).isEqualTo(tagged);
        Address uriWithParams = Address.parse("sip:bob@b").withUri(SipUri.parse("sip:bob@b;transport=tcp"));
        assertThat(Address.parse(uriWithParams.toString())).isEqualTo(uriWithParams);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<sip:a@b", "\"unterminated <sip:a@b>", "\"x\" sip:a@b", "<>", "<sip:a@b>;", "<sip:a@b>;=1",
        "<sip:a@b> junk", "Bell, Alexander <sip:a@b>", "<sip:a@b>;tag=\"x", "sip:a@b;tag=", "<not a uri>", "(comment) <sip:a@b>"})
    void malformedAddresses(String text) {
        assertThatThrownBy(() -> Address.parse(text)).as(text).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER));
    }

    @Test
    void equalsIgnoresHowTheUriWasWritten() {
        Uri u = SipUri.of("a", "b");
        assertThat(Address.parse("sip:a@b")).isEqualTo(Address.of(u));
        assertThat(Address.parse("sip:a@b").hashCode()).isEqualTo(Address.of(u).hashCode());
        assertThat(Address.parse("\"A\" <sip:a@b>")).isNotEqualTo(Address.of(u));
    }
}
