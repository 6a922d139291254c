package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.SipStatus;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.Uri;
import java.util.List;

/**
 * The header values a transaction needs after its request has been handed to another thread:
 * to build the ACK for a non-2xx (§17.1.1.3), a CANCEL (§9.1), and its own responses
 * (100 Trying, 487, locally generated 408/503). It keeps the request's parsed header values,
 * which are immutable — not the message, which the TU may change — so that a transaction in
 * Proceeding holds no second copy of any header text. Taken on the thread that owns the
 * request; immutable. A server transaction's snapshot keeps only what its responses need.
 */
class RequestSnapshot {
    /** The top Via, and every Via when there are several (null for the usual one). */
    private final Via topVia;
    private final List<Via> vias;
    private final Address from;
    private final Address to;
    private final String callId;
    /** Also the method: a validated request's CSeq method is its method (§8.1.1.5). */
    private final CSeq cseq;
    /** Null for a client transaction. */
    private final String timestamp;

    private RequestSnapshot(SipRequest r, boolean client) {
        this.topVia = r.topVia();
        List<Via> all = client ? null : r.vias();
        this.vias = all == null || all.size() == 1 ? null : List.copyOf(all);
        this.from = r.from();
        this.to = r.to();
        this.callId = r.callId();
        this.cseq = r.cseq();
        this.timestamp = client ? null : r.header(Header.TIMESTAMP.name());
    }

    /**
     * A client's snapshot: also the Request-URI and Route set its ACK and CANCEL copy. A
     * subclass, so that the snapshot an INVITE server transaction holds through Proceeding
     * carries neither (with the method read from the CSeq: 40 bytes instead of 56).
     */
    private static final class Sent extends RequestSnapshot {
        private final Uri requestUri;
        private final List<Address> routes;

        Sent(SipRequest r) {
            super(r, true);
            this.requestUri = r.requestUri();
            this.routes = List.copyOf(r.getAll(Header.ROUTE));
        }

        @Override
        Uri requestUri() {
            return requestUri;
        }

        @Override
        List<Address> routes() {
            return routes;
        }
    }

    /** What a server transaction keeps of a validated request; call on the thread that owns it. */
    static RequestSnapshot of(SipRequest r) {
        return new RequestSnapshot(r, false);
    }

    /** What a client transaction keeps of the request it sends: enough for its ACK and CANCEL. */
    static RequestSnapshot ofSent(SipRequest r) {
        return new Sent(r);
    }

    /** Null for a server transaction: only a client builds requests from its snapshot. */
    Uri requestUri() {
        return null;
    }

    /** Empty for a server transaction. */
    List<Address> routes() {
        return List.of();
    }

    String method() {
        return cseq.method();
    }

    String callId() {
        return callId;
    }

    long cseq() {
        return cseq.seq();
    }

    /** The To tag of the request (null outside a dialog). */
    String toTag() {
        return to.tag();
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
        return inDialogCopy(SipMethod.CANCEL, null);
    }

    private SipRequest inDialogCopy(String m, String toValue) {
        Uri requestUri = requestUri();
        if (requestUri == null) throw new IllegalStateException("a server transaction sends no ACK or CANCEL");
        List<Address> routes = routes();
        SipRequest r = new SipRequest(m, requestUri);
        r.set(Header.VIA, topVia);
        r.set(Header.MAX_FORWARDS, 70);
        r.set(Header.FROM, from);
        if (toValue != null) r.addHeader(Header.TO.name(), toValue);
        else r.set(Header.TO, to);
        r.set(Header.CALL_ID, callId);
        r.set(Header.CSEQ, new CSeq(cseq.seq(), m));
        if (!routes.isEmpty()) r.setAll(Header.ROUTE, routes);
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
        if (vias == null) r.set(Header.VIA, topVia);
        else r.setAll(Header.VIA, vias);
        r.set(Header.FROM, from);
        boolean tag = newToTag != null && status != 100 && to.tag() == null;
        r.set(Header.TO, tag ? to.withTag(newToTag) : to);
        r.set(Header.CALL_ID, callId);
        r.set(Header.CSEQ, cseq);
        if (status == 100 && timestamp != null) r.addHeader(Header.TIMESTAMP.name(), timestamp);
        r.set(Header.CONTENT_LENGTH, 0);
        return r;
    }
}
