package io.sipflow.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tel URIs (RFC 3966). */
class TelUriTest {
    @Test
    void globalNumberWithParameters() {
        TelUri t = (TelUri) Uri.parse("tel:+1-201-555-0123;ext=1234;isub=5");
        assertThat(t.scheme()).isEqualTo("tel");
        assertThat(t.number()).isEqualTo("+1-201-555-0123");
        assertThat(t.isGlobal()).isTrue();
        assertThat(t.digits()).isEqualTo("+12015550123");
        assertThat(t.params().get("ext")).isEqualTo("1234");
        assertThat(t.params().get("isub")).isEqualTo("5");
        assertThat(t.toString()).isEqualTo("tel:+1-201-555-0123;ext=1234;isub=5");
    }

    @Test
    void localNumberWithPhoneContext() {
        TelUri t = (TelUri) Uri.parse("tel:7042;phone-context=example.com");
        assertThat(t.isGlobal()).isFalse();
        assertThat(t.number()).isEqualTo("7042");
        assertThat(t.params().get("phone-context")).isEqualTo("example.com");
        TelUri star = (TelUri) Uri.parse("TEL:*31#(1).2");
        assertThat(star.digits()).isEqualTo("*31#12");
        assertThat(star.toString()).isEqualTo("tel:*31#(1).2");
    }

    @Test
    void builtInCode() {
        assertThat(TelUri.of("+4930123").toString()).isEqualTo("tel:+4930123");
        assertThat(TelUri.of("+4930123")).isEqualTo(Uri.parse("tel:+4930123"));
        assertThatThrownBy(() -> TelUri.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:", "tel:;ext=1", "tel:+1 201", "tel:+1@x", "tel:+1;", "tel:+1;ext=1 2", "tel:+1;=2"})
    void malformedTelUris(String text) {
        assertThatThrownBy(() -> Uri.parse(text)).as(text).isInstanceOf(SipParseException.class);
    }
}
