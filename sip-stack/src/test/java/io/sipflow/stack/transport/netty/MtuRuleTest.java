package io.sipflow.stack.transport.netty;

import static io.sipflow.stack.transport.netty.Layers.destinationOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RFC 3261 §18.1.1 size rule: large requests leave UDP for TCP. */
@Timeout(60)
class MtuRuleTest {
    private static final Destination UDP_PEER =
            new Destination(Transport.UDP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060));

    @Test
    void largeRequestsToUdpDestinationsGoOverTcpWhenWeListenOnTcp() throws Exception {
        try (Layers layers = new Layers()) {
            NettyTransportLayer layer = layers.start(TransportConfig.builder()
                    .listen(Layers.lp(Transport.UDP, false), Layers.lp(Transport.TCP, false)).ioThreads(2).build(), new Recorder());
            assertThat(layer.chooseTransport(1300, UDP_PEER)).isEqualTo(Transport.UDP);
            assertThat(layer.chooseTransport(1301, UDP_PEER)).isEqualTo(Transport.TCP);
            Destination tls = new Destination(Transport.TLS, UDP_PEER.address());
            assertThat(layer.chooseTransport(10_000, tls)).isEqualTo(Transport.TLS);
            SipRequest big = Sip.request("UDP", "mtu", 1, "x".repeat(1400));
            assertThat(layer.chooseTransport(big, UDP_PEER)).isEqualTo(Transport.TCP);
            assertThat(layer.chooseTransport(Sip.request("UDP", "mtu", 2), UDP_PEER)).isEqualTo(Transport.UDP);
            // No IPv6 TCP listener: an IPv6 peer stays on UDP.
            Destination v6 = new Destination(Transport.UDP, new InetSocketAddress(InetAddress.getByName("::1"), 5060));
            assertThat(layer.chooseTransport(5000, v6)).isEqualTo(Transport.UDP);
        }
    }

    @Test
    void withoutATcpListenerUdpStaysAndTheThresholdIsConfigurable() throws Exception {
        try (Layers layers = new Layers()) {
            NettyTransportLayer udpOnly = layers.start(Transport.UDP, false, new Recorder());
            assertThat(udpOnly.chooseTransport(5000, UDP_PEER)).isEqualTo(Transport.UDP);
            NettyTransportLayer custom = layers.start(TransportConfig.builder()
                    .listen(Layers.lp(Transport.UDP, false), Layers.lp(Transport.TCP, false))
                    .udpMtuThreshold(4000).ioThreads(2).build(), new Recorder());
            assertThat(custom.chooseTransport(3999, UDP_PEER)).isEqualTo(Transport.UDP);
            assertThat(custom.chooseTransport(4001, UDP_PEER)).isEqualTo(Transport.TCP);
        }
    }

    @Test
    void largeRequestsStillWorkOverUdpWhenTheCallerKeepsUdp() throws Exception {
        // §18.1.1: implementations MUST handle messages up to the maximum datagram size.
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(Transport.UDP, false, server);
            NettyTransportLayer a = layers.start(Transport.UDP, false, new Recorder());
            String body = "y".repeat(30_000);
            a.send(Sip.request("UDP", "big-udp", 1, body), destinationOf(b, Transport.UDP, false), null)
                    .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.message().message().bodyAsString()).isEqualTo(body);
        }
    }
}
