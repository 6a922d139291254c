package io.sipflow.testkit;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed test identities, made with the JDK's own {@code keytool} (always there with a
 * JDK): an EC P-256 key and certificate, as PEM files (for code that takes PEM, e.g. the
 * stack's {@code TlsConfig}) and as a PKCS#12 store (for plain JSSE, e.g. {@link TlsRelay}).
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Identity localhost;

    private TestCertificates() {}

    /**
     * A certificate, its PKCS#8 private key, and the PKCS#12 store holding both (alias
     * {@code sip}, password {@code changeit}).
     */
    public record Identity(Path certificate, Path privateKey, Path keyStore) {
        /** A context that presents this identity and trusts exactly this certificate. */
        public SSLContext sslContext() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    ks.load(in, PASSWORD);
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, PASSWORD);
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("sip", ks.getCertificate("sip"));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return ctx;
            } catch (Exception e) {
                throw new IllegalStateException("cannot load " + keyStore, e);
            }
        }
    }

    /** CN=localhost with SAN dns:localhost, ip:127.0.0.1, ip:::1; made once per JVM. */
    public static synchronized Identity localhost() {
        if (localhost == null) localhost = generate("localhost", "SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        return localhost;
    }

    /** A fresh self-signed identity with the given CN and keytool {@code -ext} value. */
    public static Identity generate(String name, String san) {
        Path keytool = ExternalPeers.require(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "openjdk-21-jdk-headless");
        try {
            Path dir = Files.createTempDirectory("sipflow-tls-" + name);
            Path store = dir.resolve("id.p12");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "sip",
                            "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                            "-dname", "CN=" + name, "-ext", san, "-validity", "3", "-storetype", "PKCS12",
                            "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool: " + out);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            PrivateKey key = (PrivateKey) ks.getKey("sip", PASSWORD);
            Certificate cert = ks.getCertificate("sip");
            Path certPem = dir.resolve("cert.pem");
            Path keyPem = dir.resolve("key.pem");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // PKCS#8
            for (Path f : List.of(dir, store, certPem, keyPem)) f.toFile().deleteOnExit();
            return new Identity(certPem, keyPem, store);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
