package io.sipflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.testkit.FreePorts;
import io.sipflow.testkit.Sipp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real command line in its own JVM: {@code sipflow responder --listen udp:127.0.0.1:PORT}
 * (the class the jar's manifest names, on the test classpath, since the jar is only built by
 * {@code package}) prints its listener when ready, answers SIPp's calls, and exits 0 on SIGTERM.
 */
@Timeout(120)
class ResponderCliInteropTest {
    @Test
    void cliAnswersSippCallsAndStopsCleanlyOnSigterm() throws Exception {
        Sipp.binary();
        int port = FreePorts.udp();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SipflowCommand.class.getName(),
                "responder", "--listen", "udp:127.0.0.1:" + port));
        Path stderr = Files.createTempFile("sipflow-cli-", ".stderr");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        List<String> out = new CopyOnWriteArrayList<>();
        String ready = "listening udp 127.0.0.1:" + port;
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.add(line);
                    if (line.equals(ready)) listening.complete(null);
                }
            } catch (Exception e) {
                // the process ended
            } finally {
                listening.complete(null);
            }
        }, "cli-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(60, TimeUnit.SECONDS);
            assertThat(out).as("stdout; stderr: %s", Files.readString(stderr)).contains(ready);
            assertThat(p.isAlive()).isTrue();

            Sipp.Result r = Sipp.uac("127.0.0.1:" + port).scenario("uac").calls(10).rate(10)
                    .timeout(Duration.ofSeconds(40)).run();
            assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(10);
            assertThat(r.failedCalls()).as(r.describe()).isZero();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(p.exitValue()).as("exit code; stdout %s; stderr: %s", out, Files.readString(stderr)).isZero();
        } finally {
            if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(stderr);
        }
    }
}
