package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static io.sipflow.stack.transport.Transport.WS;
import static io.sipflow.stack.transport.Transport.WSS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.stack.transport.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportChoiceTest {
    private static final List<Transport> ALL = List.of(UDP, TCP, TLS, WS, WSS);

    @Test
    void sipParamsNameTheTransport() throws Exception {
        assertThat(TransportChoice.fromParam(null, false, ALL, "h")).isNull();
        assertThat(TransportChoice.fromParam("udp", false, ALL, "h")).isEqualTo(UDP);
        assertThat(TransportChoice.fromParam("tcp", false, ALL, "h")).isEqualTo(TCP);
        assertThat(TransportChoice.fromParam("tls", false, ALL, "h")).isEqualTo(TLS);
        assertThat(TransportChoice.fromParam("ws", false, ALL, "h")).isEqualTo(WS);
    }

    @Test
    void sipsParamsNameTheTransportUnderTls() throws Exception {
        assertThat(TransportChoice.fromParam("tcp", true, ALL, "h")).isEqualTo(TLS);
        assertThat(TransportChoice.fromParam("tls", true, ALL, "h")).isEqualTo(TLS);
        assertThat(TransportChoice.fromParam("ws", true, ALL, "h")).isEqualTo(WSS);
        assertThat(TransportChoice.fromParam("wss", true, ALL, "h")).isEqualTo(WSS);
        assertThatThrownBy(() -> TransportChoice.fromParam("udp", true, ALL, "h"))
                .isInstanceOf(LocatorException.class).hasMessageContaining("UNSUPPORTED_TRANSPORT");
    }

    @Test
    void defaults() throws Exception {
        assertThat(TransportChoice.defaultFor(false, ALL, "h")).isEqualTo(UDP);
        assertThat(TransportChoice.defaultFor(true, ALL, "h")).isEqualTo(TLS);
        assertThat(TransportChoice.defaultFor(false, List.of(TLS, TCP), "h")).isEqualTo(TCP);
        assertThatThrownBy(() -> TransportChoice.defaultFor(true, List.of(UDP, TCP), "h"))
                .isInstanceOf(LocatorException.class);
    }

    @Test
    void srvCandidatesFollowTheSchemeAndPreference() {
        assertThat(TransportChoice.srvCandidates(false, List.of(TLS, TCP, UDP, WSS))).containsExactly(TCP, UDP);
        assertThat(TransportChoice.srvCandidates(true, List.of(UDP, WSS, TLS))).containsExactly(WSS, TLS);
    }
}
