package io.sipflow.stack.transport.netty;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import java.nio.charset.StandardCharsets;

/** Test messages as text (what a peer would put on the wire). */
final class Sip {
    private Sip() {}

    static String requestText(String transport, String callId, int cseq, String body) {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " client.example.com:5060;branch=z9hG4bK-" + callId + "-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " OPTIONS\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n" + body;
    }

    static byte[] requestBytes(String transport, String callId, int cseq) {
        return requestText(transport, callId, cseq, "").getBytes(StandardCharsets.UTF_8);
    }

    static SipRequest request(String transport, String callId, int cseq) {
        return (SipRequest) SipParser.defaults().parse(requestBytes(transport, callId, cseq));
    }

    static SipRequest request(String transport, String callId, int cseq, String body) {
        return (SipRequest) SipParser.defaults().parse(requestText(transport, callId, cseq, body).getBytes(StandardCharsets.UTF_8));
    }

    static SipMessage okFor(SipMessage request) {
        return ((SipRequest) request).createResponse(200);
    }
}
