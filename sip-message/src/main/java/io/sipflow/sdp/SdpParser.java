package io.sipflow.sdp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SDP parser: one pass over the text, line by line, with index arithmetic instead of
 * regular expressions or {@code split} (its speed on a ten-line audio offer is benchmarked).
 * Every problem becomes an {@link SdpParseException} that names the line; nothing else escapes.
 *
 * <p>One instance parses one text, then is dropped; it is not thread-safe.
 */
final class SdpParser {
    private final String s;
    private final SessionDescription sd = new SessionDescription();
    private MediaDescription media;

    /** The current line is {@code s[lineStart, lineEnd)} (line end excluded), number {@code lineNo}. */
    private int lineStart;
    private int lineEnd;
    private int lineNo;

    /** Tokenizer over {@code s[cursor, limit)}; the last token is {@code s[tokStart, tokEnd)}. */
    private int cursor;
    private int limit;
    private int tokStart;
    private int tokEnd;

    /** The last known line of the current section, for placing unknown lines. */
    private char anchorType;
    private int anchorIndex;

    private boolean seenVersion;

    /*
     * The time description being read: its r= and z= lines may still follow, so it is added to
     * the model only when the next t= or the first m= comes (or the text ends). Rebuilding the
     * immutable Timing for every r= line instead would be quadratic in hostile input.
     */
    private long timingStart = -1;
    private long timingStop;
    private List<String> timingRepeats;
    private String timingZone;

    private SdpParser(String s) {
        this.s = s;
    }

    static SessionDescription parse(String text) throws SdpParseException {
        try {
            return new SdpParser(text).run();
        } catch (SdpParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // Safety net: a bug must still surface as the documented exception (the cause says
            // it is a bug; the fuzz test asserts it never happens).
            throw new SdpParseException("internal error while parsing: " + e, 0, null, e);
        }
    }

    private SessionDescription run() throws SdpParseException {
        int n = s.length();
        int pos = n > 0 && s.charAt(0) == '\uFEFF' ? 1 : 0; // a UTF-8 BOM some tools prepend
        checkControlCharacters(n);
        while (pos < n) {
            int nl = s.indexOf('\n', pos);
            int next;
            if (nl < 0) {
                nl = n;
                next = n;
            } else {
                next = nl + 1;
            }
            int end = nl > pos && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            lineNo++;
            lineStart = pos;
            lineEnd = end;
            pos = next;
            if (Syntax.trimEnd(s, lineStart, lineEnd) == lineStart) {
                continue; // blank lines (e.g. a trailing empty line) carry nothing
            }
            char type = s.charAt(lineStart);
            if (lineEnd - lineStart < 2 || s.charAt(lineStart + 1) != '=' || !Syntax.isAsciiLetter(type)) {
                throw error("not a <type>=<value> line (RFC 8866 §5)");
            }
            if (!seenVersion && type != 'v') {
                throw error("the first line must be v= (RFC 8866 §5)");
            }
            if (media == null) {
                sessionLine(type);
            } else {
                mediaLine(type);
            }
        }
        if (!seenVersion) {
            throw new SdpParseException("empty session description", 0, null);
        }
        flushTiming();
        if (sd.origin() == null) {
            throw new SdpParseException("missing o= line (RFC 8866 §5.2)", 0, null);
        }
        if (sd.sessionName() == null) {
            sd.setSessionName("-"); // lenient: s= is mandatory, but its absence loses nothing
        }
        if (sd.timings.isEmpty()) {
            sd.timings.addTrusted(Timing.PERMANENT); // lenient: SIP sessions are t=0 0 anyway (RFC 3264 §5)
        }
        sortUnknownLines(sd, SESSION_ORDER);
        for (MediaDescription m : sd.media) {
            sortUnknownLines(m, MEDIA_ORDER);
        }
        return sd;
    }

    /** Line types in RFC 8866 §5 order; t, r and z interleave per time description. */
    private static final String SESSION_ORDER = "vosiuepcbtka";
    private static final String MEDIA_ORDER = "micbka";

    /**
     * Puts unknown lines in the order the serializer will write them. For input in canonical
     * order this changes nothing; for out-of-order input it makes the model equal to the one
     * parsed back from its own serialization.
     */
    private static void sortUnknownLines(SdpSection<?> section, String order) {
        if (section.unknownLines.size() > 1) {
            section.unknownLines.sort(Comparator.comparingLong(u -> position(u, order)));
        }
    }

