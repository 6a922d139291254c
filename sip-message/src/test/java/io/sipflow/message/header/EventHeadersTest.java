package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventHeadersTest {
    @Test
    void eventTypesAndTemplates() {
        Event e = Event.parse("presence.winfo");
        assertThat(e.type()).isEqualTo("presence.winfo");
        assertThat(e.eventPackage()).isEqualTo("presence");
        assertThat(e.templates()).containsExactly("winfo");
        assertThat(e.id()).isNull();
        Event d = Header.EVENT.parse(" dialog ; id = 1234 ; call-id=\"x@y\"");
        assertThat(d.id()).isEqualTo("1234");
        assertThat(d.param("call-id")).isEqualTo("x@y");
        assertThat(d.toString()).isEqualTo("dialog;id=1234;call-id=\"x@y\"");
        assertThat(Event.parse("a.b.c").templates()).containsExactly("b", "c");
        assertThat(Event.refer(93809824).toString()).isEqualTo("refer;id=93809824");
        assertThat(Event.of("message-summary")).isEqualTo(Event.MESSAGE_SUMMARY);
    }

    @Test
    void equalityIsTypeAndIdOnly() {
        // RFC 6665 §8.2.1 examples
        assertThat(Event.parse("foo; id=1234")).isEqualTo(Event.parse("foo; param=abcd; id=1234"))
                .hasSameHashCodeAs(Event.parse("foo;param=abcd;id=1234"));
        assertThat(Event.parse("foo; id=1234")).isNotEqualTo(Event.parse("Foo; id=1234"));
        assertThat(Event.parse("foo; id=1234")).isNotEqualTo(Event.parse("foo"));
        assertThat(Event.parse("foo;id=ABC")).isNotEqualTo(Event.parse("foo;id=abc"));
        assertThat(Event.parse("foo;ID=1").matches(Event.of("foo", "1"))).isTrue();
    }

    @Test
    void eventMalformed() {
        for (String bad : new String[] {"", ".presence", "presence.", "presence..winfo", "pres ence", "presence;id",
            "presence;id=\"1\"", "presence;id=1;id=2", "presence;", "\"presence\"", "presence/winfo"}) {
            assertThatThrownBy(() -> Header.EVENT.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> Event.of("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Event.of("a").withId("x y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscriptionStates() {
        SubscriptionState a = Header.SUBSCRIPTION_STATE.parse("active;expires=3600");
        assertThat(a.isActive()).isTrue();
        assertThat(a.expires()).isEqualTo(3600);
        assertThat(a.reason()).isNull();
        assertThat(a.retryAfter()).isEqualTo(-1);
        assertThat(a).isEqualTo(SubscriptionState.active(3600));
        SubscriptionState t = SubscriptionState.parse("Terminated ; reason=probation ; retry-after=30");
        assertThat(t.isTerminated()).isTrue();
        assertThat(t.reason()).isEqualTo(SubscriptionState.PROBATION);
        assertThat(t.retryAfter()).isEqualTo(30);
        assertThat(t).isEqualTo(SubscriptionState.terminated("probation", 30));
        assertThat(t.toString()).isEqualTo("Terminated;reason=probation;retry-after=30");
        assertThat(SubscriptionState.terminated(null).toString()).isEqualTo("terminated");
        assertThat(SubscriptionState.pending(60).withParam("x", "y").toString()).isEqualTo("pending;expires=60;x=y");
        SubscriptionState ext = SubscriptionState.parse("waiting;foo");
        assertThat(ext.state()).isEqualTo("waiting");
        assertThat(ext.isActive() || ext.isPending() || ext.isTerminated()).isFalse();
        assertThat(SubscriptionState.active(10).withExpires(-1).toString()).isEqualTo("active");
    }

    @Test
    void subscriptionStateMalformed() {
        for (String bad : new String[] {"", "active;expires", "active;expires=", "active;expires=1x", "active;expires=\"10\"",
            "terminated;reason=\"timeout\"", "active;expires=1;expires=2", "terminated;retry-after=-1", "active expires=1"}) {
            assertThatThrownBy(() -> Header.SUBSCRIPTION_STATE.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> SubscriptionState.parse("active;expires=4294967296"))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> SubscriptionState.active(-5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notifyThroughTheParser() {
        String notify = "NOTIFY sip:alice@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.9;branch=z9hG4bK-n1\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:alice@example.com>;tag=a1\r\n"
                + "From: <sip:bob@example.com>;tag=b1\r\n"
                + "Call-ID: n1@example.com\r\n"
                + "CSeq: 2 NOTIFY\r\n"
                + "o: presence.winfo;id=7\r\n"
                + "Subscription-State: active;expires=599\r\n"
                + "Content-Length: 0\r\n\r\n";
        SipMessage m = SipParser.defaults().parse(notify.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.get(Header.EVENT)).isEqualTo(Event.of("presence.winfo", "7"));
        assertThat(m.get(Header.SUBSCRIPTION_STATE).expires()).isEqualTo(599);
        m.set(Header.SUBSCRIPTION_STATE, SubscriptionState.terminated(SubscriptionState.NORESOURCE));
        assertThat(new String(m.toBytes(), StandardCharsets.US_ASCII)).contains("Subscription-State: terminated;reason=noresource\r\n");
    }

    @Test
    void damagedExamplesOnlyGiveSipParseException() {
        Robustness.check(Header.EVENT, "presence.winfo;id=1234;call-id=\"x@y\"");
        Robustness.check(Header.SUBSCRIPTION_STATE, "terminated;reason=probation;retry-after=3600;x=\"y\"");
        Robustness.check(Header.SUBSCRIPTION_STATE, "active;expires=4294967295");
    }
}
