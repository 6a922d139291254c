package io.sipflow.stack.transport.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.TlsConfig;
import java.io.File;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS contexts from {@link TlsConfig}: the server side of TLS/WSS listeners and the client
 * side of outbound TLS/WSS connections (the same identity serves both, as a proxy presents
 * one certificate for its domain, RFC 5922 §7.1). JDK provider: no native library needed.
 */
final class SslContexts {
    private SslContexts() {}

    static SslContext server(TlsConfig tls) throws SSLException {
        SslContextBuilder b = SslContextBuilder
                .forServer(file(tls.certificateChain()), file(tls.privateKey()), tls.privateKeyPassword())
                .sslProvider(SslProvider.JDK)
                .protocols(tls.protocols())
                .clientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        trust(b, tls);
        return b.build();
    }

    /** The client context; {@code tls} null = JDK default trust, no client certificate. */
    static SslContext client(TlsConfig tls) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (tls != null) {
            b.protocols(tls.protocols());
            if (tls.certificateChain() != null) {
                // Mutual TLS (RFC 5630 §3.4): present our identity when the server asks.
                b.keyManager(file(tls.certificateChain()), file(tls.privateKey()), tls.privateKeyPassword());
            }
            trust(b, tls);
        } else {
            b.protocols(TlsConfig.DEFAULT_PROTOCOLS);
        }
        return b.build();
    }

    private static void trust(SslContextBuilder b, TlsConfig tls) {
        if (tls.trustAll()) b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        else if (tls.trustedCertificates() != null) b.trustManager(file(tls.trustedCertificates()));
        // else: the JDK's default trust store
    }

    /**
     * A client-side handler for one connection. With a server name, it is sent as SNI
     * (RFC 6066 §3) and, unless disabled, the certificate must match it (RFC 5922 §7.2, the
     * RFC 2818 rules of the JDK's "HTTPS" identification).
     */
    static SslHandler clientHandler(SslContext ctx, ByteBufAllocator alloc, Destination d, TlsConfig tls, long handshakeMillis) {
        String name = d.serverName();
        String peerHost = name != null ? name : NetUtil.toAddressString(d.address().getAddress());
        SslHandler h = ctx.newHandler(alloc, peerHost, d.address().getPort());
        if (name != null) {
            SSLEngine engine = h.engine();
            SSLParameters p = engine.getSSLParameters();
            try {
                p.setServerNames(List.of(new SNIHostName(name)));
            } catch (IllegalArgumentException notAHostName) {
                // an IP literal or otherwise not a DNS name: no SNI
            }
            boolean verify = tls == null || (tls.verifyHostname() && !tls.trustAll());
            if (verify) p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        h.setHandshakeTimeoutMillis(handshakeMillis);
        return h;
    }

    static SslHandler serverHandler(SslContext ctx, ByteBufAllocator alloc, long handshakeMillis) {
        SslHandler h = ctx.newHandler(alloc);
        h.setHandshakeTimeoutMillis(handshakeMillis);
        return h;
    }

    private static File file(java.nio.file.Path p) {
        return p.toFile();
    }
}
