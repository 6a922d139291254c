package io.sipflow.bench;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.CSeq;
import io.sipflow.sdp.SdpParseException;
import io.sipflow.sdp.SessionDescription;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * sipflow's codec (sip-message) on the messages of {@link CodecMessages}; the JAIN-SIP
 * equivalents are in {@link JainSipCodecBenchmark}. Each parse benchmark does what a SIP stack
 * does with every received message before transaction matching: parse, then read the top Via
 * branch, the From and To tags, Call-ID and CSeq.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
public class SipflowCodecBenchmark {

    private SipParser parser;
    private byte[] invite;
    private byte[] ok200;
    private SipMessage parsedInvite;
    private byte[] sdp;

    @Setup(Level.Trial)
    public void setUp() throws SdpParseException {
        parser = SipParser.defaults();
        invite = CodecMessages.INVITE.clone();
        ok200 = CodecMessages.OK_200.clone();
        sdp = CodecMessages.INVITE_SDP_BYTES.clone();
        parsedInvite = parser.parse(invite, 0, invite.length);

        // Sanity: the measured operations really parse what we think they parse.
        SipMessage i = parser.parse(invite, 0, invite.length);
        CodecMessages.check(i instanceof SipRequest, "INVITE parses as a request");
        check(i, null);
        CodecMessages.check(i.bodyLength() == CodecMessages.INVITE_SDP_BYTES.length, "INVITE body length");
        SipMessage r = parser.parse(ok200, 0, ok200.length);
        CodecMessages.check(r instanceof SipResponse, "200 OK parses as a response");
        check(r, CodecMessages.OK_TO_TAG);
        CodecMessages.check(Arrays.equals(parsedInvite.toBytes(), invite), "unmodified INVITE serializes to its bytes");
        CodecMessages.check(Arrays.equals(i.body(), sdp), "INVITE body is the SDP");
        SessionDescription sd = SessionDescription.parse(sdp);
        CodecMessages.check(sd.media().size() == 1 && sd.media(0).rtpMaps().size() == 4, "SDP has one m= line, 4 rtpmaps");
        CodecMessages.check(Arrays.equals(sd.toBytes(), sdp), "SDP round-trips");
    }

    private static void check(SipMessage m, String toTag) {
        CodecMessages.check(CodecMessages.BRANCH.equals(m.topVia().branch()), "branch");
        CodecMessages.check(CodecMessages.FROM_TAG.equals(m.from().tag()), "from tag");
        String tt = m.to().tag();
        CodecMessages.check(toTag == null ? tt == null : toTag.equals(tt), "to tag");
        CodecMessages.check(CodecMessages.CALL_ID.equals(m.callId()), "call-id");
        CSeq cseq = m.cseq();
        CodecMessages.check(cseq.seq() == CodecMessages.CSEQ, "cseq number");
        CodecMessages.check(CodecMessages.CSEQ_METHOD.equals(cseq.method()), "cseq method");
    }

    private static void readFields(SipMessage m, Blackhole bh) {
        bh.consume(m.topVia().branch());
        bh.consume(m.from().tag());
        bh.consume(m.to().tag());
        bh.consume(m.callId());
        CSeq cseq = m.cseq();
        bh.consume(cseq.seq());
        bh.consume(cseq.method());
    }

    /** Parse the INVITE (lazily) and read Via branch, From/To tags, Call-ID, CSeq number and method. */
    @Benchmark
    public void parseInviteLazy(Blackhole bh) {
        readFields(parser.parse(invite, 0, invite.length), bh);
    }

    /** Parse the 200 OK and read the same fields. */
    @Benchmark
    public void parse200Ok(Blackhole bh) {
        readFields(parser.parse(ok200, 0, ok200.length), bh);
    }

    /** Serialize the unmodified parsed INVITE. */
    @Benchmark
    public byte[] serializeInvite() {
        return parsedInvite.toBytes();
    }

    /** Parse the INVITE's SDP body (UTF-8 bytes) into the session description model. */
    @Benchmark
    public SessionDescription parseSdp() throws SdpParseException {
        return SessionDescription.parse(sdp);
    }
}
