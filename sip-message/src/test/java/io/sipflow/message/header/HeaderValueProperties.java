package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random values built from SIP's significant characters: the typed headers only ever throw SipParseException. */
class HeaderValueProperties {
    static final List<Header<?>> TYPED = List.of(Header.AUTHORIZATION, Header.PROXY_AUTHORIZATION, Header.WWW_AUTHENTICATE,
            Header.PROXY_AUTHENTICATE, Header.AUTHENTICATION_INFO, Header.EVENT, Header.SUBSCRIPTION_STATE, Header.RACK,
            Header.SESSION_EXPIRES, Header.MIN_SE, Header.REPLACES, Header.RETRY_AFTER, Header.REASON, Header.TIMESTAMP,
            Header.DATE, Header.PRIVACY, Header.WARNING, Header.CONTENT_DISPOSITION);

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("Digest ", "Bearer ", "realm", "nonce", "qop", "nc", "=", "\"", "\\", ",", ";", " ", "(", ")",
                        "auth", "00000001", "true", "id", "expires", "to-tag", "from-tag", "@", ":", "GMT", "Sat", "Nov", "[",
                        "]", ".", "1", "90", "4294967296", "INVITE", "\t", "\u00e9", "cause", "text", "duration", "handling"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(4));
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void onlySipParseException(@ForAll("values") String value) {
        for (Header<?> h : TYPED) {
            List<?> parsed;
            try {
                parsed = h.parseAll(value);
            } catch (SipParseException e) {
                continue;
            }
            for (Object v : parsed) {
                Object again = h.parse(v.toString());
                assertThat(again).as("%s: %s -> %s", h, value, v).isEqualTo(v);
            }
        }
    }
}
