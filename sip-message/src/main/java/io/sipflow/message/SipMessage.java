package io.sipflow.message;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.header.Via;
import io.sipflow.message.internal.ByteWriter;
import io.sipflow.message.internal.Lexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A SIP request or response (RFC 3261 §7): start line, ordered header fields, body.
 *
 * <h2>Lazy parsing</h2>
 * A parsed message keeps the bytes it was parsed from and an index of its header lines
 * (name id and value bounds). A header value is decoded and parsed only when read, and then
 * cached, so a stack that reads only Via, From/To tags, Call-ID and CSeq pays for nothing
 * else. Malformed values surface when read, as {@link SipParseException} naming the header
 * and offset; {@link #validate()} checks everything RFC 3261 requires of every message.
 *
 * <h2>Serialization</h2>
 * A message nobody modified serializes to exactly the bytes it was parsed from (for a
 * datagram, up to Content-Length). After a change, lines that were not touched are copied
 * verbatim (folding included) and changed or new lines are written canonically, with their
 * full names.
 *
 * <h2>Keeping values beyond the message</h2>
 * Typed values are cheap to read because they point into the message's bytes: an
 * {@link Address} (From, To, Contact, Route…) and a {@link Via} read from a parsed message refer
 * to its byte array until their text is needed, so keeping one keeps the whole message's bytes
 * alive. Anything that keeps such a value longer than the message (a dialog, a transaction's
 * snapshot of its request) keeps {@link Address#detached()} / {@link Via#detached()} instead;
 * the values' {@code with…} copies are detached already. Strings (Call-ID, tags, branch) and
 * {@link CSeq} never refer to the message.
 *
 * <h2>Threading</h2>
 * Reads may come from several threads at once (the stack and an application's callback both
 * reading a received response is normal): lazily parsed values are cached idempotently and
 * each parse has a lexer of its own. Changes need one owner: a message is
 * modified by one thread at a time, with nobody reading it meanwhile. Parsed header values are
 * immutable and may be shared.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    static final byte[] EMPTY = new byte[0];
    /**
     * Three ints per header line: {@code id | FOLDED | (valueStart - lineStart) << VALUE_SHIFT},
     * the line's start and its value's end (offsets into {@link #buf}; the line start is -1 for
     * a line set in code). Three rather than four ints: the index is the largest object of a
     * parse, and the value start is never far from the line start (the scanner rejects lines
     * whose value starts beyond {@link #MAX_VALUE_OFFSET}).
     */
    static final int STRIDE = 3;
    private static final int ID = 0, LINE = 1, VE = 2;
    /** Header ids take the low bits of the ID slot ({@link Header} defines far fewer). */
    static final int ID_MASK = (1 << 10) - 1;
    /** Set in the ID slot when the scanner saw a continuation line in the value (§7.3.1). */
    private static final int FOLDED = 1 << 10;
    private static final int VALUE_SHIFT = 11;
    /** The largest distance from a line's start to its value's start that the index can hold. */
    static final int MAX_VALUE_OFFSET = (1 << (32 - VALUE_SHIFT)) - 1;

    /** The bytes parsed from, or null for a message built in code. */
    byte[] buf;
    int msgStart;
    int msgEnd;
    int bodyStart;
    int bodyLength;
    /** A body set in code (replaces the slice). */
    private byte[] newBody;

    private int count;
    private int[] idx;
    /** Replaced or new value text per line; null = the original bytes. */
    private String[] texts;
    /** Name per line for lines added by name, or unknown names once decoded. */
    private String[] names;
    /** Parsed value per line: T for single headers, List<T> for list headers. */
    private Object[] cache;
    /** Whether anything changed since parsing: serialization is then rebuilt. */
    boolean modified;

    private static final int[] NO_LINES = new int[0];

    /** {@code capacity} 0 for a parsed message: the scanner then sets the index ({@link #setParsedIndex}). */
    SipMessage(int capacity) {
        idx = capacity == 0 ? NO_LINES : new int[capacity * STRIDE];
    }

    // ------------------------------------------------------------------ index (parser side)

    /** Writes header line {@code i} into the scanner's index {@code ix} ({@link #STRIDE} ints per line). */
    static void putLine(int[] ix, int i, int id, int lineStart, int valueStart, int valueEnd, boolean folded) {
        int o = i * STRIDE;
        ix[o + ID] = (folded ? id | FOLDED : id) | (valueStart - lineStart) << VALUE_SHIFT;
        ix[o + LINE] = lineStart;
        ix[o + VE] = valueEnd;
    }

    /** Takes an exact-size copy of the scanner's {@code n} lines (no free slots kept alive with the message). */
    final void setParsedIndex(int[] ix, int n) {
        idx = n == 0 ? NO_LINES : Arrays.copyOf(ix, n * STRIDE);
        count = n;
    }

    /** Moves the message onto its own copy of its bytes, which started at {@code oldStart}. */
    final void rebase(byte[] own, int oldStart) {
        for (int i = 0; i < count; i++) {
            int o = i * STRIDE;
            if (idx[o + LINE] >= 0) {
                idx[o + LINE] -= oldStart;
                idx[o + VE] -= oldStart;
            }
        }
        rebased(oldStart);
        buf = own;
        msgStart = 0;
    }

    /** Moves offsets into {@link #buf} that a subclass keeps, as {@link #rebase} does. */
    void rebased(int oldStart) {}

    private void grow() {
        int cap = Math.max(8, idx.length / STRIDE * 2);
        idx = Arrays.copyOf(idx, cap * STRIDE);
        if (texts != null) texts = Arrays.copyOf(texts, cap);
        if (names != null) names = Arrays.copyOf(names, cap);
        if (cache != null) cache = Arrays.copyOf(cache, cap);
    }

    /** The value start of the original line at index offset {@code o}. */
    private int valueStart(int o) {
        return idx[o + LINE] + (idx[o + ID] >>> VALUE_SHIFT);
    }

    private int capacity() {
        return idx.length / STRIDE;
    }

    // ------------------------------------------------------------------ start line

    /** True for a request. */
    public abstract boolean isRequest();

    /** The start line without CRLF, e.g. {@code INVITE sip:bob@example.com SIP/2.0}. */
    public abstract String startLine();

    /** The method: the request's, or for a response the CSeq method. */
    public abstract String method();

    // ------------------------------------------------------------------ raw header access

    /** Number of header lines. */
    public int headerCount() {
        return count;
    }

    /** The name of header line {@code i} as written (canonical for known headers added in code). */
    public String headerName(int i) {
        checkIndex(i);
        if (names != null && names[i] != null) return names[i];
        int line = idx[i * STRIDE + LINE];
        int id = idx[i * STRIDE + ID] & ID_MASK;
        if (line < 0) return Header.byId(id).name();
        int p = line;
        while (p < msgEnd && buf[p] != ':' && buf[p] != ' ' && buf[p] != '\t') p++;
        String n = new String(buf, line, p - line, StandardCharsets.US_ASCII);
        if (names == null) names = new String[capacity()];
        names[i] = n;
        return n;
    }

    /** The header id of line {@code i} ({@link Header#UNKNOWN_ID} for headers not defined in {@link Header}). */
    public int headerId(int i) {
        checkIndex(i);
        return idx[i * STRIDE + ID] & ID_MASK;
    }

    /** The value of header line {@code i}, unfolded (RFC 3261 §7.3.1), trimmed. */
    public String headerValue(int i) {
        checkIndex(i);
        if (texts != null && texts[i] != null) return texts[i];
        int o = i * STRIDE;
        int vs = valueStart(o);
        int ve = idx[o + VE];
        // The scanner flagged values with continuation lines: the others need no unfolding scan.
        if ((idx[o + ID] & FOLDED) != 0) return unfold(vs, ve);
        return new String(buf, vs, ve - vs, StandardCharsets.UTF_8);
    }

    /** The value decoded after replacing each line break and the white space around it by one SP (§7.3.1). */
    private String unfold(int vs, int ve) {
        return new String(unfoldBytes(vs, ve), StandardCharsets.UTF_8);
    }

    /**
     * The bytes of a folded value with each line break and the white space around it replaced
     * by one SP. Done on the bytes (all four are ASCII, never inside a UTF-8 sequence) so
     * that offsets into the result never exceed the original's.
     */
    private byte[] unfoldBytes(int vs, int ve) {
        byte[] out = new byte[ve - vs];
        int n = 0;
        int i = vs;
        while (i < ve) {
            byte c = buf[i];
            if (c == '\r' || c == '\n') {
                while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t')) n--;
                while (i < ve && (buf[i] == '\r' || buf[i] == '\n' || buf[i] == ' ' || buf[i] == '\t')) i++;
                out[n++] = ' ';
            } else {
                out[n++] = c;
                i++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("header line " + i + " of " + count);
    }

    private boolean nameMatches(int i, String name, Header<?> known) {
        int id = idx[i * STRIDE + ID] & ID_MASK;
        if (known != null) return id == known.id();
        return id == Header.UNKNOWN_ID && headerName(i).equalsIgnoreCase(name);
    }

    private int find(String name, int from) {
        return find(name, Header.forName(name), from);
    }

    private int find(String name, Header<?> known, int from) {
        for (int i = from; i < count; i++) {
            if (nameMatches(i, name, known)) return i;
        }
        return -1;
    }

    private int find(int id, int from) {
        for (int i = from; i < count; i++) {
            if ((idx[i * STRIDE + ID] & ID_MASK) == id) return i;
        }
        return -1;
    }

    /** True when a header of that name (full or compact, any case) is present. */
    public boolean has(String name) {
        return find(name, 0) >= 0;
    }

    public boolean has(Header<?> h) {
        return find(h.id(), 0) >= 0;
    }

    /** The raw value of the first line of that name, or null. */
    public String header(String name) {
        int i = find(name, 0);
        return i < 0 ? null : headerValue(i);
    }

    /** The raw values of every line of that name, in order (a line with commas is one entry). */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>(2);
        Header<?> known = Header.forName(name);
        for (int i = find(name, known, 0); i >= 0; i = find(name, known, i + 1)) out.add(headerValue(i));
        return out;
    }

    /** The distinct header names in order of first appearance, as written. */
    public Set<String> headerNames() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) out.add(headerName(i));
        return out;
    }

    /**
     * Replaces every line of that name by one line with {@code value} (at the first one's place).
     *
     * @throws IllegalArgumentException when the value contains CR, LF or an unescaped NUL
     */
    public SipMessage setHeader(String name, String value) {
        return setHeader(name, value, false);
    }

    private SipMessage setHeader(String name, String value, boolean received) {
        Header<?> known = Header.forName(name);
        int first = find(name, known, 0);
        removeAll(name, known, first < 0 ? 0 : first + 1);
        if (first >= 0) {
            replaceLine(first, value, received);
        } else {
            insertLine(count, known == null ? Header.UNKNOWN_ID : known.id(), known == null ? name : null, value, received);
        }
        return this;
    }

    /**
     * Adds a line after the last line of that name, or at the end.
     *
     * @throws IllegalArgumentException when the value contains CR, LF or an unescaped NUL
     */
    public SipMessage addHeader(String name, String value) {
        return addHeader(name, value, false);
    }

    private SipMessage addHeader(String name, String value, boolean received) {
        Header<?> known = Header.forName(name);
        int last = -1;
        for (int i = find(name, known, 0); i >= 0; i = find(name, known, i + 1)) last = i;
        insertLine(last < 0 ? count : last + 1, known == null ? Header.UNKNOWN_ID : known.id(), known == null ? name : null,
                value, received);
        return this;
    }

    /** Removes every line of that name; returns how many were removed. */
    public int removeHeader(String name) {
        return removeAll(name, Header.forName(name), 0);
    }

    private int removeAll(String name, Header<?> known, int from) {
        int removed = 0;
        for (int i = from; i < count; ) {
            if (nameMatches(i, name, known)) {
                deleteLine(i);
                removed++;
            } else {
                i++;
            }
        }
        return removed;
    }

    // ------------------------------------------------------------------ line edits

    private void ensureEditable() {
        if (texts == null) texts = new String[capacity()];
        if (names == null) names = new String[capacity()];
        if (cache == null) cache = new Object[capacity()];
        else if (cache.length < capacity()) cache = Arrays.copyOf(cache, capacity());
        modified = true;
    }

    private void replaceLine(int i, String value, boolean received) {
        ensureEditable();
        checkValue(value, received);
        int lineId = idx[i * STRIDE + ID] & ID_MASK;
        if (idx[i * STRIDE + LINE] >= 0 && names[i] == null && lineId != Header.UNKNOWN_ID) {
            names[i] = Header.byId(lineId).name();
        } else if (names[i] == null) {
            names[i] = headerName(i);
        }
        idx[i * STRIDE + LINE] = -1;
        texts[i] = value;
        cache[i] = null;
    }

    private void insertLine(int at, int id, String name, String value, boolean received) {
        checkValue(value, received);
        if (name != null && !Lexer.isToken(name)) {
            throw new IllegalArgumentException("bad header name: " + name);
        }
        ensureEditable();
        if ((count + 1) * STRIDE > idx.length) grow();
        System.arraycopy(idx, at * STRIDE, idx, (at + 1) * STRIDE, (count - at) * STRIDE);
        System.arraycopy(texts, at, texts, at + 1, count - at);
        System.arraycopy(names, at, names, at + 1, count - at);
        System.arraycopy(cache, at, cache, at + 1, count - at);
        int o = at * STRIDE;
        idx[o + ID] = id;
        idx[o + LINE] = -1;
        idx[o + VE] = 0;
        texts[at] = value;
        names[at] = name != null ? name : Header.byId(id).name();
        cache[at] = null;
        count++;
    }

    private void deleteLine(int i) {
        ensureEditable();
        System.arraycopy(idx, (i + 1) * STRIDE, idx, i * STRIDE, (count - i - 1) * STRIDE);
        System.arraycopy(texts, i + 1, texts, i, count - i - 1);
        System.arraycopy(names, i + 1, names, i, count - i - 1);
        System.arraycopy(cache, i + 1, cache, i, count - i - 1);
        count--;
        texts[count] = null;
        names[count] = null;
        cache[count] = null;
    }

    /**
     * CR and LF are never allowed in a value (they would inject header lines). Text given by
     * the application must not contain a NUL either, except as a quoted-pair (§25.1; e.g. a
     * display name written by Lexer.quote, RFC 4475 §3.1.1.2). Values that come from a
     * received message ({@code received}: typed values, copied headers) are written as
     * received: a response must echo Via, From, To and Call-ID exactly (§8.2.6.2), and a
     * NUL in them (which a parser has to tolerate) must not make building it throw.
     */
    private static void checkValue(String value, boolean received) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (c == 0 && !received && (i == 0 || value.charAt(i - 1) != '\\'))) {
                throw new IllegalArgumentException("header value must not contain CR, LF or NUL");
            }
        }
    }

    // ------------------------------------------------------------------ typed access

    private int valueOffset(int i) {
        int line = idx[i * STRIDE + LINE];
        return line < 0 ? -1 : valueStart(i * STRIDE) - msgStart;
    }

    /**
     * The parsed value of line {@code i}: a T; for a list header the line's only element (a T,
     * the usual case: no list to allocate) or a List<T> of its elements (see {@link #elements}).
     */
    private Object parsed(int i, Header<?> h) {
        Object c = cache == null ? null : cache[i];
        if (c != null) return c;
        int o = i * STRIDE;
        int kind = h.simpleForm;
        if (kind != Header.SIMPLE_NONE && (idx[o + ID] & FOLDED) == 0 && idx[o + LINE] >= 0
                && (texts == null || texts[i] == null)) {
            // The common forms of Via and addresses, parsed without a lexer; null for anything
            // else, which the general parser below handles (and reports).
            c = kind == Header.SIMPLE_VIA
                    ? Via.parseSimple(buf, valueStart(o), idx[o + VE])
                    : Address.parseSimple(buf, valueStart(o), idx[o + VE]);
            if (c != null) {
                cache(i, c);
                return c;
            }
        }
        Lexer lx = lexerFor(i, h);
        try {
            c = h.parseLine(lx);
        } catch (SipParseException e) {
            throw e.in(h.name(), valueOffset(i), this);
        }
        cache(i, c);
        return c;
    }

    private void cache(int i, Object value) {
        if (cache == null) cache = new Object[count]; // grown by ensureEditable before any line is added
        cache[i] = value;
    }

    /** A list header's cached line value as the list of its elements. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> elements(Object v) {
        return v instanceof List<?> l ? (List<T>) l : List.of((T) v);
    }

    /**
     * A lexer over line {@code i}'s value. An original, unfolded value is read in place in the
     * message's bytes (no String of the whole value). Each parse gets a lexer of its own: a
     * received message may be read by two threads at once (the stack and an application
     * callback), and a shared lexer would let their parses corrupt each other; a small
     * short-lived object costs less than taking and returning a shared one atomically.
     */
    private Lexer lexerFor(int i, Header<?> h) {
        int o = i * STRIDE;
        if ((texts == null || texts[i] == null) && (idx[o + ID] & FOLDED) == 0) {
            return new Lexer(buf, valueStart(o), idx[o + VE], h.name());
        }
        byte[] text = texts != null && texts[i] != null
                ? texts[i].getBytes(StandardCharsets.UTF_8) // set in code
                : unfoldBytes(valueStart(o), idx[o + VE]);
        return new Lexer(text, 0, text.length, h.name());
    }

    /**
     * The first value of a header (for a list header, its first element), parsed; null when
     * absent.
     *
     * @throws SipParseException when the value is malformed
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Header<T> h) {
        for (int i = find(h.id(), 0); i >= 0; i = find(h.id(), i + 1)) {
            Object v = parsed(i, h);
            if (!h.isList() || !(v instanceof List<?> l)) return (T) v; // no T is a List
            if (!l.isEmpty()) return (T) l.get(0);
        }
        return null;
    }

    /**
     * Every value of a header in order, across lines and comma-separated elements.
     *
     * @throws SipParseException when a value is malformed
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> getAll(Header<T> h) {
        int i = find(h.id(), 0);
        if (i < 0) return List.of();
        List<T> out = new ArrayList<>(4);
        for (; i >= 0; i = find(h.id(), i + 1)) {
            Object v = parsed(i, h);
            if (h.isList()) out.addAll(elements(v));
            else out.add((T) v);
        }
        return out;
    }

    /** Number of values of a header (elements of list headers). */
    public int count(Header<?> h) {
        int n = 0;
        for (int i = find(h.id(), 0); i >= 0; i = find(h.id(), i + 1)) {
            n += h.isList() ? elements(parsed(i, h)).size() : 1;
        }
        return n;
    }

    /** Replaces every line of the header by one line with {@code value}; null removes it. */
    public <T> SipMessage set(Header<T> h, T value) {
        if (value == null) {
            remove(h);
            return this;
        }
        setHeader(h.name(), value.toString(), true);
        int i = find(h.id(), 0);
        cache[i] = h.isList() ? List.of(value) : value;
        return this;
    }

    /** Replaces the header by one line per value (in order); an empty list removes it. */
    public <T> SipMessage setAll(Header<T> h, List<T> values) {
        int first = find(h.id(), 0);
        remove(h);
        int at = first < 0 ? count : first;
        for (T v : values) {
            insertLine(at, h.id(), null, v.toString(), true);
            cache[at] = h.isList() ? List.of(v) : v;
            at++;
        }
        return this;
    }

    /** Adds a value after the header's last line (or at the end). */
    public <T> SipMessage add(Header<T> h, T value) {
        int last = -1;
        for (int i = find(h.id(), 0); i >= 0; i = find(h.id(), i + 1)) last = i;
        int at = last < 0 ? count : last + 1;
        insertLine(at, h.id(), null, value.toString(), true);
        cache[at] = h.isList() ? List.of(value) : value;
        return this;
    }

    /** Adds a value before the header's first line (or at the top: e.g. a proxy's Via, §16.6). */
    public <T> SipMessage addFirst(Header<T> h, T value) {
        int first = find(h.id(), 0);
        int at = first < 0 ? 0 : first;
        insertLine(at, h.id(), null, value.toString(), true);
        cache[at] = h.isList() ? List.of(value) : value;
        return this;
    }

    /**
     * Removes and returns the first value: for a list header the first element, rewriting
     * its line when it held several (e.g. a response's top Via, §18.1.2); null when absent.
     */
    @SuppressWarnings("unchecked")
    public <T> T removeFirst(Header<T> h) {
        for (int i = find(h.id(), 0); i >= 0; i = find(h.id(), i + 1)) {
            Object v = parsed(i, h);
            if (!h.isList()) {
                deleteLine(i);
                return (T) v;
            }
            List<T> l = elements(v);
            if (l.isEmpty()) continue;
            T first = l.get(0);
            if (l.size() == 1) {
                deleteLine(i);
            } else {
                List<T> rest = l.subList(1, l.size());
                StringBuilder sb = new StringBuilder();
                for (T e : rest) {
                    if (!sb.isEmpty()) sb.append(", ");
                    sb.append(e);
                }
                replaceLine(i, sb.toString(), true);
                cache[i] = List.copyOf(rest);
            }
            return first;
        }
        return null;
    }

    /** Removes every line of the header; returns how many were removed. */
    public int remove(Header<?> h) {
        return removeAll(h.name(), h, 0);
    }

    // ------------------------------------------------------------------ the headers every message has

    /** The topmost Via value, or null. */
    public Via topVia() {
        return get(Header.VIA);
    }

    /** Every Via value, top first. */
    public List<Via> vias() {
        return getAll(Header.VIA);
    }

    public Address from() {
        return get(Header.FROM);
    }

    public Address to() {
        return get(Header.TO);
    }

    public String callId() {
        int i = find(Header.CALL_ID.id(), 0);
        if (i < 0) return null;
        Object c = cache == null ? null : cache[i];
        if (c != null) return (String) c;
        String v;
        int o = i * STRIDE;
        if ((idx[o + ID] & FOLDED) == 0 && idx[o + LINE] >= 0 && (texts == null || texts[i] == null)) {
            // The usual value, one word (§25.1) from start to end (the scanner trimmed it): no lexer.
            int vs = valueStart(o);
            int ve = idx[o + VE];
            if (ve > vs && Lexer.wordStop(buf, vs, ve) == ve) {
                // (ASCII as a rule; then decoded without the Charset constructor, see Lexer.latin1)
                v = Lexer.isAscii(buf, vs, ve) ? Lexer.latin1(buf, vs, ve - vs)
                        : new String(buf, vs, ve - vs, StandardCharsets.UTF_8);
                cache(i, v);
                return v;
            }
        }
        Lexer lx = lexerFor(i, Header.CALL_ID);
        try {
            // Header.CALL_ID's parser, called directly: inlined whole, so the lexer is not
            // allocated (escape analysis); read for every message.
            lx.skipWs();
            v = lx.word();
            lx.expectEnd();
        } catch (SipParseException e) {
            throw e.in(Header.CALL_ID.name(), valueOffset(i), this);
        }
        cache(i, v);
        return v;
    }

    public CSeq cseq() {
        int i = find(Header.CSEQ.id(), 0);
        if (i < 0) return null;
        Object c = cache == null ? null : cache[i];
        if (c != null) return (CSeq) c;
        CSeq v;
        int o = i * STRIDE;
        if ((idx[o + ID] & FOLDED) == 0 && idx[o + LINE] >= 0 && (texts == null || texts[i] == null)) {
            // The usual value, number SP method (the scanner trimmed it): no lexer.
            v = CSeq.parseSimple(buf, valueStart(o), idx[o + VE]);
            if (v != null) {
                cache(i, v);
                return v;
            }
        }
        Lexer lx = lexerFor(i, Header.CSEQ);
        try {
            v = CSeq.parse(lx); // as Header.CSEQ does, called directly (see callId)
            lx.expectEnd();
        } catch (SipParseException e) {
            throw e.in(Header.CSEQ.name(), valueOffset(i), this);
        }
        cache(i, v);
        return v;
    }

    /** Max-Forwards, or -1 when absent. */
    public int maxForwards() {
        Integer v = get(Header.MAX_FORWARDS);
        return v == null ? -1 : v;
    }

    public List<Address> contacts() {
        return getAll(Header.CONTACT);
    }

    /** The first Contact, or null. */
    public Address contact() {
        return get(Header.CONTACT);
    }

    public MediaType contentType() {
        return get(Header.CONTENT_TYPE);
    }

    // ------------------------------------------------------------------ body

    /** Body length in bytes. */
    public int bodyLength() {
        return newBody != null ? newBody.length : bodyLength;
    }

    public boolean hasBody() {
        return bodyLength() > 0;
    }

    /** A copy of the body (empty when none). */
    public byte[] body() {
        if (newBody != null) return newBody.clone();
        return bodyLength == 0 ? EMPTY : Arrays.copyOfRange(buf, bodyStart, bodyStart + bodyLength);
    }

    /** The body decoded as UTF-8 (SDP and most SIP bodies are UTF-8 text). */
    public String bodyAsString() {
        if (newBody != null) return new String(newBody, StandardCharsets.UTF_8);
        return bodyLength == 0 ? "" : new String(buf, bodyStart, bodyLength, StandardCharsets.UTF_8);
    }

    /**
     * Sets the body and its Content-Type (null content type with an empty body removes
     * Content-Type); Content-Length always follows the body.
     */
    public SipMessage setBody(byte[] body, MediaType contentType) {
        newBody = body == null ? EMPTY : body.clone();
        modified = true;
        if (contentType != null) set(Header.CONTENT_TYPE, contentType);
        else if (newBody.length == 0) remove(Header.CONTENT_TYPE);
        set(Header.CONTENT_LENGTH, newBody.length);
        return this;
    }

    /** Sets a text body (UTF-8) with a content type such as {@code application/sdp}. */
    public SipMessage setBody(String body, String contentType) {
        return setBody(body == null ? EMPTY : body.getBytes(StandardCharsets.UTF_8),
                contentType == null ? null : MediaType.parse(contentType));
    }

    /**
     * The parts of a multipart body (RFC 2046 §5.1, RFC 5621), or an empty list when the body
     * is not multipart.
     *
     * @throws SipParseException (MALFORMED_BODY) when the multipart structure is broken
     */
    public List<BodyPart> bodyParts() {
        MediaType ct = contentType();
        if (ct == null || !ct.isMultipart() || !hasBody()) return List.of();
        return MultipartBody.parse(ct, body());
    }

    // ------------------------------------------------------------------ validation

    /**
     * Checks what RFC 3261 §8.1.1 and §8.2 require of every message: Via, From, To, Call-ID and
     * CSeq present once (Via at least once) and well-formed; for a request, Max-Forwards
     * (not required of an RFC 2543 peer, whose top Via has no magic cookie), a parsable
     * Request-URI and a CSeq method equal to the request method; Content-Type well-formed.
     *
     * @throws SipParseException the first problem found, with this message as
     *     {@link SipParseException#partialMessage()}
     */
    public void validate() {
        try {
            requireOnce(Header.FROM);
            requireOnce(Header.TO);
            requireOnce(Header.CALL_ID);
            requireOnce(Header.CSEQ);
            atMostOnce(Header.MAX_FORWARDS);
            atMostOnce(Header.CONTENT_TYPE);
            if (!has(Header.VIA)) throw new SipParseException(ParseProblem.MISSING_HEADER, null, "Via", -1);
            List<Via> vias = vias();
            if (vias.isEmpty()) throw new SipParseException(ParseProblem.MISSING_HEADER, null, "Via", -1);
            checkUri(Header.FROM);
            checkUri(Header.TO);
            callId();
            cseq();
            contentType();
            validateStartLine(vias.get(0));
        } catch (SipParseException e) {
            throw e.withPartialMessage(this); // keeps the detail (it was dropped before)
        }
    }

    /** Parses the header's address and its URI (parsed lazily otherwise), naming the header on error. */
    private void checkUri(Header<Address> h) {
        Address a = get(h);
        try {
            if (a != null) a.checkUri();
        } catch (SipParseException e) {
            int i = find(h.id(), 0);
            throw new SipParseException(e.problem(), e.detail(), h.name(), valueOffset(i), this);
        }
    }

    /** Subclass checks (request: Request-URI, Max-Forwards, CSeq method). */
    abstract void validateStartLine(Via topVia);

    private void requireOnce(Header<?> h) {
        int n = lines(h);
        if (n == 0) throw new SipParseException(ParseProblem.MISSING_HEADER, null, h.name(), -1);
        if (n > 1) throw new SipParseException(ParseProblem.DUPLICATE_HEADER, null, h.name(), duplicateOffset(h));
    }

    void atMostOnce(Header<?> h) {
        if (lines(h) > 1) throw new SipParseException(ParseProblem.DUPLICATE_HEADER, null, h.name(), duplicateOffset(h));
    }

    private int lines(Header<?> h) {
        int n = 0;
        for (int i = find(h.id(), 0); i >= 0; i = find(h.id(), i + 1)) n++;
        return n;
    }

    private int duplicateOffset(Header<?> h) {
        int second = find(h.id(), find(h.id(), 0) + 1);
        int line = idx[second * STRIDE + LINE];
        return line < 0 ? -1 : line - msgStart;
    }

    // ------------------------------------------------------------------ serialization

    /** The wire form: the original bytes when unmodified, else rebuilt. */
    public byte[] toBytes() {
        if (!modified && buf != null) return Arrays.copyOfRange(buf, msgStart, msgEnd);
        ByteWriter w = new ByteWriter(buf != null ? msgEnd - msgStart + 64 : 512 + bodyLength());
        w.write(startLine()).crlf();
        boolean hasContentLength = false;
        int clId = Header.CONTENT_LENGTH.id();
        for (int i = 0; i < count; i++) {
            int o = i * STRIDE;
            if ((idx[o + ID] & ID_MASK) == clId) hasContentLength = true;
            if (idx[o + LINE] >= 0 && (texts == null || texts[i] == null)) {
                w.write(buf, idx[o + LINE], lineContentEnd(idx[o + VE]) - idx[o + LINE]);
            } else {
                w.write(names != null && names[i] != null ? names[i] : Header.byId(idx[o + ID] & ID_MASK).name());
                w.write(':').write(' ').write(texts[i]);
            }
            w.crlf();
        }
        if (!hasContentLength) {
            // Every message we write carries Content-Length: stream transports need it for
            // framing (RFC 3261 §18.3, §20.14), and it costs nothing on datagrams.
            w.write("Content-Length: ").write(Integer.toString(bodyLength())).crlf();
        }
        w.crlf();
        if (newBody != null) w.write(newBody);
        else if (bodyLength > 0) w.write(buf, bodyStart, bodyLength);
        return w.toByteArray();
    }

    /**
     * The end of an original header line's bytes before its final line break: the value end
     * plus the white space the scanner trimmed (trailing SP/HT, or a fold followed by nothing),
     * so that an untouched line is copied verbatim.
     */
    private int lineContentEnd(int valueEnd) {
        int p = valueEnd;
        while (p < msgEnd) {
            byte c = buf[p];
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '\r' && p + 2 < msgEnd && buf[p + 1] == '\n' && (buf[p + 2] == ' ' || buf[p + 2] == '\t')) {
                p += 3;
            } else if (c == '\n' && p + 1 < msgEnd && (buf[p + 1] == ' ' || buf[p + 1] == '\t')) {
                p += 2;
            } else {
                break;
            }
        }
        return p;
    }

    /** True when the message was changed since it was parsed (or was built in code). */
    public boolean isModified() {
        return modified || buf == null;
    }

    /** The wire form as text (UTF-8). */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ building

    /** Copies every line of a header from another message, values verbatim. */
    public SipMessage copyHeaders(SipMessage from, Header<?> h) {
        for (int i = from.find(h.id(), 0); i >= 0; i = from.find(h.id(), i + 1)) {
            addHeader(h.name(), from.headerValue(i), true);
        }
        return this;
    }

    /** Copies every line of a header (by name) from another message, values verbatim. */
    public SipMessage copyHeaders(SipMessage from, String name) {
        for (String v : from.headers(name)) addHeader(name, v, true);
        return this;
    }

    /** All header lines as (name, value) pairs in order; convenient for logging and tests. */
    public List<String[]> headerLines() {
        List<String[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new String[] {headerName(i), headerValue(i)});
        return Collections.unmodifiableList(out);
    }
}
