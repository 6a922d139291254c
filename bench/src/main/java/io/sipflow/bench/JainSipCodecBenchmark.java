package io.sipflow.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
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
 * The same work as {@link SipflowCodecBenchmark}, done by the JAIN-SIP reference implementation
 * (NIST, {@code javax.sip:jain-sip-ri}), on the same bytes. For comparison only.
 *
 * <ul>
 *   <li>Parsing goes through {@code new StringMsgParser().parseSIPMessage(bytes, true, false, null)},
 *       as the RI's UDP message channel does for each datagram, and the fields are read through the
 *       javax.sip API.
 *   <li>Serialization is {@code SIPMessage.encodeAsBytes(transport)}: what the RI's
 *       {@code MessageChannel}/{@code UDPMessageChannel} call to put a message on the wire.
 *   <li>SDP goes through the javax.sdp entry point {@code SdpFactory.createSessionDescription(String)}
 *       (the NIST {@code SDPAnnounceParser}); the body is decoded from bytes to a String inside the
 *       measured operation, since that is what a stack holding the received bytes has to do.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
public class JainSipCodecBenchmark {

    private byte[] invite;
    private byte[] ok200;
    private byte[] sdp;
    private SIPMessage parsedInvite;
    private SdpFactory sdpFactory;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        invite = CodecMessages.INVITE.clone();
        ok200 = CodecMessages.OK_200.clone();
        sdp = CodecMessages.INVITE_SDP_BYTES.clone();
        sdpFactory = SdpFactory.getInstance();
        parsedInvite = new StringMsgParser().parseSIPMessage(invite, true, false, null);

        // Sanity: the measured operations really parse what we think they parse.
        check(new StringMsgParser().parseSIPMessage(invite, true, false, null), null);
        check(new StringMsgParser().parseSIPMessage(ok200, true, false, null), CodecMessages.OK_TO_TAG);
        byte[] out = parsedInvite.encodeAsBytes("UDP");
        SIPMessage again = new StringMsgParser().parseSIPMessage(out, true, false, null);
        check(again, null);
        CodecMessages.check(again.getRawContent().length == sdp.length, "JAIN-SIP re-encoded INVITE keeps its body");
        SessionDescription sd = sdpFactory.createSessionDescription(new String(sdp, StandardCharsets.UTF_8));
        CodecMessages.check(sd.getMediaDescriptions(false).size() == 1, "JAIN-SIP SDP has one m= line");
    }

    private static void check(Message m, String toTag) {
        CodecMessages.check(CodecMessages.BRANCH.equals(((ViaHeader) m.getHeader(ViaHeader.NAME)).getBranch()), "branch");
        CodecMessages.check(CodecMessages.FROM_TAG.equals(((FromHeader) m.getHeader(FromHeader.NAME)).getTag()), "from tag");
        String tt = ((ToHeader) m.getHeader(ToHeader.NAME)).getTag();
        CodecMessages.check(toTag == null ? tt == null : toTag.equals(tt), "to tag");
        CodecMessages.check(CodecMessages.CALL_ID.equals(((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId()), "call-id");
        CSeqHeader cseq = (CSeqHeader) m.getHeader(CSeqHeader.NAME);
        CodecMessages.check(cseq.getSeqNumber() == CodecMessages.CSEQ, "cseq number");
        CodecMessages.check(CodecMessages.CSEQ_METHOD.equals(cseq.getMethod()), "cseq method");
    }

    private static void readFields(Message m, Blackhole bh) {
        bh.consume(((ViaHeader) m.getHeader(ViaHeader.NAME)).getBranch());
        bh.consume(((FromHeader) m.getHeader(FromHeader.NAME)).getTag());
        bh.consume(((ToHeader) m.getHeader(ToHeader.NAME)).getTag());
        bh.consume(((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId());
        CSeqHeader cseq = (CSeqHeader) m.getHeader(CSeqHeader.NAME);
        bh.consume(cseq.getSeqNumber());
        bh.consume(cseq.getMethod());
    }

    /** Parse the INVITE and read Via branch, From/To tags, Call-ID, CSeq number and method. */
    @Benchmark
    public void jainsipParseInvite(Blackhole bh) throws ParseException {
        readFields(new StringMsgParser().parseSIPMessage(invite, true, false, null), bh);
    }

    /** Parse the 200 OK and read the same fields. */
    @Benchmark
    public void jainsipParse200Ok(Blackhole bh) throws ParseException {
        readFields(new StringMsgParser().parseSIPMessage(ok200, true, false, null), bh);
    }

    /** Serialize the unmodified parsed INVITE, as the RI's message channels do before sending. */
    @Benchmark
    public byte[] jainsipSerializeInvite() {
        return parsedInvite.encodeAsBytes("UDP");
    }

    /** Parse the INVITE's SDP body through javax.sdp. */
    @Benchmark
    public SessionDescription jainsipParseSdp() throws SdpException {
        return sdpFactory.createSessionDescription(new String(sdp, StandardCharsets.UTF_8));
    }
}
