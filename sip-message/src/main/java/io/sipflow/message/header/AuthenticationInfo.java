package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Authentication-Info header (RFC 3261 §20.6, §25.1; RFC 7615 §3; RFC 7616 §3.5): mutual
 * authentication and the next nonce after a successful Digest authentication,
 * {@code nextnonce="47364c23432d2e131a5fb210812c", qop=auth, rspauth="…", cnonce="0a4f113b", nc=00000001}.
 *
 * <p>Typed: nextnonce, qop, rspauth, cnonce and nc (8 hex digits); any other auth-param is kept
 * in order in {@link #params()}. Reading accepts quoted or unquoted values; {@link #toString()}
 * quotes nextnonce, rspauth and cnonce and writes qop and nc as tokens. Immutable.
 */
public final class AuthenticationInfo {
    private final String nextnonce;
    private final String qop;
    private final String rspauth;
    private final String cnonce;
    private final String nc;
    private final Parameters params;

    private AuthenticationInfo(String nextnonce, String qop, String rspauth, String cnonce, String nc, Parameters params) {
        this.nextnonce = nextnonce;
        this.qop = qop;
        this.rspauth = rspauth;
        this.cnonce = cnonce;
        this.nc = nc;
        this.params = params == null ? Parameters.EMPTY : params;
    }

    /** {@code nextnonce="…"} alone: the nonce the client should use next (RFC 3261 §20.6). */
    public static AuthenticationInfo of(String nextnonce) {
        return new AuthenticationInfo(AuthParams.checkValue("nextnonce", Objects.requireNonNull(nextnonce)), null, null,
                null, null, null);
    }

    /**
     * The answer to {@code credentials}: qop, cnonce and nc echoed (RFC 7616 §3.5), with the
     * given rspauth (see {@link DigestCredentials#expectedRspauth}) and optional next nonce.
     */
    public static AuthenticationInfo forCredentials(DigestCredentials credentials, String rspauth, String nextnonce) {
        AuthenticationInfo a = new AuthenticationInfo(AuthParams.checkValue("nextnonce", nextnonce), credentials.qop(),
                AuthParams.checkValue("rspauth", rspauth), credentials.cnonce(), credentials.nc(), null);
        if (a.isEmpty()) throw new IllegalArgumentException("empty Authentication-Info");
        return a;
    }

    /** Parses the header value at the lexer's position. */
    public static AuthenticationInfo parse(Lexer lx) {
        lx.skipWs();
        List<AuthParams.Param> list = AuthParams.parseList(lx);
        if (list.isEmpty()) throw lx.error("empty Authentication-Info");
        String nextnonce = null;
        String qop = null;
        String rspauth = null;
        String cnonce = null;
        String nc = null;
        List<AuthParams.Param> others = new ArrayList<>(0);
        for (AuthParams.Param p : list) {
            switch (p.name().toLowerCase(Locale.ROOT)) {
                case "nextnonce" -> nextnonce = p.value();
                case "qop" -> qop = p.value();
                case "rspauth" -> rspauth = p.value();
                case "cnonce" -> cnonce = p.value();
                case "nc" -> nc = AuthParams.nc(lx, p);
                default -> others.add(p);
            }
        }
        return new AuthenticationInfo(nextnonce, qop, rspauth, cnonce, nc, AuthParams.toParameters(others));
    }

    public static AuthenticationInfo parse(String text) {
        Lexer lx = new Lexer(text, "Authentication-Info");
        AuthenticationInfo a = parse(lx);
        lx.expectEnd();
        return a;
    }

    private boolean isEmpty() {
        return nextnonce == null && qop == null && rspauth == null && cnonce == null && nc == null && params.isEmpty();
    }

    /** The nonce for the next request (RFC 3261 §20.6), or null. */
    public String nextnonce() {
        return nextnonce;
    }

    public String qop() {
        return qop;
    }

    /** The response-digest proving the server knows the secret (RFC 7616 §3.5), or null. */
    public String rspauth() {
        return rspauth;
    }

    public String cnonce() {
        return cnonce;
    }

    /** The nonce count as written (8 hex digits), or null. */
    public String nc() {
        return nc;
    }

    /** The nonce count, or -1 when absent. */
    public long nonceCount() {
        return nc == null ? -1 : Long.parseLong(nc, 16);
    }

    /** The other auth-params (raw values). */
    public Parameters params() {
        return params;
    }

    /** Any parameter by name with quotes removed, typed ones included; null when absent. */
    public String param(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "nextnonce" -> nextnonce;
            case "qop" -> qop;
            case "rspauth" -> rspauth;
            case "cnonce" -> cnonce;
            case "nc" -> nc;
            default -> params.get(name);
        };
    }

    public AuthenticationInfo withNextnonce(String v) {
        return nonEmpty(new AuthenticationInfo(AuthParams.checkValue("nextnonce", v), qop, rspauth, cnonce, nc, params));
    }

    public AuthenticationInfo withQop(String v) {
        if (v != null && !Lexer.isToken(v)) throw new IllegalArgumentException("bad qop: " + v);
        return nonEmpty(new AuthenticationInfo(nextnonce, v, rspauth, cnonce, nc, params));
    }

    public AuthenticationInfo withRspauth(String v) {
        return nonEmpty(new AuthenticationInfo(nextnonce, qop, AuthParams.checkValue("rspauth", v), cnonce, nc, params));
    }

    public AuthenticationInfo withCnonce(String v) {
        return nonEmpty(new AuthenticationInfo(nextnonce, qop, rspauth, AuthParams.checkValue("cnonce", v), nc, params));
    }

    /** Sets the nonce count (written as 8 hex digits); -1 removes it. */
    public AuthenticationInfo withNonceCount(long count) {
        return nonEmpty(new AuthenticationInfo(nextnonce, qop, rspauth, cnonce, count < 0 ? null : AuthParams.nc(count), params));
    }

    /** Sets (or with null removes) another auth-param; quoted unless it is a token. */
    public AuthenticationInfo withParam(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "nextnonce", "qop", "rspauth", "cnonce", "nc" ->
                    throw new IllegalArgumentException("use the typed method for " + name);
            default -> {
                return nonEmpty(new AuthenticationInfo(nextnonce, qop, rspauth, cnonce, nc,
                        AuthParams.withOther(params, name, value)));
            }
        }
    }

    private static AuthenticationInfo nonEmpty(AuthenticationInfo a) {
        if (a.isEmpty()) throw new IllegalArgumentException("empty Authentication-Info");
        return a;
    }

    @Override
    public String toString() {
        AuthParams.Writer w = new AuthParams.Writer("");
        w.quoted("nextnonce", nextnonce).token("qop", qop).quoted("rspauth", rspauth).quoted("cnonce", cnonce)
                .token("nc", nc).raw(params);
        return w.toString().substring(1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationInfo a && Objects.equals(nextnonce, a.nextnonce)
                && AuthParams.eqIgnoreCase(qop, a.qop) && Objects.equals(rspauth, a.rspauth)
                && Objects.equals(cnonce, a.cnonce) && AuthParams.eqIgnoreCase(nc, a.nc) && params.equals(a.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nextnonce, AuthParams.lower(qop), rspauth, cnonce, AuthParams.lower(nc), params);
    }
}
