package io.sipflow.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * Frames SIP messages on a byte stream (TCP, TLS; RFC 3261 §18.3): feed it whatever each
 * read returned, and it emits every complete message — several per read, or one split across
 * many reads. Content-Length is mandatory on streams; without it, or with a malformed
 * header section, framing is lost and the connection should be answered (if possible) and
 * closed: the decoder then refuses further input.
 *
 * <p>CRLF keep-alives between messages (RFC 5626 §4.4.1) are reported: a double CRLF
 * "ping" must be answered with a single CRLF "pong" by the transport.
 *
 * <p>One decoder per connection, used by that connection's thread only. Each emitted message
 * owns a copy of its bytes, so the decoder's buffer is reused.
 */
public final class SipStreamDecoder {
    /** What the decoder produces. */
    public interface Listener {
        /** A complete, framed message. */
        void onMessage(SipMessage message);

        /** A CRLF CRLF keep-alive ping (answer with CRLF) — RFC 5626 §4.4.1. */
        default void onKeepAlivePing() {}

        /** A single CRLF between messages (a pong, or padding). */
        default void onKeepAlivePong() {}
    }

    private final ParserLimits limits;
    private byte[] buf = new byte[4096];
    private int start; // first unconsumed byte
    private int end; // end of buffered data
    private int scanFrom; // where the header-end search resumes
    private int pendingTotal = -1; // total length of the message being awaited once headers are known
    private MessageScanner.Result pending;
    private boolean failed;

    public SipStreamDecoder(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    public SipStreamDecoder() {
        this(ParserLimits.DEFAULT);
    }

    /** Bytes buffered but not yet emitted. */
    public int buffered() {
        return end - start;
    }

    /** True once framing was lost; the connection should be closed. */
    public boolean isFailed() {
        return failed;
    }

    /**
     * Feeds {@code data[off..off+len)}.
     *
     * @throws SipParseException when framing is lost (missing or bad Content-Length, malformed
     *     header section, a limit exceeded); the decoder is then {@linkplain #isFailed failed}
     *     and the exception's partial message, if any, can be answered with 400 before closing
     */
    public void decode(byte[] data, int off, int len, Listener listener) {
        if (failed) throw new IllegalStateException("decoder failed earlier; close the connection");
        Objects.checkFromIndexSize(off, len, data.length);
        append(data, off, len);
        try {
            while (emitOne(listener)) {
                // keep going: several messages may have arrived in one read
            }
        } catch (SipParseException e) {
            failed = true;
            throw e;
        }
        compact();
    }

    private void append(byte[] data, int off, int len) {
        if (end + len > buf.length) {
            int live = end - start;
            if (live + len <= buf.length && start > 0) {
                System.arraycopy(buf, start, buf, 0, live);
                scanFrom -= start;
                end = live;
                start = 0;
            } else {
                int cap = buf.length;
                while (cap < live + len) cap *= 2;
                byte[] n = new byte[cap];
                System.arraycopy(buf, start, n, 0, live);
                scanFrom -= start;
                buf = n;
                end = live;
                start = 0;
            }
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    private void compact() {
        if (start == end) {
            start = end = scanFrom = 0;
            if (buf.length > 65536) buf = new byte[4096]; // give back memory after a large message
        }
    }

    private boolean emitOne(Listener listener) {
        if (pending == null) {
            // Keep-alives between messages: CRLFCRLF = ping, CRLF = pong (RFC 5626 §4.4.1).
            while (end - start >= 2 && buf[start] == '\r' && buf[start + 1] == '\n') {
                if (end - start >= 4 && buf[start + 2] == '\r' && buf[start + 3] == '\n') {
                    start += 4;
                    listener.onKeepAlivePing();
                } else {
                    start += 2;
                    listener.onKeepAlivePong();
                }
            }
            while (start < end && buf[start] == '\n') start++; // stray LF
            if (start == end) {
                scanFrom = start;
                return false;
            }
            if (scanFrom < start) scanFrom = start;
            int headerEnd = findHeaderEnd();
            if (headerEnd < 0) {
                if (end - start > limits.maxMessageSize()) {
                    throw new SipParseException(ParseProblem.MESSAGE_TOO_LARGE, "header section never ends", null, 0);
                }
                return false;
            }
            MessageScanner.Result r = MessageScanner.scan(buf, start, headerEnd, limits);
            r.bodyStart = headerEnd;
            if (r.contentLength < 0) {
                SipMessage partial = detach(r, headerEnd - start, 0);
                throw new SipParseException(ParseProblem.MISSING_CONTENT_LENGTH, null, "Content-Length", -1, partial);
            }
            if (r.contentLength > limits.maxBodySize()) {
                throw new SipParseException(ParseProblem.BODY_TOO_LARGE, r.contentLength + " bytes", null, -1,
                        detach(r, headerEnd - start, 0));
            }
            int total = headerEnd - start + r.contentLength;
            if (total > limits.maxMessageSize()) {
                throw new SipParseException(ParseProblem.MESSAGE_TOO_LARGE, total + " bytes", null, -1,
                        detach(r, headerEnd - start, 0));
            }
            pending = r;
            pendingTotal = total;
        }
        if (end - start < pendingTotal) return false;
        MessageScanner.Result r = pending;
        int headerLen = pendingTotal - r.contentLength;
        SipMessage m = detach(r, headerLen, r.contentLength);
        start += pendingTotal;
        scanFrom = start;
        pending = null;
        pendingTotal = -1;
        if (r.badVersion) {
            throw new SipParseException(ParseProblem.VERSION_NOT_SUPPORTED, null, null, 0, m);
        }
        listener.onMessage(m);
        return true;
    }

    /**
     * Gives the message its own copy of its bytes (the decoder's buffer is reused), rebasing
     * the index, which holds absolute offsets into the buffer.
     */
    private SipMessage detach(MessageScanner.Result r, int headerLen, int bodyLen) {
        int len = Math.min(headerLen + bodyLen, end - start);
        byte[] own = Arrays.copyOfRange(buf, start, start + len);
        SipMessage m = r.message;
        m.rebase(own, start);
        m.bodyStart = headerLen;
        m.bodyLength = Math.max(0, len - headerLen);
        m.msgEnd = len;
        return m;
    }

    /** Index of the first byte after CRLFCRLF (or LFLF), or -1; resumes where it stopped. */
    private int findHeaderEnd() {
        int i = Math.max(scanFrom, start);
        for (; i < end; i++) {
            if (buf[i] != '\n') continue;
            if (i + 1 < end && buf[i + 1] == '\n') return i + 2;
            if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') return i + 3;
            if (i + 2 >= end) break; // need more bytes to decide
        }
        scanFrom = Math.max(start, Math.min(i, end - 2));
        return -1;
    }
}
