package io.sipflow.stack.transport.netty;

import io.sipflow.testkit.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts layers on loopback with ephemeral ports and closes them after the test. */
final class Layers implements AutoCloseable {
    private final List<NettyTransportLayer> started = new ArrayList<>();

    /** TLS settings trusting the localhost test identity and presenting it. */
    static TlsConfig tls() {
        TestCertificates.Identity id = TestCerts.localhost();
        return TlsConfig.of(id.certificate(), id.privateKey()).withTrustedCertificates(id.certificate());
    }

    static String host(boolean ipv6) {
        return ipv6 ? "::1" : "127.0.0.1";
    }

    static ListenPoint lp(Transport t, boolean ipv6) {
        return ListenPoint.of(t, host(ipv6), 0);
    }

    static TransportConfig.Builder config(Transport t, boolean ipv6) {
        TransportConfig.Builder b = TransportConfig.builder().listen(lp(t, ipv6)).ioThreads(2);
        if (t.isSecure()) b.tls(tls());
        return b;
    }

    NettyTransportLayer start(TransportConfig config, Recorder recorder) throws Exception {
        NettyTransportLayer layer = new NettyTransportLayer(config);
        started.add(layer);
        layer.setListener(recorder);
        layer.start().get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        return layer;
    }

    NettyTransportLayer start(Transport t, boolean ipv6, Recorder recorder) throws Exception {
        return start(config(t, ipv6).build(), recorder);
    }

    /** Where {@code layer}'s only listener of {@code t} is. */
    static Destination destinationOf(NettyTransportLayer layer, Transport t, boolean ipv6) {
        ListenPoint lp = layer.listenPointFor(t, ipv6);
        assertThat(lp).as("listener for %s", t).isNotNull();
        return new Destination(t, lp.bindAddress());
    }

    static boolean ipv6Available() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (NettyTransportLayer l : started) l.close();
    }
}
