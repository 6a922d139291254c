package io.sipflow.message.header;

import io.sipflow.message.SipParseException;
import io.sipflow.message.internal.Lexer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The credentials of an Authorization or Proxy-Authorization header (RFC 3261 §20.7, §20.28,
 * §22.4, §25.1; RFC 7616 §3.4; RFC 8760):
 * {@code Digest username="bob", realm="biloxi.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
 * uri="sip:bob@biloxi.com", qop=auth, nc=00000001, cnonce="0a4f113b",
 * response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"}.
 *
 * <p>One credential per header field value: these headers are not comma-separated lists
 * (the commas separate auth-params), a request carries one line per credential.
 *
 * <p>For the {@code Digest} scheme the known parameters are typed: username, realm, nonce,
 * uri, response, algorithm, cnonce, opaque, qop, nc (exactly 8 hex digits) and userhash
 * (RFC 7616 §3.4.4); any other auth-param (e.g. {@code username*}) is kept in order in
 * {@link #params()}. Any other scheme keeps all its auth-params raw in {@link #params()}, or
 * its token68 (RFC 7235 §2.1, e.g. {@code Bearer} of RFC 8898).
 *
 * <p>Reading is liberal: a quoted or unquoted value is accepted for any parameter (some
 * clients send {@code qop="auth"}). {@link #toString()} writes the canonical form: username,
 * realm, nonce, uri, response, cnonce and opaque quoted; algorithm, qop, nc and userhash as
 * tokens (RFC 3261 §25.1, RFC 7616 §3.4). A parameter given twice is an error.
 *
 * <p>A UAC answering a 401/407 builds its credentials with {@link #answering(DigestChallenge)};
 * a UAS checks them with {@link #matches(String, String, byte[])}.
 *
 * <p>Immutable. Scheme, algorithm, qop and nc compare case-insensitively, the other values
 * exactly.
 */
public final class DigestCredentials {
    /** The {@code Digest} auth-scheme. */
    public static final String DIGEST = "Digest";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String scheme;
    private final String username;
    private final String realm;
    private final String nonce;
    private final String uri;
    private final String response;
    private final String algorithm;
    private final String cnonce;
    private final String opaque;
    private final String qop;
    private final String nc;
    private final boolean userhash;
    private final Parameters params;
    private final String token68;

    private DigestCredentials(String scheme, String username, String realm, String nonce, String uri,
            String response, String algorithm, String cnonce, String opaque, String qop, String nc, boolean userhash,
            Parameters params, String token68) {
        this.scheme = scheme;
        this.username = username;
        this.realm = realm;
        this.nonce = nonce;
        this.uri = uri;
        this.response = response;
        this.algorithm = algorithm;
        this.cnonce = cnonce;
        this.opaque = opaque;
        this.qop = qop;
        this.nc = nc;
        this.userhash = userhash;
        this.params = params == null ? Parameters.EMPTY : params;
        this.token68 = token68;
    }

    /** An empty builder for Digest credentials. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder answering {@code challenge} (RFC 3261 §22.2, RFC 7616 §3.4): realm, nonce,
     * opaque and algorithm copied; qop {@code auth} chosen when offered, else {@code auth-int},
     * else none (RFC 2069 compatibility); userhash when the server supports it. Set the
     * username and uri, then {@link Builder#build(String, String, byte[])} computes the response.
     */
    public static Builder answering(DigestChallenge challenge) {
        if (!challenge.isDigest()) throw new IllegalArgumentException("not a Digest challenge: " + challenge.scheme());
        Builder b = new Builder();
        b.realm = challenge.realm();
        b.nonce = challenge.nonce();
        b.opaque = challenge.opaque();
        b.algorithm = challenge.algorithm();
        b.userhash = challenge.userhash();
        if (challenge.supportsQop("auth")) b.qop = "auth";
        else if (challenge.supportsQop("auth-int")) b.qop = "auth-int";
        return b;
    }

    /** Credentials of another scheme with auth-params (raw values, quotes kept). */
    public static DigestCredentials other(String scheme, Parameters params) {
        checkOtherScheme(scheme);
        AuthParams.checkRaw(params);
        return new DigestCredentials(scheme, null, null, null, null, null, null, null, null, null, null, false, params, null);
    }

    /** Credentials of another scheme carrying a token68, e.g. {@code Bearer} (RFC 8898). */
    public static DigestCredentials token68(String scheme, String token68) {
        checkOtherScheme(scheme);
        DigestCredentials c;
        try {
            c = parse(scheme + " " + token68);
        } catch (SipParseException e) {
            c = null;
        }
        if (c == null || c.token68 == null) throw new IllegalArgumentException("not a token68: " + token68);
        return c;
    }

    private static void checkOtherScheme(String scheme) {
        if (scheme == null || !Lexer.isToken(scheme)) throw new IllegalArgumentException("bad auth-scheme: " + scheme);
        if (scheme.equalsIgnoreCase(DIGEST)) throw new IllegalArgumentException("use builder() for Digest");
    }

    /** Parses one credential at the lexer's position. */
    public static DigestCredentials parse(Lexer lx) {
        lx.skipWs();
        String scheme = lx.token();
        boolean digest = scheme.equalsIgnoreCase(DIGEST);
        AuthParams.Body body = AuthParams.parseBody(lx, !digest);
        if (!digest) {
            return new DigestCredentials(scheme, null, null, null, null, null, null, null, null, null, null, false,
                    AuthParams.toParameters(body.params()), body.token68());
        }
        String username = null;
        String realm = null;
        String nonce = null;
        String uri = null;
        String response = null;
        String algorithm = null;
        String cnonce = null;
        String opaque = null;
        String qop = null;
        String nc = null;
        boolean userhash = false;
        List<AuthParams.Param> others = new ArrayList<>(0);
        for (AuthParams.Param p : body.params()) {
            switch (p.name().toLowerCase(Locale.ROOT)) {
                case "username" -> username = p.value();
                case "realm" -> realm = p.value();
                case "nonce" -> nonce = p.value();
                case "uri" -> uri = p.value();
                case "response" -> response = p.value();
                case "algorithm" -> algorithm = p.value();
                case "cnonce" -> cnonce = p.value();
                case "opaque" -> opaque = p.value();
                case "qop" -> qop = p.value();
                case "nc" -> nc = AuthParams.nc(lx, p);
                case "userhash" -> userhash = AuthParams.bool(lx, p);
                default -> others.add(p);
            }
        }
        return new DigestCredentials(DIGEST, username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc,
                userhash, AuthParams.toParameters(others), null);
    }

    /** Parses a whole header value holding one credential. */
    public static DigestCredentials parse(String text) {
        Lexer lx = new Lexer(text, "Authorization");
        DigestCredentials c = parse(lx);
        lx.expectEnd();
        return c;
    }

    /** The auth-scheme: {@code Digest} (normalized), or another scheme as written. */
    public String scheme() {
        return scheme;
    }

    public boolean isDigest() {
        return scheme.equals(DIGEST);
    }

    /** The username, or with {@link #userhash()} the hashed username (RFC 7616 §3.4.4); null when absent. */
    public String username() {
        return username;
    }

    /** The realm; for another scheme its {@code realm} auth-param; null when absent. */
    public String realm() {
        return isDigest() ? realm : params.get("realm");
    }

    public String nonce() {
        return nonce;
    }

    /** The digest-uri: the Request-URI as the client sent it (RFC 3261 §22.4). */
    public String uri() {
        return uri;
    }

    /** The request-digest (hex), or null. */
    public String response() {
        return response;
    }

    /** The {@code algorithm} token as written, or null when absent (MD5). */
    public String algorithm() {
        return algorithm;
    }

    /** The algorithm as an enum; MD5 when absent; null for one this module does not know. */
    public DigestAlgorithm digestAlgorithm() {
        return DigestAlgorithm.forToken(algorithm);
    }

    public String cnonce() {
        return cnonce;
    }

    public String opaque() {
        return opaque;
    }

    /** The chosen qop ({@code auth}, {@code auth-int}, …), or null. */
    public String qop() {
        return qop;
    }

    /** The nonce count as written: 8 hex digits, or null. */
    public String nc() {
        return nc;
    }

    /** The nonce count as a number, or -1 when absent. */
    public long nonceCount() {
        return nc == null ? -1 : Long.parseLong(nc, 16);
    }

    /** True when {@link #username()} is the hash H(username ":" realm) (RFC 7616 §3.4.4). */
    public boolean userhash() {
        return userhash;
    }

    /** The other auth-params (raw values); for a non-Digest scheme, all of them. */
    public Parameters params() {
        return params;
    }

    /** Any parameter by name with quotes removed, typed ones included; null when absent. */
    public String param(String name) {
        if (isDigest()) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "username": return username;
                case "realm": return realm;
                case "nonce": return nonce;
                case "uri": return uri;
                case "response": return response;
                case "algorithm": return algorithm;
                case "cnonce": return cnonce;
                case "opaque": return opaque;
                case "qop": return qop;
                case "nc": return nc;
                case "userhash": return userhash ? "true" : null;
                default: break;
            }
        }
        return params.get(name);
    }

    /** The token68 of non-Digest credentials, or null. */
    public String token68() {
        return token68;
    }

    /** A builder initialized from these Digest credentials. */
    public Builder toBuilder() {
        if (!isDigest()) throw new IllegalStateException("not Digest credentials");
        Builder b = new Builder();
        b.username = username;
        b.realm = realm;
        b.nonce = nonce;
        b.uri = uri;
        b.response = response;
        b.algorithm = algorithm;
        b.cnonce = cnonce;
        b.opaque = opaque;
        b.qop = qop;
        b.nc = nc;
        b.userhash = userhash;
        b.params = params;
        return b;
    }

    public DigestCredentials withResponse(String r) {
        return toBuilder().response(r).build();
    }

    public DigestCredentials withNonceCount(long count) {
        return toBuilder().nonceCount(count).build();
    }

    public DigestCredentials withNonce(String n) {
        return toBuilder().nonce(n).build();
    }

    /** Sets (or with null removes) another auth-param; quoted unless it is a token. */
    public DigestCredentials withParam(String name, String value) {
        if (!isDigest()) return other(scheme, AuthParams.withOther(params, name, value));
        return toBuilder().param(name, value).build();
    }

    /**
     * The request-digest these credentials should carry for {@code password} (RFC 7616 §3.4.1,
     * RFC 3261 §22.4), using {@link #username()} as the username.
     *
     * @param method the request method (for ACK and CANCEL, that of the request, §22.4)
     * @param body the message body, used only for {@code qop=auth-int} (null for none)
     * @throws IllegalStateException when the algorithm is unknown, when the username is hashed
     *     (use {@link #expectedResponse(String, String, String, byte[])}), or a -sess algorithm
     *     lacks a cnonce
     */
    public String expectedResponse(String password, String method, byte[] body) {
        if (userhash) throw new IllegalStateException("username is hashed: pass the real username");
        return expectedResponse(username, password, method, body);
    }

    /** Like {@link #expectedResponse(String, String, byte[])} with the real (unhashed) username. */
    public String expectedResponse(String realUsername, String password, String method, byte[] body) {
        if (!isDigest()) throw new IllegalStateException("not Digest credentials");
        return compute(digestAlgorithm(), realUsername, realm, password, nonce, cnonce, nc, qop, method, uri, body);
    }

    /**
     * True when {@link #response()} is the one {@code password} gives (constant-time
     * comparison, case-insensitive hex). For a UAS or registrar checking a request.
     */
    public boolean matches(String password, String method, byte[] body) {
        return matches(username, password, method, body);
    }

    /** Like {@link #matches(String, String, byte[])} with the real username (for userhash). */
    public boolean matches(String realUsername, String password, String method, byte[] body) {
        if (response == null || !isDigest() || digestAlgorithm() == null || realUsername == null) return false;
        String expected = expectedResponse(realUsername, password, method, body);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The {@code rspauth} a server returns in Authentication-Info for these credentials
     * (RFC 7616 §3.5, RFC 2617 §3.2.3): computed like the response with an empty method in A2.
     *
     * @param realUsername the unhashed username, or null to use {@link #username()}
     * @param body the response body, used only for {@code qop=auth-int}
     */
    public String expectedRspauth(String realUsername, String password, byte[] body) {
        if (!isDigest()) throw new IllegalStateException("not Digest credentials");
        String user = realUsername != null ? realUsername : username;
        if (realUsername == null && userhash) throw new IllegalStateException("username is hashed: pass the real username");
        return compute(digestAlgorithm(), user, realm, password, nonce, cnonce, nc, qop, "", uri, body);
    }

    static String compute(DigestAlgorithm alg, String username, String realm, String password, String nonce,
            String cnonce, String nc, String qop, String method, String uri, byte[] body) {
        if (alg == null) throw new IllegalStateException("unsupported digest algorithm");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(method, "method");
        if (username == null || realm == null || nonce == null || uri == null) {
            throw new IllegalStateException("username, realm, nonce and uri are required");
        }
        String ha1 = alg.hash(username + ":" + realm + ":" + password);
        if (alg.isSession()) {
            if (cnonce == null) throw new IllegalStateException(alg + " requires a cnonce");
            ha1 = alg.hash(ha1 + ":" + nonce + ":" + cnonce);
        }
        String a2 = method + ":" + uri;
        if ("auth-int".equalsIgnoreCase(qop)) a2 = a2 + ":" + alg.hash(body == null ? new byte[0] : body);
        String ha2 = alg.hash(a2);
        if (qop == null) return alg.kd(ha1, nonce + ":" + ha2);
        if (cnonce == null || nc == null) throw new IllegalStateException("qop requires cnonce and nc");
        return alg.kd(ha1, nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Builds Digest credentials; see {@link DigestCredentials#answering(DigestChallenge)}. */
    public static final class Builder {
        private String username;
        private String realm;
        private String nonce;
        private String uri;
        private String response;
        private String algorithm;
        private String cnonce;
        private String opaque;
        private String qop;
        private String nc;
        private boolean userhash;
        private Parameters params = Parameters.EMPTY;

        private Builder() {}

        /** The username (the real one: with userhash, {@link #build(String, String, byte[])} hashes it). */
        public Builder username(String v) {
            username = AuthParams.checkValue("username", v);
            return this;
        }

        public Builder realm(String v) {
            realm = AuthParams.checkValue("realm", v);
            return this;
        }

        public Builder nonce(String v) {
            nonce = AuthParams.checkValue("nonce", v);
            return this;
        }

        /** The digest-uri: the Request-URI of the request (RFC 3261 §22.4). */
        public Builder uri(String v) {
            uri = AuthParams.checkValue("uri", v);
            return this;
        }

        public Builder uri(io.sipflow.message.uri.Uri v) {
            return uri(v.toString());
        }

        public Builder response(String v) {
            response = AuthParams.checkValue("response", v);
            return this;
        }

        public Builder algorithm(String v) {
            if (v != null && !Lexer.isToken(v)) throw new IllegalArgumentException("bad algorithm: " + v);
            algorithm = v;
            return this;
        }

        public Builder algorithm(DigestAlgorithm v) {
            return algorithm(v.token());
        }

        public Builder cnonce(String v) {
            cnonce = AuthParams.checkValue("cnonce", v);
            return this;
        }

        public Builder opaque(String v) {
            opaque = AuthParams.checkValue("opaque", v);
            return this;
        }

        public Builder qop(String v) {
            if (v != null && !Lexer.isToken(v)) throw new IllegalArgumentException("bad qop: " + v);
            qop = v;
            return this;
        }

        /** The nonce count, 1 for the first request with a nonce (written as 8 hex digits). */
        public Builder nonceCount(long count) {
            nc = AuthParams.nc(count);
            return this;
        }

        public Builder userhash(boolean v) {
            userhash = v;
            return this;
        }

        /** Another auth-param, written as a token when it is one, else quoted; null removes it. */
        public Builder param(String name, String value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc",
                        "userhash" -> throw new IllegalArgumentException("use the typed setter for " + name);
                default -> params = AuthParams.withOther(params, name, value);
            }
            return this;
        }

        /** The credentials as set, nothing computed. */
        public DigestCredentials build() {
            return new DigestCredentials(DIGEST, username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc,
                    userhash, params, null);
        }

        /**
         * Computes the response for {@code password} and builds (RFC 7616 §3.4.1): with a qop
         * or a -sess algorithm, a random cnonce is chosen unless set and the nonce count
         * defaults to 1; with userhash the username is replaced by H(username ":" realm)
         * (RFC 7616 §3.4.4). The builder itself is left as it was: for the next request with
         * the same nonce, set {@link #nonceCount(long)} to the next count and build again.
         *
         * @param method the request method
         * @param body the body, used only for {@code qop=auth-int} (null for none)
         * @throws IllegalStateException when username, realm, nonce or uri is missing, or the
         *     algorithm is not one of {@link DigestAlgorithm}
         */
        public DigestCredentials build(String password, String method, byte[] body) {
            DigestAlgorithm alg = DigestAlgorithm.forToken(algorithm);
            if (alg == null) throw new IllegalStateException("unsupported digest algorithm: " + algorithm);
            String cn = cnonce;
            if ((qop != null || alg.isSession()) && cn == null) {
                byte[] r = new byte[16];
                RANDOM.nextBytes(r);
                cn = HexFormat.of().formatHex(r);
            }
            String count = qop != null && nc == null ? AuthParams.nc(1) : nc;
            String digest = compute(alg, username, realm, password, nonce, cn, count, qop, method, uri, body);
            String user = userhash ? alg.hash(username + ":" + realm) : username;
            return new DigestCredentials(DIGEST, user, realm, nonce, uri, digest, algorithm, cn, opaque, qop, count,
                    userhash, params, null);
        }
    }

    @Override
    public String toString() {
        if (token68 != null) return scheme + " " + token68;
        AuthParams.Writer w = new AuthParams.Writer(scheme);
        if (isDigest()) {
            w.quoted("username", username).quoted("realm", realm).quoted("nonce", nonce).quoted("uri", uri)
                    .quoted("response", response).token("algorithm", algorithm).quoted("cnonce", cnonce)
                    .quoted("opaque", opaque).token("qop", qop).token("nc", nc);
            if (userhash) w.token("userhash", "true");
        }
        return w.raw(params).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DigestCredentials c)) return false;
        return scheme.equalsIgnoreCase(c.scheme) && Objects.equals(username, c.username) && Objects.equals(realm, c.realm)
                && Objects.equals(nonce, c.nonce) && Objects.equals(uri, c.uri) && Objects.equals(response, c.response)
                && AuthParams.eqIgnoreCase(algorithm, c.algorithm) && Objects.equals(cnonce, c.cnonce)
                && Objects.equals(opaque, c.opaque) && AuthParams.eqIgnoreCase(qop, c.qop)
                && AuthParams.eqIgnoreCase(nc, c.nc) && userhash == c.userhash && params.equals(c.params)
                && Objects.equals(token68, c.token68);
    }

    @Override
    public int hashCode() {
        return Objects.hash(AuthParams.lower(scheme), username, realm, nonce, uri, response, AuthParams.lower(qop),
                AuthParams.lower(nc), params, token68);
    }
}
