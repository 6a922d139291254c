package io.sipflow.message.internal;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;

/**
 * A cursor over one header value (or URI), with the lexical rules of RFC 3261 §25.1: tokens,
 * quoted strings with escapes, separators with optional white space around them (SWS).
 * Errors carry the offset within the text; the message adds the header's own offset.
 *
 * <p>Not part of the public API; shared by the header and URI parsers of this module.
 */
public final class Lexer {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;
    }

    /**
     * Tokens that appear in nearly every message (Via protocol and transport, common parameter
     * names, methods): returned as shared constants instead of new substrings, which keeps the
     * per-message allocation of the lazy parse low.
     */
    private static final String[][] COMMON_BY_LENGTH = new String[16][];

    static {
        String[] common = {
            "SIP", "2.0", "UDP", "TCP", "TLS", "WS", "WSS", "SCTP", "udp", "tcp", "tls", "ws", "wss",
            "branch", "rport", "received", "tag", "lr", "transport", "expires", "q", "maddr", "ttl", "user",
            "phone", "ob", "reg-id", "alias", "method", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "application",
            "sdp", "refresher", "uac", "uas", "id", "cause", "text", "reason", "retry-after", "realm", "nonce",
            "opaque", "algorithm", "qop", "MD5", "auth"
        };
        java.util.Map<Integer, java.util.List<String>> byLen = new java.util.HashMap<>();
        for (String c : common) byLen.computeIfAbsent(c.length(), k -> new java.util.ArrayList<>()).add(c);
        byLen.forEach((len, list) -> COMMON_BY_LENGTH[len] = list.toArray(String[]::new));
    }

    /** {@code text[start..end)} as a shared constant when it is a common token, else a substring. */
    public static String intern(String text, int start, int end) {
        int len = end - start;
        if (len < COMMON_BY_LENGTH.length) {
            String[] candidates = COMMON_BY_LENGTH[len];
            if (candidates != null) {
                char first = text.charAt(start);
                outer:
                for (String c : candidates) {
                    if (c.charAt(0) != first) continue;
                    // a plain loop: regionMatches costs more than these few characters
                    for (int k = 1; k < len; k++) {
                        if (c.charAt(k) != text.charAt(start + k)) continue outer;
                    }
                    return c;
                }
            }
        }
        return text.substring(start, end);
    }

    private String text;
    private String what;
    private int pos;
    private int end;

    /**
     * @param text the value to read
     * @param what what is being parsed, for errors (a header name such as "Via")
     */
    public Lexer(String text, String what) {
        this(text, 0, text.length(), what);
    }

    public Lexer(String text, int start, int end, String what) {
        this.text = text;
        this.pos = start;
        this.end = end;
        this.what = what;
    }

    /**
     * Points this lexer at new text: a message reuses one lexer for all the header values it
     * parses (one thread owns a message), which saves an object per typed read.
     */
    public Lexer reset(String newText, String newWhat) {
        this.text = newText;
        this.what = newWhat;
        this.pos = 0;
        this.end = newText.length();
        return this;
    }

    /** RFC 3261 token character. */
    public static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    /** True when {@code s} is a non-empty RFC 3261 token. */
    public static boolean isToken(CharSequence s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) return false;
        }
        return true;
    }

    public String text() {
        return text;
    }

    public int pos() {
        return pos;
    }

    public void pos(int p) {
        this.pos = p;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The next character, or -1 at the end. */
    public int peek() {
        return pos < end ? text.charAt(pos) : -1;
    }

    public int peek(int ahead) {
        return pos + ahead < end ? text.charAt(pos + ahead) : -1;
    }

    public char next() {
        if (pos >= end) throw error("unexpected end");
        return text.charAt(pos++);
    }

    /** Skips LWS: spaces, tabs and (already unfolded) line breaks. */
    public Lexer skipWs() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') pos++;
            else break;
        }
        return this;
    }

    /** SWS c SWS: skips white space, then {@code c} and white space after it if present. */
    public boolean skipIf(char c) {
        int save = pos;
        skipWs();
        if (pos < end && text.charAt(pos) == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = save;
        return false;
    }

    /** Like {@link #skipIf} but without consuming white space after {@code c}. */
    public boolean skipIfTight(char c) {
        if (pos < end && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!skipIf(c)) throw error("expected '" + c + "'");
    }

    /** A token; throws when there is none here. */
    public String token() {
        int start = pos;
        while (pos < end && isTokenChar(text.charAt(pos))) pos++;
        if (pos == start) {
            throw error(pos < end ? "unexpected character '" + printable(text.charAt(pos)) + "'" : "unexpected end");
        }
        return text.substring(start, pos);
    }

    /** A token, shared when it is a common one (see {@link #intern}); throws when there is none. */
    public String tokenInterned() {
        int start = pos;
        while (pos < end && isTokenChar(text.charAt(pos))) pos++;
        if (pos == start) {
            throw error(pos < end ? "unexpected character '" + printable(text.charAt(pos)) + "'" : "unexpected end");
        }
        return intern(text, start, pos);
    }

    /** A token, or null when the next character does not start one. */
    public String tokenOrNull() {
        int start = pos;
        while (pos < end && isTokenChar(text.charAt(pos))) pos++;
        return pos == start ? null : text.substring(start, pos);
    }

    /** Reads up to (not including) the first of {@code stops}, or the end; may be empty. */
    public String until(String stops) {
        int start = pos;
        pos = indexOfAny(stops, pos);
        return text.substring(start, pos);
    }

    /**
     * The first index at or after {@code from} holding one of {@code stops} (at most four are
     * compared directly, which is what the hot callers use), or the end.
     */
    private int indexOfAny(String stops, int from) {
        int n = stops.length();
        char c0 = n > 0 ? stops.charAt(0) : 0;
        char c1 = n > 1 ? stops.charAt(1) : c0;
        char c2 = n > 2 ? stops.charAt(2) : c0;
        char c3 = n > 3 ? stops.charAt(3) : c0;
        int i = from;
        if (n <= 4) {
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c == c0 || c == c1 || c == c2 || c == c3) return i;
            }
            return i;
        }
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c == c0 || c == c1 || c == c2 || c == c3 || stops.indexOf(c, 4) >= 0) return i;
        }
        return i;
    }

    /**
     * A word (§25.1, liberal: Call-ID, In-Reply-To): printable characters up to white space or a
     * comma, checked in the same pass; throws when empty or on a control character.
     */
    public String word() {
        int start = pos;
        for (; pos < end; pos++) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') break;
            if (c < 0x21 || c == 0x7f) throw error("bad character");
        }
        if (pos == start) throw error("empty value");
        return text.substring(start, pos);
    }

    /** A digit string as a long; throws on none or on more than 18 digits. */
    public long number() {
        int start = pos;
        while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        int n = pos - start;
        if (n == 0) throw error("expected a number");
        if (n > 18) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "number too large", what, start);
        }
        long v = 0;
        for (int i = start; i < pos; i++) v = v * 10 + (text.charAt(i) - '0');
        return v;
    }

    /**
     * A quoted-string starting here: returns its content with quoted-pairs resolved
     * (RFC 3261 §25.1: {@code \} escapes any character but CR and LF).
     */
    public String quotedString() {
        if (pos >= end || text.charAt(pos) != '"') throw error("expected '\"'");
        int start = ++pos;
        StringBuilder sb = null;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.toString();
                pos++;
                return s;
            }
            if (c == '\\') {
                if (sb == null) sb = new StringBuilder().append(text, start, pos);
                if (pos + 1 >= end) break;
                sb.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (sb != null) sb.append(c);
            pos++;
        }
        throw error("unterminated quoted string");
    }

    /** A quoted-string starting here, returned raw with its quotes (for verbatim re-serialization). */
    public String rawQuotedString() {
        int start = pos;
        quotedString();
        return text.substring(start, pos);
    }

    /** A comment {@code ( ... )} with nesting and quoted-pairs, returned raw with parentheses. */
    public String comment() {
        int start = pos;
        if (pos >= end || text.charAt(pos) != '(') throw error("expected '('");
        int depth = 0;
        while (pos < end) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) return text.substring(start, pos);
            }
        }
        throw error("unterminated comment");
    }

    /** Rest of the text from here, trimmed. */
    public String rest() {
        String s = text.substring(pos, end).trim();
        pos = end;
        return s;
    }

    public void expectEnd() {
        skipWs();
        if (pos < end) throw error("unexpected '" + printable(text.charAt(pos)) + "'");
    }

    public SipParseException error(String detail) {
        return new SipParseException(ParseProblem.MALFORMED_HEADER, detail, what, pos);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    /** Quotes {@code s} as a quoted-string when it is not a token sequence (for display names). */
    public static String quoteIfNeeded(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = isTokenChar(c) || c == ' ';
        }
        return plain && s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' ' ? s : quote(s);
    }

    /**
     * Always quotes {@code s}, escaping {@code "}, {@code \} and control characters other than
     * HT as quoted-pairs: qdtext (RFC 3261 §25.1) excludes them, quoted-pair allows all but CR
     * and LF, which are dropped (RFC 4475 §3.1.1.2 has BEL, NUL and DEL in a display name).
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') continue;
            if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f) sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
