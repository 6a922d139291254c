package io.sipflow.server.interop;

import io.sipflow.server.responder.ResponderOptions;
import io.sipflow.server.responder.ResponderServer;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.testkit.Sipp;
import io.sipflow.testkit.TestCertificates;
import io.sipflow.testkit.TlsRelay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared plumbing of the interop tests: the SIPp scenarios (test resources under {@code sipp/}),
 * the responder started in-process exactly as {@code sipflow responder} builds it, and TLS for
 * SIPp.
 *
 * <p><b>TLS.</b> The SIPp of Debian/Ubuntu ({@code sip-tester}) is built without OpenSSL
 * ({@code -t l1} answers "To use a TLS transport you must compile SIPp with OpenSSL"), so SIPp
 * speaks TCP to a {@link TlsRelay} on loopback that carries the bytes unchanged over TLS to
 * (or from) our stack. Our side of the hop is real TLS; SIPp's messages are its own (their Via
 * says TCP).
 */
final class Interop {
    private static Path scenarioDir;

    private Interop() {}

    /** A scenario from {@code src/test/resources/sipp}, as a file SIPp can read. */
    static synchronized Path scenario(String name) {
        try {
            if (scenarioDir == null) {
                scenarioDir = Files.createTempDirectory("sipflow-scenarios-");
                scenarioDir.toFile().deleteOnExit();
            }
            Path file = scenarioDir.resolve(name);
            if (!Files.exists(file)) {
                try (InputStream in = Interop.class.getResourceAsStream("/sipp/" + name)) {
                    if (in == null) throw new IllegalArgumentException("no scenario sipp/" + name + " on the test classpath");
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test identity (self-signed, CN=localhost, SAN 127.0.0.1). */
    static TestCertificates.Identity identity() {
        return TestCertificates.localhost();
    }

    /** Server TLS settings for our stack: the test identity. */
    static TlsConfig serverTls() {
        TestCertificates.Identity id = identity();
        return TlsConfig.of(id.certificate(), id.privateKey()).withTrustedCertificates(id.certificate());
    }

    /**
     * TLS settings for our stack as a client: it trusts the test identity (which the relay
     * presents). It presents it too, since a TLS sender needs a TLS listener for its Via.
     */
    static TlsConfig clientTls() {
        return serverTls();
    }

    /** SIPp's transport mode for ours: TLS goes through a relay, so SIPp speaks TCP. */
    static String sippMode(Transport t) {
        return t == Transport.UDP ? "u1" : "t1";
    }

    /**
     * The responder (in-process, as the CLI builds it) on 127.0.0.1 with a UDP, a TCP and a TLS
     * listener on ephemeral ports, and how SIPp reaches each of them.
     */
    static final class Responder implements AutoCloseable {
        final ResponderServer server;
        private final List<TlsRelay> relays = new ArrayList<>();

        private Responder(ResponderServer server) {
            this.server = server;
        }

        static Responder start(ResponderOptions options) {
            return start(ResponderServer.builder().options(options));
        }

        /** Adds the three listeners to {@code builder} (which may set options, T1...) and starts. */
        static Responder start(ResponderServer.Builder builder) {
            builder.listen("udp:127.0.0.1:0", "tcp:127.0.0.1:0", "tls:127.0.0.1:0").tls(serverTls()).ioThreads(2).shards(2);
            return new Responder(builder.start());
        }

        ListenPoint listenPoint(Transport t) {
            return server.listenPoint(t);
        }

        InetSocketAddress address(Transport t) {
            return new InetSocketAddress("127.0.0.1", listenPoint(t).viaPort());
        }

        /**
         * {@code host:port} for SIPp to send to over {@code t}: the listener itself for UDP and
         * TCP; for TLS a new plain-to-TLS relay in front of the TLS listener.
         */
        synchronized String sippTarget(Transport t) {
            if (t != Transport.TLS) return "127.0.0.1:" + listenPoint(t).viaPort();
            TlsRelay relay = TlsRelay.plainToTls(address(Transport.TLS), identity().sslContext());
            relays.add(relay);
            return "127.0.0.1:" + relay.port();
        }

        /** Bytes the TLS relays carried each way (proof that a TLS run went over TLS). */
        synchronized long bytesRelayedOverTls() {
            long n = 0;
            for (TlsRelay r : relays) n += Math.min(r.bytesUp(), r.bytesDown());
            return n;
        }

        /** A SIPp client aimed at this responder over {@code t}. */
        Sipp.Builder sippUac(Transport t) {
            return Sipp.uac(sippTarget(t)).transport(sippMode(t));
        }

        @Override
        public synchronized void close() {
            for (TlsRelay r : relays) r.close();
            relays.clear();
            server.close();
        }
    }
}
