package io.sipflow.stack.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One SIP message per WebSocket message (RFC 7118 §5). Text frames are what browsers' SIP
 * stacks expect; a message that is not valid UTF-8 (a binary body) must go in a binary frame
 * (RFC 7118 §5.1, RFC 6455 §5.6).
 */
final class WebSocketFrames {
    private WebSocketFrames() {}

    static WebSocketFrame of(byte[] message) {
        return isUtf8(message)
                ? new TextWebSocketFrame(Unpooled.wrappedBuffer(message))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message));
    }

    /** Strict UTF-8 check (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF. */
    static boolean isUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n && b[i] >= 0) i++; // SIP is mostly ASCII: the fast path
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                len = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + len >= n) return false; // truncated sequence
            int cp = c & (0x3f >> len);
            for (int k = 1; k <= len; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) return false;
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
            i += len + 1;
        }
        return true;
    }
}
