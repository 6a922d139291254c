package io.sipflow.message.uri;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;

/**
 * A URI as SIP carries it (RFC 3261 §19.1, §25.1): a {@link SipUri} ({@code sip:} or
 * {@code sips:}), a {@link TelUri} (RFC 3966), or any other {@link AbsoluteUri}
 * (e.g. {@code urn:}, {@code mailto:}, {@code http:}). {@code toString()} gives the wire form.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {
    /** The scheme in lower case: "sip", "sips", "tel", ... */
    String scheme();

    /**
     * Parses a URI.
     *
     * @throws SipParseException (MALFORMED_HEADER) naming {@code "URI"} and the offset
     */
    static Uri parse(String text) {
        return parse(text, "URI");
    }

    /** Parses a URI; errors name {@code what} (e.g. the header it came from). */
    static Uri parse(String text, String what) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new SipParseException(ParseProblem.MALFORMED_HEADER, "URI without scheme", what, 0);
        }
        if (colon == 3 && text.regionMatches(true, 0, "sip", 0, 3)) {
            return SipUri.parse(text, false, 4, what);
        }
        if (colon == 4 && text.regionMatches(true, 0, "sips", 0, 4)) {
            return SipUri.parse(text, true, 5, what);
        }
        if (colon == 3 && text.regionMatches(true, 0, "tel", 0, 3)) {
            return TelUri.parse(text, what);
        }
        return AbsoluteUri.parse(text, colon, what);
    }
}
