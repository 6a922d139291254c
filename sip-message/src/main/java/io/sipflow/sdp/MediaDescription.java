package io.sipflow.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One media description (RFC 8866 §5.14): the {@code m=} line
 * {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} and the {@code i=}, {@code c=},
 * {@code b=}, {@code k=} and {@code a=} lines that follow it.
 *
 * <p>Mutable and not thread-safe, like {@link SessionDescription}, which owns it.
 */
public final class MediaDescription extends SdpSection<MediaDescription> {
    /** Audio media type. */
    public static final String AUDIO = "audio";
    /** Video media type. */
    public static final String VIDEO = "video";
    /** RTP/AVP, the plain RTP profile (RFC 3551). */
    public static final String RTP_AVP = "RTP/AVP";
    /** RTP/SAVP, SRTP (RFC 3711). */
    public static final String RTP_SAVP = "RTP/SAVP";
    /** UDP/TLS/RTP/SAVPF, DTLS-SRTP with feedback as used by WebRTC (RFC 5764, RFC 8829). */
    public static final String UDP_TLS_RTP_SAVPF = "UDP/TLS/RTP/SAVPF";

    private static final int MAX_PORT = 65535;

    private String media;
    private int port;
    private int portCount;
    private String protocol;
    final ElementList<String> formats = new ElementList<>(Syntax::isField, "media format");
    final ElementList<Connection> connections = new ElementList<>("connection");

    /** Parser constructor: the caller has validated the values. */
    MediaDescription(String media, int port, int portCount, String protocol) {
        this.media = media;
        this.port = port;
        this.portCount = portCount;
        this.protocol = protocol;
    }

    /**
     * A media description with the given {@code m=} line values.
     *
     * @param media the media type, e.g. {@code "audio"}
     * @param port the transport port 0..65535 (0 rejects or disables the stream, RFC 3264 §6)
     * @param protocol the transport protocol, e.g. {@code "RTP/AVP"}
     * @param formats the media formats (RTP payload type numbers for RTP)
     */
    public MediaDescription(String media, int port, String protocol, List<String> formats) {
        this(Syntax.requireField(media, "media type"), checkPort(port), Connection.NONE,
                Syntax.requireField(protocol, "protocol"));
        this.formats.addAll(formats);
    }

    /** {@code m=<media> <port> <protocol> <formats...>}. */
    public static MediaDescription of(String media, int port, String protocol, String... formats) {
        return new MediaDescription(media, port, protocol, List.of(formats));
    }

    /** An {@code m=audio <port> RTP/AVP} line without formats yet; add them with {@link #addRtpFormat}. */
    public static MediaDescription audio(int port) {
        return new MediaDescription(AUDIO, port, RTP_AVP, List.of());
    }

    /** An {@code m=video <port> RTP/AVP} line without formats yet. */
    public static MediaDescription video(int port) {
        return new MediaDescription(VIDEO, port, RTP_AVP, List.of());
    }

    @Override
    MediaDescription self() {
        return this;
    }

    private static int checkPort(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        return port;
    }

    // ---- m= line ------------------------------------------------------------------------------

    /** The media type, e.g. {@code "audio"}. */
    public String media() {
        return media;
    }

    /** Sets the media type. */
    public MediaDescription setMedia(String media) {
        this.media = Syntax.requireField(media, "media type");
        return this;
    }

    /** The transport port; 0 means the stream is rejected or disabled (RFC 3264 §6, §8.2). */
    public int port() {
        return port;
    }

    /** Sets the transport port 0..65535 (e.g. a B2BUA anchoring media on its own port). */
    public MediaDescription setPort(int port) {
        this.port = checkPort(port);
        return this;
    }

    /** The {@code /<number of ports>} of the m= line, or {@link Connection#NONE} when absent (one port). */
    public int portCount() {
        return portCount;
    }

    /** Sets the number of ports, or {@link Connection#NONE} to remove it. */
    public MediaDescription setPortCount(int count) {
        if (count != Connection.NONE && (count < 1 || count > MAX_PORT)) {
            throw new IllegalArgumentException("number of ports must be 1..65535: " + count);
        }
        this.portCount = count;
        return this;
    }

    /** The transport protocol, e.g. {@code "RTP/AVP"}. */
    public String protocol() {
        return protocol;
    }

    /** Sets the transport protocol. */
    public MediaDescription setProtocol(String protocol) {
        this.protocol = Syntax.requireField(protocol, "protocol");
        return this;
    }

    /** True for an RTP-based protocol ({@code RTP/AVP}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVPF}, ...). */
    public boolean isRtp() {
        // RTP/AVP and friends (RFC 3551, 3711, 4585), or RTP inside another transport such as
        // UDP/TLS/RTP/SAVPF (RFC 5764) or TCP/RTP/AVP (RFC 4571); ASCII case ignored
        String p = protocol;
        if (p.regionMatches(true, 0, "RTP/", 0, 4)) {
            return true;
        }
        for (int i = p.indexOf('/'); i >= 0 && i + 5 <= p.length(); i = p.indexOf('/', i + 1)) {
            if (p.regionMatches(true, i, "/RTP/", 0, 5)) {
                return true;
            }
        }
        return false;
    }

