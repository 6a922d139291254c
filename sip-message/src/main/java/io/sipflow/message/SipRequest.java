package io.sipflow.message;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.Via;
import io.sipflow.message.internal.Lexer;
import io.sipflow.message.uri.Uri;
import java.util.Objects;

/**
 * A SIP request (RFC 3261 §7.1): {@code Method SP Request-URI SP SIP/2.0}.
 */
public final class SipRequest extends SipMessage {
    private String method;
    /**
     * The Request-URI as written; for a parsed request made from {@code buf[uriStart..uriEnd)}
     * when first asked for (a stack matching transactions never needs it). Two threads may
     * both make it: they make equal immutable Strings.
     */
    private String requestUriText;
    private int uriStart;
    private int uriEnd;
    private Uri requestUri;

    /** Parsed form; the scanner fills the index and sets {@link #buf}. */
    SipRequest(String method, int uriStart, int uriEnd, int capacity) {
        super(capacity);
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
    }

    /** A new request built in code (no headers yet). */
    public SipRequest(String method, Uri requestUri) {
        super(12);
        if (!Lexer.isToken(method)) throw new IllegalArgumentException("bad method: " + method);
        this.method = method;
        this.requestUri = Objects.requireNonNull(requestUri);
        this.requestUriText = requestUri.toString();
        this.modified = true;
    }

    /**
     * A new request with the headers §8.1.1 requires: Via (without branch when null),
     * From (with the given tag), To, Call-ID, CSeq and Max-Forwards 70.
     */
    public static SipRequest create(String method, Uri requestUri, Address from, Address to, String callId, long cseq, Via via) {
        SipRequest r = new SipRequest(method, requestUri);
        if (via != null) r.add(Header.VIA, via);
        r.set(Header.MAX_FORWARDS, 70);
        r.set(Header.FROM, from);
        r.set(Header.TO, to);
        r.set(Header.CALL_ID, callId);
        r.set(Header.CSEQ, new CSeq(cseq, method));
        return r;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String method() {
        return method;
    }

    /** True when the method is {@code m} (methods are case-sensitive, §7.1). */
    public boolean is(String m) {
        return method.equals(m);
    }

    /** The Request-URI as written. */
    public String requestUriText() {
        String t = requestUriText;
        if (t == null) {
            t = new String(buf, uriStart, uriEnd - uriStart, java.nio.charset.StandardCharsets.UTF_8);
            requestUriText = t;
        }
        return t;
    }

    @Override
    void rebased(int oldStart) {
        uriStart -= oldStart;
        uriEnd -= oldStart;
    }

    /**
     * The Request-URI, parsed.
     *
     * @throws SipParseException (MALFORMED_REQUEST_URI) when it does not parse
     */
    public Uri requestUri() {
        Uri u = requestUri;
        if (u == null) {
            u = parseRequestUri();
            requestUri = u;
        }
        return u;
    }

    private Uri parseRequestUri() {
        try {
            return Uri.parse(requestUriText(), "Request-URI");
        } catch (SipParseException e) {
            String detail = e.detail() == null ? "bad URI" : e.detail();
            throw new SipParseException(ParseProblem.MALFORMED_REQUEST_URI,
                    e.offset() >= 0 ? detail + " at URI offset " + e.offset() : detail, "Request-URI", -1, this);
        }
    }

    public SipRequest setRequestUri(Uri uri) {
        this.requestUri = Objects.requireNonNull(uri);
        this.requestUriText = uri.toString();
        this.modified = true;
        return this;
    }

    public SipRequest setMethod(String m) {
        if (!Lexer.isToken(m)) throw new IllegalArgumentException("bad method: " + m);
        this.method = m;
        this.modified = true;
        return this;
    }

    @Override
    public String startLine() {
        return method + " " + requestUriText() + " SIP/2.0";
    }

    /**
     * True when this looks like an RFC 2543 request: its top Via branch lacks the magic
     * cookie (§8.1.1.7), so transactions match by the older rules (§17.2.3).
     */
    public boolean isRfc2543() {
        Via v = topVia();
        return v != null && !v.hasRfc3261Branch();
    }

    @Override
    void validateStartLine(Via topVia) {
        if (requestUri == null) parseRequestUri(); // checked, not kept: a transaction may never read it
        CSeq cseq = cseq();
        if (!cseq.method().equals(method)) {
            throw new SipParseException(ParseProblem.CSEQ_METHOD_MISMATCH,
                    "CSeq method " + cseq.method() + " is not " + method, "CSeq", -1);
        }
        if (has(Header.MAX_FORWARDS)) {
            maxForwards();
        } else if (topVia.hasRfc3261Branch()) {
            // RFC 3261 §8.1.1.6: every request carries Max-Forwards; RFC 2543 peers may omit it.
            throw new SipParseException(ParseProblem.MISSING_HEADER, null, "Max-Forwards", -1);
        }
    }

    /**
     * A response to this request per §8.2.6: Via (all, in order), From, To, Call-ID and CSeq
     * copied; a 100 also copies Timestamp (§8.2.6.1). When {@code toTag} is given and the
     * request's To has no tag, the response's To gets it (§8.2.6.2; not for 100).
     *
     * @param reason the reason phrase, or null for the standard one
     */
    public SipResponse createResponse(int status, String reason, String toTag) {
        SipResponse r = new SipResponse(status, reason == null ? SipStatus.reasonPhrase(status) : reason);
        r.copyHeaders(this, Header.VIA);
        r.copyHeaders(this, Header.FROM);
        Address to = to();
        if (toTag != null && status != 100 && to != null && to.tag() == null) {
            r.set(Header.TO, to.withTag(toTag));
        } else {
            r.copyHeaders(this, Header.TO);
        }
        r.copyHeaders(this, Header.CALL_ID);
        r.copyHeaders(this, Header.CSEQ);
        if (status == 100) r.copyHeaders(this, Header.TIMESTAMP);
        r.set(Header.CONTENT_LENGTH, 0);
        return r;
    }

    /** A response with the standard reason phrase and no To tag added. */
    public SipResponse createResponse(int status) {
        return createResponse(status, null, null);
    }
}
