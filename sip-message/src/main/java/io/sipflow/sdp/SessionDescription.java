package io.sipflow.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866): the session-level lines and the media descriptions.
 *
 * <h2>Parsing</h2>
 * {@link #parse(String)} and {@link #parse(byte[])} (UTF-8, the default charset of RFC 8866
 * §5.13) accept what real peers send: LF-only line ends, trailing whitespace on typed lines,
 * blank lines, a missing {@code t=} (taken as {@code t=0 0}) or {@code s=} (taken as
 * {@code s=-}), session-level lines out of order. They throw {@link SdpParseException}, and
 * nothing else, for input that is genuinely malformed: a first line that is not {@code v=}, a
 * line that is not {@code <letter>=<value>}, a missing {@code o=}, a number that is not one (port,
 * TTL, times, bandwidth, versions), a repeated single-valued line, a session-level line after
 * the first {@code m=}, NUL or a lone CR.
 *
 * <h2>Serializing</h2>
 * {@link #toString()} and {@link #toBytes()} write canonical SDP: CRLF line ends, lines in the
 * order of RFC 8866 §5. Values are kept as received, so a description parsed from well-formed
 * CRLF text and not modified serializes back to the same bytes; sloppy input comes back as the
 * same lines, normalized (CRLF, canonical order, no trailing blanks on typed lines).
 *
 * <h2>Building and changing</h2>
 * The model is mutable and fluent: {@link #create(Origin)} starts a description with
 * {@code v=0}, {@code s=-} and {@code t=0 0}, and the setters return {@code this}. The lists
 * returned by accessors are live and check their elements. Helpers cover what a B2BUA or an IVR
 * does with SDP: {@link #hold()}/{@link #unhold()}, {@link #isOnHold()},
 * {@link #bumpVersion()}, {@link #setConnectionAddress(String)}, and {@link SdpAnswerer} builds
 * answers.
 *
 * <h2>Threads</h2>
 * Not thread-safe. A description has one owner at a time (typically the dialog or call leg that
 * parsed or built it); hand a {@link #copy()} to anyone else rather than sharing it.
 */
public final class SessionDescription extends SdpSection<SessionDescription> {
    private int version;
    private Origin origin;
    private String sessionName;
    private String uri;
    private Connection connection;
    final ElementList<String> emails = new ElementList<>(Syntax::isText, "e= value");
    final ElementList<String> phones = new ElementList<>(Syntax::isText, "p= value");
    final ElementList<Timing> timings = new ElementList<>("timing");
    final ElementList<MediaDescription> media = new ElementList<>("media description");

    /** Parser constructor: origin and session name are set by the parser. */
    SessionDescription() {}

    /**
     * A new description {@code v=0}, the given {@code o=}, {@code s=-}, {@code t=0 0}, without
     * connection or media yet.
     */
    public static SessionDescription create(Origin origin) {
        SessionDescription sd = new SessionDescription();
        sd.origin = Objects.requireNonNull(origin, "origin");
        sd.sessionName = "-";
        sd.timings.addTrusted(Timing.PERMANENT);
        return sd;
    }

    /** Parses a session description; see the class comment for what is accepted. */
    public static SessionDescription parse(String sdp) throws SdpParseException {
        Objects.requireNonNull(sdp, "sdp");
        return SdpParser.parse(sdp);
    }

    /** Parses a UTF-8 encoded session description (e.g. a SIP message body). */
    public static SessionDescription parse(byte[] utf8) throws SdpParseException {
        return parse(utf8, 0, utf8.length);
    }

    /** Parses {@code length} UTF-8 bytes from {@code offset}; malformed UTF-8 becomes U+FFFD. */
    public static SessionDescription parse(byte[] utf8, int offset, int length) throws SdpParseException {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        return SdpParser.parse(new String(utf8, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    SessionDescription self() {
        return this;
    }

    // ---- session-level fields -----------------------------------------------------------------

    /** The {@code v=} protocol version (0, RFC 8866 §5.1). */
    public int version() {
        return version;
    }

    /** Sets the {@code v=} version. */
    public SessionDescription setVersion(int version) {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        this.version = version;
        return this;
    }

    /** The {@code o=} line. */
    public Origin origin() {
        return origin;
    }

    /** Sets the {@code o=} line. */
    public SessionDescription setOrigin(Origin origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    /** The {@code s=} session name (RFC 8866 §5.3 recommends {@code "-"} or {@code " "} when there is none). */
    public String sessionName() {
        return sessionName;
    }

    /** Sets the {@code s=} session name. */
    public SessionDescription setSessionName(String name) {
        this.sessionName = Syntax.requireText(name, "s= session name");
        return this;
    }

    /** The {@code u=} URI, or {@code null}. */
    public String uri() {
        return uri;
    }

    /** Sets the {@code u=} URI; {@code null} removes it. */
    public SessionDescription setUri(String uri) {
        this.uri = uri == null ? null : Syntax.requireText(uri, "u= URI");
        return this;
    }

    /** The {@code e=} values in order (live, mutable). */
    public List<String> emails() {
        return emails;
    }

    /** The {@code p=} values in order (live, mutable). */
    public List<String> phones() {
        return phones;
    }

    /** The session-level {@code c=} line, or {@code null} when every media description has its own. */
    public Connection connection() {
        return connection;
    }

    /** Sets the session-level {@code c=} line; {@code null} removes it. */
    public SessionDescription setConnection(Connection connection) {
        this.connection = connection;
        return this;
    }

    /**
     * The time descriptions (live, mutable); a parsed or created description has at least one.
     * When the list is empty, {@code t=0 0} is written, because RFC 8866 §5 requires a
     * {@code t=} line.
     */
    public List<Timing> timings() {
        return timings;
    }

    /** The media descriptions in order (live, mutable). */
    public List<MediaDescription> media() {
        return media;
    }

    /** The media description at {@code index} (0-based, in m= line order). */
    public MediaDescription media(int index) {
        return media.get(index);
    }

    /** Appends a media description. */
    public SessionDescription addMedia(MediaDescription description) {
        media.add(description);
        return this;
    }

    // ---- effective values ---------------------------------------------------------------------

    /**
     * The direction that applies to a media description: its own direction attribute, else the
     * session-level one, else sendrecv (RFC 8866 §6.7: media level overrides session level,
     * sendrecv is the default).
     */
    public Direction effectiveDirection(MediaDescription description) {
        return effective(description, directionOrNull());
    }

    /** {@link #effectiveDirection(MediaDescription)} of the media description at {@code index}. */
    public Direction effectiveDirection(int index) {
        return effectiveDirection(media.get(index));
    }

    /** The connection that applies to a media description: its first {@code c=}, else the session's. */
    public Optional<Connection> effectiveConnection(MediaDescription description) {
        Optional<Connection> own = description.connection();
        return own.isPresent() ? own : Optional.ofNullable(connection);
    }

    /** {@link #effectiveConnection(MediaDescription)} of the media description at {@code index}. */
    public Optional<Connection> effectiveConnection(int index) {
        return effectiveConnection(media.get(index));
    }

    // ---- helpers for applications -------------------------------------------------------------

    /**
     * Puts every active (non-zero port) stream on hold, for a re-offer built from the last
     * description this party sent: a stream stops receiving and keeps sending if it did, so
     * sendrecv becomes sendonly and recvonly becomes inactive (RFC 3264 §8.4, RFC 6337 §5.3).
     * The direction is written on each media line, which overrides any session-level one.
     * Call {@link #bumpVersion()} too before sending it.
     */
    public SessionDescription hold() {
        Direction session = directionOrNull();
        for (MediaDescription m : media) {
            if (!m.isRejected()) {
                m.setDirection(effective(m, session).hold());
            }
        }
        return this;
    }

    /**
     * Like {@link #hold()}, but starting from the direction negotiated with the peer rather than
     * the one this description states: this side only sends if the peer's last description
     * {@code peerLast} receives, so a stream the peer made sendonly or inactive (it does not
     * receive) is held as inactive, and one it made recvonly as sendonly (RFC 3264 §8.4,
     * RFC 6337 §5.3). Streams the peer rejected, or that it does not describe, are left alone.
     */
    public SessionDescription hold(SessionDescription peerLast) {
        Objects.requireNonNull(peerLast, "peerLast");
        Direction session = directionOrNull();
        Direction peerSession = peerLast.directionOrNull();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (m.isRejected() || i >= peerLast.media.size() || peerLast.media.get(i).isRejected()) {
                continue;
            }
            Direction ours = effective(m, session);
            Direction theirs = effective(peerLast.media.get(i), peerSession);
            Direction negotiated = Direction.of(ours.sends() && theirs.receives(), ours.receives() && theirs.sends());
            m.setDirection(negotiated.hold());
        }
        return this;
    }

    /** {@link #hold()} for the media description at {@code index} only. */
    public SessionDescription hold(int index) {
        MediaDescription m = media.get(index);
        m.setDirection(effectiveDirection(m).hold());
        return this;
    }

    /**
     * Resumes every active stream: sets it to sendrecv (RFC 3264 §8.4). If the peer is itself
     * holding the call it will answer recvonly or inactive, which is the correct outcome. A
     * legacy {@code c=0.0.0.0} is not touched: set the real address with
     * {@link #setConnectionAddress(String)}.
     */
    public SessionDescription unhold() {
        for (MediaDescription m : media) {
            if (!m.isRejected()) {
                m.setDirection(Direction.SENDRECV);
            }
        }
        return this;
    }

    /** {@link #unhold()} for the media description at {@code index} only. */
    public SessionDescription unhold(int index) {
        media.get(index).setDirection(Direction.SENDRECV);
        return this;
    }

    /**
     * True when a peer's description puts the call on hold: it has at least one active stream and
     * every active stream is on hold in the sense of {@link #isOnHold(int)}.
     */
    public boolean isOnHold() {
        Direction session = directionOrNull();
        boolean sessionIce = hasAttribute("ice-ufrag");
        int active = 0;
        for (MediaDescription m : media) {
            if (!m.isRejected()) {
                active++;
                if (!isOnHold(m, session, sessionIce)) {
                    return false;
                }
            }
        }
        return active > 0;
    }

    /**
     * True when the stream at {@code index} is active and on hold: its effective direction is
     * sendonly or inactive (RFC 3264 §8.4), or its connection address is {@code 0.0.0.0}, the
     * hold of RFC 2543 that RFC 3264 §8.4 and RFC 6337 §5.4 ask receivers to still understand.
     * The address rule does not apply to a stream that uses ICE: there {@code 0.0.0.0} is only
     * the placeholder of an offer whose candidates are trickled (RFC 8838, RFC 8840).
     */
    public boolean isOnHold(int index) {
        MediaDescription m = media.get(index);
        return !m.isRejected() && isOnHold(m, directionOrNull(), hasAttribute("ice-ufrag"));
    }

    private boolean isOnHold(MediaDescription m, Direction session, boolean sessionIce) {
        if (!effective(m, session).receives()) {
            return true;
        }
        Optional<Connection> c = effectiveConnection(m);
        return c.isPresent() && c.get().isHoldAddress()
                && !(sessionIce || m.hasAttribute("ice-ufrag") || m.hasAttribute("candidate"));
    }

    /**
     * Increments the {@code o=} session version by one, as RFC 3264 §8 requires for every
     * offer that modifies the session (and which {@link #hold()} etc. do not do by themselves).
     */
    public SessionDescription bumpVersion() {
        origin = origin.nextVersion();
        return this;
    }

    /**
     * Makes {@code address} the connection address of every media description, e.g. a B2BUA
     * anchoring media on its relay: every media-level {@code c=} is replaced by one
     * {@code c=IN IP4|IP6 address} (the address type follows the address), and so is the
     * session-level one when there is one or when some media description relies on it.
     * Ports are changed with {@link MediaDescription#setPort(int)}; {@code o=}, {@code a=rtcp}
     * and ICE candidates are left to the caller.
     */
    public SessionDescription setConnectionAddress(String address) {
        Connection c = Connection.of(address);
        boolean session = connection != null || media.isEmpty();
        for (MediaDescription m : media) {
            if (m.connections.isEmpty()) {
                session = true;
            } else {
                m.setConnection(c);
            }
        }
        if (session) {
            connection = c;
        }
        return this;
    }

    // ---- copy, equality, text -----------------------------------------------------------------

    /** A deep copy, for handing to another owner. */
    public SessionDescription copy() {
        SessionDescription sd = new SessionDescription();
        sd.version = version;
        sd.origin = origin;
        sd.sessionName = sessionName;
        sd.uri = uri;
        sd.connection = connection;
        for (String e : emails) {
            sd.emails.addTrusted(e);
        }
        for (String p : phones) {
            sd.phones.addTrusted(p);
        }
        for (Timing t : timings) {
            sd.timings.addTrusted(t);
        }
        copyCommonTo(sd);
        for (MediaDescription m : media) {
            sd.media.addTrusted(m.copy());
        }
        return sd;
    }

    /** Structural equality of every line (the layout position of unknown lines aside). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && version == s.version && origin.equals(s.origin)
                && sessionName.equals(s.sessionName) && Objects.equals(uri, s.uri)
                && Objects.equals(connection, s.connection) && emails.equals(s.emails)
                && phones.equals(s.phones) && timings.equals(s.timings) && commonEquals(s)
                && media.equals(s.media);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, origin, sessionName, uri, connection, emails, phones, timings,
                commonHash(), media);
    }

    /** The description as canonical SDP text with CRLF line ends. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128 + 256 * media.size());
        appendTo(sb);
        return sb.toString();
    }

    /** The description as canonical SDP, UTF-8 encoded, e.g. for a SIP message body. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the description in RFC 8866 §5 order. */
    public void appendTo(StringBuilder sb) {
        UnknownWriter w = UnknownWriter.of(unknownLines);
        sb.append("v=").append(version).append("\r\n");
        unknown(sb, w, 'v', Integer.MAX_VALUE);
        single(sb, w, 'o', origin.toString());
        single(sb, w, 's', sessionName);
        single(sb, w, 'i', information);
        single(sb, w, 'u', uri);
        group(sb, w, 'e', emails);
        group(sb, w, 'p', phones);
        if (connection != null) {
            sb.append("c=");
            connection.appendTo(sb);
            sb.append("\r\n");
        }
        unknown(sb, w, 'c', Integer.MAX_VALUE);
        group(sb, w, 'b', bandwidths);
        appendTimings(sb, w);
        single(sb, w, 'k', key);
        group(sb, w, 'a', attributes);
        unknown(sb, w, (char) 0, Integer.MAX_VALUE);
        for (int i = 0, n = media.size(); i < n; i++) {
            media.get(i).appendTo(sb);
        }
    }

    private void appendTimings(StringBuilder sb, UnknownWriter w) {
        int n = timings.size();
        if (n == 0) {
            sb.append("t=0 0\r\n");
            unknown(sb, w, 't', Integer.MAX_VALUE);
            unknown(sb, w, 'r', Integer.MAX_VALUE);
            unknown(sb, w, 'z', Integer.MAX_VALUE);
            return;
        }
        for (int i = 0; i < n; i++) {
            Timing t = timings.get(i);
            int max = i == n - 1 ? Integer.MAX_VALUE : i;
            sb.append("t=").append(t.start()).append(' ').append(t.stop()).append("\r\n");
            unknown(sb, w, 't', max);
            for (String r : t.repeats()) {
                line(sb, 'r', r);
            }
            unknown(sb, w, 'r', max);
            if (t.zoneAdjustments() != null) {
                line(sb, 'z', t.zoneAdjustments());
            }
            unknown(sb, w, 'z', max);
        }
    }
}