    private static long position(UnknownLine u, String order) {
        char t = u.anchorType;
        if (t == 0) {
            return Long.MAX_VALUE; // added by an application: end of the section
        }
        if (t == 't' || t == 'r' || t == 'z') {
            long sub = t == 't' ? 0 : t == 'r' ? 1 : 2;
            return ((long) order.indexOf('t') << 34) | (u.anchorIndex * 3L + sub);
        }
        return ((long) order.indexOf(t) << 34) | u.anchorIndex;
    }

    /**
     * Rejects NUL and a CR that does not end a line: neither can be represented in a line of the
     * model (RFC 8866 §9 byte-string excludes them), and a lone CR would let a value smuggle a
     * line break through re-serialization. Uses {@code indexOf}, which is vectorized.
     */
    private void checkControlCharacters(int n) throws SdpParseException {
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            throw errorAt(nul, "NUL character");
        }
        int cr = s.indexOf('\r');
        while (cr >= 0) {
            if (cr + 1 < n && s.charAt(cr + 1) != '\n') {
                throw errorAt(cr, "CR not followed by LF");
            }
            cr = s.indexOf('\r', cr + 1);
        }
    }

    // ---- session level ------------------------------------------------------------------------

    private void sessionLine(char type) throws SdpParseException {
        int vs = lineStart + 2;
        switch (type) {
            case 'v' -> {
                if (seenVersion) {
                    throw duplicate();
                }
                long v = Syntax.parseUnsigned(s, vs, Syntax.trimEnd(s, vs, lineEnd));
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw error("v= must be a number");
                }
                sd.setVersion((int) v);
                seenVersion = true;
                anchor('v', 0);
            }
            case 'o' -> {
                if (sd.origin() != null) {
                    throw duplicate();
                }
                sd.setOrigin(parseOrigin(vs));
                anchor('o', 0);
            }
            case 's' -> {
                if (sd.sessionName() != null) {
                    throw duplicate();
                }
                sd.setSessionName(text(vs));
                anchor('s', 0);
            }
            case 'i' -> {
                if (sd.information != null) {
                    throw duplicate();
                }
                sd.information = text(vs);
                anchor('i', 0);
            }
            case 'u' -> {
                if (sd.uri() != null) {
                    throw duplicate();
                }
                sd.setUri(text(vs));
                anchor('u', 0);
            }
            case 'e' -> {
                sd.emails.addTrusted(text(vs));
                anchor('e', sd.emails.size() - 1);
            }
            case 'p' -> {
                sd.phones.addTrusted(text(vs));
                anchor('p', sd.phones.size() - 1);
            }
            case 'c' -> {
                if (sd.connection() != null) {
                    throw duplicate();
                }
                sd.setConnection(parseConnection(vs));
                anchor('c', 0);
            }
            case 'b' -> {
                sd.bandwidths.addTrusted(parseBandwidth(vs));
                anchor('b', sd.bandwidths.size() - 1);
            }
            case 't' -> {
                flushTiming();
                parseTiming(vs);
                anchor('t', sd.timings.size()); // the index it will have once added
            }
            case 'r' -> {
                requireTiming("r=");
                if (timingRepeats == null) {
                    timingRepeats = new ArrayList<>(2);
                }
                timingRepeats.add(parseRepeat(vs));
                anchor('r', sd.timings.size());
            }
            case 'z' -> {
                requireTiming("z=");
                if (timingZone != null) {
                    throw duplicate();
                }
                timingZone = parseZone(vs);
                anchor('z', sd.timings.size());
            }
            case 'k' -> {
                if (sd.key != null) {
                    throw duplicate();
                }
                sd.key = text(vs);
                anchor('k', 0);
            }
            case 'a' -> {
                sd.attributes.addTrusted(parseAttribute(vs));
                anchor('a', sd.attributes.size() - 1);
            }
            case 'm' -> startMedia(vs);
            default -> sd.unknownLines.addTrusted(UnknownLine.anchored(type, text(vs), anchorType, anchorIndex));
        }
    }

    private void requireTiming(String what) throws SdpParseException {
        if (timingStart < 0) {
            throw error(what + " line without a preceding t= line (RFC 8866 §5.9)");
        }
    }

    private void flushTiming() {
        if (timingStart >= 0) {
            sd.timings.addTrusted(timingRepeats == null && timingZone == null
                    ? Timing.of(timingStart, timingStop)
                    : new Timing(timingStart, timingStop, timingRepeats == null ? List.of() : timingRepeats, timingZone));
            timingStart = -1;
            timingRepeats = null;
            timingZone = null;
        }
    }

    // ---- media level --------------------------------------------------------------------------

    private void mediaLine(char type) throws SdpParseException {
        int vs = lineStart + 2;
        MediaDescription m = media;
        switch (type) {
            case 'i' -> {
                if (m.information != null) {
                    throw duplicate();
                }
                m.information = text(vs);
                anchor('i', 0);
            }
            case 'c' -> {
                m.connections.addTrusted(parseConnection(vs));
                anchor('c', m.connections.size() - 1);
            }
            case 'b' -> {
                m.bandwidths.addTrusted(parseBandwidth(vs));
                anchor('b', m.bandwidths.size() - 1);
            }
            case 'k' -> {
                if (m.key != null) {
                    throw duplicate();
                }
                m.key = text(vs);
                anchor('k', 0);
            }
            case 'a' -> {
                m.attributes.addTrusted(parseAttribute(vs));
                anchor('a', m.attributes.size() - 1);
            }
            case 'm' -> startMedia(vs);
            case 'v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z' ->
                    throw error(type + "= is a session-level line and cannot follow an m= line (RFC 8866 §5)");
            default -> m.unknownLines.addTrusted(UnknownLine.anchored(type, text(vs), anchorType, anchorIndex));
        }
    }

    private void startMedia(int vs) throws SdpParseException {
        flushTiming();
        tokenize(vs);
        if (!nextToken()) {
            throw error("m= needs <media> <port> <proto> <fmt>...");
        }
        String mediaType = Tokens.get(s, tokStart, tokEnd);
        if (!nextToken()) {
            throw error("m= has no port");
        }
        int slash = s.indexOf('/', tokStart, tokEnd);
        long port = Syntax.parseUnsigned(s, tokStart, slash < 0 ? tokEnd : slash);
        if (port < 0 || port > 65535) {
            throw error("m= port must be a number 0..65535");
        }
        int count = Connection.NONE;
        if (slash >= 0) {
            long c = Syntax.parseUnsigned(s, slash + 1, tokEnd);
            if (c < 1 || c > 65535) {
                throw error("m= number of ports must be a number 1..65535");
            }
            count = (int) c;
        }
        if (!nextToken()) {
            throw error("m= has no transport protocol");
        }
        MediaDescription m = new MediaDescription(mediaType, (int) port, count, Tokens.get(s, tokStart, tokEnd));
        // RFC 8866 requires at least one format, but a rejected stream without one is common
        // enough (and harmless) that it is accepted.
        while (nextToken()) {
            m.formats.addTrusted(Tokens.get(s, tokStart, tokEnd));
        }
        sd.media.addTrusted(m);
        media = m;
        anchor('m', 0);
    }

    // ---- typed lines --------------------------------------------------------------------------

    private Origin parseOrigin(int vs) throws SdpParseException {
        tokenize(vs);
        String username = originField();
        String sessionId = originNumber("o= sess-id must be a number");
        String sessionVersion = originNumber("o= sess-version must be a number");
        String netType = originField();
        String addrType = originField();
        String address = originField();
        if (nextToken()) {
            throw error("o= has more than 6 fields");
        }
        return new Origin(username, sessionId, sessionVersion, netType, addrType, address);
    }

    private String originField() throws SdpParseException {
        if (!nextToken()) {
            throw error("o= needs 6 fields: <username> <sess-id> <sess-version> <nettype> <addrtype> <address>");
        }
        return Tokens.get(s, tokStart, tokEnd);
    }

    /** sess-id and sess-version are 1*DIGIT (RFC 8866 §5.2), of any length: see {@link Origin}. */
    private String originNumber(String reason) throws SdpParseException {
        String field = originField();
        if (!Syntax.isAllDigits(field)) {
            throw error(reason);
        }
        return field;
    }

    private Connection parseConnection(int vs) throws SdpParseException {
        int end = Syntax.trimEnd(s, vs, lineEnd);
        Connection c = Connection.parse(s, vs, end);
        if (c == null) {
            throw error("c= must be <nettype> <addrtype> <address>[/<ttl>][/<count>] with numeric ttl/count");
        }
        return c;
    }

    private Bandwidth parseBandwidth(int vs) throws SdpParseException {
        int end = Syntax.trimEnd(s, vs, lineEnd);
        int colon = s.indexOf(':', vs, end);
        if (colon <= vs) {
            throw error("b= must be <bwtype>:<bandwidth>");
        }
        for (int i = vs; i < colon; i++) {
            if (Syntax.isWhitespace(s.charAt(i))) {
                throw error("b= type must not contain whitespace");
            }
        }
        long value = Syntax.parseUnsigned(s, colon + 1, end);
        if (value < 0) {
            throw error("b= bandwidth must be a number");
        }
        return new Bandwidth(Tokens.get(s, vs, colon), value);
    }

    private void parseTiming(int vs) throws SdpParseException {
        tokenize(vs);
        if (!nextToken()) {
            throw error("t= needs <start-time> <stop-time>");
        }
        long start = Syntax.parseUnsigned(s, tokStart, tokEnd);
        if (!nextToken()) {
            throw error("t= needs <start-time> <stop-time>");
        }
        long stop = Syntax.parseUnsigned(s, tokStart, tokEnd);
        if (start < 0 || stop < 0) {
            throw error("t= times must be numbers");
        }
        if (nextToken()) {
            throw error("t= has more than 2 fields");
        }
        timingStart = start;
        timingStop = stop;
    }

    /** r= (RFC 8866 §5.10): {@code <repeat interval> <active duration> <offsets from start-time>...}. */
    private String parseRepeat(int vs) throws SdpParseException {
        tokenize(vs);
        int count = 0;
        while (nextToken()) {
            if (!Syntax.isTypedTime(s, tokStart, tokEnd, false)) {
                throw error("r= fields must be numbers with an optional d/h/m/s unit");
            }
            count++;
        }
        if (count < 3) {
            throw error("r= needs <interval> <duration> and at least one offset");
        }
        return s.substring(vs, limit);
    }

    /** z= (RFC 8866 §5.11): pairs of {@code <adjustment time> <offset>}. */
    private String parseZone(int vs) throws SdpParseException {
        tokenize(vs);
        int count = 0;
        while (nextToken()) {
            boolean ok = count % 2 == 0
                    ? Syntax.parseUnsigned(s, tokStart, tokEnd) >= 0
                    : Syntax.isTypedTime(s, tokStart, tokEnd, true);
            if (!ok) {
                throw error("z= must be pairs of <adjustment time> <offset>");
            }
            count++;
        }
        if (count == 0 || count % 2 != 0) {
            throw error("z= must be pairs of <adjustment time> <offset>");
        }
        return s.substring(vs, limit);
    }

    private Attribute parseAttribute(int vs) throws SdpParseException {
        int colon = s.indexOf(':', vs, lineEnd);
        int nameEnd = Syntax.trimEnd(s, vs, colon < 0 ? lineEnd : colon);
        int nameStart = Syntax.trimStart(s, vs, nameEnd);
        if (nameStart == nameEnd) {
            throw error("a= line without attribute name");
        }
        String name = Tokens.get(s, nameStart, nameEnd);
        // the value is kept verbatim: attributes such as crypto or candidate must pass through unchanged
        return new Attribute(name, colon < 0 ? null : Tokens.get(s, colon + 1, lineEnd));
    }

    /** Free text (s=, i=, u=, e=, p=, k=, unknown lines): verbatim, trailing blanks included. */
    private String text(int vs) {
        return Tokens.get(s, vs, lineEnd);
    }

    // ---- tokenizer and errors -----------------------------------------------------------------

    private void tokenize(int from) {
        cursor = from;
        limit = Syntax.trimEnd(s, from, lineEnd);
    }

    /** Advances to the next run of non-blank characters; fields may be separated by several blanks. */
    private boolean nextToken() {
        int i = Syntax.trimStart(s, cursor, limit);
        if (i >= limit) {
            cursor = limit;
            return false;
        }
        tokStart = i;
        while (i < limit && !Syntax.isWhitespace(s.charAt(i))) {
            i++;
        }
        tokEnd = i;
        cursor = i;
        return true;
    }

    private void anchor(char type, int index) {
        anchorType = type;
        anchorIndex = index;
    }

    private SdpParseException duplicate() {
        return error("more than one " + s.charAt(lineStart) + "= line where RFC 8866 §5 allows one");
    }

    private SdpParseException error(String reason) {
        return new SdpParseException(reason, lineNo, s.substring(lineStart, lineEnd));
    }

    /** An error at a character position; computes the line number (error path only). */
    private SdpParseException errorAt(int index, String reason) {
        int line = 1;
        int start = 0;
        for (int i = s.indexOf('\n'); i >= 0 && i < index; i = s.indexOf('\n', i + 1)) {
            line++;
            start = i + 1;
        }
        int end = s.indexOf('\n', index);
        if (end < 0) {
            end = s.length();
        }
        if (end > start && s.charAt(end - 1) == '\r') {
            end--;
        }
        return new SdpParseException(reason, line, s.substring(start, end));
    }
}
