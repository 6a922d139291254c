package io.sipflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay both ways against JSSE echo servers: bytes arrive unchanged, and over TLS. */
@Timeout(60)
class TlsRelayTest {
    private static final byte[] HELLO = "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Echoes one connection's bytes back until it closes. */
    private static Thread echo(ServerSocket server) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                if (s instanceof SSLSocket ssl) ssl.startHandshake();
                s.getInputStream().transferTo(s.getOutputStream());
            } catch (IOException ignored) {
                // the test ended
            }
        }, "echo");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void roundTrip(Socket s) throws IOException {
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write(HELLO);
        out.flush();
        InputStream in = s.getInputStream();
        assertThat(in.readNBytes(HELLO.length)).isEqualTo(HELLO);
    }

    @Test
    void plainClientReachesATlsServer() throws Exception {
        SSLContext ctx = TestCertificates.localhost().sslContext();
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            echo(server);
            try (TlsRelay relay = TlsRelay.plainToTls(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), ctx);
                    Socket plain = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
                roundTrip(plain);
                assertThat(relay.acceptedConnections()).isEqualTo(1);
                assertThat(relay.bytesUp()).isEqualTo(HELLO.length);
            }
        }
    }

    @Test
    void tlsClientReachesAPlainServer() throws Exception {
        SSLContext ctx = TestCertificates.localhost().sslContext();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            echo(server);
            try (TlsRelay relay = TlsRelay.tlsToPlain(ctx, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), relay.port())) {
                tls.startHandshake();
                assertThat(tls.getSession().getProtocol()).startsWith("TLS");
                roundTrip(tls);
                assertThat(relay.bytesDown()).isEqualTo(HELLO.length);
            }
        }
    }
}
