package io.sipflow.sdp;

/**
 * A session description that cannot be parsed because it is genuinely malformed.
 *
 * <p>This is a checked exception on purpose: SDP arrives from the network, and a SIP element
 * that receives an unparseable body must answer it (typically {@code 400 Bad Request} or
 * {@code 488 Not Acceptable Here}, RFC 3261 §21.4.26) rather than let an unchecked exception
 * escape into the transaction layer. The parser never throws anything else.
 *
 * <p>The message carries the 1-based line number and the offending line (control characters
 * escaped, long lines shortened) so it can be logged as is.
 */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED = 120;

    private final int lineNumber;
    private final String line;
    private final String reason;

    /**
     * @param reason what is wrong, e.g. {@code "port is not a number 0..65535"}
     * @param lineNumber the 1-based line number, or 0 when the problem is not tied to one line
     * @param line the offending line without its line end, or {@code null}
     */
    public SdpParseException(String reason, int lineNumber, String line) {
        this(reason, lineNumber, line, null);
    }

    SdpParseException(String reason, int lineNumber, String line, Throwable cause) {
        super(format(reason, lineNumber, line), cause);
        this.reason = reason;
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** The 1-based number of the offending line, or 0 when the problem concerns the whole text. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line as received (without its line end), or {@code null}. */
    public String line() {
        return line;
    }

    /** What is wrong, without the line number and line. */
    public String reason() {
        return reason;
    }

    private static String format(String reason, int lineNumber, String line) {
        StringBuilder sb = new StringBuilder(reason.length() + 40);
        sb.append("malformed SDP");
        if (lineNumber > 0) {
            sb.append(" at line ").append(lineNumber);
        }
        sb.append(": ").append(reason);
        if (line != null) {
            sb.append(": \"");
            quote(sb, line);
            sb.append('"');
        }
        return sb.toString();
    }

    /** Escapes control characters so that a hostile line cannot forge log lines. */
    private static void quote(StringBuilder sb, String line) {
        int n = Math.min(line.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        if (line.length() > n) {
            sb.append("...");
        }
    }
}
