package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A received message is read by the stack and by an application callback at the same time;
 * lazily parsed values must come out right on both threads.
 */
class ConcurrentReadTest {
    private static final byte[] RESPONSE = ("SIP/2.0 183 Session Progress\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK776asdhds;rport=5060\r\n"
            + "To: <sip:bob@example.com>;tag=8321234356\r\n"
            + "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Require: 100rel\r\n"
            + "RSeq: 4711\r\n"
            + "Supported: timer, replaces, 100rel\r\n"
            + "Contact: <sip:bob@192.0.2.4>\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void twoThreadsReadingOneMessageSeeTheSameValues() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                SipResponse r = (SipResponse) SipParser.defaults().parse(RESPONSE);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> a = pool.submit(() -> readAll(r, start));
                Future<?> b = pool.submit(() -> readAll(r, start));
                a.get();
                b.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void readAll(SipResponse r, CyclicBarrier start) throws Exception {
        start.await();
        assertThat(r.getAll(Header.REQUIRE)).containsExactly("100rel");
        assertThat(r.get(Header.RSEQ)).isEqualTo(4711L);
        assertThat(r.getAll(Header.SUPPORTED)).isEqualTo(List.of("timer", "replaces", "100rel"));
        assertThat(r.header("Require")).isEqualTo("100rel");
        assertThat(r.to().tag()).isEqualTo("8321234356");
        assertThat(r.from().tag()).isEqualTo("1928301774");
        assertThat(r.cseq().seq()).isEqualTo(314159L);
        assertThat(r.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
        return null;
    }
}