    /** The media formats in order of preference (live, mutable); RTP payload type numbers for RTP. */
    public List<String> formats() {
        return formats;
    }

    /** True when the port is 0: the stream is rejected (in an answer) or disabled (in an offer). */
    public boolean isRejected() {
        return port == 0;
    }

    /** The formats that are RTP payload type numbers 0..127, in order. */
    public List<Integer> payloadTypes() {
        List<Integer> out = new ArrayList<>(formats.size());
        for (String f : formats) {
            long v = Syntax.parseUnsigned(f, 0, f.length());
            if (v >= 0 && v <= RtpMap.MAX_PAYLOAD_TYPE) {
                out.add((int) v);
            }
        }
        return out;
    }

    // ---- c= lines -----------------------------------------------------------------------------

    /** The media-level {@code c=} lines (several only for layered multicast, RFC 8866 §5.7); live. */
    public List<Connection> connections() {
        return connections;
    }

    /** The first media-level {@code c=} line, if any. */
    public Optional<Connection> connection() {
        return connections.isEmpty() ? Optional.empty() : Optional.of(connections.get(0));
    }

    /** Replaces the media-level {@code c=} lines with this one; {@code null} removes them. */
    public MediaDescription setConnection(Connection connection) {
        connections.clear();
        if (connection != null) {
            connections.add(connection);
        }
        return this;
    }

    /** Replaces the media-level {@code c=} lines with {@code IN IP4|IP6 address} (type follows the address). */
    public MediaDescription setConnectionAddress(String address) {
        return setConnection(Connection.of(address));
    }

    // ---- typed attributes ---------------------------------------------------------------------

    /** The well-formed {@code a=rtpmap} attributes, in order (malformed ones are skipped). */
    public List<RtpMap> rtpMaps() {
        List<RtpMap> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.is("rtpmap")) {
                RtpMap.parse(a.value()).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The mapping of an RTP payload type: its {@code a=rtpmap}, or for a static payload type
     * without one the RFC 3551 §6 mapping (RFC 8866 §6.6 makes rtpmap optional for those).
     */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (Attribute a : attributes) {
            if (a.is("rtpmap")) {
                Optional<RtpMap> m = RtpMap.parse(a.value());
                if (m.isPresent() && m.get().payloadType() == payloadType) {
                    return m;
                }
            }
        }
        return RtpMap.forStaticPayloadType(payloadType);
    }

