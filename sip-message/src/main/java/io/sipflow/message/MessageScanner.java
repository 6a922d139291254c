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

    /**
     * Each thread's scratch index: the scan records the header lines here, then gives the
     * message an exact-size copy. A message lives on in a transaction or a dialog, and every
     * slot left free in its index would live on with it; the copy costs less than zeroing a
     * roomier array. Grown (and kept) for messages with more lines.
     */
    private static final ThreadLocal<int[]> SCRATCH =
            ThreadLocal.withInitial(() -> new int[32 * SipMessage.STRIDE]);

    private MessageScanner() {}

    /**
     * What a scan found besides the message's framing, when there is anything: made only for
     * such messages (the scan then returns it instead of the message), so a well-formed
     * message costs no object beyond itself and its index. The framing itself
     * goes into the message: {@link SipMessage#bodyStart} is the offset of the first body byte
     * (after the empty line, or {@code end} if there was none) and {@link SipMessage#bodyLength}
     * holds the Content-Length value, -1 when absent or unusable, until the parser replaces it
     * by the body's length.
     */
    static final class Notes {
        final SipMessage message;

        Notes(SipMessage message) {
            this.message = message;
        }

        /**
         * The data ended inside a line (start line or header line): a truncated datagram, whose
         * last value may be cut short. (Data ending after a line break but without the empty
         * line is accepted, as in the RFC 5118 §4.10 archive files.)
         */
        boolean unterminated;
        /**
         * Why Content-Length is unusable (not a number, or conflicting values; RFC 4475 §3.1.2.3,
         * §3.3.9), or null. The body cannot be framed: on a stream, framing is lost.
         */
        String badContentLength;
        int badContentLengthOffset;
        /**
         * The first problem that leaves the message framed (SIP-Version other than 2.0, white
         * space inside the Request-URI, a malformed header line), or null. It is reported after
         * the scan, with the message, so that a request can still be answered (400, 505) from its
         * Via/From/To/Call-ID/CSeq (RFC 3261 §8.2.6).
         */
        ParseProblem problem;
        String problemDetail;
        String problemHeader;
        int problemOffset;

        void defer(ParseProblem p, String detail, String header, int offset) {
            if (problem != null) return; // the first one is reported
            problem = p;
            problemDetail = detail;
            problemHeader = header;
            problemOffset = offset;
        }

        /** The deferred problem, with the message as partial message; null when there is none. */
        SipParseException deferred(SipMessage m) {
            return problem == null ? null : new SipParseException(problem, problemDetail, problemHeader, problemOffset, m);
        }
    }

    /** {@code notes}, or new notes for {@code m} when there were none yet. */
    private static Notes notes(Notes notes, SipMessage m) {
        return notes != null ? notes : new Notes(m);
    }

    /** The message a {@link #scan} returned. */
    static SipMessage message(Object scanned) {
        return scanned instanceof Notes n ? n.message : (SipMessage) scanned;
    }

    /** The notes a {@link #scan} returned, or null. */
    static Notes notes(Object scanned) {
        return scanned instanceof Notes n ? n : null;
    }

    /**
     * A limit exceeded inside the header section. The lines before the offending one are
     * indexed, so they go with the error as the partial message (cut before that line, no
     * body): a request whose Via, From, To, Call-ID and CSeq came first can still be answered
     * 513 (RFC 3261 §21.5.7) instead of being dropped.
     */
    private static SipParseException limitExceeded(ParseProblem problem, String detail, String header, SipMessage m,
            int start, int lineStart) {
        m.bodyStart = lineStart;
        m.bodyLength = 0;
        m.msgEnd = lineStart;
        return new SipParseException(problem, detail, header, lineStart - start, m);
    }

    /**
     * Scans {@code b[start..end)}; {@code start} is the first byte of the start line. Returns
     * the message, or {@link Notes} holding it when there is something to note (see
     * {@link #message(Object)}, {@link #notes(Object)}).
     *
     * @throws SipParseException for malformed start or header lines and exceeded limits
     */
    static Object scan(byte[] b, int start, int end, ParserLimits limits) {
        int nl = indexOfLf(b, start, end);
        int lineEnd = nl < 0 ? end : nl;
        if (lineEnd > start && b[lineEnd - 1] == '\r') lineEnd--;
        if (lineEnd - start > limits.maxHeaderLineLength()) {
            throw new SipParseException(ParseProblem.HEADER_LINE_TOO_LONG, "start line", null, 0);
        }
        Object first = startLine(b, start, lineEnd);
        Notes notes = notes(first);
        SipMessage m = message(first);
        m.buf = b;
        m.msgStart = start;
        m.bodyLength = -1; // no Content-Length yet
        int p = nl < 0 ? end : nl + 1;
        if (nl < 0) (notes = notes(notes, m)).unterminated = true;
        int maxHeaders = limits.maxHeaderCount();
        int maxLine = limits.maxHeaderLineLength();
        int clId = Header.CONTENT_LENGTH.id();
        int body = end;
        int[] ix = SCRATCH.get();
        int n = 0; // lines in ix
        try {
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
                // The line's first CR or LF, searched from its start: the name and the colon hold
                // none (unless the value starts on a continuation line, which the slow path below
                // handles), and starting here rather than at the value keeps the search, which
                // decides where the next line starts, independent of the name's decoding, so that
                // the processor works on both at once.
                int lf = indexOfCrOrLf(b, ns, end);
                int id = shortKnownName(b, p, end);
                int ne;
                if (id > 0) {
                    ne = p + (id >>> 16); // the name's length; the colon follows right there
                    id &= 0xffff;
                    p = ne;
                } else {
                    while (p < end && TOKEN[b[p] & 0xff]) p++;
                    ne = p;
                    while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
                    if (ne == ns || p >= end || b[p] != ':') {
                        // Not `field-name HCOLON value` (§7.3.1). Skip the line (and its continuation
                        // lines) but keep indexing the rest, so that the error can be reported with the
                        // message and a request answered with 400.
                        (notes = notes(notes, m)).defer(ParseProblem.MALFORMED_HEADER,
                                ne == ns ? (c == ' ' || c == '\t' ? "continuation line without a header" : "bad header name")
                                        : "missing ':' after header name",
                                ne == ns ? null : new String(b, ns, ne - ns, java.nio.charset.StandardCharsets.US_ASCII), ns - start);
                        p = endOfLine(b, p, end);
                        if (p == end && b[end - 1] != '\n') (notes = notes(notes, m)).unterminated = true;
                        if (lineLength(b, ns, p) > maxLine) {
                            throw limitExceeded(ParseProblem.HEADER_LINE_TOO_LONG, null, null, m, start, ns);
                        }
                        continue;
                    }
                }
                p++; // the colon
                if (p + 1 < end && b[p] == ' ' && b[p + 1] > ' ') {
                    p++; // the usual single SP before the value (b[p + 1] is neither white space nor a line break)
                } else {
                    p = skipLws(b, p, end);
                }
                int vs = p;
                int ve;
                int lineLength; // the line's bytes without its final line break, like the start line's
                boolean folded = false;
                if (lf >= vs && lf + 2 < end && b[lf] == '\r' && b[lf + 1] == '\n' && b[lf + 2] != ' ' && b[lf + 2] != '\t') {
                    // The usual line: ends with CRLF, and the next line is another header or the empty line.
                    lineLength = lf - ns;
                    ve = lf;
                    p = lf + 2;
                    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) ve--; // no CR or LF before lf
                } else {
                    int breakAt; // the line's final line break, for the length limit
                    lf = indexOfCrOrLf(b, p, end);
                    while (true) {
                        int eol = lf; // where the line break starts
                        if (lf >= 0 && b[lf] == '\r') {
                            if (lf + 1 < end && b[lf + 1] == '\n') {
                                lf++; // CRLF: the usual line end
                            } else {
                                folded = true; // a bare CR inside the value: unfolded to SP when read
                                p = lf + 1;
                                lf = indexOfCrOrLf(b, p, end);
                                continue;
                            }
                        }
                        if (lf < 0) {
                            ve = breakAt = end;
                            p = end;
                            (notes = notes(notes, m)).unterminated = true;
                            break;
                        }
                        if (lf + 1 < end && (b[lf + 1] == ' ' || b[lf + 1] == '\t')) {
                            folded = true;
                            p = lf + 1; // folded: the value continues on the next line
                            if (p - ns > maxLine) { // too long already: stop scanning
                                ve = breakAt = p;
                                break;
                            }
                            lf = indexOfCrOrLf(b, p, end);
                            continue;
                        }
                        ve = eol; // the line break is not part of the value
                        breakAt = lf;
                        p = lf + 1;
                        break;
                    }
                    lineLength = lineLength(b, ns, breakAt);
                    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t' || b[ve - 1] == '\r' || b[ve - 1] == '\n')) ve--;
                }
                // (It used to count CRLF here, so a line could be 2 bytes shorter.)
                if (lineLength > maxLine) {
                    throw limitExceeded(ParseProblem.HEADER_LINE_TOO_LONG, null,
                            new String(b, ns, ne - ns, java.nio.charset.StandardCharsets.US_ASCII), m, start, ns);
                }
                if (n >= maxHeaders) {
                    throw limitExceeded(ParseProblem.TOO_MANY_HEADERS, "more than " + maxHeaders, null, m, start, ns);
                }
                if (id <= 0) id = HeaderNameTable.lookup(b, ns, ne);
                if (vs - ns > SipMessage.MAX_VALUE_OFFSET) {
                    throw limitExceeded(ParseProblem.HEADER_LINE_TOO_LONG, null,
                            new String(b, ns, ne - ns, java.nio.charset.StandardCharsets.US_ASCII), m, start, ns);
                }
                if ((n + 1) * SipMessage.STRIDE > ix.length) {
                    ix = java.util.Arrays.copyOf(ix, ix.length * 2);
                    SCRATCH.set(ix);
                }
                SipMessage.putLine(ix, n++, id, ns, vs, ve, folded);
                if (id == clId) notes = contentLength(b, vs, ve, start, m, notes);
            }
        } finally {
            // Also when a limit was exceeded: the lines so far go with the error's partial message.
            m.setParsedIndex(ix, n);
        }
        m.bodyStart = body;
        return notes != null ? notes : m;
    }

    /**
     * Skips LWS after the colon (§25.1: {@code [*WSP CRLF] 1*WSP}): spaces, tabs, and a line
     * break followed by white space, so that a value starting on a continuation line
     * ({@code "To :\r\n sip:..."}, RFC 4475 §3.1.1.1) does not start with a line break.
     */
    private static int skipLws(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '\r' && p + 2 < end && b[p + 1] == '\n' && (b[p + 2] == ' ' || b[p + 2] == '\t')) {
                p += 3;
            } else if (c == '\n' && p + 1 < end && (b[p + 1] == ' ' || b[p + 1] == '\t')) {
                p += 2;
            } else {
                break;
            }
        }
        return p;
    }

    /** Length of the line {@code b[from..to)} without a final LF or CRLF. */
    private static int lineLength(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\n') to--;
        if (to > from && b[to - 1] == '\r') to--;
        return to - from;
    }

    /** The offset after the line break ending the (possibly folded) line containing {@code p}. */
    private static int endOfLine(byte[] b, int p, int end) {
        while (true) {
            int lf = indexOfLf(b, p, end);
            if (lf < 0) return end;
            if (lf + 1 < end && (b[lf + 1] == ' ' || b[lf + 1] == '\t')) {
                p = lf + 1;
                continue;
            }
            return lf + 1;
        }
    }

    /**
     * Content-Length = 1*DIGIT (§20.14), into {@code m.bodyLength}. A bad or conflicting value
     * is recorded in the notes (returned, made if needed), not thrown, so that the header
     * section is still indexed for the error response.
     */
    private static Notes contentLength(byte[] b, int vs, int ve, int start, SipMessage m, Notes notes) {
        if (notes != null && notes.badContentLength != null) return notes;
        String bad = null;
        int at = vs;
        int v = 0;
        if (ve == vs) {
            bad = "empty";
        } else {
            for (int i = vs; i < ve; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    bad = "not a number";
                    at = i;
                    break;
                }
                v = v * 10 + d;
                if (v > 999_999_999) { // leading zeros are allowed; values this large are not
                    bad = "too large";
                    break;
                }
            }
        }
        if (bad == null && m.bodyLength >= 0 && m.bodyLength != v) {
            // RFC 4475 §3.3.9: conflicting values leave the message unframeable.
            bad = "conflicting values";
        }
        if (bad != null) {
            notes = notes(notes, m);
            notes.badContentLength = bad;
            notes.badContentLengthOffset = at - start;
            m.bodyLength = -1;
            return notes;
        }
        m.bodyLength = v;
        return notes;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** {@code " SIP/2.0"} as a little-endian word: how a Request-Line ends. */
    private static final long SP_SIP_2_0 = (long) LONGS.get(" SIP/2.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
    private static final long BELOW_SO = 0x0E0E0E0E0E0E0E0EL;
    private static final long COLONS = 0x3A3A3A3A3A3A3A3AL;
    private static final long BELOW_EXCL = 0x2121212121212121L;
    private static final long FOLD = 0x2020202020202020L;

    /**
     * The fast way to a header name: when a colon follows within the first eight (or, through
     * {@link #mediumKnownName}, sixteen) bytes, the
     * bytes before it are no control, SP or HT, and fold to a defined name of that length,
     * they are that name (folding maps only letters of either case, digits and '-' onto the
     * lowercase letters, digits and '-' of defined names once bytes below 0x21 are excluded;
     * bytes from 0x80 match nothing). Returns {@code length << 16 | id}, or 0 for the byte
     * loop (longer names, white space before the colon, unknown or malformed names).
     */
    private static int shortKnownName(byte[] b, int p, int end) {
        if (p + 8 > end) return 0;
        long w = (long) LONGS.get(b, p);
        long x = w ^ COLONS;
        long colon = (x - ONES) & ~x & HIGHS;
        if (colon == 0) return p + 16 <= end ? mediumKnownName(b, p, w) : 0;
        int len = Long.numberOfTrailingZeros(colon) >>> 3; // exact for the lowest colon
        if (len == 0) return 0;
        long mask = (1L << (len << 3)) - 1;
        if (((w - BELOW_EXCL) & ~w & HIGHS & mask) != 0) return 0; // exact for the lowest such byte
        int id = HeaderNameTable.lookupShort((w | FOLD) & mask, len);
        return id == Header.UNKNOWN_ID ? 0 : len << 16 | id;
    }

    /**
     * {@link #shortKnownName} for names of eight to fifteen bytes (Max-Forwards, Content-Type,
     * Content-Length, User-Agent, Supported, Record-Route...): the colon is in the second
     * word {@code b[p+8..p+16)}; {@code w} is the first, which holds no colon.
     */
    private static int mediumKnownName(byte[] b, int p, long w) {
        if (((w - BELOW_EXCL) & ~w & HIGHS) != 0) return 0; // a control, SP or HT in the first eight bytes
        long w2 = (long) LONGS.get(b, p + 8);
        long x = w2 ^ COLONS;
        long colon = (x - ONES) & ~x & HIGHS;
        if (colon == 0) return 0;
        int len2 = Long.numberOfTrailingZeros(colon) >>> 3;
        long mask = (1L << (len2 << 3)) - 1; // 0 when the name is exactly eight bytes
        if (((w2 - BELOW_EXCL) & ~w2 & HIGHS & mask) != 0) return 0;
        int len = 8 + len2;
        int id = HeaderNameTable.lookupMedium(w | FOLD, (w2 | FOLD) & mask, len);
        return id == Header.UNKNOWN_ID ? 0 : len << 16 | id;
    }

    /**
     * Like {@link #indexOfLf}, for the first CR or LF. One test per eight bytes finds the
     * first byte below 0x0E (CR and LF are 0x0D and 0x0A; {@code (w - 0x0E..) & ~w & 0x80..}
     * is exact for the lowest such byte, as for LF above); a hit that is another control
     * character (in practice a HT inside a value) is stepped over.
     */
    static int indexOfCrOrLf(byte[] b, int from, int end) {
        int i = from;
        // Sixteen bytes per round: header values are some tens of bytes long, and two
        // independent tests per branch run in parallel.
        while (i + 16 <= end) {
            long w = (long) LONGS.get(b, i);
            long w2 = (long) LONGS.get(b, i + 8);
            long found = (w - BELOW_SO) & ~w & HIGHS;
            long found2 = (w2 - BELOW_SO) & ~w2 & HIGHS;
            if ((found | found2) == 0) {
                i += 16;
                continue;
            }
            int k = found != 0 ? i + (Long.numberOfTrailingZeros(found) >>> 3)
                    : i + 8 + (Long.numberOfTrailingZeros(found2) >>> 3); // each word's lowest hit is exact
            byte c = b[k];
            if (c == '\n' || c == '\r') return k;
            i = k + 1;
        }
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long found = (w - BELOW_SO) & ~w & HIGHS;
            if (found == 0) {
                i += 8;
                continue;
            }
            int k = i + (Long.numberOfTrailingZeros(found) >>> 3);
            byte c = b[k];
            if (c == '\n' || c == '\r') return k;
            i = k + 1;
        }
        for (; i < end; i++) {
            if (b[i] == '\n' || b[i] == '\r') return i;
        }
        return -1;
    }

    /**
     * The index of the next LF in {@code b[from..end)}, or -1. Header lines are tens of bytes
     * long, so this looks at eight bytes at a time (SWAR: a zero byte of {@code word ^ LF}
     * marks an LF; the lowest marked byte is exact, higher ones may be false positives, which
     * is why only the lowest is used), then finishes byte by byte.
     */
    static int indexOfLf(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(b, i) ^ LF_BYTES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < end; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    // ------------------------------------------------------------------ start line (§7.1, §7.2)

    /** The message of the start line {@code b[s..e)}, or {@link Notes} holding it (see {@link #scan}). */
    private static Object startLine(byte[] b, int s, int e) {
        if (e - s >= 12 && (long) LONGS.get(b, e - 8) == SP_SIP_2_0) {
            // The usual Request-Line, Method SP Request-URI SP SIP/2.0 with nothing else: the
            // message the general path below makes, without its searches and checks.
            int t1e = io.sipflow.message.internal.Lexer.tokenEnd(b, s, e);
            int us = t1e + 1;
            if (t1e > s && b[t1e] == ' ' && b[us] != ' ' && b[us] != '\t'
                    && io.sipflow.message.internal.Lexer.indexOfAny(b, us, e, (byte) ' ', (byte) '\t', (byte) ' ') == e - 8) {
                return new SipRequest(io.sipflow.message.internal.Lexer.internToken(b, s, t1e), us, e - 8, 0);
            }
        }
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
            return statusLine(b, s, t1s, t1e, t2s, t2e, t3s, e);
        }
        // Request-Line: the SIP-Version is the last element.
        int ve = e;
        while (ve > t3s && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) ve--;
        int vs = ve;
        while (vs > t3s && b[vs - 1] != ' ' && b[vs - 1] != '\t') vs--;
        if (ve == vs) throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "missing SIP-Version", null, t3s - s);
        int notToken = io.sipflow.message.internal.Lexer.tokenEnd(b, t1s, t1e); // eight bytes per step
        if (notToken != t1e) {
            throw new SipParseException(ParseProblem.MALFORMED_START_LINE, "method is not a token", null, notToken - s);
        }
        boolean v20 = checkVersion(b, vs, ve, s);
        int uriEnd = t2e;
        if (vs > t3s) {
            // More than three elements: white space inside the Request-URI (RFC 4475 §3.1.2.8).
            // The line is still a request, kept with the URI text as written up to the version,
            // so that the 400 can be answered from the partial message.
            uriEnd = vs;
            while (b[uriEnd - 1] == ' ' || b[uriEnd - 1] == '\t') uriEnd--;
        }
        // The shared constant for a known method (one word compared), else a new String.
        String method = io.sipflow.message.internal.Lexer.internToken(b, t1s, t1e);
        SipMessage m = new SipRequest(method, t2s, uriEnd, 0);
        Notes notes = null;
        if (!v20) (notes = new Notes(m)).defer(ParseProblem.VERSION_NOT_SUPPORTED, null, null, vs - s); // §21.5.6: 505, after the scan
        if (uriEnd != t2e) {
            (notes = notes(notes, m)).defer(ParseProblem.MALFORMED_START_LINE, "white space inside Request-URI or extra element",
                    null, t2e - s);
        }
        return notes != null ? notes : m;
    }

    private static Object statusLine(byte[] b, int s, int vs, int ve, int cs, int ce, int rs, int e) {
        boolean v20 = checkVersion(b, vs, ve, s);
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
        String reason = reasonPhrase(b, rs, re, code);
        SipMessage m = new SipResponse(code, reason, 0);
        if (v20) return m;
        Notes notes = new Notes(m);
        notes.defer(ParseProblem.VERSION_NOT_SUPPORTED, null, null, vs - s); // §21.5.6: 505, after the scan
        return notes;
    }

    /** The reason phrase; the standard one is shared rather than copied (most responses use it). */
    private static String reasonPhrase(byte[] b, int rs, int re, int code) {
        if (re <= rs) return "";
        String standard = SipStatus.reasonPhrase(code);
        int len = re - rs;
        if (standard.length() == len) {
            boolean same = true;
            for (int i = 0; i < len && same; i++) same = b[rs + i] == standard.charAt(i);
            if (same) return standard;
        }
        return new String(b, rs, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isSipVersionPrefix(byte[] b, int s, int e) {
        return e - s >= 4 && (b[s] | 0x20) == 's' && (b[s + 1] | 0x20) == 'i' && (b[s + 2] | 0x20) == 'p' && b[s + 3] == '/';
    }

    /**
     * SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported: false for another
     * well-formed version (→ 505, reported after the scan).
     */
    private static boolean checkVersion(byte[] b, int vs, int ve, int s) {
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
        return majorEnd - majorStart == 1 && b[majorStart] == '2' && ve - minorStart == 1 && b[minorStart] == '0';
    }

    private static int skipWs(byte[] b, int p, int e) {
        while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
    }

    private static int skipNonWs(byte[] b, int p, int e) {
        return io.sipflow.message.internal.Lexer.indexOfAny(b, p, e, (byte) ' ', (byte) '\t', (byte) ' '); // eight bytes per step
    }
}
