package io.sipflow.stack.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real DNS server for the tests: dnsmasq in the foreground on 127.0.0.1 and a free unprivileged
 * port, serving the zone of {@code src/test/resources/dns/sipflow-test.conf}.
 */
final class Dnsmasq implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;
    /** Kills dnsmasq should the JVM exit without {@link #close()} (a child would outlive it). */
    private final Thread killOnExit;

    private Dnsmasq(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "dnsmasq-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts dnsmasq and waits until it answers; retries on another port if one was taken meanwhile. */
    static Dnsmasq start(Path binary, Path config) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile("dnsmasq-" + port + "-", ".log");
            Process p = new ProcessBuilder(List.of(binary.toString(),
                    "--no-daemon", // foreground, no pid file, no change of user
                    "--port=" + port,
                    "--listen-address=127.0.0.1",
                    "--bind-interfaces",
                    "--no-resolv",
                    "--no-hosts",
                    "--conf-file=" + config,
                    "--log-queries",
                    "--log-facility=-"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            Dnsmasq server = new Dnsmasq(p, address, log);
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                last = e;
                server.close();
            }
        }
        throw last;
    }

    InetSocketAddress address() {
        return address;
    }

    /** What dnsmasq logged (every query, with --log-queries), for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file; nothing to do
        }
    }

    /** Polls the zone's SOA until dnsmasq answers, it dies, or the start timeout passes. */
    private void awaitReady() throws IOException, InterruptedException {
        SimpleResolver probe = new SimpleResolver(address);
        probe.setTimeout(Duration.ofMillis(200));
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("sipflow.test."), Type.SOA, DClass.IN));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("dnsmasq exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (probe.send(query).getRcode() == Rcode.NOERROR) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("dnsmasq did not answer within " + START_TIMEOUT + ":\n" + log());
    }

    /** A port free for both UDP and TCP on loopback (dnsmasq listens on both). */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return tcp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }
}
