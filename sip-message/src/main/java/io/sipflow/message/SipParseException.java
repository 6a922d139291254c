package io.sipflow.message;

/**
 * A message, header or URI that does not parse, or breaks a rule of RFC 3261.
 *
 * <p>Says what ({@link #problem()}), where ({@link #headerName()}, {@link #offset()}: byte
 * offset from the start of the message, or within the parsed text when parsing standalone
 * values), and how to answer ({@link #statusCode()}, {@link #reasonPhrase()}, e.g.
 * {@code 400 Malformed header: Via}). When the header section could be framed, the framed
 * message is available from {@link #partialMessage()} so that the stack can build the error
 * response from its Via/From/To/Call-ID/CSeq (RFC 3261 §8.2.6).
 *
 * <p>It is unchecked, like Netty's {@code DecoderException}, because lazily parsed header
 * values surface it from plain getters; every parsing entry point documents it.
 */
public final class SipParseException extends RuntimeException {
    private final ParseProblem problem;
    private final String detail;
    private final String headerName;
    private final int offset;
    private final transient SipMessage partialMessage;

    public SipParseException(ParseProblem problem, String detail) {
        this(problem, detail, null, -1, null);
    }

    public SipParseException(ParseProblem problem, String detail, String headerName, int offset) {
        this(problem, detail, headerName, offset, null);
    }

    public SipParseException(
            ParseProblem problem, String detail, String headerName, int offset, SipMessage partialMessage) {
        super(describe(problem, detail, headerName, offset), null, false, false);
        this.problem = problem;
        this.detail = detail;
        this.headerName = headerName;
        this.offset = offset;
        this.partialMessage = partialMessage;
    }

    private static String describe(ParseProblem problem, String detail, String headerName, int offset) {
        StringBuilder sb = new StringBuilder(problem.reasonPhrase());
        if (headerName != null) {
            sb.append(": ").append(headerName);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        return sb.toString();
    }

    /** What is wrong. */
    public ParseProblem problem() {
        return problem;
    }

    /** What exactly is wrong (e.g. "unterminated quoted string"), or null. */
    public String detail() {
        return detail;
    }

    /** The header the problem is in, or null (start line, framing, body). */
    public String headerName() {
        return headerName;
    }

    /** Byte offset of the problem, or -1 when unknown. */
    public int offset() {
        return offset;
    }

    /** The status code to answer a request with (400, 505, 513, 413). */
    public int statusCode() {
        return problem.statusCode();
    }

    /**
     * A reason phrase for the error response that names the problem, e.g.
     * {@code "Malformed header: Via"}; safe to put on the wire (no CR/LF, printable).
     */
    public String reasonPhrase() {
        String phrase = headerName == null ? problem.reasonPhrase() : problem.reasonPhrase() + ": " + headerName;
        StringBuilder sb = new StringBuilder(phrase.length());
        for (int i = 0; i < phrase.length() && sb.length() < 120; i++) {
            char c = phrase.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    /** The framed message, when the header section could be indexed; else null. */
    public SipMessage partialMessage() {
        return partialMessage;
    }

    /** The same problem, placed in a header of a message (for lazily parsed values). */
    public SipParseException in(String header, int baseOffset, SipMessage message) {
        int off = offset >= 0 && baseOffset >= 0 ? baseOffset + offset : baseOffset;
        // Keep the detail only: the problem, header and offset are restated by the new exception
        // (wrapping getMessage() would repeat them, "Malformed header: Via (Malformed header: Via ...").
        return new SipParseException(problem, detail, header, off, message);
    }

    /** The same problem with {@code message} as the partial message. */
    public SipParseException withPartialMessage(SipMessage message) {
        return partialMessage == message ? this : new SipParseException(problem, detail, headerName, offset, message);
    }
}
