package io.sipflow.bench;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostic, not part of bench/run-codec.sh's default set: where {@code parseInviteLazy}'s
 * time and allocation go. Each benchmark frames the INVITE ({@code SipParser.parse}) and reads
 * at most one header, so subtracting {@code frameOnly} gives that header's cost.
 *
 * <pre>SIPFLOW_BENCH_INCLUDE=ParseBreakdown bench/run-codec.sh</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SipflowParseBreakdownBenchmark {

    private final SipParser parser = SipParser.defaults();
    private final byte[] invite = CodecMessages.INVITE.clone();

    private SipMessage frame() {
        return parser.parse(invite, 0, invite.length);
    }

    @Benchmark
    public SipMessage frameOnly() {
        return frame();
    }

    @Benchmark
    public Object frameAndVia() {
        return frame().topVia().branch();
    }

    @Benchmark
    public Object frameAndFrom() {
        return frame().from().tag();
    }

    @Benchmark
    public Object frameAndTo() {
        return frame().to().tag();
    }

    @Benchmark
    public Object frameAndCallId() {
        return frame().callId();
    }

    @Benchmark
    public Object frameAndCSeq() {
        return frame().cseq();
    }
}
