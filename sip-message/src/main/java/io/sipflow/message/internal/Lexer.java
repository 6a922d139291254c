package io.sipflow.message.internal;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one header value (or URI), with the lexical rules of RFC 3261 §25.1: tokens,
 * quoted strings with escapes, separators with optional white space around them (SWS).
 *
 * <p>It reads UTF-8 bytes: a value of a received message is read in place, in the message's
 * own buffer, so that no String is made of the whole value and only the parts that are kept
 * (a branch, a tag) become Strings. Every delimiter of the grammar is ASCII, so a slice
 * between two delimiters never splits a UTF-8 sequence. Positions ({@link #pos()}, error
 * offsets) count bytes from the start of the value.
 *
 * <p>Not part of the public API; shared by the header and URI parsers of this module.
 */
public final class Lexer {
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;
    }

    /** Per byte, for {@link #word}: 0 inside a word, WORD_END after it, WORD_BAD never allowed. */
    private static final byte[] WORD = new byte[256];
    private static final byte WORD_END = 1;
    private static final byte WORD_BAD = 2;

    static {
        for (int c = 0; c < 0x21; c++) WORD[c] = WORD_BAD;
        WORD[0x7f] = WORD_BAD;
        for (char c : " \t\r\n,".toCharArray()) WORD[c] = WORD_END;
    }

    /**
     * Tokens that appear in nearly every message (Via protocol and transport, common parameter
     * names, methods): returned as shared constants instead of new Strings, which keeps the
     * per-message allocation of the lazy parse low. Indexed by length, then by first byte, so
     * that a token is compared with at most a few candidates.
     */
    private static final String[][][] COMMON = new String[16][][];
    private static final byte[][][][] COMMON_BYTES = new byte[16][][][];

    static {
        String[] common = {
            "SIP", "2.0", "UDP", "TCP", "TLS", "WS", "WSS", "SCTP", "udp", "tcp", "tls", "ws", "wss",
            "branch", "rport", "received", "tag", "lr", "transport", "expires", "q", "maddr", "ttl", "user",
            "phone", "ob", "reg-id", "alias", "method", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "application",
            "sdp", "refresher", "uac", "uas", "id", "cause", "text", "reason", "retry-after", "realm", "nonce",
            "opaque", "algorithm", "qop", "MD5", "auth"
        };
        for (String c : common) {
            int len = c.length();
            int first = c.charAt(0) & 0x7f;
            if (COMMON[len] == null) {
                COMMON[len] = new String[128][];
                COMMON_BYTES[len] = new byte[128][][];
            }
            String[] s = COMMON[len][first];
            byte[][] b = COMMON_BYTES[len][first];
            int n = s == null ? 0 : s.length;
            s = s == null ? new String[1] : java.util.Arrays.copyOf(s, n + 1);
            b = b == null ? new byte[1][] : java.util.Arrays.copyOf(b, n + 1);
            s[n] = c;
            b[n] = c.getBytes(StandardCharsets.US_ASCII);
            COMMON[len][first] = s;
            COMMON_BYTES[len][first] = b;
        }
    }

    /** {@code text[start..end)} as a shared constant when it is a common token, else a substring. */
    public static String intern(String text, int start, int end) {
        int len = end - start;
        if (len > 0 && len < COMMON.length && COMMON[len] != null) {
            char first = text.charAt(start);
            String[] candidates = first < 128 ? COMMON[len][first] : null;
            if (candidates != null) {
                for (String c : candidates) {
                    if (text.regionMatches(start, c, 0, len)) return c;
                }
            }
        }
        return text.substring(start, end);
    }

    /**
     * {@code b[start..end)}, a non-empty run of token bytes, as a shared constant when it is a
     * common token, else a new String: what {@link #tokenInterned} returns for it.
     */
    public static String internToken(byte[] b, int start, int end) {
        return intern(b, start, end);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The first index in {@code b[from..end)} holding {@code c1}, {@code c2} or {@code c3}, or
     * {@code end}. Eight bytes per step (SWAR): a zero byte of {@code word ^ broadcast(c)} marks
     * a match, and {@code (x - 0x01..) & ~x & 0x80..} flags the lowest zero byte of {@code x}
     * exactly (higher flags may be false, from the borrow), so the lowest flag of the three
     * tests together is the first match.
     */
    public static int indexOfAny(byte[] b, int from, int end, byte c1, byte c2, byte c3) {
        long p1 = (c1 & 0xffL) * ONES;
        long p2 = (c2 & 0xffL) * ONES;
        long p3 = (c3 & 0xffL) * ONES;
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x1 = w ^ p1;
            long x2 = w ^ p2;
            long x3 = w ^ p3;
            long found = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2 | (x3 - ONES) & ~x3) & HIGHS;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == c1 || c == c2 || c == c3) return i;
        }
        return end;
    }

    /**
     * The end of the run of token characters (§25.1) starting at {@code from}: the first index
     * in {@code b[from..end)} of a non-token byte, or {@code end}. Runs of letters, digits, '.'
     * and '-' (host names, branches, tags: nearly all of a token) are classified eight bytes
     * per step; the byte loop takes over at the first other byte.
     */
    public static int tokenEnd(byte[] b, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long other = ~alnumDotDash(w) & HIGHS;
            if (other == 0) {
                i += 8;
                continue;
            }
            int k = Long.numberOfTrailingZeros(other) >>> 3;
            // That byte, taken from the word rather than loaded again: the end of the token,
            // or one of its other characters ('_', '!', '~'...), after which the search goes on.
            int c = (int) (w >>> (k << 3)) & 0xff;
            if (!isTokenBit(c)) return i + k;
            i += k + 1;
        }
        while (i < end && TOKEN[b[i] & 0xff]) i++;
        return i;
    }

    /** {@link #TOKEN} as two 64-bit masks (bytes 0..63, 64..127), tested without a memory access. */
    private static final long TOKEN_LOW;
    private static final long TOKEN_HIGH;

    static {
        long low = 0;
        long high = 0;
        for (int c = 0; c < 64; c++) if (TOKEN[c]) low |= 1L << c;
        for (int c = 64; c < 128; c++) if (TOKEN[c]) high |= 1L << (c - 64);
        TOKEN_LOW = low;
        TOKEN_HIGH = high;
    }

    private static boolean isTokenBit(int c) {
        // shifts use the low six bits of c: c < 64 reads TOKEN_LOW, 64..127 TOKEN_HIGH; 128.. none
        return c < 128 && (((c < 64 ? TOKEN_LOW : TOKEN_HIGH) >>> c) & 1) != 0;
    }

    /**
     * Bit 7 of each byte of the result set when that byte of {@code w} is an ASCII letter,
     * digit, '.' or '-'. Each byte is tested on its own: on 7-bit values, adding
     * {@code 0x80 - lo} sets bit 7 exactly when the value is at least {@code lo} and never
     * carries into the next byte.
     */
    private static long alnumDotDash(long w) {
        long x = w & ~HIGHS; // bytes from 0x80 on are excluded below
        long digit = (x + 0x5050505050505050L) & ~(x + 0x4646464646464646L); // 0x30..0x39
        long f = x | 0x2020202020202020L; // letters of either case onto 0x61..0x7a (and nothing else)
        long letter = (f + 0x1F1F1F1F1F1F1F1FL) & ~(f + 0x0505050505050505L); // 0x61..0x7a
        long dot = ~((x ^ 0x2E2E2E2E2E2E2E2EL) + 0x7F7F7F7F7F7F7F7FL); // zero byte: bit 7 stays clear
        long dash = ~((x ^ 0x2D2D2D2D2D2D2D2DL) + 0x7F7F7F7F7F7F7F7FL);
        return (digit | letter | dot | dash) & ~w & HIGHS;
    }

    /**
     * The first index in {@code b[from..end)} holding a byte below 0x21, ',' or DEL (where a
     * {@link #word} ends or goes wrong), or {@code end}; eight bytes per step (exact for the
     * lowest, as in {@link #indexOfAny}).
     */
    public static int wordStop(byte[] b, int from, int end) {
        int p = from;
        for (; p + 8 <= end; p += 8) {
            long w = (long) LONGS.get(b, p);
            long xc = w ^ 0x2C2C2C2C2C2C2C2CL;
            long xd = w ^ 0x7F7F7F7F7F7F7F7FL;
            long found = ((w - 0x2121212121212121L) & ~w | (xc - ONES) & ~xc | (xd - ONES) & ~xd) & HIGHS;
            if (found != 0) return p + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; p < end; p++) {
            int c = b[p] & 0xff;
            if (c < 0x21 || c == ',' || c == 0x7f) return p;
        }
        return end;
    }

    /**
     * Appends {@code b[start..end)} decoded as UTF-8, without an intermediate String when the
     * bytes are ASCII (as header text nearly always is).
     */
    public static StringBuilder appendUtf8(StringBuilder sb, byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] < 0) return sb.append(new String(b, start, end - start, StandardCharsets.UTF_8));
        }
        for (int i = start; i < end; i++) sb.append((char) b[i]);
        return sb;
    }

    /**
     * {@code b[start..start+len)} decoded as ISO-8859-1 (each byte one char; for token bytes,
     * ASCII): what {@code new String(b, start, len, ISO_8859_1)} makes, through the small
     * constructor for 8-bit text, which the JIT inlines. The Charset constructor is too large
     * to be inlined, so every String made per parse (branch, tags) would cost a call and a
     * dispatch on the charset.
     */
    @SuppressWarnings("deprecation") // deprecated for text in other charsets; exact for Latin-1
    public static String latin1(byte[] b, int start, int len) {
        return new String(b, 0, start, len);
    }

    /** True when {@code b[start..end)} holds only ASCII bytes; eight per step. */
    public static boolean isAscii(byte[] b, int start, int end) {
        long or = 0;
        int i = start;
        for (; i + 8 <= end; i += 8) or |= (long) LONGS.get(b, i);
        for (; i < end; i++) or |= b[i]; // a byte from 0x80 on is negative: sign-extended, it sets every HIGHS bit
        return (or & HIGHS) == 0;
    }

    /** True for an RFC 3261 token byte (any byte value; non-ASCII bytes are not). */
    public static boolean isTokenByte(byte c) {
        return TOKEN[c & 0xff];
    }

    /**
     * The common tokens of up to eight bytes (nearly all of them: Via protocol and transport,
     * the usual parameter names, methods), keyed by their bytes as one little-endian word,
     * zero beyond the token: one multiply and usually one comparison find one (open
     * addressing; a token never contains NUL, and the length is compared too).
     */
    private static final int SHORT_SLOTS = 256;
    private static final long[] SHORT_KEYS = new long[SHORT_SLOTS];
    private static final String[] SHORT_TOKENS = new String[SHORT_SLOTS];

    static {
        for (String[][] byFirst : COMMON) {
            if (byFirst == null) continue;
            for (String[] candidates : byFirst) {
                if (candidates == null) continue;
                for (String c : candidates) {
                    if (c.length() > 8) continue;
                    byte[] cb = c.getBytes(StandardCharsets.US_ASCII);
                    long key = 0;
                    for (int i = cb.length - 1; i >= 0; i--) key = key << 8 | (cb[i] & 0xff);
                    int slot = shortSlot(key);
                    while (SHORT_TOKENS[slot] != null) slot = (slot + 1) & (SHORT_SLOTS - 1);
                    SHORT_KEYS[slot] = key;
                    SHORT_TOKENS[slot] = c;
                }
            }
        }
    }

    private static int shortSlot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 56) & (SHORT_SLOTS - 1);
    }

    /** {@code b[start..end)} (ASCII token bytes) as a shared constant when common, else a new String. */
    private static String intern(byte[] b, int start, int end) {
        int len = end - start;
        if (len > 0 && len <= 8) {
            long key;
            if (start + 8 <= b.length) {
                key = (long) LONGS.get(b, start) & (-1L >>> ((8 - len) << 3));
            } else {
                key = 0;
                for (int i = end - 1; i >= start; i--) key = key << 8 | (b[i] & 0xff);
            }
            int slot = shortSlot(key);
            String t;
            while ((t = SHORT_TOKENS[slot]) != null) {
                if (SHORT_KEYS[slot] == key && t.length() == len) return t;
                slot = (slot + 1) & (SHORT_SLOTS - 1);
            }
            return latin1(b, start, len); // token bytes are ASCII
        }
        return internLong(b, start, end);
    }

    /** {@link #intern(byte[], int, int)} for tokens longer than eight bytes (or empty). */
    private static String internLong(byte[] b, int start, int end) {
        int len = end - start;
        if (len < COMMON.length) {
            byte[][][] byFirst = COMMON_BYTES[len];
            if (byFirst != null) {
                byte[][] candidates = byFirst[b[start] & 0x7f];
                if (candidates != null) {
                    outer:
                    for (int k = 0; k < candidates.length; k++) {
                        byte[] c = candidates[k];
                        for (int j = 1; j < len; j++) {
                            if (c[j] != b[start + j]) continue outer;
                        }
                        return COMMON[len][b[start] & 0x7f][k];
                    }
                }
            }
        }
        return latin1(b, start, len); // token bytes are ASCII
    }

    private byte[] b;
    private String what;
    /** Absolute index of the value's first byte: positions seen by callers are relative to it. */
    private int base;
    private int pos;
    private int end;

    /**
     * @param text the value to read
     * @param what what is being parsed, for errors (a header name such as "Via")
     */
    public Lexer(String text, String what) {
        this(utf8(text), 0, -1, what);
    }

    /**
     * Reads {@code text} from char index {@code start} to its end; the chars before
     * {@code start} must be ASCII (so that char and byte positions agree), as they are for the
     * URI parsers that hand over their parameters.
     */
    public Lexer(String text, int start, String what) {
        this(utf8(text), 0, -1, what);
        this.pos = start;
    }

    /** Reads {@code bytes[start..end)} in place (UTF-8). */
    public Lexer(byte[] bytes, int start, int end, String what) {
        reset(bytes, start, end < 0 ? bytes.length : end, what);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Points this lexer at new bytes: a message reuses one lexer for the header values it
     * parses, which saves an object per typed read.
     */
    public Lexer reset(byte[] bytes, int start, int end, String newWhat) {
        this.b = bytes;
        this.base = start;
        this.pos = start;
        this.end = end;
        this.what = newWhat;
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

    /**
     * The bytes being read. A parsed value may keep bounds into them and make its Strings on
     * first use: they are a received message's own bytes (never changed while it lives) or a
     * copy made for this lexer.
     */
    public byte[] bytes() {
        return b;
    }

    /** The index in {@link #bytes()} of position {@code p} (relative, as {@link #pos()}). */
    public int offset(int p) {
        return base + p;
    }

    /** The text between two positions (relative, as {@link #pos()}), decoded. */
    public String slice(int from, int to) {
        return decode(base + from, base + to);
    }

    private String decode(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The position, in bytes from the start of the value. */
    public int pos() {
        return pos - base;
    }

    public void pos(int p) {
        this.pos = base + p;
    }

    /** The end, in bytes from the start of the value. */
    public int end() {
        return end - base;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The byte at position {@code p} (relative, as {@link #pos()}; 0x80..0xff for non-ASCII), or -1 outside. */
    public int byteAt(int p) {
        int a = base + p;
        return a >= base && a < end ? b[a] & 0xff : -1;
    }

    /** The next byte (a non-ASCII byte as 0x80..0xff), or -1 at the end. */
    public int peek() {
        return pos < end ? b[pos] & 0xff : -1;
    }

    public int peek(int ahead) {
        return pos + ahead < end ? b[pos + ahead] & 0xff : -1;
    }

    public char next() {
        if (pos >= end) throw error("unexpected end");
        return (char) (b[pos++] & 0xff);
    }

    /** Skips LWS: spaces, tabs and (already unfolded) line breaks. */
    public Lexer skipWs() {
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') p++;
            else break;
        }
        pos = p;
        return this;
    }

    /** SWS c SWS: skips white space, then {@code c} and white space after it if present. */
    public boolean skipIf(char c) {
        int p = pos;
        // the common case, c right here: no white space to skip first
        if (p < end && b[p] == c) {
            pos = p + 1;
            skipWs();
            return true;
        }
        skipWs();
        if (pos < end && b[pos] == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = p;
        return false;
    }

    /** Like {@link #skipIf} but without consuming white space after {@code c}. */
    public boolean skipIfTight(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips {@code literal} (ASCII bytes, compared exactly) when the text continues with it. */
    public boolean skipIfPrefix(byte[] literal) {
        int n = literal.length;
        if (end - pos < n) return false;
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != literal[i]) return false;
        }
        pos += n;
        return true;
    }

    public void expect(char c) {
        if (!skipIf(c)) throw error("expected '" + c + "'");
    }

    private int tokenEnd() {
        return tokenEnd(b, pos, end);
    }

    private SipParseException noToken() {
        return error(pos < end ? "unexpected character '" + printable(b[pos] & 0xff) + "'" : "unexpected end");
    }

    /** A token; throws when there is none here. */
    public String token() {
        int start = pos;
        int p = tokenEnd();
        if (p == start) throw noToken();
        pos = p;
        return latin1(b, start, p - start);
    }

    /** A token, shared when it is a common one (see {@link #intern}); throws when there is none. */
    public String tokenInterned() {
        int start = pos;
        int p = tokenEnd();
        if (p == start) throw noToken();
        pos = p;
        return intern(b, start, p);
    }

    /** A token, or null when the next character does not start one. */
    public String tokenOrNull() {
        int start = pos;
        int p = tokenEnd();
        if (p == start) return null;
        pos = p;
        return latin1(b, start, p - start);
    }

    /** Skips a token if one starts here (without making a String). */
    public void skipToken() {
        pos = tokenEnd();
    }

    /** Reads up to (not including) the first of {@code stops} (ASCII), or the end; may be empty. */
    public String until(String stops) {
        int start = pos;
        pos = indexOfAny(stops, pos);
        return decode(start, pos);
    }

    /** Like {@link #until} without making a String: moves to the first of {@code stops} or the end. */
    public void skipUntil(String stops) {
        pos = indexOfAny(stops, pos);
    }

    /**
     * The first index at or after {@code from} holding one of {@code stops} (at most four are
     * compared directly, which is what the hot callers use), or the end.
     */
    private int indexOfAny(String stops, int from) {
        int n = stops.length();
        byte c0 = n > 0 ? (byte) stops.charAt(0) : 0;
        byte c1 = n > 1 ? (byte) stops.charAt(1) : c0;
        byte c2 = n > 2 ? (byte) stops.charAt(2) : c0;
        byte c3 = n > 3 ? (byte) stops.charAt(3) : c0;
        int i = from;
        if (n <= 4) {
            for (; i < end; i++) {
                byte c = b[i];
                if (c == c0 || c == c1 || c == c2 || c == c3) return i;
            }
            return i;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == c0 || c == c1 || c == c2 || c == c3 || (c >= 0 && stops.indexOf(c, 4) >= 0)) return i;
        }
        return i;
    }

    /**
     * A word (§25.1, liberal: Call-ID, In-Reply-To): printable characters up to white space or a
     * comma, checked in the same pass; throws when empty or on a control character.
     */
    public String word() {
        int start = pos;
        int p = wordStop(b, pos, end);
        for (; p < end; p++) {
            byte k = WORD[b[p] & 0xff];
            if (k == 0) continue;
            if (k == WORD_END) break;
            pos = p;
            throw error("bad character");
        }
        pos = p;
        if (p == start) throw error("empty value");
        return decode(start, p);
    }

    /** A digit string as a long; throws on none or on more than 18 digits. */
    public long number() {
        int start = pos;
        int p = pos;
        long v = 0;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) break;
            v = v * 10 + d; // wraps only beyond 18 digits, which is rejected below
            p++;
        }
        pos = p;
        int n = p - start;
        if (n == 0) throw error("expected a number");
        if (n > 18) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "number too large", what, start - base);
        }
        return v;
    }

    /**
     * A quoted-string starting here: returns its content with quoted-pairs resolved
     * (RFC 3261 §25.1: {@code \} escapes any character but CR and LF).
     */
    public String quotedString() {
        if (pos >= end || b[pos] != '"') throw error("expected '\"'");
        int start = ++pos;
        byte[] out = null; // the content with escapes resolved, when there are any
        int n = 0;
        while (pos < end) {
            byte c = b[pos];
            if (c == '"') {
                String s = out == null ? decode(start, pos) : new String(out, 0, n, StandardCharsets.UTF_8);
                pos++;
                return s;
            }
            if (c == '\\') {
                if (out == null) {
                    out = new byte[end - start];
                    n = pos - start;
                    System.arraycopy(b, start, out, 0, n);
                }
                if (pos + 1 >= end) break;
                out[n++] = b[pos + 1];
                pos += 2;
                continue;
            }
            if (out != null) out[n++] = c;
            pos++;
        }
        throw error("unterminated quoted string");
    }

    /** A quoted-string starting here, returned raw with its quotes (for verbatim re-serialization). */
    public String rawQuotedString() {
        int start = pos;
        quotedString();
        return decode(start, pos);
    }

    /** Skips a quoted-string starting here (its content is not needed). */
    public void skipQuotedString() {
        if (pos >= end || b[pos] != '"') throw error("expected '\"'");
        int p = pos + 1;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                pos = p + 1;
                return;
            }
            p += c == '\\' ? 2 : 1;
        }
        pos = Math.min(p, end);
        throw error("unterminated quoted string");
    }

    /** A comment {@code ( ... )} with nesting and quoted-pairs, returned raw with parentheses. */
    public String comment() {
        int start = pos;
        if (pos >= end || b[pos] != '(') throw error("expected '('");
        int depth = 0;
        while (pos < end) {
            byte c = b[pos++];
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) return decode(start, pos);
            }
        }
        pos = end;
        throw error("unterminated comment");
    }

    /** Rest of the text from here, trimmed (as {@link String#trim()}: controls and SP at both ends). */
    public String rest() {
        int s = pos;
        int e = end;
        while (s < e && (b[s] & 0xff) <= ' ') s++;
        while (e > s && (b[e - 1] & 0xff) <= ' ') e--;
        pos = end;
        return decode(s, e);
    }

    public void expectEnd() {
        skipWs();
        if (pos < end) throw error("unexpected '" + printable(b[pos] & 0xff) + "'");
    }

    public SipParseException error(String detail) {
        return new SipParseException(ParseProblem.MALFORMED_HEADER, detail, what, Math.min(pos, end) - base);
    }

    private static String printable(int c) {
        return c < 0x20 || c >= 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c);
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
