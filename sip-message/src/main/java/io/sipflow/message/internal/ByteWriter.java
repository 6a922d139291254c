package io.sipflow.message.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for serialization; not thread-safe. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }

    public ByteWriter write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public ByteWriter write(byte[] b) {
        return write(b, 0, b.length);
    }

    public ByteWriter write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** Writes a string as UTF-8 (ASCII fast path). */
    public ByteWriter write(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return write(s.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            buf[len++] = (byte) c;
        }
        return this;
    }

    public ByteWriter crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }
}