    /** The well-formed {@code a=fmtp} attributes, in order. */
    public List<Fmtp> fmtps() {
        List<Fmtp> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.is("fmtp")) {
                Fmtp.parse(a.value()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The {@code a=fmtp} of a format, if any. */
    public Optional<Fmtp> fmtp(String format) {
        for (Attribute a : attributes) {
            if (a.is("fmtp")) {
                Optional<Fmtp> f = Fmtp.parse(a.value());
                if (f.isPresent() && f.get().format().equals(format)) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code a=fmtp} of an RTP payload type, if any. */
    public Optional<Fmtp> fmtp(int payloadType) {
        return fmtp(Integer.toString(payloadType));
    }

    /** Appends a format to the m= line. */
    public MediaDescription addFormat(String format) {
        formats.add(format);
        return this;
    }

    /** Appends an RTP payload type to the m= line with its {@code a=rtpmap}. */
    public MediaDescription addRtpFormat(int payloadType, String encodingName, int clockRate) {
        return addRtpFormat(RtpMap.of(payloadType, encodingName, clockRate));
    }

    /** Appends an RTP payload type to the m= line with its {@code a=rtpmap}. */
    public MediaDescription addRtpFormat(RtpMap rtpMap) {
        formats.add(Integer.toString(rtpMap.payloadType()));
        attributes.add(rtpMap.toAttribute());
        return this;
    }

    /** Appends an RTP payload type with its {@code a=rtpmap} and {@code a=fmtp}. */
    public MediaDescription addRtpFormat(RtpMap rtpMap, String fmtpParameters) {
        addRtpFormat(rtpMap);
        attributes.add(Fmtp.of(rtpMap.payloadType(), fmtpParameters).toAttribute());
        return this;
    }

    /**
     * Removes a format from the m= line together with the attributes that refer to it
     * ({@code rtpmap}, {@code fmtp}, {@code rtcp-fb}), e.g. to drop a codec before forwarding.
     */
    public MediaDescription removeFormat(String format) {
        formats.remove(format);
        attributes.removeIf(a -> a.value() != null
                && (a.is("rtpmap") || a.is("fmtp") || a.is("rtcp-fb"))
                && firstToken(a.value()).equals(format));
        return this;
    }

    private static String firstToken(String v) {
        int end = Syntax.trimEnd(v, 0, v.length());
        int start = Syntax.trimStart(v, 0, end);
        int i = start;
        while (i < end && !Syntax.isWhitespace(v.charAt(i))) {
            i++;
        }
        return v.substring(start, i);
    }

    /**
     * The {@code a=ptime} packet time in milliseconds (RFC 8866 §6.4). A double, because the
     * RFC 8866 grammar allows a decimal value; empty when absent or malformed.
     */
    public OptionalDouble ptime() {
        return decimalAttribute("ptime");
    }

    /** Sets {@code a=ptime} (milliseconds); 0 or less removes it. */
    public MediaDescription setPtime(int millis) {
        return millis > 0 ? setAttribute("ptime", Integer.toString(millis)) : removeAttributes("ptime");
    }

    /** The {@code a=maxptime} in milliseconds (RFC 8866 §6.5); empty when absent or malformed. */
    public OptionalDouble maxPtime() {
        return decimalAttribute("maxptime");
    }

    /** Sets {@code a=maxptime} (milliseconds); 0 or less removes it. */
    public MediaDescription setMaxPtime(int millis) {
        return millis > 0 ? setAttribute("maxptime", Integer.toString(millis)) : removeAttributes("maxptime");
    }

    private OptionalDouble decimalAttribute(String name) {
        Optional<String> v = attributeValue(name);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        String s = v.get().strip();
        int dot = s.indexOf('.');
        // non-zero-int-or-real: digits with at most one dot; checked by hand so no
        // NumberFormatException can surface and no exotic Double syntax ("1e3", "NaN") is accepted
        boolean ok = !s.isEmpty() && s.length() <= 20 && dot != 0 && dot != s.length() - 1
                && Syntax.isAllDigits(s, 0, dot < 0 ? s.length() : dot)
                && (dot < 0 || Syntax.isAllDigits(s, dot + 1, s.length()));
        if (!ok) {
            return OptionalDouble.empty();
        }
        double d = Double.parseDouble(s);
        return d > 0 ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** The {@code a=rtcp} attribute (RFC 3605), if present and well-formed. */
    public Optional<Rtcp> rtcp() {
        return attributeValue("rtcp").flatMap(Rtcp::parse);
    }

    /** Sets {@code a=rtcp}; {@code null} removes it. */
    public MediaDescription setRtcp(Rtcp rtcp) {
        return rtcp == null ? removeAttributes("rtcp") : setAttribute(rtcp.toAttribute());
    }

    /** The {@code a=mid} media stream identification (RFC 5888), if present. */
    public Optional<String> mid() {
        return attributeValue("mid").map(String::strip);
    }

    /** Sets {@code a=mid}; {@code null} removes it. */
    public MediaDescription setMid(String mid) {
        return mid == null ? removeAttributes("mid") : setAttribute("mid", mid);
    }

    // ---- copy, equality, text -----------------------------------------------------------------

    /** A deep copy (values are immutable, lists are copied). */
    public MediaDescription copy() {
        MediaDescription m = new MediaDescription(media, port, portCount, protocol);
        for (String f : formats) {
            m.formats.addTrusted(f);
        }
        for (Connection c : connections) {
            m.connections.addTrusted(c);
        }
        copyCommonTo(m);
        return m;
    }

    /** Structural equality of every line (the layout position of unknown lines aside). */
    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && port == m.port && portCount == m.portCount
                && media.equals(m.media) && protocol.equals(m.protocol) && formats.equals(m.formats)
                && connections.equals(m.connections) && commonEquals(m);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, portCount, protocol, formats, connections, commonHash());
    }

    /** This media description as SDP lines with CRLF line ends. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256);
        appendTo(sb);
        return sb.toString();
    }

    /** Appends the lines in RFC 8866 §5 order: m=, i=, c=*, b=*, k=, a=*. */
    void appendTo(StringBuilder sb) {
        sb.append("m=").append(media).append(' ').append(port);
        if (portCount != Connection.NONE) {
            sb.append('/').append(portCount);
        }
        sb.append(' ').append(protocol);
        for (int i = 0, n = formats.size(); i < n; i++) {
            sb.append(' ').append(formats.get(i));
        }
        sb.append("\r\n");
        UnknownWriter w = UnknownWriter.of(unknownLines);
        unknown(sb, w, 'm', Integer.MAX_VALUE);
        single(sb, w, 'i', information);
        group(sb, w, 'c', connections);
        group(sb, w, 'b', bandwidths);
        single(sb, w, 'k', key);
        group(sb, w, 'a', attributes);
        unknown(sb, w, (char) 0, Integer.MAX_VALUE);
    }
}
