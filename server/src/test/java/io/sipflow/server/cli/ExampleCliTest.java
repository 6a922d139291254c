package io.sipflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.testkit.FreePorts;
import io.sipflow.testkit.Sipp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sipflow example uas|b2bua|uac} through the CLI, each in a child JVM (the test
 * classpath): SIPp's built-in uac calls through the B2BUA to the UAS (its default,
 * non-blocking form), then the example UAC does; SIPp calls the UAS in its {@code --blocking}
 * form; SIGTERM stops the servers with status 0.
 */
class ExampleCliTest {
    private final List<Process> children = new ArrayList<>();

    private record Child(Process process, BlockingQueue<String> lines) {}

    private Child sipflow(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                SipflowCommand.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        children.add(p);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.startVirtualThread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (Exception ignored) {
                // the child ended
            }
        });
        return new Child(p, lines);
    }

    private static String expectLine(Child c, String prefix) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < end) {
            String l = c.lines().poll(1, TimeUnit.SECONDS);
            if (l == null) continue;
            seen.add(l);
            if (l.startsWith(prefix)) return l;
        }
        throw new AssertionError("no line starting '" + prefix + "' in " + seen);
    }

    @Test
    void uasB2buaAndUacThroughTheCli() throws Exception {
        int uasPort = FreePorts.udp();
        int b2bPort = FreePorts.udp();
        Child uas = sipflow("example", "uas", "--listen", "udp:127.0.0.1:" + uasPort, "--listen", "tcp:127.0.0.1:" + uasPort);
        assertThat(expectLine(uas, "listening udp")).isEqualTo("listening udp 127.0.0.1:" + uasPort);
        assertThat(expectLine(uas, "listening tcp")).isEqualTo("listening tcp 127.0.0.1:" + uasPort);
        Child b2b = sipflow("example", "b2bua", "--listen", "udp:127.0.0.1:" + b2bPort, "--target", "sip:127.0.0.1:" + uasPort);
        assertThat(expectLine(b2b, "listening udp")).isEqualTo("listening udp 127.0.0.1:" + b2bPort);

        Sipp.Result r = Sipp.uac("127.0.0.1:" + b2bPort).scenario("uac").calls(3).rate(10)
                .timeout(Duration.ofSeconds(30)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(3);

        Child uac = sipflow("example", "uac", "--target", "sip:ivr@127.0.0.1:" + b2bPort, "--calls", "2", "--rate", "10",
                "--hold-for", "0.2");
        assertThat(expectLine(uac, "calls ")).isEqualTo("calls 2 succeeded 2 failed 0");
        assertThat(uac.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(uac.process().exitValue()).isZero();

        for (Child c : List.of(b2b, uas)) {
            c.process().destroy(); // SIGTERM
            assertThat(c.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(c.process().exitValue()).isZero();
        }
    }

    @Test
    void uasInItsBlockingFormWithoutRinging() throws Exception {
        int port = FreePorts.udp();
        Child uas = sipflow("example", "uas", "--blocking", "--no-ringing", "--listen", "udp:127.0.0.1:" + port);
        assertThat(expectLine(uas, "listening udp")).isEqualTo("listening udp 127.0.0.1:" + port);

        Sipp.Result r = Sipp.uac("127.0.0.1:" + port).scenario("uac").calls(3).rate(10)
                .timeout(Duration.ofSeconds(30)).run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(3);

        uas.process().destroy(); // SIGTERM
        assertThat(uas.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(uas.process().exitValue()).isZero();
    }

    @AfterEach
    void killLeftovers() {
        for (Process p : children) if (p.isAlive()) p.destroyForcibly();
    }
}
