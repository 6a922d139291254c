package io.sipflow.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an {@code a=fmtp} attribute (RFC 8866 §6.15): {@code <format> <parameters>},
 * e.g. {@code 101 0-16} or {@code 18 annexb=no}. The parameters are format specific and kept as
 * one string; {@link #parameterMap()} splits the common {@code key=value;key=value} form.
 *
 * @param format the media format the parameters apply to (an RTP payload type for RTP media)
 * @param parameters the format-specific parameters, possibly empty
 */
public record Fmtp(String format, String parameters) {

    /** Validates the components. */
    public Fmtp {
        Syntax.requireField(format, "fmtp format");
        Syntax.requireText(parameters, "fmtp parameters");
    }

    /** The parameters for an RTP payload type. */
    public static Fmtp of(int payloadType, String parameters) {
        return new Fmtp(Integer.toString(payloadType), parameters);
    }

    /** Parses an {@code a=fmtp} value; empty when it has no format. */
    public static Optional<Fmtp> parse(String value) {
        if (value == null || !Syntax.isText(value)) {
            return Optional.empty();
        }
        int end = Syntax.trimEnd(value, 0, value.length());
        int start = Syntax.trimStart(value, 0, end);
        int sp = start;
        while (sp < end && !Syntax.isWhitespace(value.charAt(sp))) {
            sp++;
        }
        if (sp == start) {
            return Optional.empty();
        }
        int p = Syntax.trimStart(value, sp, end);
        return Optional.of(new Fmtp(value.substring(start, sp), value.substring(p, end)));
    }

    /** The format as an RTP payload type, or -1 when it is not a number 0..127. */
    public int payloadType() {
        long v = Syntax.parseUnsigned(format, 0, format.length());
        return v <= RtpMap.MAX_PAYLOAD_TYPE ? (int) v : -1;
    }

    /**
     * The parameters split at {@code ;} and then at the first {@code =}, names and values
     * trimmed, in order; a part without {@code =} maps to {@code ""} (e.g. {@code 0-16}).
     */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        int i = 0;
        int n = parameters.length();
        while (i <= n) {
            int semi = parameters.indexOf(';', i);
            if (semi < 0) {
                semi = n;
            }
            int eq = parameters.indexOf('=', i, semi);
            String key = parameters.substring(i, eq < 0 ? semi : eq).strip();
            String val = eq < 0 ? "" : parameters.substring(eq + 1, semi).strip();
            if (!key.isEmpty()) {
                map.putIfAbsent(key, val);
            }
            i = semi + 1;
        }
        return Collections.unmodifiableMap(map);
    }

    /** This value as an {@code a=fmtp} attribute. */
    public Attribute toAttribute() {
        return new Attribute("fmtp", toString());
    }

    /** The attribute value, {@code <format> <parameters>}. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? format : format + ' ' + parameters;
    }
}
