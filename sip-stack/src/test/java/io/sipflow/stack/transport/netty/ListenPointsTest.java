package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Binding, advertised addresses (NAT), several listeners, bind failures. */
@Timeout(60)
class ListenPointsTest {
    @Test
    void advertisedAddressIsKeptAndTheBoundPortResolved() throws Exception {
        assumeTrue(Layers.ipv6Available());
        TransportConfig cfg = TransportConfig.builder()
                .listen("udp:127.0.0.1:0;advertise=203.0.113.7:5062", "tcp:127.0.0.1:0;advertise=sip.example.com",
                        "udp:[::1]:0", "ws:127.0.0.1:0")
                .ioThreads(2)
                .build();
        try (Layers layers = new Layers()) {
            NettyTransportLayer layer = layers.start(cfg, new Recorder());
            List<ListenPoint> lps = layer.listenPoints();
            assertThat(lps).hasSize(4);
            assertThat(lps).allSatisfy(lp -> assertThat(lp.bindAddress().getPort()).isPositive());

            ListenPoint udp4 = layer.listenPointFor(Transport.UDP, false);
            assertThat(udp4).isEqualTo(lps.get(0));
            assertThat(udp4.viaHost()).isEqualTo("203.0.113.7");
            assertThat(udp4.viaPort()).isEqualTo(5062);
            assertThat(udp4.describe()).isEqualTo("udp 203.0.113.7:" + udp4.bindAddress().getPort());

            ListenPoint tcp = layer.listenPointFor(Transport.TCP, false);
            assertThat(tcp.viaHost()).isEqualTo("sip.example.com");
            assertThat(tcp.viaPort()).isEqualTo(tcp.bindAddress().getPort());

            ListenPoint udp6 = layer.listenPointFor(Transport.UDP, true);
            assertThat(udp6.isIpv6()).isTrue();
            assertThat(udp6.viaHost()).startsWith("[");
            assertThat(layer.listenPointFor(Transport.TLS, false)).isNull();
            assertThat(layer.listenPointFor(Transport.TCP, true)).isNull();
        }
    }

    @Test
    void sendingFromTheAdvertisedListenerKeepsItsPort() throws Exception {
        try (Layers layers = new Layers(); DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout((int) Recorder.WAIT_SECONDS * 1000);
            NettyTransportLayer layer = layers.start(TransportConfig.builder()
                    .listen("udp:127.0.0.1:0;advertise=198.51.100.1").ioThreads(2).build(), new Recorder());
            layer.send(Sip.request("UDP", "from-port", 1),
                    new io.sipflow.stack.transport.Destination(Transport.UDP, (InetSocketAddress) peer.getLocalSocketAddress()), null)
                    .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[4096], 4096);
            peer.receive(p);
            assertThat(p.getPort()).isEqualTo(layer.listenPointFor(Transport.UDP, false).bindAddress().getPort());
        }
    }

    @Test
    void bindFailureFailsStartAndReleasesWhatWasBound() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            TransportConfig cfg = TransportConfig.builder()
                    .listen(ListenPoint.of(Transport.TCP, "127.0.0.1", 0))
                    .listen(ListenPoint.of(Transport.UDP, "127.0.0.1", taken.getLocalPort()))
                    .udpReusePort(false) // SO_REUSEPORT would not collide with a plain socket anyway
                    .ioThreads(2)
                    .build();
            NettyTransportLayer layer = new NettyTransportLayer(cfg);
            try {
                assertThatThrownBy(() -> layer.start().get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("udp 127.0.0.1:" + taken.getLocalPort());
                assertThat(layer.listenPoints()).isEmpty();
            } finally {
                layer.close();
            }
        }
    }

    @Test
    void aSecondLayerCannotShareAUdpPortThroughReusePort() throws Exception {
        try (Layers layers = new Layers()) {
            NettyTransportLayer first = layers.start(Transport.UDP, false, new Recorder());
            assertThat(first.isNative()).isEqualTo(io.netty.channel.epoll.Epoll.isAvailable());
            int port = first.listenPointFor(Transport.UDP, false).bindAddress().getPort();
            NettyTransportLayer second = new NettyTransportLayer(TransportConfig.builder()
                    .listen(ListenPoint.of(Transport.UDP, "127.0.0.1", port)).ioThreads(2).build());
            try {
                assertThatThrownBy(() -> second.start().get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("udp 127.0.0.1:" + port);
            } finally {
                second.close();
            }
        }
    }

    @Test
    void closeReleasesThePorts() throws Exception {
        int port;
        try (Layers layers = new Layers()) {
            NettyTransportLayer layer = layers.start(Transport.TCP, false, new Recorder());
            port = layer.listenPointFor(Transport.TCP, false).bindAddress().getPort();
            layer.close();
            assertThat(layer.send(Sip.request("TCP", "x", 1), Layers.destinationOf(layer, Transport.TCP, false), null))
                    .failsWithin(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        }
        try (java.net.ServerSocket again = new java.net.ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }
}
