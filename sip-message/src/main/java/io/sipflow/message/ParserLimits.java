package io.sipflow.message;

/**
 * Explicit limits on what the parser accepts, so a hostile or broken peer can cost only a
 * bounded amount of memory and CPU. Exceeding one yields a {@link SipParseException} with
 * {@link ParseProblem#MESSAGE_TOO_LARGE}, {@link ParseProblem#TOO_MANY_HEADERS},
 * {@link ParseProblem#HEADER_LINE_TOO_LONG} or {@link ParseProblem#BODY_TOO_LARGE}.
 *
 * @param maxMessageSize bytes of a whole message (start line, headers and body)
 * @param maxHeaderCount header lines (after unfolding)
 * @param maxHeaderLineLength bytes of one header line, folded continuation lines included;
 *     also bounds the start line
 * @param maxBodySize bytes of the body
 */
public record ParserLimits(int maxMessageSize, int maxHeaderCount, int maxHeaderLineLength, int maxBodySize) {
    /**
     * Defaults: 64 KiB per message (the largest UDP datagram; RFC 3261 §18.1.1), 256 header
     * lines, 16 KiB per header line, 64 KiB of body.
     */
    public static final ParserLimits DEFAULT = new ParserLimits(65_536, 256, 16_384, 65_536);

    public ParserLimits {
        if (maxMessageSize <= 0 || maxHeaderCount <= 0 || maxHeaderLineLength <= 0 || maxBodySize < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public ParserLimits withMaxMessageSize(int v) {
        return new ParserLimits(v, maxHeaderCount, maxHeaderLineLength, maxBodySize);
    }

    public ParserLimits withMaxHeaderCount(int v) {
        return new ParserLimits(maxMessageSize, v, maxHeaderLineLength, maxBodySize);
    }

    public ParserLimits withMaxHeaderLineLength(int v) {
        return new ParserLimits(maxMessageSize, maxHeaderCount, v, maxBodySize);
    }

    public ParserLimits withMaxBodySize(int v) {
        return new ParserLimits(maxMessageSize, maxHeaderCount, maxHeaderLineLength, v);
    }
}
