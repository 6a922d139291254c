package io.sipflow.stack.transport.netty;

import io.sipflow.testkit.ExternalPeers;
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

/**
 * Self-signed test identities as PEM files, made once per test JVM with the JDK's own
 * {@code keytool} (always there with a JDK; no BouncyCastle, no deprecated Netty helper):
 * an EC P-256 key and certificate with SANs, exported to PEM (PKCS#8 key) in Java.
 */
final class TestCerts {
    record Identity(Path certificate, Path privateKey) {}

    private static Identity localhost;
    private static Identity stranger;

    private TestCerts() {}

    /** CN=localhost with SAN dns:localhost, ip:127.0.0.1, ip:::1. */
    static synchronized Identity localhost() {
        if (localhost == null) localhost = generate("localhost", "SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        return localhost;
    }

    /** Another self-signed identity that nobody trusts, also valid for localhost. */
    static synchronized Identity stranger() {
        if (stranger == null) stranger = generate("stranger", "SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        return stranger;
    }

    private static Identity generate(String name, String san) {
        Path keytool = ExternalPeers.require(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "openjdk-21-jdk-headless");
        try {
            Path dir = Files.createTempDirectory("sipflow-tls-" + name);
            Path store = dir.resolve("id.p12");
            char[] pw = "changeit".toCharArray();
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "sip",
                            "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                            "-dname", "CN=" + name, "-ext", san, "-validity", "3", "-storetype", "PKCS12",
                            "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool: " + out);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pw);
            }
            PrivateKey key = (PrivateKey) ks.getKey("sip", pw);
            Certificate cert = ks.getCertificate("sip");
            Path certPem = dir.resolve("cert.pem");
            Path keyPem = dir.resolve("key.pem");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // PKCS#8
            dir.toFile().deleteOnExit();
            store.toFile().deleteOnExit();
            certPem.toFile().deleteOnExit();
            keyPem.toFile().deleteOnExit();
            return new Identity(certPem, keyPem);
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
