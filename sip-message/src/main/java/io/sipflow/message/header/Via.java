package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Locale;
import java.util.Objects;

/**
 * One Via value (RFC 3261 §20.42, §18.2.1; RFC 3581 rport; RFC 5118 IPv6):
 * {@code SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport=...}.
 * Immutable; a proxy or the transport layer derives changed copies with the {@code with}
 * methods (e.g. {@link #withReceived}).
 *
 * <h2>Vias read from a received message, and keeping them</h2>
 * A Via read from a received message keeps its sent-by host as bounds in that message's
 * bytes, made a String only when asked for (matching a transaction needs only the branch;
 * {@linkplain #appendTo writing} the Via copies the host bytes). Such a Via therefore
 * <em>refers to the whole message's byte array</em> while it lives. <b>Whatever keeps a Via
 * longer than its message</b> (a server transaction's copy of its request's Vias) <b>keeps
 * {@link #detached()}</b>, which makes the host String and drops the reference. Every
 * {@code with…} method returns such a detached copy as well; {@link #isDetached()} tells
 * whether a Via is. Detaching a detached Via returns it unchanged.
 */
public final class Via {
    /** The magic cookie that marks an RFC 3261 branch (§8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private static final byte[] SIP_2_0 = "SIP/2.0/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** {@link #SIP_2_0} as a little-endian word. */
    private static final long SIP_2_0_WORD = (long) LONGS.get(SIP_2_0, 0);

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    /**
     * The sent-by host; for a parsed Via made from {@code src[hostStart..hostEnd)} on first use
     * (matching a transaction needs only the branch). Two threads may both make it: equal
     * immutable Strings, so the race is benign.
     */
    private String host;
    private final int port;
    private final Parameters params;
    /** The bytes parsed from (a received message's, never changed while it lives), or null. */
    private final byte[] src;
    private final int hostStart;
    private final int hostEnd;

    public Via(String protocolName, String protocolVersion, String transport, String host, int port, Parameters params) {
        this(protocolName, protocolVersion, transport.toUpperCase(Locale.ROOT), Objects.requireNonNull(host), port,
                params, null, 0, 0);
    }

    /** {@code transport} already upper case; {@code host} null when pending in {@code src}. */
    private Via(String protocolName, String protocolVersion, String transport, String host, int port, Parameters params,
            byte[] src, int hostStart, int hostEnd) {
        this.protocolName = Objects.requireNonNull(protocolName);
        this.protocolVersion = Objects.requireNonNull(protocolVersion);
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.params = params == null ? Parameters.EMPTY : params;
        this.src = src;
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
    }

    /** {@code SIP/2.0/<transport> host[:port];branch=<branch>} (port -1 for none). */
    public static Via of(String transport, String host, int port, String branch) {
        Parameters p = branch == null ? Parameters.EMPTY : Parameters.of("branch", branch);
        return new Via("SIP", "2.0", transport, host, port, p);
    }

    /** Parses one via-parm at the lexer's position. */
    public static Via parse(Lexer lx) {
        lx.skipWs();
        String name;
        String version;
        if (lx.skipIfPrefix(SIP_2_0)) { // what nearly every Via starts with
            name = "SIP";
            version = "2.0";
            lx.skipWs();
        } else {
            name = lx.tokenInterned();
            lx.expect('/');
            version = lx.tokenInterned();
            lx.expect('/');
        }
        String transport = lx.tokenInterned();
        lx.skipWs();
        // The host is checked here and kept as bounds in the bytes, made a String on first use.
        int hs = lx.pos();
        if (lx.peek() == '[') {
            lx.skipUntil("]");
            if (lx.peek() != ']') throw lx.error("unterminated IPv6 reference");
            lx.next();
        } else {
            lx.skipToken();
            if (lx.pos() == hs) throw lx.error("missing sent-by host");
        }
        int he = lx.pos();
        int port = -1;
        if (lx.skipIf(':')) {
            long p = lx.number();
            if (p > 65535) throw lx.error("port out of range");
            port = (int) p;
        }
        Parameters params = Parameters.parse(lx, 2); // branch, and rport or received
        return new Via(name, version, transport.toUpperCase(Locale.ROOT), null, port, params, lx.bytes(), lx.offset(hs), lx.offset(he));
    }

