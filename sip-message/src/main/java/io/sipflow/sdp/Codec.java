package io.sipflow.sdp;

import java.util.Locale;
import java.util.Set;

/**
 * A media encoding this party supports, for {@link SdpAnswerer}: matched against an offer's
 * {@code a=rtpmap} (or the static payload type table of RFC 3551 §6) by encoding name (ASCII case
 * ignored, RFC 4855 §3), clock rate and channel count. The payload type number is the offerer's:
 * an answer must reuse it (RFC 3264 §6.1).
 *
 * @param encodingName the encoding name, e.g. {@code "PCMU"} or {@code "telephone-event"}
 * @param clockRate the RTP clock rate in Hz
 * @param channels the number of channels (1 for mono audio and for video)
 * @param staticPayloadType the RFC 3551 static payload type, or -1 for a dynamic encoding
 * @param fmtp the {@code a=fmtp} parameters to put in an answer instead of echoing the offer's,
 *     or {@code null}
 */
public record Codec(String encodingName, int clockRate, int channels, int staticPayloadType, String fmtp) {
    /** G.711 µ-law, static payload type 0. */
    public static final Codec PCMU = new Codec("PCMU", 8000, 1, 0, null);
    /** GSM 06.10, static payload type 3. */
    public static final Codec GSM = new Codec("GSM", 8000, 1, 3, null);
    /** G.711 A-law, static payload type 8. */
    public static final Codec PCMA = new Codec("PCMA", 8000, 1, 8, null);
    /** G.722, static payload type 9; its RTP clock rate is 8000 by a historical error (RFC 3551 §4.5.2). */
    public static final Codec G722 = new Codec("G722", 8000, 1, 9, null);
    /** Comfort noise (RFC 3389), static payload type 13. */
    public static final Codec CN = new Codec("CN", 8000, 1, 13, null);
    /** G.729, static payload type 18. */
    public static final Codec G729 = new Codec("G729", 8000, 1, 18, null);
    /** DTMF digits as RTP events (RFC 4733), 8 kHz, dynamic payload type. */
    public static final Codec TELEPHONE_EVENT = new Codec("telephone-event", 8000, 1, -1, null);
    /** Opus (RFC 7587): always {@code opus/48000/2} in SDP, whatever is actually sent. */
    public static final Codec OPUS = new Codec("opus", 48000, 2, -1, null);

    /**
     * Encodings that carry no media of their own: a stream offering only these is not acceptable,
     * because a call needs at least one real codec.
     */
    private static final Set<String> AUXILIARY = Set.of("telephone-event", "cn", "red", "ulpfec", "flexfec", "rtx");

    /** Validates the components. */
    public Codec {
        Syntax.requireField(encodingName, "encoding name");
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
        if (staticPayloadType < -1 || staticPayloadType > 95) {
            throw new IllegalArgumentException("static payload type must be 0..95, or -1: " + staticPayloadType);
        }
        if (fmtp != null) {
            Syntax.requireText(fmtp, "fmtp");
        }
    }

    /** A dynamic-payload-type encoding with one channel, e.g. {@code Codec.of("AMR-WB", 16000)}. */
    public static Codec of(String encodingName, int clockRate) {
        return new Codec(encodingName, clockRate, 1, -1, null);
    }

    /** A dynamic-payload-type encoding. */
    public static Codec of(String encodingName, int clockRate, int channels) {
        return new Codec(encodingName, clockRate, channels, -1, null);
    }

    /** This codec answering with the given {@code a=fmtp} parameters instead of the offer's. */
    public Codec withFmtp(String parameters) {
        return new Codec(encodingName, clockRate, channels, staticPayloadType, parameters);
    }

    /** True for telephone-event, CN, RED, FEC and RTX, which accompany a codec but are not one. */
    public boolean isAuxiliary() {
        return AUXILIARY.contains(encodingName.toLowerCase(Locale.ROOT));
    }

    /** True when an offered payload mapping is this encoding. */
    public boolean matches(RtpMap rtpMap) {
        return rtpMap.sameEncoding(encodingName, clockRate, channels);
    }

    /**
     * The {@code a=rtpmap} for this codec in an offer: its static payload type when it has one,
     * otherwise {@code dynamicPayloadType} (96..127 by convention, RFC 3551 §3).
     */
    public RtpMap rtpMap(int dynamicPayloadType) {
        int pt = staticPayloadType >= 0 ? staticPayloadType : dynamicPayloadType;
        return new RtpMap(pt, encodingName, clockRate, channels == 1 ? Connection.NONE : channels);
    }
}
