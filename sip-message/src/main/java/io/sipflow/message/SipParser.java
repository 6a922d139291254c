package io.sipflow.message;

import java.util.Objects;

/**
 * Parses one SIP message from a datagram (UDP, or a WebSocket message, RFC 7118 §5):
 * frames the start line and headers, applies Content-Length per RFC 3261 §18.3, and returns
 * a lazily parsed {@link SipMessage}. Stream transports use {@link SipStreamDecoder}.
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class SipParser {
    private static final SipParser DEFAULT = new SipParser(ParserLimits.DEFAULT);

    private final ParserLimits limits;

    public SipParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /** A parser with {@link ParserLimits#DEFAULT}. */
    public static SipParser defaults() {
        return DEFAULT;
    }

    public ParserLimits limits() {
        return limits;
    }

    /** Parses a whole array; see {@link #parse(byte[], int, int)}. */
    public SipMessage parse(byte[] data) {
        return parse(data, 0, data.length);
    }

    /**
     * Parses the datagram {@code data[offset..offset+length)}. The message keeps a reference to
     * {@code data} (no copy): the caller must not reuse the array while the message lives.
     *
     * <p>Leading CRLFs are skipped (§7.5). With Content-Length, bytes beyond it are ignored
     * (§18.3, RFC 4475 §3.1.1.8) and a Content-Length beyond the datagram is an error; without
     * it, the body runs to the end of the datagram. The start line and header section are
     * checked here; header values are checked when read or by {@link SipMessage#validate()}.
     * Problems that leave the header section framed (a bad version, white space in the
     * Request-URI, a malformed header line or Content-Length) are reported after the whole
     * header section was indexed, so the partial message has every well-formed header.
     *
     * @throws SipParseException with {@link SipParseException#partialMessage()} set when the
     *     header section could be framed (so a 400/505 can still be answered)
     */
    public SipMessage parse(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length > limits.maxMessageSize()) {
            throw new SipParseException(ParseProblem.MESSAGE_TOO_LARGE, length + " bytes", null, 0);
        }
        int end = offset + length;
        int start = offset;
        while (start < end && (data[start] == '\r' || data[start] == '\n')) start++;
        if (start == end) throw new SipParseException(ParseProblem.INCOMPLETE_MESSAGE, "empty message", null, 0);
        Object scanned = MessageScanner.scan(data, start, end, limits);
        SipMessage m = MessageScanner.message(scanned);
        MessageScanner.Notes notes = MessageScanner.notes(scanned);
        int contentLength = m.bodyLength; // the scanner leaves Content-Length there (-1: none or unusable)
        int bodyStart = Math.min(m.bodyStart, end);
        int available = end - bodyStart;
        m.bodyStart = bodyStart;
        if (notes != null && notes.unterminated) {
            // Cut inside a line (e.g. read into too small a buffer): the last value may be
            // incomplete, so the message is not taken as it stands.
            m.bodyLength = 0;
            m.msgEnd = end;
            throw new SipParseException(ParseProblem.INCOMPLETE_MESSAGE, "data ends inside a line", null, end - start, m);
        }
        if (notes != null && notes.badContentLength != null) {
            // The body cannot be framed (RFC 4475 §3.1.2.3, §3.3.9); the partial message keeps
            // the rest of the datagram so that the request can still be answered with 400.
            m.bodyLength = Math.min(available, limits.maxBodySize());
            m.msgEnd = bodyStart + m.bodyLength;
            throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, notes.badContentLength, "Content-Length",
                    notes.badContentLengthOffset, m);
        }
        int bodyLength;
        if (contentLength >= 0) {
            if (contentLength > available) {
                m.bodyLength = 0;
                m.msgEnd = end;
                throw new SipParseException(ParseProblem.CONTENT_LENGTH_EXCEEDS_DATA,
                        contentLength + " > " + available, "Content-Length", bodyStart - start, m);
            }
            bodyLength = contentLength;
        } else {
            bodyLength = available;
        }
        m.bodyLength = bodyLength;
        m.msgEnd = bodyStart + bodyLength;
        if (bodyLength > limits.maxBodySize()) {
            throw new SipParseException(ParseProblem.BODY_TOO_LARGE, bodyLength + " bytes", null, bodyStart - start, m);
        }
        if (notes != null) {
            SipParseException deferred = notes.deferred(m);
            if (deferred != null) throw deferred; // 505, malformed start line or header line
        }
        return m;
    }
}
