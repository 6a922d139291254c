package io.sipflow.srf;

import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.ListenPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;

/** Two {@link Srf}s (alice and bob) on loopback; short RFC 3261 timers; bounded waits. */
abstract class SrfTestBase {
    static final TimerConfig FAST = TimerConfig.DEFAULT.withT1(50);
    static final long WAIT_S = 10;

    static final String SDP_A = """
            v=0\r
            o=alice 1000 1000 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 10000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            a=sendrecv\r
            """;
    static final String SDP_B = """
            v=0\r
            o=bob 2000 2000 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 20000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            a=sendrecv\r
            """;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    Srf srf(String listen) {
        return srf(listen, SessionTimerConfig.DISABLED);
    }

    Srf srf(String listen, SessionTimerConfig st) {
        Srf s = Srf.builder().listen(listen).timers(FAST).sessionTimers(st).build();
        closeables.add(s);
        await(s.start());
        return s;
    }

    <T extends AutoCloseable> T closeLater(T c) {
        closeables.add(c);
        return c;
    }

    static String uri(Srf s, String user) {
        ListenPoint lp = s.listenPoints().get(0);
        String t = lp.transport().name().equalsIgnoreCase("UDP") ? "" : ";transport=" + lp.transport().uriParam();
        return "sip:" + user + "@" + lp.viaHost() + ":" + lp.viaPort() + t;
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new RuntimeException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("timed out", e);
        }
    }

    /** The failure of a future that must fail. */
    static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get(WAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) c = c.getCause();
            return c;
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("timed out", e);
        }
        throw new AssertionError("expected a failure");
    }

    static <T> T poll(BlockingQueue<T> q) {
        try {
            T t = q.poll(WAIT_S, TimeUnit.SECONDS);
            if (t == null) throw new AssertionError("nothing arrived");
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static <T> BlockingQueue<T> queue() {
        return new LinkedBlockingQueue<>();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }
}
