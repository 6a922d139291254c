package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One challenge of a WWW-Authenticate or Proxy-Authenticate header (RFC 3261 §20.44, §20.27,
 * §22, §25.1; RFC 7616 §3.3; RFC 8760):
 * {@code Digest realm="atlanta.com", nonce="84a4cc6f3082121f32b42a2187831a9e", qop="auth", algorithm=SHA-256}.
 *
 * <p>For the {@code Digest} scheme the known parameters are typed: realm, domain (a
 * space-separated URI list), nonce, opaque, stale, algorithm, the qop options (a quoted
 * comma-separated list), userhash and charset (RFC 7616); any other auth-param is kept in
 * order in {@link #params()}. Any other scheme (e.g. {@code Bearer}, RFC 8898) keeps all its
 * auth-params raw in {@link #params()}, or its token68 (RFC 7235 §2.1).
 *
 * <p>Reading is liberal where deployed peers differ from the grammar: a quoted or unquoted
 * value is accepted for any parameter (e.g. {@code qop=auth}, {@code algorithm="MD5"}),
 * {@code stale} is true only for {@code true} in any case (RFC 2617 §3.2.1), and empty list
 * elements are skipped. A parameter given twice is an error (RFC 7235 §2.1). {@link #toString()}
 * writes the canonical form: realm, domain, nonce, opaque and qop quoted; stale, algorithm,
 * userhash and charset as tokens (RFC 7616 §3.3).
 *
 * <p>Immutable. Scheme, algorithm, qop options and charset compare case-insensitively, the
 * other values exactly.
 */
public final class DigestChallenge {
    /** The {@code Digest} auth-scheme. */
    public static final String DIGEST = "Digest";

    private final String scheme;
    private final String realm;
    private final List<String> domain;
    private final String nonce;
    private final String opaque;
    private final boolean stale;
    private final String algorithm;
    private final List<String> qop;
    private final boolean userhash;
    private final String charset;
    private final Parameters params;
    private final String token68;

    private DigestChallenge(String scheme, String realm, List<String> domain, String nonce, String opaque,
            boolean stale, String algorithm, List<String> qop, boolean userhash, String charset,
            Parameters params, String token68) {
        this.scheme = scheme;
        this.realm = realm;
        this.domain = List.copyOf(domain);
        this.nonce = nonce;
        this.opaque = opaque;
        this.stale = stale;
        this.algorithm = algorithm;
        this.qop = List.copyOf(qop);
        this.userhash = userhash;
        this.charset = charset;
        this.params = params == null ? Parameters.EMPTY : params;
        this.token68 = token68;
    }

    /** A Digest challenge with a realm and a nonce (algorithm MD5 by default, no qop). */
    public static DigestChallenge of(String realm, String nonce) {
        return builder().realm(realm).nonce(nonce).build();
    }

    /** A builder for a Digest challenge (e.g. for a UAS or registrar answering 401/407). */
    public static Builder builder() {
        return new Builder();
    }

    /** A challenge of another scheme with auth-params (raw values, quotes kept). */
    public static DigestChallenge other(String scheme, Parameters params) {
        checkOtherScheme(scheme);
        AuthParams.checkRaw(params);
        return new DigestChallenge(scheme, null, List.of(), null, null, false, null, List.of(), false, null, params, null);
    }

    /** A challenge of another scheme carrying a token68 (RFC 7235 §2.1). */
    public static DigestChallenge token68(String scheme, String token68) {
        checkOtherScheme(scheme);
        DigestChallenge c;
        try {
            c = parse(scheme + " " + token68);
        } catch (io.sipflow.message.SipParseException e) {
            c = null;
        }
        if (c == null || c.token68 == null) throw new IllegalArgumentException("not a token68: " + token68);
        return c;
    }

    private static void checkOtherScheme(String scheme) {
        if (scheme == null || !Lexer.isToken(scheme)) throw new IllegalArgumentException("bad auth-scheme: " + scheme);
        if (scheme.equalsIgnoreCase(DIGEST)) throw new IllegalArgumentException("use builder() for Digest");
    }

    /** Parses one challenge at the lexer's position. */
    public static DigestChallenge parse(Lexer lx) {
        lx.skipWs();
        String scheme = lx.token();
        boolean digest = scheme.equalsIgnoreCase(DIGEST);
        AuthParams.Body body = AuthParams.parseBody(lx, !digest);
        if (!digest) {
            return new DigestChallenge(scheme, null, List.of(), null, null, false, null, List.of(), false, null,
                    AuthParams.toParameters(body.params()), body.token68());
        }
        String realm = null;
        String nonce = null;
        String opaque = null;
        String algorithm = null;
        String charset = null;
        boolean stale = false;
        boolean userhash = false;
        List<String> domain = List.of();
        List<String> qop = List.of();
        List<AuthParams.Param> others = new ArrayList<>(0);
        for (AuthParams.Param p : body.params()) {
            switch (p.name().toLowerCase(Locale.ROOT)) {
                case "realm" -> realm = p.value();
                case "domain" -> domain = splitDomain(p.value());
                case "nonce" -> nonce = p.value();
                case "opaque" -> opaque = p.value();
                case "stale" -> stale = p.value().equalsIgnoreCase("true");
                case "algorithm" -> algorithm = p.value();
                case "qop" -> qop = splitQop(lx, p);
                case "userhash" -> userhash = AuthParams.bool(lx, p);
                case "charset" -> charset = p.value();
                default -> others.add(p);
            }
        }
        return new DigestChallenge(DIGEST, realm, domain, nonce, opaque, stale, algorithm, qop, userhash, charset,
                AuthParams.toParameters(others), null);
    }

    /** Parses a whole header value holding one challenge. */
    public static DigestChallenge parse(String text) {
        Lexer lx = new Lexer(text, "WWW-Authenticate");
        DigestChallenge c = parse(lx);
        lx.expectEnd();
        return c;
    }

    private static List<String> splitDomain(String v) {
        List<String> out = new ArrayList<>(2);
        for (String s : v.split("[ \t]+")) {
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    private static List<String> splitQop(Lexer lx, AuthParams.Param p) {
        List<String> out = new ArrayList<>(2);
        for (String s : p.value().split(",", -1)) {
            String t = s.strip();
            if (t.isEmpty()) continue;
            if (!Lexer.isToken(t)) {
                lx.pos(p.at());
                throw lx.error("qop option is not a token: " + t);
            }
            out.add(t);
        }
        return out;
    }

    /** The auth-scheme: {@code Digest} (normalized), or another scheme as written. */
    public String scheme() {
        return scheme;
    }

    /** True for the Digest scheme. */
    public boolean isDigest() {
        return scheme.equals(DIGEST);
    }

    /** The realm; for another scheme its {@code realm} auth-param (RFC 7235 §2.2); null when absent. */
    public String realm() {
        return isDigest() ? realm : params.get("realm");
    }

    /** The protection-space URIs of the {@code domain} parameter; empty when absent. */
    public List<String> domain() {
        return domain;
    }

    public String nonce() {
        return nonce;
    }

    /** The opaque value to be echoed in the credentials, or null ({@code ""} is kept as such). */
    public String opaque() {
        return opaque;
    }

    /** True when the previous request was refused only because its nonce was stale (RFC 7616 §3.3). */
    public boolean isStale() {
        return stale;
    }

    /** The {@code algorithm} token as written, or null when absent (which means MD5). */
    public String algorithm() {
        return algorithm;
    }

    /** The algorithm as an enum; MD5 when absent; null for an algorithm this module does not know. */
    public DigestAlgorithm digestAlgorithm() {
        return DigestAlgorithm.forToken(algorithm);
    }

    /** The qop options offered ({@code auth}, {@code auth-int}, …); empty when absent (RFC 2069 mode). */
    public List<String> qopOptions() {
        return qop;
    }

    /** True when {@code option} is among the qop options, case-insensitively. */
    public boolean supportsQop(String option) {
        for (String q : qop) {
            if (q.equalsIgnoreCase(option)) return true;
        }
        return false;
    }

    /** True when the server supports a hashed username (RFC 7616 §3.4.4). */
    public boolean userhash() {
        return userhash;
    }

    /** The {@code charset} parameter (RFC 7616 §3.3: only {@code UTF-8}), or null. */
    public String charset() {
        return charset;
    }

    /** The other auth-params (raw values); for a non-Digest scheme, all of them. */
    public Parameters params() {
        return params;
    }

    /** Any parameter by name with quotes removed, typed ones included; null when absent. */
    public String param(String name) {
        if (isDigest()) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "realm": return realm;
                case "domain": return domain.isEmpty() ? null : String.join(" ", domain);
                case "nonce": return nonce;
                case "opaque": return opaque;
                case "stale": return stale ? "true" : null;
                case "algorithm": return algorithm;
                case "qop": return qop.isEmpty() ? null : String.join(",", qop);
                case "userhash": return userhash ? "true" : null;
                case "charset": return charset;
                default: break;
            }
        }
        return params.get(name);
    }

    /** The token68 of a non-Digest challenge, or null. */
    public String token68() {
        return token68;
    }

    /** A builder initialized from this Digest challenge. */
    public Builder toBuilder() {
        if (!isDigest()) throw new IllegalStateException("not a Digest challenge");
        Builder b = new Builder();
        b.realm = realm;
        b.domain = domain;
        b.nonce = nonce;
        b.opaque = opaque;
        b.stale = stale;
        b.algorithm = algorithm;
        b.qop = qop;
        b.userhash = userhash;
        b.charset = charset;
        b.params = params;
        return b;
    }

    /** A copy with a new nonce (e.g. with {@code stale=true}, RFC 7616 §3.3). */
    public DigestChallenge withNonce(String newNonce) {
        return toBuilder().nonce(newNonce).build();
    }

    public DigestChallenge withStale(boolean s) {
        return toBuilder().stale(s).build();
    }

    public DigestChallenge withAlgorithm(String alg) {
        return toBuilder().algorithm(alg).build();
    }

    public DigestChallenge withQop(String... options) {
        return toBuilder().qop(options).build();
    }

    public DigestChallenge withOpaque(String o) {
        return toBuilder().opaque(o).build();
    }

    /** Sets (or with null removes) another auth-param; quoted unless it is a token. */
    public DigestChallenge withParam(String name, String value) {
        if (!isDigest()) return other(scheme, AuthParams.withOther(params, name, value));
        return toBuilder().param(name, value).build();
    }

    /** Builds a Digest challenge. Realm and nonce are required. */
    public static final class Builder {
        private String realm;
        private List<String> domain = List.of();
        private String nonce;
        private String opaque;
        private boolean stale;
        private String algorithm;
        private List<String> qop = List.of();
        private boolean userhash;
        private String charset;
        private Parameters params = Parameters.EMPTY;

        private Builder() {}

        public Builder realm(String v) {
            realm = AuthParams.checkValue("realm", v);
            return this;
        }

        /** The protection space: URIs (no white space inside). */
        public Builder domain(String... uris) {
            List<String> l = new ArrayList<>(uris.length);
            for (String u : uris) {
                if (u.isEmpty() || u.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
                    throw new IllegalArgumentException("bad domain URI: " + u);
                }
                l.add(u);
            }
            domain = l;
            return this;
        }

        public Builder nonce(String v) {
            nonce = AuthParams.checkValue("nonce", v);
            return this;
        }

        public Builder opaque(String v) {
            opaque = AuthParams.checkValue("opaque", v);
            return this;
        }

        public Builder stale(boolean v) {
            stale = v;
            return this;
        }

        /** The algorithm token (null for none, meaning MD5). */
        public Builder algorithm(String v) {
            if (v != null && !Lexer.isToken(v)) throw new IllegalArgumentException("bad algorithm: " + v);
            algorithm = v;
            return this;
        }

        public Builder algorithm(DigestAlgorithm v) {
            return algorithm(v.token());
        }

        /** The qop options, e.g. {@code qop("auth", "auth-int")}; none for RFC 2069 mode. */
        public Builder qop(String... options) {
            for (String o : options) {
                if (!Lexer.isToken(o)) throw new IllegalArgumentException("bad qop option: " + o);
            }
            qop = Arrays.asList(options.clone());
            return this;
        }

        public Builder userhash(boolean v) {
            userhash = v;
            return this;
        }

        public Builder charset(String v) {
            if (v != null && !Lexer.isToken(v)) throw new IllegalArgumentException("bad charset: " + v);
            charset = v;
            return this;
        }

        /** Another auth-param, written as a token when it is one, else quoted; null removes it. */
        public Builder param(String name, String value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop", "userhash", "charset" ->
                        throw new IllegalArgumentException("use the typed setter for " + name);
                default -> params = AuthParams.withOther(params, name, value);
            }
            return this;
        }

        public DigestChallenge build() {
            if (realm == null) throw new IllegalStateException("realm is required");
            if (nonce == null) throw new IllegalStateException("nonce is required");
            return new DigestChallenge(DIGEST, realm, domain, nonce, opaque, stale, algorithm, qop, userhash, charset,
                    params, null);
        }
    }

    @Override
    public String toString() {
        if (token68 != null) return scheme + " " + token68;
        AuthParams.Writer w = new AuthParams.Writer(scheme);
        if (isDigest()) {
            w.quoted("realm", realm);
            if (!domain.isEmpty()) w.quoted("domain", String.join(" ", domain));
            w.quoted("nonce", nonce).quoted("opaque", opaque);
            if (stale) w.token("stale", "true");
            w.token("algorithm", algorithm);
            if (!qop.isEmpty()) w.quoted("qop", String.join(",", qop));
            if (userhash) w.token("userhash", "true");
            w.token("charset", charset);
        }
        return w.raw(params).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DigestChallenge c)) return false;
        return scheme.equalsIgnoreCase(c.scheme) && Objects.equals(realm, c.realm) && domain.equals(c.domain)
                && Objects.equals(nonce, c.nonce) && Objects.equals(opaque, c.opaque) && stale == c.stale
                && AuthParams.eqIgnoreCase(algorithm, c.algorithm) && lowerAll(qop).equals(lowerAll(c.qop))
                && userhash == c.userhash && AuthParams.eqIgnoreCase(charset, c.charset) && params.equals(c.params)
                && Objects.equals(token68, c.token68);
    }

    private static List<String> lowerAll(List<String> l) {
        return l.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public int hashCode() {
        return Objects.hash(AuthParams.lower(scheme), realm, nonce, opaque, stale, AuthParams.lower(algorithm),
                lowerAll(qop), params, token68);
    }
}
