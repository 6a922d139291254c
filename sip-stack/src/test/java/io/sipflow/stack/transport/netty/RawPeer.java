package io.sipflow.stack.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain blocking TCP socket playing a peer byte by byte; every read is bounded. */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) Recorder.WAIT_SECONDS * 1000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.connect(to, 10_000);
        return new RawPeer(s);
    }

    void write(String s) throws IOException {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Reads exactly {@code n} bytes. */
    String read(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Reads until the peer closes (bounded by the socket timeout); returns all bytes read. */
    String readToEnd() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Reads until {@code marker} has been seen; returns everything read. */
    String readUntil(String marker) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).contains(marker)) {
            int c = in.read();
            if (c < 0) break;
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** True when the other side closed the connection (EOF or reset) within the timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                int c = in.read();
                if (c < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
