package io.sipflow.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the answer to an offer (RFC 3264 §6) from this party's capabilities.
 *
 * <pre>{@code
 * SdpAnswerer answerer = SdpAnswerer.builder()
 *         .origin(Origin.of("-", 4711, 1, "192.0.2.10"))
 *         .connectionAddress("192.0.2.10")
 *         .codecs("audio", Codec.PCMA, Codec.PCMU, Codec.TELEPHONE_EVENT)
 *         .port("audio", 40000)
 *         .build();
 * SessionDescription answer = answerer.answer(offer); // or SdpNotAcceptableException -> 488
 * }</pre>
 *
 * <p>What the answer contains, and why:
 * <ul>
 *   <li>one m= line per offered m= line, in the same order (RFC 3264 §6);</li>
 *   <li>for an accepted stream, the offered payload types this party supports, with the
 *       offerer's numbers and in the offerer's order of preference (RFC 3264 §6.1), with the
 *       offer's {@code a=rtpmap} lines and either the codec's own {@code a=fmtp} or the offer's;
 *       telephone-event and other {@linkplain Codec#isAuxiliary() auxiliary} encodings only
 *       alongside a real codec;</li>
 *   <li>a rejected stream with port 0 and the offered formats (RFC 3264 §6: at least one format
 *       must remain); streams offered with port 0 stay rejected;</li>
 *   <li>the direction answered per RFC 3264 §6.1 (sendonly → recvonly, recvonly → sendonly,
 *       inactive → inactive), further limited by this party's {@link Builder#direction};</li>
 *   <li>{@code a=mid} echoed (RFC 5888 §9.1), the caller's {@code o=}, one session-level
 *       {@code c=} and the offer's {@code t=} lines (RFC 3264 §6: "The t= line in the answer
 *       MUST equal that of the offer").</li>
 * </ul>
 * Only RTP-based protocols listed in {@link Builder#protocols} are negotiated (default
 * {@code RTP/AVP}); streams over other protocols (T.38 over UDPTL, data channels, ...) and
 * multicast streams (RFC 3264 §6.2) are rejected. ICE, DTLS-SRTP, SDES crypto, rtcp-mux and
 * BUNDLE are not negotiated here; when such protocols are allowed, add their attributes to the
 * returned answer.
 *
 * <p>Instances are immutable and thread-safe (provided a {@link PortAllocator} given to them
 * is); each answer is a new description owned by the caller.
 */
public final class SdpAnswerer {

    /** Chooses the local port of an accepted stream. */
    @FunctionalInterface
    public interface PortAllocator {
        /**
         * @param index the 0-based index of the m= line in the offer
         * @param offered the offered media description
         * @return the local port, or 0 to reject the stream
         */
        int port(int index, MediaDescription offered);
    }

    private final Origin origin;
    private final String sessionName;
    private final Connection connection;
    private final Map<String, List<Codec>> codecs;
    private final Map<String, Integer> ports;
    private final PortAllocator allocator;
    private final Set<String> protocols;
    private final Direction direction;
    private final boolean singleCodec;
    private final int ptime;

    private SdpAnswerer(Builder b) {
        if (b.origin == null || b.connection == null) {
            throw new IllegalStateException("an SdpAnswerer needs origin(...) and connectionAddress(...)");
        }
        this.origin = b.origin;
        this.sessionName = b.sessionName;
        this.connection = b.connection;
        this.codecs = Map.copyOf(b.codecs);
        this.ports = Map.copyOf(b.ports);
        this.allocator = b.allocator;
        this.protocols = Set.copyOf(b.protocols);
        this.direction = b.direction;
        this.singleCodec = b.singleCodec;
        this.ptime = b.ptime;
    }

    /** A builder with defaults: session name "-", protocol RTP/AVP, direction sendrecv. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This answerer with another origin, e.g. {@code answerer.withOrigin(lastOrigin.nextVersion())}
     * for the answer to a re-INVITE (RFC 3264 §8: the version increases when the description
     * changes).
     */
    public SdpAnswerer withOrigin(Origin newOrigin) {
        Builder b = toBuilder();
        b.origin = Objects.requireNonNull(newOrigin, "origin");
        return new SdpAnswerer(b);
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.origin = origin;
        b.sessionName = sessionName;
        b.connection = connection;
        b.codecs.putAll(codecs);
        b.ports.putAll(ports);
        b.allocator = allocator;
        b.protocols.clear();
        b.protocols.addAll(protocols);
        b.direction = direction;
        b.singleCodec = singleCodec;
        b.ptime = ptime;
        return b;
    }

    /**
     * The answer to {@code offer}.
     *
     * @throws SdpNotAcceptableException when the offer has active streams and none of them can
     *     be accepted; the SIP layer answers 488
     */
    public SessionDescription answer(SessionDescription offer) throws SdpNotAcceptableException {
        SessionDescription answer = SessionDescription.create(origin).setSessionName(sessionName)
                .setConnection(connection);
        answer.timings().clear();
        answer.timings().addAll(offer.timings()); // RFC 3264 §6: t= equals the offer's
        if (answer.timings().isEmpty()) {
            answer.timings().add(Timing.PERMANENT);
        }
        Map<String, Integer> portsUsedByType = new HashMap<>();
        int active = 0;
        int accepted = 0;
        int warning = 0;
        String why = null;
        List<MediaDescription> offered = offer.media();
        Direction sessionDirection = offer.direction().orElse(null); // looked up once: stays linear
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription om = offered.get(i);
            if (om.isRejected()) {
                answer.addMedia(rejected(om)); // RFC 3264 §6: a disabled stream stays disabled
                continue;
            }
            active++;
            Outcome o = negotiate(offer, sessionDirection, i, om, portsUsedByType);
            answer.addMedia(o.media);
            if (o.warning == 0) {
                accepted++;
            } else if (rank(o.warning) > rank(warning)) {
                warning = o.warning;
                why = "m= line " + (i + 1) + " (" + om.media() + " " + om.protocol() + "): " + o.reason;
            }
        }
        if (active > 0 && accepted == 0) {
            throw new SdpNotAcceptableException("no offered stream is acceptable; " + why, warning);
        }
        return answer;
    }

    /** Most specific reason first: a format mismatch says more than a missing media type. */
    private static int rank(int warning) {
        return switch (warning) {
            case SdpNotAcceptableException.INCOMPATIBLE_MEDIA_FORMAT -> 4;
            case SdpNotAcceptableException.INCOMPATIBLE_TRANSPORT -> 3;
            case SdpNotAcceptableException.INCOMPATIBLE_NETWORK_ADDRESS -> 2;
            case SdpNotAcceptableException.MEDIA_TYPE_NOT_AVAILABLE -> 1;
            default -> 0;
        };
    }

    private record Outcome(MediaDescription media, int warning, String reason) {}

    private record Match(int payloadType, String format, Codec codec, RtpMap rtpMap) {}

    private Outcome negotiate(SessionDescription offer, Direction sessionDirection, int index,
                              MediaDescription om, Map<String, Integer> portsUsedByType) {
        String type = om.media().toLowerCase(Locale.ROOT);
        List<Codec> local = codecs.get(type);
        if (local == null || local.isEmpty()) {
            return reject(om, SdpNotAcceptableException.MEDIA_TYPE_NOT_AVAILABLE, "media type not supported");
        }
        if (!om.isRtp() || !supportsProtocol(om.protocol())) {
            return reject(om, SdpNotAcceptableException.INCOMPATIBLE_TRANSPORT, "transport protocol not supported");
        }
        Optional<Connection> c = offer.effectiveConnection(om);
        if (c.isPresent() && c.get().isMulticast()) {
            return reject(om, SdpNotAcceptableException.INCOMPATIBLE_NETWORK_ADDRESS, "multicast is not supported");
        }
        // index the payload attributes once: scanning them per offered format would be
        // quadratic in a hostile offer
        Map<Integer, Attribute> rtpmaps = new HashMap<>();
        Map<Integer, Fmtp> fmtps = new HashMap<>();
        for (Attribute a : om.attributes()) {
            if (a.is("rtpmap")) {
                RtpMap.parse(a.value()).ifPresent(m -> rtpmaps.putIfAbsent(m.payloadType(), a));
            } else if (a.is("fmtp")) {
                Fmtp.parse(a.value()).filter(f -> f.payloadType() >= 0)
                        .ifPresent(f -> fmtps.putIfAbsent(f.payloadType(), f));
            }
        }
        List<Match> matches = match(om, local, rtpmaps);
        Match primary = null;
        for (Match m : matches) {
            if (!m.codec.isAuxiliary()) {
                primary = m;
                break;
            }
        }
        if (primary == null) {
            return reject(om, SdpNotAcceptableException.INCOMPATIBLE_MEDIA_FORMAT, "no common codec");
        }
        if (singleCodec) {
            List<Match> kept = new ArrayList<>();
            for (Match m : matches) {
                // one codec, plus the auxiliary encodings at its clock rate (RFC 4733 recommends
                // that events use the clock rate of the audio they accompany)
                if (m == primary || (m.codec.isAuxiliary() && m.rtpMap.clockRate() == primary.rtpMap.clockRate())) {
                    kept.add(m);
                }
            }
            matches = kept;
        }
        int port = allocator != null ? allocator.port(index, om) : defaultPort(type, portsUsedByType);
        if (port <= 0 || port > 65535) {
            return reject(om, SdpNotAcceptableException.MEDIA_TYPE_NOT_AVAILABLE, "no local port for the stream");
        }
        List<String> formats = new ArrayList<>(matches.size());
        for (Match m : matches) {
            formats.add(m.format);
        }
        MediaDescription am = new MediaDescription(om.media(), port, om.protocol(), formats);
        for (Match m : matches) {
            // echo the offer's own rtpmap line (static types may have none, RFC 8866 §6.6)
            Attribute rtpmap = rtpmaps.get(m.payloadType);
            if (rtpmap != null) {
                am.addAttribute(rtpmap);
            }
            if (m.codec.fmtp() != null) {
                am.addAttribute(Fmtp.of(m.payloadType, m.codec.fmtp()).toAttribute());
            } else {
                Fmtp offered = fmtps.get(m.payloadType);
                if (offered != null) {
                    am.addAttribute(offered.toAttribute());
                }
            }
        }
        if (ptime > 0 && MediaDescription.AUDIO.equals(type)) {
            am.setPtime(ptime);
        }
        om.mid().ifPresent(am::setMid);
        am.setDirection(Direction.answer(SdpSection.effective(om, sessionDirection), direction));
        return new Outcome(am, 0, null);
    }

    /** The offered payload types this party supports, in the offerer's order (RFC 3264 §6.1). */
    private static List<Match> match(MediaDescription om, List<Codec> local, Map<Integer, Attribute> rtpmaps) {
        List<Match> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (String format : om.formats()) {
            long pt = Syntax.parseUnsigned(format, 0, format.length());
            if (pt < 0 || pt > RtpMap.MAX_PAYLOAD_TYPE || !seen.add((int) pt)) {
                continue;
            }
            Attribute explicit = rtpmaps.get((int) pt);
            // the rtpmap, else the RFC 3551 table; dynamic types without rtpmap are unknown: skipped
            Optional<RtpMap> map = explicit != null ? RtpMap.parse(explicit.value()) : RtpMap.forStaticPayloadType((int) pt);
            if (map.isEmpty()) {
                continue;
            }
            for (Codec codec : local) {
                if (codec.matches(map.get())) {
                    out.add(new Match((int) pt, format, codec, map.get()));
                    break;
                }
            }
        }
        return out;
    }

    private boolean supportsProtocol(String protocol) {
        for (String p : protocols) {
            if (p.equalsIgnoreCase(protocol)) {
                return true;
            }
        }
        return false;
    }

    /** One port per media type: the first accepted stream of a type gets it, later ones are rejected. */
    private int defaultPort(String type, Map<String, Integer> used) {
        Integer port = ports.get(type);
        if (port == null || used.containsKey(type)) {
            return 0;
        }
        used.put(type, port);
        return port;
    }

    private static Outcome reject(MediaDescription om, int warning, String reason) {
        return new Outcome(rejected(om), warning, reason);
    }

    private static MediaDescription rejected(MediaDescription om) {
        MediaDescription m = new MediaDescription(om.media(), 0, om.protocol(), om.formats());
        om.mid().ifPresent(m::setMid);
        return m;
    }

    /** Configures an {@link SdpAnswerer}; origin and connection address are required. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private Connection connection;
        private final Map<String, List<Codec>> codecs = new LinkedHashMap<>();
        private final Map<String, Integer> ports = new LinkedHashMap<>();
        private PortAllocator allocator;
        private final Set<String> protocols = new LinkedHashSet<>(List.of(MediaDescription.RTP_AVP));
        private Direction direction = Direction.SENDRECV;
        private boolean singleCodec;
        private int ptime;

        private Builder() {}

        /** The answer's {@code o=} line (required). */
        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** The answer's {@code s=} (default {@code "-"}). */
        public Builder sessionName(String name) {
            this.sessionName = Syntax.requireText(name, "session name");
            return this;
        }

        /** The address media is received on, put in the session-level {@code c=} (required). */
        public Builder connectionAddress(String address) {
            this.connection = Connection.of(address);
            return this;
        }

        /** The codecs supported for a media type ({@code "audio"}, {@code "video"}, ...); order does not matter. */
        public Builder codecs(String mediaType, Codec... supported) {
            return codecs(mediaType, List.of(supported));
        }

        /** The codecs supported for a media type. */
        public Builder codecs(String mediaType, List<Codec> supported) {
            codecs.put(mediaType.toLowerCase(Locale.ROOT), List.copyOf(supported));
            return this;
        }

        /** The local port of the first accepted stream of a media type; further streams of that type are rejected. */
        public Builder port(String mediaType, int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535: " + port);
            }
            ports.put(mediaType.toLowerCase(Locale.ROOT), port);
            return this;
        }

        /** Chooses ports per stream instead of {@link #port(String, int)}. */
        public Builder portAllocator(PortAllocator allocator) {
            this.allocator = allocator;
            return this;
        }

        /** The transport protocols accepted (default {@code RTP/AVP}); only RTP-based ones can be negotiated. */
        public Builder protocols(String... accepted) {
            protocols.clear();
            for (String p : accepted) {
                protocols.add(Syntax.requireField(p, "protocol"));
            }
            return this;
        }

        /** The most this party does (default sendrecv); e.g. {@code SENDONLY} for an announcement server. */
        public Builder direction(Direction local) {
            this.direction = Objects.requireNonNull(local, "direction");
            return this;
        }

        /**
         * Answer with one codec per stream (the offerer's most preferred one this party supports)
         * plus its auxiliary encodings, so that neither side has to be ready to switch codecs
         * mid-stream (RFC 3264 §6.1 allows any subset; RFC 6337 §5.2 discusses why one is safer).
         */
        public Builder singleCodec(boolean single) {
            this.singleCodec = single;
            return this;
        }

        /** An {@code a=ptime} (milliseconds) for accepted audio streams; 0 (default) for none. */
        public Builder ptime(int millis) {
            this.ptime = Math.max(0, millis);
            return this;
        }

        /** The answerer. */
        public SdpAnswerer build() {
            return new SdpAnswerer(this);
        }
    }
}
