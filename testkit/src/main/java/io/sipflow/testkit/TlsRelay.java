package io.sipflow.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A byte-for-byte relay between plain TCP and TLS on loopback, for peers that cannot speak TLS
 * themselves (Debian's SIPp is built without OpenSSL, so {@code -t l1} is unavailable there).
 * Each accepted connection gets its own upstream connection; bytes are copied unchanged both
 * ways, so the SIP messages are the peer's own (their Via still says TCP: only the hop between
 * the relay and the system under test is TLS). Closing either side closes both.
 *
 * <ul>
 *   <li>{@link #plainToTls}: a TCP client (SIPp) → relay → a TLS server (the stack under test);
 *   <li>{@link #tlsToPlain}: a TLS client (the stack under test) → relay → a TCP server (SIPp).
 * </ul>
 */
public final class TlsRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final Upstream upstream;
    private volatile boolean closed;

    @FunctionalInterface
    private interface Upstream {
        Socket connect() throws IOException;
    }

    private TlsRelay(ServerSocket server, Upstream upstream, String name) {
        this.server = server;
        this.upstream = upstream;
        Thread t = new Thread(this::acceptLoop, "tls-relay-" + name + "-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Listens for plain TCP on 127.0.0.1 (ephemeral port) and relays every connection over TLS
     * to {@code tlsTarget}, verifying the server with {@code client}'s trust managers.
     */
    public static TlsRelay plainToTls(InetSocketAddress tlsTarget, SSLContext client) {
        try {
            ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new TlsRelay(ss, () -> {
                SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket();
                s.connect(tlsTarget, 5_000);
                s.setTcpNoDelay(true);
                s.startHandshake();
                return s;
            }, "plain-to-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Listens for TLS on 127.0.0.1 (ephemeral port), presenting {@code server}'s identity, and
     * relays every connection as plain TCP to {@code plainTarget}.
     */
    public static TlsRelay tlsToPlain(SSLContext server, InetSocketAddress plainTarget) {
        try {
            SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new TlsRelay(ss, () -> {
                Socket s = new Socket();
                s.connect(plainTarget, 5_000);
                s.setTcpNoDelay(true);
                return s;
            }, "tls-to-plain");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the relay accepts on (127.0.0.1). */
    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Bytes relayed from the accepting side to upstream, and back. */
    public long bytesUp() {
        return bytesUp.get();
    }

    public long bytesDown() {
        return bytesDown.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            open.add(in);
            Thread t = new Thread(() -> connect(in), "tls-relay-conn-" + in.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void connect(Socket in) {
        Socket out = null;
        try {
            in.setTcpNoDelay(true);
            if (in instanceof SSLSocket ssl) ssl.startHandshake();
            out = upstream.connect();
            open.add(out);
            Socket o = out;
            Thread down = new Thread(() -> pump(o, in, bytesDown), "tls-relay-down-" + in.getPort());
            down.setDaemon(true);
            down.start();
            pump(in, out, bytesUp);
        } catch (IOException e) {
            closeQuietly(in, out);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buf = new byte[16_384];
        try {
            InputStream i = from.getInputStream();
            OutputStream o = to.getOutputStream();
            for (int n; (n = i.read(buf)) >= 0; ) {
                counter.addAndGet(n); // before the write: whoever reads the bytes sees them counted
                o.write(buf, 0, n);
                o.flush();
            }
        } catch (IOException e) {
            // a reset or a close on either side ends the pair
        } finally {
            closeQuietly(from, to);
        }
    }

    private void closeQuietly(Socket... sockets) {
        for (Socket s : sockets) {
            if (s == null) continue;
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        closeQuietly(List.copyOf(open).toArray(Socket[]::new));
    }

    @Override
    public String toString() {
        return "TlsRelay[127.0.0.1:" + port() + ", accepted=" + accepted + ", up=" + bytesUp + ", down=" + bytesDown + "]";
    }
}
