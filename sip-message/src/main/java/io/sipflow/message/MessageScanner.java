package io.sipflow.message;

/**
 * One pass over a message's start line and header section (RFC 3261 §7): finds each header
 * line (unfolding continuation lines, §7.3.1), identifies its name without allocating, and
 * records value bounds; reads Content-Length eagerly because framing needs it. Everything
 * else is parsed lazily by {@link SipMessage}.
 */
final class MessageScanner {
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = 0; c < 128; c++) TOKEN[c] = io.sipflow.message.internal.Lexer.isTokenChar(c);
    }

    /** Typical messages have 10–20 header lines; the index grows when needed. */
    private static final int INITIAL_HEADERS = 20;

    private MessageScanner() {}

    /** What the scan found besides the message itself. */
    static final class Result {
        SipMessage message;
        /** Offset of the first body byte (after the empty line), or {@code end} if there was none. */
        int bodyStart;
        /** The Content-Length value, or -1 when absent. */
        int contentLength = -1;
        /** A SIP-Version other than 2.0 was seen (reported after the scan, with the message). */
        boolean badVersion;
    }

    /**
     * Scans {@code b[start..end)}; {@code start} is the first byte of the start line.
     *
     * @throws SipParseException for malformed start or header lines and exceeded limits
     */
    static Result scan(byte[] b, int start, int end, ParserLimits limits) {
        Result r = new Result();
        int nl = indexOfLf(b, start, end);
        int lineEnd = nl < 0 ? end : nl;
        if (lineEnd > start && b[lineEnd - 1] == '\r') lineEnd--;
        if (lineEnd - start > limits.maxHeaderLineLength()) {
            throw new SipParseException(ParseProblem.HEADER_LINE_TOO_LONG, "start line", null, 0);
        }
        SipMessage m = startLine(b, start, lineEnd, r);
        m.buf = b;
        m.msgStart = start;
        r.message = m;
        int p = nl < 0 ? end : nl + 1;
        int maxHeaders = limits.maxHeaderCount();
        int maxLine = limits.maxHeaderLineLength();
        int clId = Header.CONTENT_LENGTH.id();
        int body = end;
        while (p < end) {
            int c = b[p];
            if (c == '\r' && p + 1 < end && b[p + 1] == '\n') {
                body = p + 2;
                break;
            }
            if (c == '\n') {
                body = p + 1;
                break;
            }
            int ns = p;
            int h = 0;
            while (p < end && TOKEN[b[p] & 0xff]) {
                h = 31 * h + (b[p] | 0x20);
                p++;
            }
            int ne = p;
            if (ne == ns) {
                throw new SipParseException(ParseProblem.MALFORMED_HEADER,
                        c == ' ' || c == '\t' ? "continuation line without a header" : "bad header name", null, ns - start);
            }
            while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
            if (p >= end || b[p] != ':') {
                throw new SipParseException(ParseProblem.MALFORMED_HEADER, "missing ':' after header name",
                        new String(b, ns, ne - ns, java.nio.charset.StandardCharsets.US_ASCII), p - start);
            }
            p++;
            while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
            int vs = p;
            int ve = end;
            while (true) {
                int lf = indexOfLf(b, p, end);
                if (lf < 0) {
                    ve = end;
                    p = end;
                    break;
                }
                if (lf + 1 < end && (b[lf + 1] == ' ' || b[lf + 1] == '\t')) {
                    p = lf + 1; // folded: the value continues on the next line
                    if (p - ns > maxLine) break;
                    continue;
                }
                ve = lf;
                p = lf + 1;
                break;
            }
            if (p - ns > maxLine) {
                throw new SipParseException(ParseProblem.HEADER_LINE_TOO_LONG, null,
                        new String(b, ns, ne - ns, java.nio.charset.StandardCharsets.US_ASCII), ns - start);
            }
            ve = Math.min(ve, end);
            while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t' || b[ve - 1] == '\r' || b[ve - 1] == '\n')) ve--;
            if (m.headerCount() >= maxHeaders) {
                throw new SipParseException(ParseProblem.TOO_MANY_HEADERS, "more than " + maxHeaders, null, ns - start);
            }
            int id = HeaderNameTable.lookup(b, ns, ne, h);
            m.addParsedLine(id, ns, vs, ve);
            if (id == clId) contentLength(b, vs, ve, start, r);
        }
        r.bodyStart = body;
        return r;
    }

    private static void contentLength(byte[] b, int vs, int ve, int start, Result r) {
        if (ve == vs || ve - vs > 9) {
            throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, ve == vs ? "empty" : "too large",
                    "Content-Length", vs - start);
        }
        int v = 0;
        for (int i = vs; i < ve; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, "not a number", "Content-Length", i - start);
            }
            v = v * 10 + d;
        }
        if (r.contentLength >= 0 && r.contentLength != v) {
            // RFC 4475 §3.3.9: conflicting values leave the message unframeable.
            throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, "conflicting values", "Content-Length", vs - start);
        }
        r.contentLength = v;
    }

    static int indexOfLf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    // ------------------------------------------------------------------ start line (§7.1, §7.2)

    private static SipMessage startLine(byte[] b, int s, int e, Result r) {
        // Liberal about extra SP/HT between the elements and at the ends (RFC 4475 §3.1.2.9/10),
        // strict about their number: an embedded space in the Request-URI is an error (§3.1.2.8).
        int p = skipWs(b, s, e);
        int t1s = p;
        p = skipNonWs(b, p, e);
        int t1e = p;
        p = skipWs(b, p, e);
        int t2s = p;
        p = skipNonWs(b, p, e);
        int t2e = p;
        p = skipWs(b, p, e);
        int t3s = p;
        if (t1e == t1s || t2e == t2s) {
            throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "too few elements", null, t1s - s);
        }
        if (isSipVersionPrefix(b, t1s, t1e)) {
            return statusLine(b, s, t1s, t1e, t2s, t2e, t3s, e, r);
        }
        p = skipNonWs(b, p, e);
        int t3e = p;
        p = skipWs(b, p, e);
        if (t3e == t3s) throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "missing SIP-Version", null, t3s - s);
        if (p != e) {
            throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "white space inside Request-URI or extra element",
                    null, t3s - s);
        }
        for (int i = t1s; i < t1e; i++) {
            if (!TOKEN[b[i] & 0xff]) {
                throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "method is not a token", null, i - s);
            }
        }
        checkVersion(b, t3s, t3e, s, r);
        String method = SipMethod.known(b, t1s, t1e);
        if (method == null) method = new String(b, t1s, t1e - t1s, java.nio.charset.StandardCharsets.US_ASCII);
        String uri = new String(b, t2s, t2e - t2s, java.nio.charset.StandardCharsets.UTF_8);
        return new SipRequest(method, uri, INITIAL_HEADERS);
    }

    private static SipMessage statusLine(byte[] b, int s, int vs, int ve, int cs, int ce, int rs, int e, Result r) {
        checkVersion(b, vs, ve, s, r);
        if (ce - cs != 3) {
            throw new SipParseException(ParseProblem.BAD_STATUS_CODE, "status code must have 3 digits", null, cs - s);
        }
        int code = 0;
        for (int i = cs; i < ce; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw new SipParseException(ParseProblem.BAD_STATUS_CODE, "not a number", null, i - s);
            code = code * 10 + d;
        }
        if (code < 100 || code > 699) {
            throw new SipParseException(ParseProblem.BAD_STATUS_CODE, "outside 100..699", null, cs - s);
        }
        int re = e;
        while (re > rs && (b[re - 1] == ' ' || b[re - 1] == '\t')) re--;
        String reason = re > rs ? new String(b, rs, re - rs, java.nio.charset.StandardCharsets.UTF_8) : "";
        return new SipResponse(code, reason, INITIAL_HEADERS);
    }

    private static boolean isSipVersionPrefix(byte[] b, int s, int e) {
        return e - s >= 4 && (b[s] | 0x20) == 's' && (b[s + 1] | 0x20) == 'i' && (b[s + 2] | 0x20) == 'p' && b[s + 3] == '/';
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported (→ 505). */
    private static void checkVersion(byte[] b, int vs, int ve, int s, Result r) {
        if (!isSipVersionPrefix(b, vs, ve)) {
            throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "bad SIP-Version", null, vs - s);
        }
        int p = vs + 4;
        int majorStart = p;
        while (p < ve && b[p] >= '0' && b[p] <= '9') p++;
        int majorEnd = p;
        if (majorEnd == majorStart || p >= ve || b[p] != '.') {
            throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "bad SIP-Version", null, vs - s);
        }
        int minorStart = ++p;
        while (p < ve && b[p] >= '0' && b[p] <= '9') p++;
        if (p == minorStart || p != ve) {
            throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "bad SIP-Version", null, vs - s);
        }
        boolean v20 = majorEnd - majorStart == 1 && b[majorStart] == '2' && ve - minorStart == 1 && b[minorStart] == '0';
        if (!v20) r.badVersion = true;
    }

    private static int skipWs(byte[] b, int p, int e) {
        while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
    }

    private static int skipNonWs(byte[] b, int p, int e) {
        while (p < e && b[p] != ' ' && b[p] != '\t') p++;
        return p;
    }
}
