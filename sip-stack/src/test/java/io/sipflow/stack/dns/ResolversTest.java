package io.sipflow.stack.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** DNS server settings and numeric hosts, parsed without any lookup. */
class ResolversTest {

    @Test
    void serverForms() {
        assertThat(Resolvers.parseServer("192.0.2.53")).isEqualTo(new InetSocketAddress(HostLiteral.parse("192.0.2.53"), 53));
        assertThat(Resolvers.parseServer("127.0.0.1:5353")).isEqualTo(new InetSocketAddress(HostLiteral.parse("127.0.0.1"), 5353));
        assertThat(Resolvers.parseServer("[::1]:5353")).isEqualTo(new InetSocketAddress(HostLiteral.parse("::1"), 5353));
        assertThat(Resolvers.parseServer("2001:db8::53")).isEqualTo(new InetSocketAddress(HostLiteral.parse("2001:db8::53"), 53));
        assertThatThrownBy(() -> Resolvers.parseServer("dns.example.com:53")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resolvers.parseServer("127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostLiterals() {
        assertThat(HostLiteral.parse("192.0.2.1")).isNotNull();
        assertThat(HostLiteral.parse("[2001:db8::1]")).isNotNull();
        assertThat(HostLiteral.parse("2001:db8::1")).isNotNull();
        assertThat(HostLiteral.parse("example.com")).isNull();
        assertThat(HostLiteral.parse("192.0.2.256")).isNull();
        assertThat(HostLiteral.parse("1.2.3")).isNull();
    }
}
