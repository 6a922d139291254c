package io.sipflow.message;

import io.sipflow.message.header.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a multipart body (RFC 2046 §5.1.1; RFC 5621 for SIP) into its parts, and builds one.
 * The delimiter is CRLF "--" boundary; the CRLF before a delimiter belongs to the delimiter,
 * not to the preceding part. Bare LF line ends are tolerated.
 */
public final class MultipartBody {
    private MultipartBody() {}

    /**
     * @throws SipParseException (MALFORMED_BODY) without a boundary parameter, without a first
     *     delimiter, or with a part whose headers do not end
     */
    public static List<BodyPart> parse(MediaType contentType, byte[] body) {
        String boundary = contentType.param("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new SipParseException(ParseProblem.MALFORMED_BODY, "multipart without a valid boundary", "Content-Type", -1);
        }
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int p = findDelimiter(body, delim, 0);
        if (p < 0) throw new SipParseException(ParseProblem.MALFORMED_BODY, "no multipart delimiter", null, -1);
        List<BodyPart> parts = new ArrayList<>();
        while (true) {
            int after = p + delim.length;
            if (after + 2 <= body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts; // close-delimiter
            }
            int lineEnd = indexOf(body, (byte) '\n', after);
            if (lineEnd < 0) throw new SipParseException(ParseProblem.MALFORMED_BODY, "unterminated delimiter line", null, after);
            int partStart = lineEnd + 1;
            int next = findDelimiter(body, delim, partStart);
            if (next < 0) throw new SipParseException(ParseProblem.MALFORMED_BODY, "missing close delimiter", null, partStart);
            int partEnd = next;
            // the line break before the delimiter belongs to the delimiter
            if (partEnd > partStart && body[partEnd - 1] == '\n') partEnd--;
            if (partEnd > partStart && body[partEnd - 1] == '\r') partEnd--;
            parts.add(parsePart(body, partStart, Math.max(partStart, partEnd)));
            p = next;
        }
    }

    private static BodyPart parsePart(byte[] b, int start, int end) {
        List<String[]> headers = new ArrayList<>();
        int p = start;
        while (p < end) {
            int nl = indexOf(b, (byte) '\n', p);
            int lineEnd = nl < 0 || nl > end ? end : nl;
            int contentEnd = lineEnd > p && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == p) { // empty line: content follows
                p = Math.min(end, lineEnd + 1);
                return new BodyPart(List.copyOf(headers), Arrays.copyOfRange(b, p, end));
            }
            String line = new String(b, p, contentEnd - p, StandardCharsets.UTF_8);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim();
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new SipParseException(ParseProblem.MALFORMED_BODY, "bad part header line", null, p);
                }
                headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
            if (nl < 0 || nl >= end) break;
            p = nl + 1;
        }
        // no empty line: a part with headers only (or nothing)
        return new BodyPart(List.copyOf(headers), new byte[0]);
    }

    /** A delimiter at the start of the body or of a line. */
    private static int findDelimiter(byte[] b, byte[] delim, int from) {
        outer:
        for (int i = from; i + delim.length <= b.length; i++) {
            if (i != 0 && b[i - 1] != '\n') continue;
            for (int k = 0; k < delim.length; k++) {
                if (b[i + k] != delim[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == c) return i;
        return -1;
    }

    /**
     * Builds a multipart body from parts; returns the body bytes. The content type to send is
     * {@code multipart/<subtype>;boundary=<boundary>}.
     */
    public static byte[] build(String boundary, List<BodyPart> parts) {
        StringBuilder sb = new StringBuilder();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (BodyPart part : parts) {
            sb.setLength(0);
            sb.append("--").append(boundary).append("\r\n");
            for (String[] h : part.headers()) sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            sb.append("\r\n");
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
