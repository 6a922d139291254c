package io.sipflow.stack.transport;

import io.sipflow.message.ParserLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every limit and timeout of the transport layer, explicit (a hostile peer may cost only a
 * bounded amount of memory, descriptors and CPU). Build with {@link #builder()}; every field
 * has a documented default.
 *
 * @param listenPoints the listeners to bind (none = a client-only layer)
 * @param tls key material and trust for TLS/WSS listeners and outbound TLS/WSS; null = no TLS
 *     listeners allowed, outbound TLS with the JDK's default trust and no client certificate
 * @param parserLimits message size limits (default {@link ParserLimits#DEFAULT}: 64 KiB)
 * @param maxConnections open TCP/TLS/WS/WSS connections, inbound and outbound together
 *     (default 4096); a new inbound connection beyond it is closed at once, a new outbound
 *     one fails the send
 * @param idleTimeout a connection with no traffic either way for this long is closed
 *     (default 300 s, longer than the 120 s keep-alive RFC 5626 §4.4.1 suggests for
 *     connection-oriented flows); {@link Duration#ZERO} = never
 * @param connectTimeout TCP connect timeout for outbound connections (default 10 s)
 * @param handshakeTimeout TLS handshake and WebSocket upgrade timeout (default 10 s)
 * @param keepAliveInterval on connections this layer opened, send a keep-alive ping (CRLF CRLF
 *     on TCP/TLS, a WebSocket Ping on WS/WSS; RFC 5626 §4.4.1) when nothing was written for
 *     this long (default {@link Duration#ZERO} = off)
 * @param keepAlivePongTimeout close the connection when a ping gets no pong within this time
 *     (default 10 s, RFC 5626 §4.4.1)
 * @param udpReceiveBufferSize SO_RCVBUF of UDP sockets (default 4 MiB; the kernel caps it at
 *     net.core.rmem_max, and the listener warns when it does). The buffer absorbs the pauses of
 *     the reading thread (a young collection, a descheduled vCPU): at 16,000 calls/s one event
 *     loop receives ~48,000 datagrams/s, and 1 MiB overflowed in the 10-20 ms young pauses
 *     (8,780 datagrams dropped in 10 s, docs/BENCHMARKS.md); 4 MiB dropped none up to 18,000
 * @param udpSendBufferSize SO_SNDBUF of UDP sockets (default 1 MiB; capped at wmem_max)
 * @param writeBufferLowWaterMark a connection becomes writable again below this (default 256 KiB)
 * @param writeBufferHighWaterMark beyond this many queued bytes a connection is unwritable and
 *     sends on it fail with an IOException instead of queueing without bound (default 1 MiB)
 * @param udpMtuThreshold a request larger than this many bytes goes over TCP instead of UDP
 *     (RFC 3261 §18.1.1: 1300 = 200 bytes under an unknown path MTU of 1500; default 1300;
 *     {@link Integer#MAX_VALUE} disables the rule)
 * @param ioThreads event-loop threads shared by all listeners and connections (default 0 =
 *     half the cores, at least one: see {@code IoRuntime#defaultThreads})
 * @param nativeTransport use Linux epoll when available, else NIO (default true)
 * @param udpReusePort on epoll, bind one UDP socket per event loop to the same port with
 *     SO_REUSEPORT so the kernel spreads datagrams over all cores (default true)
 * @param webSocketPath the request path of outbound WebSocket upgrades (default {@code /});
 *     listeners accept an upgrade on any path
 */
public record TransportConfig(
        List<ListenPoint> listenPoints,
        TlsConfig tls,
        ParserLimits parserLimits,
        int maxConnections,
        Duration idleTimeout,
        Duration connectTimeout,
        Duration handshakeTimeout,
        Duration keepAliveInterval,
        Duration keepAlivePongTimeout,
        int udpReceiveBufferSize,
        int udpSendBufferSize,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark,
        int udpMtuThreshold,
        int ioThreads,
        boolean nativeTransport,
        boolean udpReusePort,
        String webSocketPath) {

    public TransportConfig {
        listenPoints = List.copyOf(listenPoints);
        Objects.requireNonNull(parserLimits, "parserLimits");
        requireNonNegative(idleTimeout, "idleTimeout");
        requireNonNegative(keepAliveInterval, "keepAliveInterval");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(keepAlivePongTimeout, "keepAlivePongTimeout");
        if (maxConnections < 0) throw new IllegalArgumentException("maxConnections must be >= 0");
        if (udpReceiveBufferSize <= 0 || udpSendBufferSize <= 0) throw new IllegalArgumentException("UDP buffer sizes must be positive");
        if (writeBufferLowWaterMark <= 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("need 0 < writeBufferLowWaterMark <= writeBufferHighWaterMark");
        }
        if (udpMtuThreshold <= 0) throw new IllegalArgumentException("udpMtuThreshold must be positive");
        if (ioThreads < 0) throw new IllegalArgumentException("ioThreads must be >= 0");
        Objects.requireNonNull(webSocketPath, "webSocketPath");
        if (!webSocketPath.startsWith("/")) throw new IllegalArgumentException("webSocketPath must start with /");
        for (ListenPoint lp : listenPoints) {
            if (lp.transport().isSecure() && (tls == null || tls.certificateChain() == null)) {
                throw new IllegalArgumentException(lp.describe() + " needs TlsConfig with a certificate and key");
            }
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }

    /** The defaults with these listeners. */
    public static TransportConfig of(ListenPoint... listenPoints) {
        return builder().listen(listenPoints).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.listenPoints.addAll(listenPoints);
        b.tls = tls;
        b.parserLimits = parserLimits;
        b.maxConnections = maxConnections;
        b.idleTimeout = idleTimeout;
        b.connectTimeout = connectTimeout;
        b.handshakeTimeout = handshakeTimeout;
        b.keepAliveInterval = keepAliveInterval;
        b.keepAlivePongTimeout = keepAlivePongTimeout;
        b.udpReceiveBufferSize = udpReceiveBufferSize;
        b.udpSendBufferSize = udpSendBufferSize;
        b.writeBufferLowWaterMark = writeBufferLowWaterMark;
        b.writeBufferHighWaterMark = writeBufferHighWaterMark;
        b.udpMtuThreshold = udpMtuThreshold;
        b.ioThreads = ioThreads;
        b.nativeTransport = nativeTransport;
        b.udpReusePort = udpReusePort;
        b.webSocketPath = webSocketPath;
        return b;
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private final List<ListenPoint> listenPoints = new ArrayList<>();
        private TlsConfig tls;
        private ParserLimits parserLimits = ParserLimits.DEFAULT;
        private int maxConnections = 4096;
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration keepAliveInterval = Duration.ZERO;
        private Duration keepAlivePongTimeout = Duration.ofSeconds(10);
        private int udpReceiveBufferSize = 4 << 20;
        private int udpSendBufferSize = 1 << 20;
        private int writeBufferLowWaterMark = 256 << 10;
        private int writeBufferHighWaterMark = 1 << 20;
        private int udpMtuThreshold = 1300;
        private int ioThreads;
        private boolean nativeTransport = true;
        private boolean udpReusePort = true;
        private String webSocketPath = "/";

        private Builder() {}

        public Builder listen(ListenPoint... lps) {
            listenPoints.addAll(List.of(lps));
            return this;
        }

        /** Adds listeners in the {@link ListenPoint#parse} form, e.g. {@code "udp:127.0.0.1:5060"}. */
        public Builder listen(String... specs) {
            for (String s : specs) listenPoints.add(ListenPoint.parse(s));
            return this;
        }

        public Builder tls(TlsConfig v) {
            tls = v;
            return this;
        }

        public Builder parserLimits(ParserLimits v) {
            parserLimits = v;
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder handshakeTimeout(Duration v) {
            handshakeTimeout = v;
            return this;
        }

        public Builder keepAliveInterval(Duration v) {
            keepAliveInterval = v;
            return this;
        }

        public Builder keepAlivePongTimeout(Duration v) {
            keepAlivePongTimeout = v;
            return this;
        }

        public Builder udpBufferSizes(int receive, int send) {
            udpReceiveBufferSize = receive;
            udpSendBufferSize = send;
            return this;
        }

        public Builder writeBufferWaterMarks(int low, int high) {
            writeBufferLowWaterMark = low;
            writeBufferHighWaterMark = high;
            return this;
        }

        public Builder udpMtuThreshold(int v) {
            udpMtuThreshold = v;
            return this;
        }

        public Builder ioThreads(int v) {
            ioThreads = v;
            return this;
        }

        public Builder nativeTransport(boolean v) {
            nativeTransport = v;
            return this;
        }

        public Builder udpReusePort(boolean v) {
            udpReusePort = v;
            return this;
        }


        public Builder webSocketPath(String v) {
            webSocketPath = v;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(listenPoints, tls, parserLimits, maxConnections, idleTimeout, connectTimeout,
                    handshakeTimeout, keepAliveInterval, keepAlivePongTimeout, udpReceiveBufferSize, udpSendBufferSize,
                    writeBufferLowWaterMark, writeBufferHighWaterMark, udpMtuThreshold, ioThreads, nativeTransport,
                    udpReusePort, webSocketPath);
        }
    }
}
