package io.sipflow.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=rtpmap} attribute (RFC 8866 §6.6):
 * {@code <payload type> <encoding name>/<clock rate>[/<encoding parameters>]}, e.g.
 * {@code 96 opus/48000/2}. For audio the encoding parameter is the number of channels.
 *
 * <p>The static payload types of RFC 3551 §6 (0 PCMU, 8 PCMA, 9 G722, 18 G729, ...) need no
 * {@code rtpmap} line; {@link #forStaticPayloadType(int)} gives their mapping.
 *
 * @param payloadType the RTP payload type 0..127
 * @param encodingName the encoding name, e.g. {@code "PCMU"}; compare it ignoring case (it is a
 *     media subtype name, RFC 4855 §3)
 * @param clockRate the RTP clock rate in Hz, positive
 * @param channels the number of audio channels, or {@link Connection#NONE} when the line has no
 *     encoding parameter (which means one channel for audio)
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    /** The highest RTP payload type (7 bits, RFC 3550 §5.1). */
    public static final int MAX_PAYLOAD_TYPE = 127;

    private static final RtpMap[] STATIC = new RtpMap[35];

    static {
        // RFC 3551 §6, Tables 4 and 5. G722 is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).
        put(0, "PCMU", 8000, Connection.NONE);
        put(3, "GSM", 8000, Connection.NONE);
        put(4, "G723", 8000, Connection.NONE);
        put(5, "DVI4", 8000, Connection.NONE);
        put(6, "DVI4", 16000, Connection.NONE);
        put(7, "LPC", 8000, Connection.NONE);
        put(8, "PCMA", 8000, Connection.NONE);
        put(9, "G722", 8000, Connection.NONE);
        put(10, "L16", 44100, 2);
        put(11, "L16", 44100, Connection.NONE);
        put(12, "QCELP", 8000, Connection.NONE);
        put(13, "CN", 8000, Connection.NONE);
        put(14, "MPA", 90000, Connection.NONE);
        put(15, "G728", 8000, Connection.NONE);
        put(16, "DVI4", 11025, Connection.NONE);
        put(17, "DVI4", 22050, Connection.NONE);
        put(18, "G729", 8000, Connection.NONE);
        put(25, "CelB", 90000, Connection.NONE);
        put(26, "JPEG", 90000, Connection.NONE);
        put(28, "nv", 90000, Connection.NONE);
        put(31, "H261", 90000, Connection.NONE);
        put(32, "MPV", 90000, Connection.NONE);
        put(33, "MP2T", 90000, Connection.NONE);
        put(34, "H263", 90000, Connection.NONE);
    }

    private static void put(int pt, String name, int rate, int channels) {
        STATIC[pt] = new RtpMap(pt, name, rate, channels);
    }

    /** Validates the components. */
    public RtpMap {
        if (payloadType < 0 || payloadType > MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        Syntax.requireField(encodingName, "encoding name");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("encoding name must not contain '/': " + encodingName);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        if (channels != Connection.NONE && channels < 1) {
            throw new IllegalArgumentException("channels must be positive: " + channels);
        }
    }

    /** A mapping without encoding parameter, e.g. {@code RtpMap.of(101, "telephone-event", 8000)}. */
    public static RtpMap of(int payloadType, String encodingName, int clockRate) {
        return new RtpMap(payloadType, encodingName, clockRate, Connection.NONE);
    }

    /**
     * Parses an {@code a=rtpmap} value; empty when it is malformed. Malformed values are not a
     * parse error of the whole description: RFC 8866 §5.13 lets a receiver ignore attributes it
     * cannot use.
     */
    public static Optional<RtpMap> parse(String value) {
        if (value == null || !Syntax.isText(value)) {
            return Optional.empty();
        }
        int end = Syntax.trimEnd(value, 0, value.length());
        int i = Syntax.trimStart(value, 0, end);
        int ptEnd = i;
        while (ptEnd < end && Syntax.isDigit(value.charAt(ptEnd))) {
            ptEnd++;
        }
        long pt = Syntax.parseUnsigned(value, i, ptEnd);
        if (pt < 0 || pt > MAX_PAYLOAD_TYPE || ptEnd == end || !Syntax.isWhitespace(value.charAt(ptEnd))) {
            return Optional.empty();
        }
        int nameStart = Syntax.trimStart(value, ptEnd, end);
        int slash1 = value.indexOf('/', nameStart, end);
        if (slash1 <= nameStart) {
            return Optional.empty();
        }
        int slash2 = value.indexOf('/', slash1 + 1, end);
        long rate = Syntax.parseUnsigned(value, slash1 + 1, slash2 < 0 ? end : slash2);
        long channels = slash2 < 0 ? Connection.NONE : Syntax.parseUnsigned(value, slash2 + 1, end);
        String name = value.substring(nameStart, slash1);
        if (rate <= 0 || rate > Integer.MAX_VALUE || (slash2 >= 0 && (channels < 1 || channels > Integer.MAX_VALUE))
                || !Syntax.isField(name)) {
            return Optional.empty();
        }
        return Optional.of(new RtpMap((int) pt, name, (int) rate, (int) channels));
    }

    /** The RFC 3551 §6 mapping of a static payload type, or empty for an unassigned/dynamic one. */
    public static Optional<RtpMap> forStaticPayloadType(int payloadType) {
        return payloadType >= 0 && payloadType < STATIC.length
                ? Optional.ofNullable(STATIC[payloadType]) : Optional.empty();
    }

    /** The number of channels, 1 when the line gives none (RFC 8866 §6.6). */
    public int effectiveChannels() {
        return channels == Connection.NONE ? 1 : channels;
    }

    /**
     * True when this mapping describes the same encoding: names equal ignoring case (media
     * subtype names are case-insensitive, RFC 4855 §3), same clock rate, same channel count.
     */
    public boolean sameEncoding(String name, int rate, int channelCount) {
        return encodingName.equalsIgnoreCase(name) && clockRate == rate && effectiveChannels() == channelCount;
    }

    /** This mapping as an {@code a=rtpmap} attribute. */
    public Attribute toAttribute() {
        return new Attribute("rtpmap", toString());
    }

    /** The attribute value, e.g. {@code 96 opus/48000/2}. */
    @Override
    public String toString() {
        String s = payloadType + " " + encodingName + '/' + clockRate;
        return channels == Connection.NONE ? s : s + '/' + channels;
    }
}
