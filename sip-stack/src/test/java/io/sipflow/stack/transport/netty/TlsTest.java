package io.sipflow.stack.transport.netty;

import io.sipflow.testkit.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/** Certificate verification, SNI/hostname checks and client certificates (RFC 5922, RFC 5630). */
@Timeout(60)
class TlsTest {
    private static final TestCertificates.Identity ID = TestCerts.localhost();

    /** A client that trusts the localhost identity and has no certificate of its own. */
    private static TransportConfig clientOnly(Transport t, TlsConfig tls) {
        return TransportConfig.builder().tls(tls).ioThreads(2).build();
    }

    private static Destination at(NettyTransportLayer server, Transport t, String serverName) {
        InetSocketAddress a = server.listenPointFor(t, false).bindAddress();
        return new Destination(t, a, serverName);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TLS", "WSS"})
    void serverNameMatchingTheCertificateIsAccepted(Transport t) throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(t, false, server);
            NettyTransportLayer a = layers.start(clientOnly(t, TlsConfig.client(ID.certificate())), new Recorder());
            Flow f = a.send(Sip.request(t.viaName(), "sni-ok", 1), at(b, t, "localhost"), null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.message().message().callId()).isEqualTo("sni-ok");
            // A client-only layer names its own local address in the flow's listen point.
            assertThat(f.listenPoint().transport()).isEqualTo(t);
            assertThat(f.listenPoint().bindAddress()).isEqualTo(f.localAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TLS", "WSS"})
    void serverNameNotInTheCertificateIsRejected(Transport t) throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(t, false, server);
            NettyTransportLayer a = layers.start(clientOnly(t, TlsConfig.client(ID.certificate())), new Recorder());
            assertThatThrownBy(() -> a.send(Sip.request(t.viaName(), "sni-bad", 1), at(b, t, "sip.example.com"), null)
                            .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SSLException.class);
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void untrustedServerCertificateIsRejected() throws Exception {
        TestCertificates.Identity stranger = TestCerts.stranger();
        TransportConfig serverCfg = TransportConfig.builder()
                .listen(Layers.lp(Transport.TLS, false)).ioThreads(2)
                .tls(TlsConfig.of(stranger.certificate(), stranger.privateKey()))
                .build();
        try (Layers layers = new Layers()) {
            NettyTransportLayer b = layers.start(serverCfg, new Recorder());
            NettyTransportLayer a = layers.start(clientOnly(Transport.TLS, TlsConfig.client(ID.certificate())), new Recorder());
            assertThatThrownBy(() -> a.send(Sip.request("TLS", "untrusted", 1), at(b, Transport.TLS, null), null)
                            .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS))
                    .cause().isInstanceOf(IOException.class);
            Eventually.holds("no connection left", () -> a.openConnections() == 0 && b.openConnections() == 0);
        }
    }

    @Test
    void trustAllAcceptsAnyCertificate() throws Exception {
        TestCertificates.Identity stranger = TestCerts.stranger();
        TransportConfig serverCfg = TransportConfig.builder()
                .listen(Layers.lp(Transport.TLS, false)).ioThreads(2)
                .tls(TlsConfig.of(stranger.certificate(), stranger.privateKey()))
                .build();
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(serverCfg, server);
            NettyTransportLayer a = layers.start(clientOnly(Transport.TLS, TlsConfig.client(null).withTrustAll(true)), new Recorder());
            a.send(Sip.request("TLS", "insecure", 1), at(b, Transport.TLS, "whatever.invalid"), null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.message().message().callId()).isEqualTo("insecure");
        }
    }

    @Test
    void requiredClientCertificateIsEnforced() throws Exception {
        TransportConfig serverCfg = Layers.config(Transport.TLS, false)
                .tls(Layers.tls().withClientAuth(TlsConfig.ClientAuth.REQUIRE))
                .build();
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(serverCfg, server);

            // Without a certificate: refused (with TLS 1.3 the client may believe the handshake
            // done and see the connection close right after).
            Recorder anonymous = new Recorder();
            NettyTransportLayer a = layers.start(clientOnly(Transport.TLS, TlsConfig.client(ID.certificate())), anonymous);
            try {
                a.send(Sip.request("TLS", "anon", 1), at(b, Transport.TLS, "localhost"), null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
                anonymous.closedFlow();
            } catch (ExecutionException refused) {
                assertThat(refused.getCause()).isInstanceOf(IOException.class);
            }

            // With one (the same identity, which the server trusts): accepted.
            NettyTransportLayer c = layers.start(clientOnly(Transport.TLS, Layers.tls()), new Recorder());
            c.send(Sip.request("TLS", "mutual", 1), at(b, Transport.TLS, "localhost"), null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.message().message().callId()).isEqualTo("mutual");
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void missingKeyMaterialIsAConfigurationError() {
        assertThatThrownBy(() -> TransportConfig.builder().listen(Layers.lp(Transport.TLS, false)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TlsConfig");
        TlsConfig broken = TlsConfig.of(ID.privateKey(), ID.certificate()); // swapped
        assertThatThrownBy(() -> new NettyTransportLayer(TransportConfig.builder().listen(Layers.lp(Transport.TLS, false)).tls(broken).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
