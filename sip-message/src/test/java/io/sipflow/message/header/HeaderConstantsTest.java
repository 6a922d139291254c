package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderConstantsTest {
    static List<Header<?>> declared() throws IllegalAccessException {
        List<Header<?>> out = new ArrayList<>();
        for (Field f : Header.class.getDeclaredFields()) {
            if (f.getType() == Header.class && Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers())) {
                out.add((Header<?>) f.get(null));
            }
        }
        return out;
    }

    @Test
    void idsFollowDeclarationOrderAndExistingOnesKeepTheirs() throws Exception {
        List<Header<?>> all = declared();
        for (int i = 0; i < all.size(); i++) assertThat(all.get(i).id()).as(all.get(i).name()).isEqualTo(i + 1);
        // the constants that existed before the typed values were added keep their names, order and ids
        String[] before = {
            "VIA", "FROM", "TO", "CALL_ID", "CSEQ", "MAX_FORWARDS", "CONTACT", "ROUTE", "RECORD_ROUTE", "PATH",
            "SERVICE_ROUTE", "CONTENT_TYPE", "CONTENT_LENGTH", "CONTENT_ENCODING", "CONTENT_DISPOSITION",
            "CONTENT_LANGUAGE", "EXPIRES", "MIN_EXPIRES", "AUTHORIZATION", "PROXY_AUTHORIZATION", "WWW_AUTHENTICATE",
            "PROXY_AUTHENTICATE", "AUTHENTICATION_INFO", "EVENT", "SUBSCRIPTION_STATE", "ALLOW_EVENTS", "SUPPORTED",
            "REQUIRE", "PROXY_REQUIRE", "UNSUPPORTED", "RSEQ", "RACK", "SESSION_EXPIRES", "MIN_SE", "REFER_TO",
            "REFERRED_BY", "REPLACES", "ALLOW", "ACCEPT", "ACCEPT_ENCODING", "ACCEPT_LANGUAGE", "USER_AGENT",
            "SERVER", "RETRY_AFTER", "REASON", "PRIVACY", "P_ASSERTED_IDENTITY", "P_PREFERRED_IDENTITY", "DATE",
            "TIMESTAMP", "SUBJECT", "ORGANIZATION", "PRIORITY", "REPLY_TO", "CALL_INFO", "ALERT_INFO", "ERROR_INFO",
            "IN_REPLY_TO", "WARNING", "MIME_VERSION", "ACCEPT_CONTACT", "REJECT_CONTACT", "REQUEST_DISPOSITION",
            "IDENTITY", "IDENTITY_INFO", "SIP_ETAG", "SIP_IF_MATCH", "REFER_SUB"
        };
        for (int i = 0; i < before.length; i++) {
            Header<?> h = (Header<?>) Header.class.getField(before[i]).get(null);
            assertThat(h.id()).as(before[i]).isEqualTo(i + 1);
        }
        assertThat(Header.ACCEPT_RESOURCE_PRIORITY.id()).isEqualTo(before.length + 1);
        for (Header<?> h : all) {
            assertThat(Header.forName(h.name())).isSameAs(h);
            assertThat(Header.forName(h.name().toUpperCase())).isSameAs(h);
            if (h.compactForm() != '\0') assertThat(Header.forName(String.valueOf(h.compactForm()))).isSameAs(h);
        }
    }

    @Test
    void shapes() {
        assertThat(Header.AUTHORIZATION.isList()).isFalse();
        assertThat(Header.AUTHORIZATION.isSingleton()).isFalse();
        assertThat(Header.WWW_AUTHENTICATE.isList()).isFalse();
        assertThat(Header.PROXY_AUTHENTICATE.isSingleton()).isFalse();
        assertThat(Header.WARNING.isList()).isTrue();
        assertThat(Header.REASON.isList()).isTrue();
        assertThat(Header.HISTORY_INFO.isList()).isTrue();
        assertThat(Header.DIVERSION.isList()).isTrue();
        assertThat(Header.MAX_BREADTH.isSingleton()).isTrue();
        assertThat(Header.forName("o")).isSameAs(Header.EVENT);
        assertThat(Header.forName("x")).isSameAs(Header.SESSION_EXPIRES);
        assertThat(Header.ACCEPT_LANGUAGE.parse("da;q=0.8")).isInstanceOf(ParameterizedValue.class);
    }

    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "History-Info: <sip:bob@biloxi.example.com>;index=1, <sip:bob@192.0.2.4>;index=1.1\r\n"
            + "Diversion: <sip:carol@example.com>;reason=unconditional;counter=1\r\n"
            + "max-breadth: 60\r\n"
            + "Flow-Timer: 120\r\n"
            + "P-Charging-Vector: icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net\r\n"
            + "Resource-Priority: wps.3, dsn.flash\r\n"
            + "Geolocation: <cid:target123@atlanta.example.com>, <sips:3sdefrhy2jj7@lis.example.com>\r\n"
            + "x: 1800;refresher=uac\r\n"
            + "Min-SE: 90\r\n"
            + "Privacy: id\r\n"
            + "Timestamp: 54\r\n"
            + "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void newAndRetypedHeadersThroughAMessage() {
        SipMessage m = SipParser.defaults().parse(INVITE.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.getAll(Header.HISTORY_INFO)).extracting(a -> a.param("index")).containsExactly("1", "1.1");
        assertThat(m.get(Header.DIVERSION).param("reason")).isEqualTo("unconditional");
        assertThat(m.get(Header.MAX_BREADTH)).isEqualTo(60);
        assertThat(m.get(Header.FLOW_TIMER)).isEqualTo(120);
        assertThat(m.get(Header.P_CHARGING_VECTOR)).startsWith("icid-value=1234bc9876e;");
        assertThat(m.getAll(Header.RESOURCE_PRIORITY)).containsExactly("wps.3, dsn.flash");
        assertThat(m.get(Header.GEOLOCATION)).contains("cid:target123");
        assertThat(m.get(Header.SESSION_EXPIRES).refresher()).isEqualTo(SessionExpires.Refresher.UAC);
        assertThat(m.get(Header.MIN_SE).deltaSeconds()).isEqualTo(90);
        assertThat(m.get(Header.PRIVACY).hidesIdentity()).isTrue();
        assertThat(m.get(Header.TIMESTAMP)).isEqualTo(Timestamp.of(54));
        assertThat(m.get(Header.DATE).instant()).isEqualTo(Instant.parse("2010-11-13T23:29:00Z"));

        // typed values written with toString() and read back
        m.set(Header.REPLACES, Replaces.of("call@host", "t1", "f1"));
        m.add(Header.REASON, Reason.q850(16, "Normal call clearing"));
        m.add(Header.REASON, Reason.sip(200, "Call completed elsewhere"));
        m.add(Header.WARNING, Warning.of(399, "proxy.example.com", "Hello, world"));
        m.set(Header.RETRY_AFTER, RetryAfter.of(30, "busy"));
        m.set(Header.CONTENT_DISPOSITION, ContentDisposition.SESSION.withHandling("optional"));
        m.set(Header.RACK, new RAck(1, 314159, "INVITE"));
        m.set(Header.EVENT, Event.refer(7));
        m.set(Header.SUBSCRIPTION_STATE, SubscriptionState.active(60));
        m.set(Header.AUTHENTICATION_INFO, AuthenticationInfo.of("nn"));
        m.set(Header.SESSION_EXPIRES, SessionExpires.of(600, SessionExpires.Refresher.UAS));
        SipMessage again = SipParser.defaults().parse(m.toBytes());
        again.validate();
        assertThat(again.get(Header.REPLACES)).isEqualTo(Replaces.of("call@host", "t1", "f1"));
        assertThat(again.getAll(Header.REASON)).containsExactly(Reason.q850(16, "Normal call clearing"),
                Reason.sip(200, "Call completed elsewhere"));
        assertThat(again.get(Header.WARNING).text()).isEqualTo("Hello, world");
        assertThat(again.get(Header.RETRY_AFTER).comment()).isEqualTo("busy");
        assertThat(again.get(Header.CONTENT_DISPOSITION).isOptional()).isTrue();
        assertThat(again.get(Header.RACK).cseq()).isEqualTo(314159);
        assertThat(again.get(Header.EVENT).id()).isEqualTo("7");
        assertThat(again.get(Header.SUBSCRIPTION_STATE).expires()).isEqualTo(60);
        assertThat(again.get(Header.AUTHENTICATION_INFO).nextnonce()).isEqualTo("nn");
        assertThat(again.get(Header.SESSION_EXPIRES)).isEqualTo(SessionExpires.of(600, SessionExpires.Refresher.UAS));
        assertThat(again.header("Session-Expires")).isEqualTo("600;refresher=uas");
    }
}
