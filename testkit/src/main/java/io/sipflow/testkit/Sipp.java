package io.sipflow.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian package {@code sip-tester}) as a real peer in tests, with hard time bounds.
 *
 * <pre>{@code
 * Sipp.Result r = Sipp.uac("127.0.0.1:5080").scenario("uac").calls(50).rate(20).run();
 * assertThat(r.successfulCalls()).isEqualTo(50);
 * }</pre>
 *
 * SIPp's own sockets are bound to 127.0.0.1; its statistics come from {@code -trace_stat}.
 * A run that does not end by itself is killed after {@link Builder#timeout(Duration)}.
 */
public final class Sipp {
    private Sipp() {}

    /** A SIPp client sending to {@code target} ({@code host:port}). */
    public static Builder uac(String target) {
        return new Builder(target);
    }

    /** A SIPp server (no target): use {@link Builder#start()} and stop it when done. */
    public static Builder uas() {
        return new Builder(null);
    }

    /** Path of the sipp binary; skips or fails the test when it is missing (see {@link ExternalPeers}). */
    public static Path binary() {
        return ExternalPeers.require("sipp", "sip-tester");
    }

    public static final class Builder {
        private final String target;
        private String scenarioName = null;
        private Path scenarioFile = null;
        private String transport = "u1";
        private int localPort = 0;
        private int calls = 1;
        private double rate = 10;
        private int limit = -1;
        private int lossPercent = 0;
        private Duration timeout = Duration.ofSeconds(60);
        private final List<String> extra = new ArrayList<>();
        private final Map<String, String> keys = new HashMap<>();

        private Builder(String target) {
            this.target = target;
        }

        /** A built-in scenario: uac, uas, uac_pcap, regexp, branchc, branchs, ... (-sn). */
        public Builder scenario(String builtin) {
            this.scenarioName = builtin;
            this.scenarioFile = null;
            return this;
        }

        /** A scenario file (-sf). */
        public Builder scenarioFile(Path file) {
            this.scenarioFile = file;
            this.scenarioName = null;
            return this;
        }

        /** SIPp transport mode: u1 (UDP), t1 (TCP, one socket), l1 (TLS, one socket), un, tn... */
        public Builder transport(String mode) {
            this.transport = mode;
            return this;
        }

        public Builder tcp() {
            return transport("t1");
        }

        /** TLS (-t l1): needs a SIPp built with OpenSSL, which Debian's sip-tester is not. */
        public Builder tls() {
            return transport("l1");
        }

        /** SIPp's local SIP port (-p); 0 = pick a free one. */
        public Builder localPort(int port) {
            this.localPort = port;
            return this;
        }

        /** Total calls before exiting (-m). */
        public Builder calls(int n) {
            this.calls = n;
            return this;
        }

        /** Calls per second (-r). */
        public Builder rate(double cps) {
            this.rate = cps;
            return this;
        }

        /** Max simultaneous calls (-l). */
        public Builder limit(int n) {
            this.limit = n;
            return this;
        }

        /** Percentage of messages SIPp drops on purpose (-lost). */
        public Builder lost(int percent) {
            this.lossPercent = percent;
            return this;
        }

        /** Hard bound on the run; SIPp also gets -timeout. */
        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        /** A scenario variable: -key name value ([name] in the scenario). */
        public Builder key(String name, String value) {
            keys.put(name, value);
            return this;
        }

        public Builder args(String... more) {
            extra.addAll(List.of(more));
            return this;
        }

        private List<String> command(Path dir, int port) {
            List<String> cmd = new ArrayList<>();
            cmd.add(binary().toString());
            if (scenarioFile != null) {
                cmd.add("-sf");
                cmd.add(scenarioFile.toString());
            } else {
                cmd.add("-sn");
                cmd.add(scenarioName != null ? scenarioName : (target != null ? "uac" : "uas"));
            }
            if (target != null) cmd.add(target);
            cmd.addAll(List.of("-i", "127.0.0.1", "-t", transport, "-m", Integer.toString(calls)));
            cmd.addAll(List.of("-p", Integer.toString(port)));
            if (target != null) cmd.addAll(List.of("-r", rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate)));
            if (limit > 0) cmd.addAll(List.of("-l", Integer.toString(limit)));
            if (lossPercent > 0) cmd.addAll(List.of("-lost", Integer.toString(lossPercent)));
            cmd.addAll(List.of("-timeout", timeout.toSeconds() + "s", "-timeout_error", "-nostdin",
                    "-cp", "0", "-mi", "127.0.0.1", "-ci", "127.0.0.1",
                    "-trace_stat", "-stf", dir.resolve("stat.csv").toString(), "-fd", "3600",
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                    "-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
            keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
            cmd.addAll(extra);
            return cmd;
        }

        /** Runs to completion (bounded by the timeout) and returns the result. */
        public Result run() throws IOException, InterruptedException {
            return start().await();
        }

        /** Starts SIPp in the background. */
        public Running start() throws IOException {
            Path dir = Files.createTempDirectory("sipp-");
            // An explicit free port rather than SIPp's default (5060, 5061...), which other
            // programs on the machine may be about to use.
            int port = localPort > 0 ? localPort : FreePorts.udp();
            List<String> cmd = command(dir, port);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
            return new Running(pb.start(), dir, cmd, timeout, port, transport.startsWith("t") || transport.startsWith("l"));
        }
    }

    /** A SIPp process running in the background. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path dir;
        private final List<String> command;
        private final Duration timeout;
        private final int localPort;
        private final boolean stream;

        Running(Process process, Path dir, List<String> command, Duration timeout, int localPort, boolean stream) {
            this.process = process;
            this.dir = dir;
            this.command = command;
            this.timeout = timeout;
            this.localPort = localPort;
            this.stream = stream;
        }

        /**
         * Waits until SIPp has bound its local port (a listening TCP socket, or a bound UDP
         * one, as {@code /proc/net} shows), so that a server-mode SIPp is ready before traffic
         * is sent to it. Without {@code /proc} it waits a fixed half second. Fails when SIPp exits or the port is not bound within {@code max}.
         */
        public Running awaitListening(Duration max) throws InterruptedException, IOException {
            if (!Files.isReadable(Path.of("/proc/net/udp"))) {
                Thread.sleep(500);
                return this;
            }
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("sipp exited (" + process.exitValue() + ") before listening on "
                            + localPort + "\n" + Result.read(dir, command, process.exitValue()).describe());
                }
                if (bound()) return this;
                Thread.sleep(20);
            }
            throw new IllegalStateException("sipp did not listen on port " + localPort + " within " + max);
        }

        private boolean bound() throws IOException {
            String hexPort = String.format(":%04X", localPort);
            for (String table : stream ? List.of("/proc/net/tcp", "/proc/net/tcp6") : List.of("/proc/net/udp", "/proc/net/udp6")) {
                Path p = Path.of(table);
                if (!Files.isReadable(p)) continue;
                for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 4 || !f[1].endsWith(hexPort)) continue;
                    if (!stream || "0A".equals(f[3])) return true; // TCP: LISTEN
                }
            }
            return false;
        }

        /** SIPp's local SIP port (-p). */
        public int localPort() {
            return localPort;
        }

        /** The directory holding SIPp's logs (stdout.log, errors.log, messages.log, stat.csv). */
        public Path dir() {
            return dir;
        }

        /** Waits (timeout + 10 s at most, then kills) and collects the result. */
        public Result await() throws InterruptedException, IOException {
            boolean done = process.waitFor(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            return Result.read(dir, command, done ? process.exitValue() : -999);
        }

        /** Stops a server-mode SIPp (SIGTERM, then SIGKILL) and collects its result. */
        public Result stop() throws InterruptedException, IOException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return Result.read(dir, command, process.isAlive() ? -999 : process.exitValue());
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The outcome of a SIPp run: exit code (0 = every call succeeded, 1 = some failed,
     * -999 = killed by the time bound) and the cumulative counters of its last statistics line.
     */
    public record Result(int exitCode, Map<String, String> stats, String output, List<String> command, Path dir) {
        static Result read(Path dir, List<String> command, int exit) throws IOException {
            Map<String, String> stats = new HashMap<>();
            Path csv = dir.resolve("stat.csv");
            if (Files.exists(csv)) {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
                if (lines.size() >= 2) {
                    String[] names = lines.get(0).split(";");
                    String[] values = lines.get(lines.size() - 1).split(";");
                    for (int i = 0; i < names.length && i < values.length; i++) stats.put(names[i], values[i]);
                }
            }
            Path out = dir.resolve("stdout.log");
            String output = Files.exists(out) ? Files.readString(out, StandardCharsets.ISO_8859_1) : "";
            return new Result(exit, stats, output, command, dir);
        }

        /** A cumulative counter of SIPp's statistics, e.g. {@code "Retransmissions(C)"}; 0 when absent. */
        public long counter(String name) {
            String v = stats.get(name);
            if (v == null || v.isBlank()) return 0;
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        public long successfulCalls() {
            return counter("SuccessfulCall(C)");
        }

        public long failedCalls() {
            return counter("FailedCall(C)");
        }

        public long retransmissions() {
            return counter("Retransmissions(C)");
        }

        /** A description for assertion messages: command, counters, the tail of SIPp's errors. */
        public String describe() {
            String errors = "";
            try {
                Path e = dir.resolve("errors.log");
                if (Files.exists(e)) {
                    String s = Files.readString(e, StandardCharsets.ISO_8859_1);
                    errors = s.length() > 3000 ? s.substring(s.length() - 3000) : s;
                }
            } catch (IOException ignored) {
                // best effort: the description is for humans
            }
            String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
            return "sipp exit=" + exitCode + " ok=" + successfulCalls() + " failed=" + failedCalls() + " retransmissions=" + retransmissions()
                    + "\ncommand: " + String.join(" ", command) + "\nfiles: " + dir + "\nerrors:\n" + errors + "\noutput:\n" + tail;
        }
    }
}
