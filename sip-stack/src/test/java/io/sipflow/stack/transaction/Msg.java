package io.sipflow.stack.transaction;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import java.nio.charset.StandardCharsets;

/** Test messages, written as text and parsed like the wire would. */
final class Msg {
    private Msg() {}

    static SipMessage parse(String text) {
        return SipParser.defaults().parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static SipMessage parse(byte[] bytes) {
        return SipParser.defaults().parse(bytes);
    }

    static SipRequest request(String text) {
        return (SipRequest) parse(text);
    }

    static SipResponse response(String text) {
        return (SipResponse) parse(text);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An INVITE from Alice at 198.51.100.7 with the given branch. */
    static SipRequest invite(String branch) {
        return request(request("INVITE", branch, 1, ""));
    }

    static String request(String method, String branch, long cseq, String extra) {
        return method + " sip:bob@192.0.2.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: Alice <sip:alice@example.com>;tag=a1\n"
                + "To: Bob <sip:bob@example.com>\n"
                + "Call-ID: call-1@198.51.100.7\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + extra
                + "Content-Length: 0\n\n";
    }

    static SipRequest nonInvite(String method, String branch) {
        return request(request(method, branch, 5, ""));
    }

    /** A response to {@code r} with status, To tag (null for none). */
    static SipResponse responseTo(SipRequest r, int status, String toTag) {
        SipResponse resp = r.createResponse(status, null, toTag);
        return (SipResponse) parse(resp.toBytes());
    }
}
