package io.sipflow.message.uri;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.header.Parameters;
import io.sipflow.message.internal.Lexer;

/**
 * A tel URI (RFC 3966): {@code tel:+1-201-555-0123;ext=1234}. The number is kept as written
 * (visual separators included); {@link #digits()} strips them, as §5.1.1 allows for comparison.
 */
public record TelUri(String number, Parameters params) implements Uri {
    public TelUri {
        if (number == null || number.isEmpty()) throw new IllegalArgumentException("empty number");
        if (params == null) params = Parameters.EMPTY;
    }

    public static TelUri of(String number) {
        return new TelUri(number, Parameters.EMPTY);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** A global number starts with '+' (RFC 3966 §5.1.4). */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** The number without visual separators ({@code - . ( )}). */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') sb.append(c);
        }
        return sb.toString();
    }

    static TelUri parse(String text, String what) {
        int i = 4;
        int start = i;
        while (i < text.length() && text.charAt(i) != ';') {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == '+' || c == '-' || c == '.' || c == '(' || c == ')' || c == '*' || c == '#';
            if (!ok) throw new SipParseException(ParseProblem.MALFORMED_HEADER, "bad character in tel URI", what, i);
            i++;
        }
        if (i == start) throw new SipParseException(ParseProblem.MALFORMED_HEADER, "empty tel number", what, i);
        String number = text.substring(start, i);
        Parameters params = Parameters.EMPTY;
        if (i < text.length()) {
            int[] stop = new int[1];
            params = SipUri.parseUriParams(text, i, text.length(), what, stop);
            if (stop[0] < text.length()) {
                throw new SipParseException(ParseProblem.MALFORMED_HEADER, "unexpected character in tel URI", what, stop[0]);
            }
        }
        return new TelUri(number, params);
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder("tel:").append(number)).toString();
    }
}
