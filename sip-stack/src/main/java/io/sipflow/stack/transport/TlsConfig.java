package io.sipflow.stack.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * TLS settings shared by the TLS and WSS listeners and by outbound TLS/WSS connections
 * (RFC 3261 §26.3.1, RFC 5630, RFC 5922, RFC 7118 §5.1). Key material comes from PEM files.
 *
 * @param certificateChain PEM certificate chain (leaf first) presented by listeners and, for
 *     mutual TLS, by outbound connections; null for a client-only setup without a client cert
 * @param privateKey PEM PKCS#8 private key for {@code certificateChain}
 * @param privateKeyPassword password of an encrypted PKCS#8 key, or null
 * @param trustedCertificates PEM file of trust anchors for verifying peers; null = the JDK's
 *     default trust store
 * @param clientAuth whether listeners ask inbound peers for a certificate
 * @param trustAll accept any peer certificate (tests only: disables verification entirely)
 * @param verifyHostname check the server certificate against {@link Destination#serverName()}
 *     when the caller gives one (RFC 5922 §7.2); a numeric destination without a server name
 *     is verified for its chain only
 * @param protocols enabled protocol versions, e.g. {@code TLSv1.3, TLSv1.2}
 */
public record TlsConfig(
        Path certificateChain,
        Path privateKey,
        String privateKeyPassword,
        Path trustedCertificates,
        ClientAuth clientAuth,
        boolean trustAll,
        boolean verifyHostname,
        List<String> protocols) {

    /** Whether a TLS server requests a client certificate (RFC 5630 §3.4 mutual TLS). */
    public enum ClientAuth {
        NONE,
        OPTIONAL,
        REQUIRE
    }

    /** TLS 1.2 is still what many SIP devices speak; older versions are broken (RFC 8996). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsConfig {
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = protocols == null ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        if ((certificateChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("certificateChain and privateKey go together");
        }
    }

    /** A server (and client) identity from PEM files; default trust; no client auth. */
    public static TlsConfig of(Path certificateChain, Path privateKey) {
        return new TlsConfig(certificateChain, privateKey, null, null, ClientAuth.NONE, false, true, DEFAULT_PROTOCOLS);
    }

    /** A client without its own certificate that trusts the given anchors (null = JDK default). */
    public static TlsConfig client(Path trustedCertificates) {
        return new TlsConfig(null, null, null, trustedCertificates, ClientAuth.NONE, false, true, DEFAULT_PROTOCOLS);
    }

    public TlsConfig withTrustedCertificates(Path pem) {
        return new TlsConfig(certificateChain, privateKey, privateKeyPassword, pem, clientAuth, trustAll, verifyHostname, protocols);
    }

    public TlsConfig withClientAuth(ClientAuth mode) {
        return new TlsConfig(certificateChain, privateKey, privateKeyPassword, trustedCertificates, mode, trustAll, verifyHostname, protocols);
    }

    /** Accepts any certificate: for tests and lab setups, never production. */
    public TlsConfig withTrustAll(boolean on) {
        return new TlsConfig(certificateChain, privateKey, privateKeyPassword, trustedCertificates, clientAuth, on, verifyHostname, protocols);
    }

    public TlsConfig withVerifyHostname(boolean on) {
        return new TlsConfig(certificateChain, privateKey, privateKeyPassword, trustedCertificates, clientAuth, trustAll, on, protocols);
    }

    public TlsConfig withPrivateKeyPassword(String password) {
        return new TlsConfig(certificateChain, privateKey, password, trustedCertificates, clientAuth, trustAll, verifyHostname, protocols);
    }

    public TlsConfig withProtocols(List<String> versions) {
        return new TlsConfig(certificateChain, privateKey, privateKeyPassword, trustedCertificates, clientAuth, trustAll, verifyHostname, versions);
    }
}