    /**
     * The common case of a whole value, parsed straight from the bytes {@code b[start..end)}
     * (a received, unfolded value): {@code SIP/2.0/transport host[:port]} followed by
     * {@link Parameters#parseSimple simple parameters} to the end, e.g.
     * {@code SIP/2.0/UDP pc33.atlanta.com:5060;branch=z9hG4bK776asdhds;rport}. Returns what
     * {@link #parse(Lexer)} followed by the end of the value returns, or null for any other
     * form (IPv6 reference, white space around ':' or parameters, several values, anything
     * malformed): the caller then runs the general parser, which also reports errors. Needs no
     * lexer object (see {@link Parameters#parseSimple}).
     */
    public static Via parseSimple(byte[] b, int start, int end) {
        if (end - start < 8 || (long) LONGS.get(b, start) != SIP_2_0_WORD) return null;
        // One pass: the sent-by holds no ';', so the parameters start where it ends.
        int p = start + 8;
        while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
        int ts = p;
        p = Lexer.tokenEnd(b, p, end);
        if (p == ts) return null;
        int te = p;
        while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
        int hs = p;
        p = Lexer.tokenEnd(b, p, end);
        if (p == hs) return null;
        int he = p;
        int port = -1;
        if (p < end && b[p] == ':') {
            int ds = ++p;
            int v = 0;
            while (p < end && b[p] >= '0' && b[p] <= '9' && p - ds < 5) v = v * 10 + (b[p++] - '0');
            if (p == ds || v > 65535) return null;
            port = v;
        }
        if (p < end && b[p] != ';') return null; // anything else before the parameters (white space, more digits...)
        Parameters params = Parameters.parseSimple(b, p, end);
        if (params == null) return null;
        String transport = Lexer.internToken(b, ts, te);
        if (transport != "UDP" && transport != "TCP" && transport != "TLS") { // the shared constants (Lexer.intern)
            transport = transport.toUpperCase(Locale.ROOT);
        }
        return new Via("SIP", "2.0", transport, null, port, params, b, hs, he);
    }

    /** Parses a single Via value (text without commas between values). */
    public static Via parse(String text) {
        Lexer lx = new Lexer(text, "Via");
        Via v = parse(lx);
        lx.expectEnd();
        return v;
    }

    public String protocolName() {
        return protocolName;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** The transport in upper case: UDP, TCP, TLS, SCTP, WS, WSS. */
    public String transport() {
        return transport;
    }

    /** The sent-by host as written (IPv6 in brackets). */
    public String host() {
        String h = host;
        if (h == null) {
            h = new String(src, hostStart, hostEnd - hostStart, java.nio.charset.StandardCharsets.UTF_8);
            host = h;
        }
        return h;
    }

    /** The sent-by port, or -1 when absent. */
    public int port() {
        return port;
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    public String branch() {
        return params.get("branch");
    }

    /**
     * True when the branch carries the RFC 3261 magic cookie and something after it (else
     * RFC 2543 matching, §17.2.3). A branch that is only the cookie cannot be unique
     * (§8.1.1.7); RFC 4475 §3.2.1 suggests falling back to RFC 2543 matching for it.
     */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.length() > MAGIC_COOKIE.length() && b.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return params.get("received");
    }

    /** True when an {@code rport} parameter is present, with or without a value (RFC 3581). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The rport value, or -1 when absent or empty (a request asking for it). */
    public int rport() {
        return intParam("rport");
    }

    public String maddr() {
        return params.get("maddr");
    }

    /** The ttl parameter, or -1. */
    public int ttl() {
        return intParam("ttl");
    }

    private int intParam(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty() || v.length() > 9) return -1;
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A detached copy (see the class comment) with other parameters. */
    public Via withParams(Parameters p) {
        return new Via(protocolName, protocolVersion, transport, host(), port, p, null, 0, 0);
    }

    /**
     * This Via without a reference to the message it was read from: itself when it has none,
     * else a copy with the host made a String (see the class comment). Keep this, not the Via
     * a message returned, in anything that outlives the message.
     */
    public Via detached() {
        return src == null ? this : withParams(params);
    }

    /** False while this Via refers to the bytes of the message it was read from; true once {@link #detached()}. */
    public boolean isDetached() {
        return src == null;
    }

    public Via withParam(String name, String value) {
        return withParams(params.with(name, value));
    }

    public Via withBranch(String branch) {
        return withParam("branch", branch);
    }

    /** Sets {@code received} (RFC 3261 §18.2.1). An IPv6 address is written in brackets (RFC 5118 §4.5). */
    public Via withReceived(String address) {
        String v = address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
        return withParam("received", v);
    }

    /** Fills in the {@code rport} value (RFC 3581 §4). */
    public Via withRport(int port) {
        return withParam("rport", Integer.toString(port));
    }

    public StringBuilder appendTo(StringBuilder sb) {
        sb.append(protocolName).append('/').append(protocolVersion).append('/').append(transport).append(' ');
        String h = host;
        if (h != null) sb.append(h);
        else Lexer.appendUtf8(sb, src, hostStart, hostEnd); // no String made and kept for the host
        if (port >= 0) sb.append(':').append(port);
        return params.appendTo(sb);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(64)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v && port == v.port && protocolName.equalsIgnoreCase(v.protocolName)
                && protocolVersion.equals(v.protocolVersion) && transport.equals(v.transport)
                && host().equalsIgnoreCase(v.host()) && params.equals(v.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transport, host().toLowerCase(Locale.ROOT), port, params);
    }
}
