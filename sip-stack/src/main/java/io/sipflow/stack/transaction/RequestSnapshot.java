package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.SipStatus;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.uri.Uri;
import java.util.List;

/**
 * The header values a transaction needs after its request has been handed to another thread:
 * to build the ACK for a non-2xx (§17.1.1.3), a CANCEL (§9.1), and its own responses
 * (100 Trying, 487, locally generated 408/503). A SIP message is not thread-safe (its header
 * cache fills lazily), so the transaction copies the raw text once, on the thread that owns
 * the message, and never reads the message again. Immutable.
 */
final class RequestSnapshot {
    private final Uri requestUri;
    private final String method;
    private final List<String> viaLines;
    private final String topVia;
    private final String from;
    private final String to;
    private final String toTag;
    private final String callId;
    private final long cseq;
    private final String timestamp;
    private final List<String> routes;

    private RequestSnapshot(SipRequest r) {
        this.requestUri = r.requestUri();
        this.method = r.method();
        this.viaLines = r.headers(Header.VIA.name());
        this.topVia = r.topVia().toString();
        this.from = r.header(Header.FROM.name());
        this.to = r.header(Header.TO.name());
        Address toAddress = r.to();
        this.toTag = toAddress == null ? null : toAddress.tag();
        this.callId = r.callId();
        CSeq c = r.cseq();
        this.cseq = c.seq();
        this.timestamp = r.header(Header.TIMESTAMP.name());
        this.routes = r.headers(Header.ROUTE.name());
    }

    /** Copies what is needed from a validated request; call on the thread that owns it. */
    static RequestSnapshot of(SipRequest r) {
        return new RequestSnapshot(r);
    }

    String method() {
        return method;
    }

    String callId() {
        return callId;
    }

    long cseq() {
        return cseq;
    }

    /** The To tag of the request (null outside a dialog). */
    String toTag() {
        return toTag;
    }

    /**
     * The ACK for a non-2xx final response (§17.1.1.3): Request-URI, Call-ID, From and CSeq
     * number of the INVITE, its top Via only (same branch), its Route set, and the To of the
     * response being acknowledged.
     */
    SipRequest ack(String responseTo) {
        return inDialogCopy(SipMethod.ACK, responseTo);
    }

    /**
     * The CANCEL for this INVITE (§9.1): Request-URI, Call-ID, To, From and CSeq number
     * identical, including tags; a single Via equal to the INVITE's top Via; its Route set.
     */
    SipRequest cancel() {
        return inDialogCopy(SipMethod.CANCEL, to);
    }

    private SipRequest inDialogCopy(String m, String toValue) {
        SipRequest r = new SipRequest(m, requestUri);
        r.addHeader(Header.VIA.name(), topVia);
        r.set(Header.MAX_FORWARDS, 70);
        r.addHeader(Header.FROM.name(), from);
        r.addHeader(Header.TO.name(), toValue);
        r.addHeader(Header.CALL_ID.name(), callId);
        r.set(Header.CSEQ, new CSeq(cseq, m));
        for (String route : routes) r.addHeader(Header.ROUTE.name(), route);
        r.set(Header.CONTENT_LENGTH, 0);
        return r;
    }

    /**
     * A response built like {@link SipRequest#createResponse} (§8.2.6): every Via, From, To,
     * Call-ID, CSeq; Timestamp for a 100 (§8.2.6.1); {@code toTag} added to a To without one
     * except for a 100 (§8.2.6.2).
     */
    SipResponse response(int status, String reason, String newToTag) {
        SipResponse r = new SipResponse(status, reason == null ? SipStatus.reasonPhrase(status) : reason);
        for (String v : viaLines) r.addHeader(Header.VIA.name(), v);
        r.addHeader(Header.FROM.name(), from);
        if (newToTag != null && status != 100 && toTag == null) {
            r.set(Header.TO, Address.parse(to).withTag(newToTag));
        } else {
            r.addHeader(Header.TO.name(), to);
        }
        r.addHeader(Header.CALL_ID.name(), callId);
        r.addHeader(Header.CSEQ.name(), cseq + " " + method);
        if (status == 100 && timestamp != null) r.addHeader(Header.TIMESTAMP.name(), timestamp);
        r.set(Header.CONTENT_LENGTH, 0);
        return r;
    }
}
