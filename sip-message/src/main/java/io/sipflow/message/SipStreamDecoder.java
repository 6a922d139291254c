package io.sipflow.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * Frames SIP messages on a byte stream (TCP, TLS; RFC 3261 §18.3): feed it whatever each
 * read returned, and it emits every complete message — several per read, or one split across
 * many reads. Content-Length is mandatory on streams; without it, with a bad value, or with a
 * header section that cannot be scanned (malformed start line, a limit exceeded), framing is
 * lost and the connection should be answered (if possible) and closed: the decoder then
 * refuses further input. A message that is framed but not acceptable (505, a malformed header
 * line) goes to {@link Listener#onInvalidMessage} and decoding continues.
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

        /**
         * A complete message whose framing is intact but which is not acceptable: a SIP-Version
         * other than 2.0 (answer 505, RFC 3261 §21.5.6), white space inside the Request-URI or a
         * malformed header line (answer 400); answer it from {@code error.partialMessage()}.
         * Decoding continues with the next message. By default the error is thrown from
         * {@link #decode}; the decoder is then not failed, and the next call to {@code decode}
         * (with new data, or none) continues with the bytes already buffered.
         */
        default void onInvalidMessage(SipParseException error) {
            throw error;
        }
    }

    private final ParserLimits limits;
    private byte[] buf = new byte[4096];
    private int start; // first unconsumed byte
    private int end; // end of buffered data
    private int scanFrom; // where the header-end search resumes
    private int pendingTotal = -1; // total length of the message being awaited once headers are known
    private SipMessage pending;
    /** What the scanner noted about {@link #pending}, or null. */
    private MessageScanner.Notes pendingNotes;
    private boolean failed;
    /** The last bytes seen were a lone CRLF reported as a pong (maybe half a ping). */
    private boolean pongEndedData;
    /** True while a listener method runs: what it throws does not fail the decoder. */
    private boolean inListener;

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
     *     start line, a limit exceeded); the decoder is then {@linkplain #isFailed failed}
     *     and the exception's partial message, if any, can be answered with 400 before closing.
     *     Also whatever a listener method throws (by default {@link Listener#onInvalidMessage}
     *     throws its argument); the decoder is then not failed.
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
            // Thrown by the decoder itself: framing is lost. Thrown by a listener method (e.g.
            // onInvalidMessage, or validate() called in onMessage): the message was consumed and
            // the decoder can go on.
            if (!inListener) failed = true;
            throw e;
        } finally {
            inListener = false;
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
            // Keep-alives between messages: CRLFCRLF = ping, CRLF = pong (RFC 5626 §4.4.1). A read
            // may end inside a ping: "\r\n\r" waits for its last byte; a lone CRLF ending the
            // data is reported as a pong at once (a client is waiting for it), and when the next
            // data starts with another CRLF, that one completes a ping.
            while (start < end && buf[start] == '\r') {
                int left = end - start;
                if (left == 1) return false; // CR: a keep-alive's LF follows, or garbage
                if (buf[start + 1] != '\n') break;
                boolean ping;
                if (left >= 4 && buf[start + 2] == '\r' && buf[start + 3] == '\n') {
                    start += 4;
                    ping = true;
                } else if (left == 3 && buf[start + 2] == '\r') {
                    return false; // the next byte decides between ping and pong
                } else {
                    start += 2;
                    ping = pongEndedData; // the second half of a ping split after its first CRLF
                }
                pongEndedData = !ping && start == end;
                inListener = true;
                if (ping) listener.onKeepAlivePing();
                else listener.onKeepAlivePong();
                inListener = false;
            }
            if (start < end) pongEndedData = false;
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
            Object scanned;
            try {
                scanned = MessageScanner.scan(buf, start, headerEnd, limits);
            } catch (SipParseException e) {
                throw detach(e);
            }
            SipMessage r = MessageScanner.message(scanned);
            MessageScanner.Notes notes = MessageScanner.notes(scanned);
            int contentLength = r.bodyLength; // the scanner leaves Content-Length there (-1: none or unusable)
            if (notes != null && notes.badContentLength != null) {
                // RFC 3261 §18.3 / RFC 4475 §3.1.2.3: the framing error is not recoverable.
                throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, notes.badContentLength, "Content-Length",
                        notes.badContentLengthOffset, detach(r, headerEnd - start, 0));
            }
            if (contentLength < 0) {
                SipMessage partial = detach(r, headerEnd - start, 0);
                throw new SipParseException(ParseProblem.MISSING_CONTENT_LENGTH, null, "Content-Length", -1, partial);
            }
            if (contentLength > limits.maxBodySize()) {
                throw new SipParseException(ParseProblem.BODY_TOO_LARGE, contentLength + " bytes", null, -1,
                        detach(r, headerEnd - start, 0));
            }
            int total = headerEnd - start + contentLength;
            if (total > limits.maxMessageSize()) {
                throw new SipParseException(ParseProblem.MESSAGE_TOO_LARGE, total + " bytes", null, -1,
                        detach(r, headerEnd - start, 0));
            }
            pending = r;
            pendingNotes = notes;
            pendingTotal = total;
        }
        if (end - start < pendingTotal) return false;
        SipMessage m = pending;
        int contentLength = m.bodyLength;
        int headerLen = pendingTotal - contentLength;
        MessageScanner.Notes notes = pendingNotes;
        detach(m, headerLen, contentLength);
        start += pendingTotal;
        scanFrom = start;
        pending = null;
        pendingNotes = null;
        pendingTotal = -1;
        SipParseException invalid = notes == null ? null : notes.deferred(m);
        inListener = true;
        if (invalid != null) listener.onInvalidMessage(invalid);
        else listener.onMessage(m);
        inListener = false;
        return true;
    }

    /**
     * Gives the message its own copy of its bytes (the decoder's buffer is reused), rebasing
     * the index, which holds absolute offsets into the buffer.
     */
    private SipMessage detach(SipMessage m, int headerLen, int bodyLen) {
        int len = Math.min(headerLen + bodyLen, end - start);
        byte[] own = Arrays.copyOfRange(buf, start, start + len);
        m.rebase(own, start);
        m.bodyStart = headerLen;
        m.bodyLength = Math.max(0, len - headerLen);
        m.msgEnd = len;
        return m;
    }

    /** A scanner error whose partial message points into {@link #buf}: the same, on a copy of its bytes. */
    private SipParseException detach(SipParseException e) {
        SipMessage m = e.partialMessage();
        if (m == null || m.buf != buf) return e;
        int len = m.msgEnd - start;
        m.rebase(Arrays.copyOfRange(buf, start, start + len), start);
        m.bodyStart -= start;
        m.msgEnd = len;
        return e;
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
