package io.sipflow.bench;

import java.nio.charset.StandardCharsets;

/**
 * The wire messages every codec benchmark parses: the same bytes for sipflow and for JAIN-SIP.
 *
 * <p>A typical INVITE with SDP as a softphone sends it (about 900 bytes), and the 200 OK a
 * UA answers it with, after a Record-Route-ing proxy. Lines end in CRLF and Content-Length is
 * computed, so both messages are valid RFC 3261 messages byte for byte.
 */
public final class CodecMessages {

    private CodecMessages() {
    }

    /** The INVITE's SDP offer (RFC 8866), 12 lines. */
    public static final String INVITE_SDP = crlf("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com
            s=-
            c=IN IP4 192.0.2.101
            t=0 0
            m=audio 49172 RTP/AVP 0 8 9 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:9 G722/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=sendrecv
            """);

    /** The 200 OK's SDP answer. */
    public static final String OK_SDP = crlf("""
            v=0
            o=bob 2808844564 2808844564 IN IP4 biloxi.example.com
            s=-
            c=IN IP4 192.0.2.201
            t=0 0
            m=audio 3456 RTP/AVP 0 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=sendrecv
            """);

    private static final String INVITE_HEADERS = crlf("""
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds.1;rport
            Max-Forwards: 70
            To: Bob <sip:bob@biloxi.example.com>
            From: "Alice Liddell" <sip:alice@atlanta.example.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>
            Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY, PRACK
            Supported: replaces, timer, 100rel
            User-Agent: ExamplePhone/4.2.1 (build 1187; Linux x86_64)
            Content-Type: application/sdp
            """);

    private static final String OK_HEADERS = crlf("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds.1;rport=5060;received=192.0.2.101
            Record-Route: <sip:proxy.biloxi.example.com;lr>
            To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
            From: "Alice Liddell" <sip:alice@atlanta.example.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:bob@192.0.2.4:5060;transport=udp>
            Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY, PRACK
            Supported: replaces, timer
            Server: ExampleGateway/7.1
            Content-Type: application/sdp
            """);

    /** The INVITE, exactly as it arrives on the wire. */
    public static final byte[] INVITE = message(INVITE_HEADERS, INVITE_SDP);

    /** The 200 OK to {@link #INVITE}. */
    public static final byte[] OK_200 = message(OK_HEADERS, OK_SDP);

    /** The INVITE's body as bytes (what a SIP stack hands to its SDP parser). */
    public static final byte[] INVITE_SDP_BYTES = INVITE_SDP.getBytes(StandardCharsets.UTF_8);

    /** Expected values, checked once per trial so a benchmark never measures a failed parse. */
    public static final String BRANCH = "z9hG4bK776asdhds.1";
    public static final String FROM_TAG = "1928301774";
    public static final String OK_TO_TAG = "a6c85cf";
    public static final String CALL_ID = "a84b4c76e66710@pc33.atlanta.example.com";
    public static final long CSEQ = 314159L;
    public static final String CSEQ_METHOD = "INVITE";

    private static String crlf(String lfText) {
        return lfText.replace("\n", "\r\n");
    }

    private static byte[] message(String headers, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String m = headers + "Content-Length: " + b.length + "\r\n\r\n" + body;
        return m.getBytes(StandardCharsets.UTF_8);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark sanity check failed: " + what);
        }
    }

    /** Prints the messages (used when tuning them): {@code java -cp benchmarks.jar io.sipflow.bench.CodecMessages}. */
    public static void main(String[] args) {
        System.out.print(new String(INVITE, StandardCharsets.UTF_8));
        System.out.println("\n--- INVITE: " + INVITE.length + " bytes, SDP " + INVITE_SDP_BYTES.length + " bytes");
        System.out.print(new String(OK_200, StandardCharsets.UTF_8));
        System.out.println("\n--- 200 OK: " + OK_200.length + " bytes");
    }
}
