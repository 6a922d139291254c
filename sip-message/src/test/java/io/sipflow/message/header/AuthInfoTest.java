package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.message.Header;
import io.sipflow.message.SipParseException;
import org.junit.jupiter.api.Test;

class AuthInfoTest {
    static final String EXAMPLE = "nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth,"
            + " rspauth=\"327a38e8faa634f303e56559dda25745\", cnonce=\"0a4f113b\", nc=00000001";

    @Test
    void parsesAndRoundTrips() {
        AuthenticationInfo a = Header.AUTHENTICATION_INFO.parse(EXAMPLE);
        assertThat(a.nextnonce()).isEqualTo("47364c23432d2e131a5fb210812c");
        assertThat(a.qop()).isEqualTo("auth");
        assertThat(a.rspauth()).isEqualTo("327a38e8faa634f303e56559dda25745");
        assertThat(a.cnonce()).isEqualTo("0a4f113b");
        assertThat(a.nonceCount()).isEqualTo(1);
        assertThat(a.toString()).isEqualTo(EXAMPLE);
        assertThat(AuthenticationInfo.parse("nextnonce=\"47364c23432d2e131a5fb210812c\"").nextnonce())
                .isEqualTo("47364c23432d2e131a5fb210812c"); // RFC 3261 §20.6 example
        AuthenticationInfo lenient = AuthenticationInfo.parse("NextNonce=abc, qop=\"auth\", x=y");
        assertThat(lenient.toString()).isEqualTo("nextnonce=\"abc\", qop=auth, x=y");
        assertThat(lenient.param("X")).isEqualTo("y");
        assertThat(AuthenticationInfo.of("n1").withRspauth("r").withNonceCount(3).toString())
                .isEqualTo("nextnonce=\"n1\", rspauth=\"r\", nc=00000003");
    }

    @Test
    void serverProvesItKnowsThePassword() {
        DigestCredentials c = DigestCredentials.builder().username("bob").realm("biloxi.com")
                .nonce("dcd98b7102dd2f0e8b11d0f600bfb0c093").uri("sip:biloxi.com").qop("auth").cnonce("0a4f113b")
                .nonceCount(1).build("zanzibar", "REGISTER", null);
        assertThat(c.response()).isEqualTo("9e2d1006810044fd79f39476209ae31a"); // computed independently
        String rspauth = c.expectedRspauth(null, "zanzibar", null);
        assertThat(rspauth).isEqualTo("327a38e8faa634f303e56559dda25745");
        AuthenticationInfo info = AuthenticationInfo.forCredentials(c, rspauth, "47364c23432d2e131a5fb210812c");
        assertThat(info).isEqualTo(AuthenticationInfo.parse(EXAMPLE));
    }

    @Test
    void malformed() {
        for (String bad : new String[] {"", " ", "nextnonce", "nextnonce=", "nc=12", "a=b c=d", "a=b, a=c", "=x"}) {
            assertThatThrownBy(() -> Header.AUTHENTICATION_INFO.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }
}
