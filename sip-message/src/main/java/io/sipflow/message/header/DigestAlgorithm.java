package io.sipflow.message.header;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Digest algorithms SIP uses (RFC 3261 §22.4 MD5; RFC 7616 §3.3 and RFC 8760: SHA-256
 * and SHA-512/256, each with a {@code -sess} variant). The {@code algorithm} parameter of
 * {@link DigestChallenge} and {@link DigestCredentials} stays an extensible token; this enum
 * names the ones whose hash this module can compute.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

    private final String token;
    private final String javaName;
    private final boolean session;

    DigestAlgorithm(String token, String javaName, boolean session) {
        this.token = token;
        this.javaName = javaName;
        this.session = session;
    }

    /** The token as written in the {@code algorithm} parameter, e.g. {@code SHA-256-sess}. */
    public String token() {
        return token;
    }

    /** True for a {@code -sess} variant (A1 includes the nonce and cnonce, RFC 7616 §3.4.2). */
    public boolean isSession() {
        return session;
    }

    /**
     * The algorithm named by an {@code algorithm} parameter value (case-insensitively); an absent
     * parameter (null) means MD5 (RFC 3261 §20.44, RFC 7616 §3.3); null for an unknown one.
     */
    public static DigestAlgorithm forToken(String token) {
        if (token == null) return MD5;
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) return a;
        }
        return null;
    }

    /** H(data): the lower-case hex digest of the UTF-8 bytes of {@code data} (RFC 7616 §3.4). */
    public String hash(String data) {
        return hash(data.getBytes(StandardCharsets.UTF_8));
    }

    /** H(data) of raw bytes (e.g. the entity-body for qop=auth-int). */
    public String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is not available", e);
        }
    }

    /** KD(secret, data) = H(secret ":" data) (RFC 7616 §3.4). */
    public String kd(String secret, String data) {
        return hash(secret + ":" + data);
    }

    @Override
    public String toString() {
        return token;
    }
}
