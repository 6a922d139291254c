package io.sipflow.bench;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;

/**
 * Diagnostic: bytes allocated by each step of {@code parseInviteLazy} / {@code parse200Ok}
 * (framing, then each header read), measured with the per-thread allocation counter after
 * warm-up. Complements JMH's {@code gc.alloc.rate.norm}, which only gives the total.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sipflow.bench.CodecAllocationBreakdown</pre>
 */
public final class CodecAllocationBreakdown {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CodecAllocationBreakdown() {
    }

    public static void main(String[] args) {
        report("INVITE", CodecMessages.INVITE);
        report("200 OK", CodecMessages.OK_200);
    }

    private static void report(String label, byte[] msg) {
        SipParser parser = SipParser.defaults();
        String[] steps = {"SipParser.parse (framing)", "topVia().branch()", "from().tag()", "to().tag()", "callId()",
            "cseq()"};
        List<Function<SipMessage, Object>> reads = List.of(
                m -> null,
                m -> m.topVia().branch(),
                m -> m.from().tag(),
                m -> m.to().tag(),
                m -> m.callId(),
                m -> m.cseq());
        long[] total = new long[steps.length];
        int warm = 200_000;
        int runs = 100_000;
        Object sink = null;
        for (int r = 0; r < warm + runs; r++) {
            long t = THREADS.getCurrentThreadAllocatedBytes();
            SipMessage m = parser.parse(msg, 0, msg.length);
            long t1 = THREADS.getCurrentThreadAllocatedBytes();
            if (r >= warm) total[0] += t1 - t;
            for (int s = 1; s < steps.length; s++) {
                long a = THREADS.getCurrentThreadAllocatedBytes();
                sink = reads.get(s).apply(m);
                long b = THREADS.getCurrentThreadAllocatedBytes();
                if (r >= warm) total[s] += b - a;
            }
        }
        System.out.printf("%s (%d bytes), bytes allocated per step:%n", label, msg.length);
        long sum = 0;
        for (int s = 0; s < steps.length; s++) {
            System.out.printf("  %-28s %6d%n", steps[s], total[s] / runs);
            sum += total[s] / runs;
        }
        System.out.printf("  %-28s %6d%n%n", "total", sum);
        if (sink == Boolean.FALSE) System.out.println();
    }
}
