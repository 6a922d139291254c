package io.sipflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.srf.Srf;
import io.sipflow.testkit.FreePorts;
import io.sipflow.testkit.Sipp;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** The examples run in-process on loopback against SIPp (scenarios in src/test/resources/sipp). */
abstract class InteropBase {
    /** Short T1 so that 64·T1 waits (lost ACK, no PRACK) take 3.2 s, not 32 s. */
    static final long T1 = 50;
    static final Duration SIPP_BOUND = Duration.ofSeconds(40);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    Srf app(String transport, long minSe) {
        Srf srf = ExampleSrf.build(List.of(transport + ":127.0.0.1:0"), "sipflow-test", T1, minSe);
        closeables.add(srf);
        return srf;
    }

    static void start(Srf srf) throws Exception {
        srf.start().get(10, TimeUnit.SECONDS);
    }

    static String hostPort(Srf srf) {
        return "127.0.0.1:" + srf.listenPoints().get(0).viaPort();
    }

    /** sip:user@127.0.0.1:port, with ;transport=tcp for TCP. */
    static String uri(String user, int port, String transport) {
        return "sip:" + user + "@127.0.0.1:" + port + (transport.equals("tcp") ? ";transport=tcp" : "");
    }

    static Path scenario(String name) {
        try {
            return Path.of(InteropBase.class.getResource("/sipp/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no scenario " + name, e);
        }
    }

    static String mode(String transport) {
        return transport.equals("tcp") ? "t1" : "u1";
    }

    /** SIPp calling {@code target} with a scenario of ours. */
    static Sipp.Builder sippUac(String scenario, String transport, String target) {
        return Sipp.uac(target).scenarioFile(scenario(scenario)).transport(mode(transport)).timeout(SIPP_BOUND)
                .calls(1).rate(5).key("service", "ivr");
    }

    /** SIPp answering on a free port with a scenario of ours; stop it when done. */
    Sipp.Running sippUas(String scenario, String transport, int port) throws Exception {
        return sippUas(scenario, transport, port, 1);
    }

    /** SIPp answering {@code calls} calls, then exiting by itself: {@link Sipp.Running#await()} it. */
    Sipp.Running sippUas(String scenario, String transport, int port, int calls) throws Exception {
        Sipp.Running r = Sipp.uas().scenarioFile(scenario(scenario)).transport(mode(transport)).localPort(port)
                .calls(calls).timeout(SIPP_BOUND).start();
        closeables.add(r);
        Thread.sleep(300); // SIPp binds its socket
        return r;
    }

    static int freePort() {
        return FreePorts.udp();
    }

    static void assertAllSucceeded(Sipp.Result r, int calls) {
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(calls);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
    }

    /** Runs {@code body} on a virtual thread (examples block), bounded. */
    static <T> T bounded(java.util.concurrent.Callable<T> body) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.startVirtualThread(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
        closeables.clear();
    }
}
