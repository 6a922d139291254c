package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.Via;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Addresses and Vias read from a received message refer to its bytes until detached; what is
 * kept beyond the message (dialogs, transactions) must not pin them. Writing them unchanged
 * copies the bytes as received without making their Strings.
 */
class KeptValuesTest {
    private static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds.1;rport\r\n"
            + "Via: SIP/2.0/TCP [2001:db8::9] ; branch=z9hG4bKold\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: \"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <  sip:alice@pc33.atlanta.example.com:5060;transport=udp >;expires=60\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static SipRequest parse() {
        return (SipRequest) SipParser.defaults().parse(INVITE.getBytes(StandardCharsets.UTF_8));
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @Test
    void readAddressesReferToTheMessageUntilDetached() throws Exception {
        SipRequest m = parse();
        byte[] message = m.buf;
        for (Address a : new Address[] {m.from(), m.to(), m.contact()}) {
            assertThat(a.isDetached()).as(a.toString()).isFalse();
            assertThat(field(a, "src")).isSameAs(message);
            Address kept = a.detached();
            assertThat(kept.isDetached()).isTrue();
            assertThat(field(kept, "src")).isNotSameAs(message);
            assertThat(((byte[]) field(kept, "src")).length).isLessThan(64); // the name-addr only
            assertThat(kept.detached()).isSameAs(kept);
            assertThat(kept.toString()).isEqualTo(a.toString());
            assertThat(kept).isEqualTo(a);
            assertThat(kept.displayName()).isEqualTo(a.displayName());
            assertThat(kept.uriString()).isEqualTo(a.uriString());
            assertThat(kept.uri()).isEqualTo(a.uri());
            assertThat(kept.params()).isEqualTo(a.params());
        }
        assertThat(m.from().detached().displayName()).isEqualTo("Alice Liddell");
        assertThat(m.contact().detached().uriString()).isEqualTo("sip:alice@pc33.atlanta.example.com:5060;transport=udp");
        // every with-copy is detached
        Address to = m.to().withTag("a6c85cf");
        assertThat(to.isDetached()).isTrue();
        assertThat(to.toString()).isEqualTo("Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
        assertThat(m.from().withoutParam("tag").isDetached()).isTrue();
        assertThat(m.from().withParams(m.to().params()).isDetached()).isTrue();
        assertThat(m.from().withUri(m.to().uri()).isDetached()).isTrue();
        assertThat(m.from().withDisplayName("A").isDetached()).isTrue();
        // built in code: nothing to detach
        Address built = Address.of("Carol", m.to().uri());
        assertThat(built.isDetached()).isTrue();
        assertThat(built.detached()).isSameAs(built);
    }

    @Test
    void readViasReferToTheMessageUntilDetached() throws Exception {
        SipRequest m = parse();
        for (Via v : m.vias()) {
            assertThat(v.isDetached()).isFalse();
            assertThat(field(v, "src")).isSameAs(m.buf);
            Via kept = v.detached();
            assertThat(kept.isDetached()).isTrue();
            assertThat(field(kept, "src")).isNull();
            assertThat(kept.detached()).isSameAs(kept);
            assertThat(kept).isEqualTo(v);
            assertThat(kept.toString()).isEqualTo(v.toString());
            assertThat(kept.host()).isEqualTo(v.host());
            assertThat(v.withReceived("192.0.2.1").isDetached()).isTrue();
            assertThat(v.withBranch("z9hG4bKnew").isDetached()).isTrue();
        }
        assertThat(Via.of("UDP", "h", 5060, "z9hG4bKx").isDetached()).isTrue();
    }

    @Test
    void writingUnchangedValuesMakesNoStringsForThem() throws Exception {
        SipRequest m = parse();
        Address from = m.from();
        Address to = m.to();
        Address contact = m.contact();
        Via via = m.topVia();
        assertThat(from.toString()).isEqualTo("\"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774");
        assertThat(to.toString()).isEqualTo("Bob <sip:bob@biloxi.example.com>");
        assertThat(contact.toString()).isEqualTo("<  sip:alice@pc33.atlanta.example.com:5060;transport=udp >;expires=60");
        assertThat(via.toString()).isEqualTo("SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds.1;rport");
        // a response built from the request's values (§8.2.6.2)
        SipResponse trying = new SipResponse(100, "Trying");
        trying.add(Header.VIA, via);
        trying.set(Header.FROM, from);
        trying.set(Header.TO, to);
        String wire = trying.toString();
        assertThat(wire).contains("\r\nFrom: \"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n")
                .contains("\r\nTo: Bob <sip:bob@biloxi.example.com>\r\n")
                .contains("\r\nVia: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds.1;rport\r\n");
        for (Address a : new Address[] {from, to, contact, from.detached()}) {
            a.toString();
            assertThat(field(a, "displayName")).isNull();
            assertThat(field(a, "uriText")).isNull();
            assertThat(field(a, "uri")).isNull();
        }
        assertThat(field(via, "host")).isNull();
    }
}
