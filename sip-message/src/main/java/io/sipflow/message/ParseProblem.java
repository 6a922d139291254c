package io.sipflow.message;

/**
 * What was wrong with a message, and the status code a stack answers a request with.
 *
 * <p>Each problem is distinguishable so that the transport/transaction layer can react
 * precisely: 505 for a wrong version (RFC 3261 §21.5.6), 400 for syntax, 513 for an
 * oversized message (§21.5.7), closing a stream connection when framing is lost.
 */
public enum ParseProblem {
    /** The Request-Line or Status-Line does not follow RFC 3261 §7.1 / §7.2. */
    MALFORMED_START_LINE(400, "Malformed start line"),
    /** A SIP-Version other than SIP/2.0 (RFC 3261 §21.5.6: answer 505). */
    VERSION_NOT_SUPPORTED(505, "Version Not Supported"),
    /** A status code outside 100..699 (RFC 3261 §7.2, RFC 4475 §3.1.2.19). */
    BAD_STATUS_CODE(400, "Bad status code"),
    /** A header line that is not {@code name ":" value}, or a header value that does not parse. */
    MALFORMED_HEADER(400, "Malformed header"),
    /** A header the RFC requires (RFC 3261 §8.1.1) is missing. */
    MISSING_HEADER(400, "Missing header"),
    /** A header that may appear only once appears several times (RFC 4475 §3.3.8). */
    DUPLICATE_HEADER(400, "Duplicate header"),
    /** The CSeq method is not the request's method (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17). */
    CSEQ_METHOD_MISMATCH(400, "CSeq method does not match request method"),
    /** A numeric header field out of its allowed range (RFC 4475 §3.1.2.4). */
    VALUE_OUT_OF_RANGE(400, "Value out of range"),
    /** The Request-URI does not parse (RFC 4475 §3.1.2.7, RFC 5118 §4.2). */
    MALFORMED_REQUEST_URI(400, "Malformed Request-URI"),
    /** Content-Length claims more bytes than the datagram holds (RFC 3261 §18.3). */
    CONTENT_LENGTH_EXCEEDS_DATA(400, "Content-Length larger than message body"),
    /** Content-Length is not a number, or several Content-Length values disagree (RFC 4475 §3.3.9). */
    BAD_CONTENT_LENGTH(400, "Bad Content-Length"),
    /** A message on a stream transport without Content-Length (RFC 3261 §18.3): framing is lost. */
    MISSING_CONTENT_LENGTH(400, "Missing Content-Length"),
    /** The header section does not end (no empty line) before the data does. */
    INCOMPLETE_MESSAGE(400, "Incomplete message"),
    /** The whole message exceeds the configured size limit (RFC 3261 §21.5.7). */
    MESSAGE_TOO_LARGE(513, "Message Too Large"),
    /** More header lines than the configured limit. */
    TOO_MANY_HEADERS(513, "Too many headers"),
    /** A header line longer than the configured limit. */
    HEADER_LINE_TOO_LONG(513, "Header line too long"),
    /** A body longer than the configured limit (RFC 3261 §21.4.11). */
    BODY_TOO_LARGE(413, "Request Entity Too Large"),
    /** A body (e.g. multipart) whose structure does not parse. */
    MALFORMED_BODY(400, "Malformed body");

    private final int statusCode;
    private final String reasonPhrase;

    ParseProblem(int statusCode, String reasonPhrase) {
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
    }

    /** The status code a request with this problem is answered with. */
    public int statusCode() {
        return statusCode;
    }

    /** A short reason phrase naming the problem. */
    public String reasonPhrase() {
        return reasonPhrase;
    }
}
