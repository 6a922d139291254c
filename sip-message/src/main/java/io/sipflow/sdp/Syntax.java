package io.sipflow.sdp;

/**
 * Character-level helpers shared by the parser and the value types' validation.
 *
 * <p>Everything here works on index ranges of a {@link String} so that the parser can inspect
 * a line without allocating substrings (the parse path is benchmarked).
 */
final class Syntax {
    private Syntax() {}

    /** Numbers with more digits than this are rejected instead of risking {@code long} overflow. */
    static final int MAX_LONG_DIGITS = 18;

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** End of the range with trailing SP/HTAB removed. */
    static int trimEnd(String s, int from, int to) {
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Start of the range with leading SP/HTAB removed. */
    static int trimStart(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /**
     * Parses {@code s[from,to)} as an unsigned decimal number of at most {@link #MAX_LONG_DIGITS}
     * digits; returns -1 when the range is empty, holds a non-digit or is too long.
     */
    static long parseUnsigned(String s, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_LONG_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static boolean isAllDigits(String s) {
        return isAllDigits(s, 0, s.length());
    }

    static boolean isAllDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A non-empty run of characters without SP, HTAB, CR, LF or NUL: the shape of every
     * space-separated field of o=, c= and m= (RFC 8866 §9 "non-ws-string" / "token").
     */
    static boolean isField(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // one comparison for the usual printable character, the exact checks below it
            if (c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0)) {
                return false;
            }
        }
        return true;
    }

    /** Text that may appear after {@code x=}: anything but CR, LF and NUL (RFC 8866 §9 byte-string). */
    static boolean isText(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= '\r' && (c == '\r' || c == '\n' || c == 0)) {
                return false;
            }
        }
        return true;
    }

    static String requireField(String value, String what) {
        if (!isField(value)) {
            throw new IllegalArgumentException(what + " must be a non-empty string without whitespace: "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    static String requireText(String value, String what) {
        if (!isText(value)) {
            throw new IllegalArgumentException(what + " must not be null nor contain CR, LF or NUL");
        }
        return value;
    }

    /** ASCII case-insensitive comparison; SDP names are ASCII (RFC 5234 §2.3: ABNF strings ignore case). */
    static boolean equalsIgnoreCase(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    /**
     * A "typed-time" (RFC 8866 §5.10): digits with an optional d/h/m/s unit; a leading "-" is
     * accepted only when {@code signed} (z= offsets).
     */
    static boolean isTypedTime(String s, int from, int to, boolean signed) {
        if (signed && from < to && s.charAt(from) == '-') {
            from++;
        }
        if (from < to) {
            char last = s.charAt(to - 1);
            if (last == 'd' || last == 'h' || last == 'm' || last == 's') {
                to--;
            }
        }
        return to - from > 0 && to - from <= MAX_LONG_DIGITS && isAllDigits(s, from, to);
    }
}
