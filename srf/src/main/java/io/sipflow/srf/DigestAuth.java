package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.DigestAlgorithm;
import io.sipflow.message.header.DigestChallenge;
import io.sipflow.message.header.DigestCredentials;
import java.util.List;
import java.util.Optional;

/**
 * The UAC side of digest authentication (RFC 3261 §22.2, RFC 7616, RFC 8760): answers the
 * challenges of a 401 (WWW-Authenticate → Authorization) or 407 (Proxy-Authenticate →
 * Proxy-Authorization), preferring SHA-256 over MD5 when both are offered.
 */
final class DigestAuth {
    private DigestAuth() {}

    /**
     * Adds credentials answering {@code challengeResponse} to {@code retry} (already carrying its
     * new CSeq). Returns false when there is nothing usable (no Digest challenge with a known
     * algorithm, or the provider declined).
     */
    static boolean authorize(SipRequest retry, SipResponse challengeResponse, CredentialsProvider provider) {
        boolean proxy = challengeResponse.status() == 407;
        List<DigestChallenge> challenges = challengeResponse.getAll(proxy ? Header.PROXY_AUTHENTICATE : Header.WWW_AUTHENTICATE);
        DigestChallenge chosen = null;
        for (DigestChallenge c : challenges) {
            if (!c.isDigest()) continue;
            DigestAlgorithm a = DigestAlgorithm.forToken(c.algorithm());
            if (a == null) continue;
            if (chosen == null || a == DigestAlgorithm.SHA_256) chosen = c;
        }
        if (chosen == null) return false;
        Optional<Credentials> creds = provider.credentialsFor(chosen);
        if (creds.isEmpty()) return false;
        DigestCredentials answer = DigestCredentials.answering(chosen)
                .username(creds.get().username())
                .uri(retry.requestUriText())
                .build(creds.get().password(), retry.method(), retry.body());
        Header<DigestCredentials> h = proxy ? Header.PROXY_AUTHORIZATION : Header.AUTHORIZATION;
        retry.remove(h);
        retry.add(h, answer);
        return true;
    }
}
