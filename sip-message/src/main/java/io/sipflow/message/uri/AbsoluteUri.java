package io.sipflow.message.uri;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import java.util.Locale;

/**
 * Any URI other than SIP, SIPS and tel (RFC 3261 §25.1 absoluteURI; RFC 3986): kept verbatim.
 * A parser must accept unknown schemes (RFC 4475 §3.3.2–3.3.4); whether the element accepts
 * them (416 Unsupported URI Scheme) is the application's decision.
 */
public record AbsoluteUri(String scheme, String schemeSpecificPart) implements Uri {
    public AbsoluteUri {
        scheme = scheme.toLowerCase(Locale.ROOT);
    }

    static AbsoluteUri parse(String text, int colon, String what) {
        char first = text.charAt(0);
        if (!isAlpha(first)) {
            throw new SipParseException(ParseProblem.MALFORMED_HEADER, "bad URI scheme", what, 0);
        }
        for (int i = 1; i < colon; i++) {
            char c = text.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                throw new SipParseException(ParseProblem.MALFORMED_HEADER, "bad URI scheme", what, i);
            }
        }
        if (colon + 1 >= text.length()) {
            throw new SipParseException(ParseProblem.MALFORMED_HEADER, "empty URI", what, colon);
        }
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f) {
                throw new SipParseException(ParseProblem.MALFORMED_HEADER, "bad character in URI", what, i);
            }
        }
        return new AbsoluteUri(text.substring(0, colon), text.substring(colon + 1));
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    @Override
    public String toString() {
        return scheme + ":" + schemeSpecificPart;
    }
}
