package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Via;
import java.util.Locale;

/**
 * A request ready for a client transaction: its encoded bytes (sent and retransmitted as
 * is), the keys responses are matched by (§17.1.3: branch, CSeq method, and the sent-by the
 * transport layer inserted, §18.1.2), and a {@link RequestSnapshot} for ACK and CANCEL.
 */
record OutgoingRequest(byte[] bytes, String method, String branch, String sentByHost, int sentByPort,
        RequestSnapshot snapshot) {

    /** Encodes a request whose top Via (with branch) is already in place. */
    static OutgoingRequest of(SipRequest request) {
        Via top = request.topVia();
        if (top == null || top.branch() == null) throw new IllegalArgumentException("request needs a top Via with a branch");
        return new OutgoingRequest(request.toBytes(), request.method(), top.branch(),
                top.host().toLowerCase(Locale.ROOT), top.port(), RequestSnapshot.ofSent(request));
    }

    boolean isInvite() {
        return "INVITE".equals(method);
    }

    /** The sent-by check of §18.1.2: the response's top Via names what we inserted. */
    boolean sentByMatches(Via responseVia) {
        return responseVia.port() == sentByPort && responseVia.host().equalsIgnoreCase(sentByHost);
    }
}
