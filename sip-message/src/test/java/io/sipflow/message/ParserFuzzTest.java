package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sipflow.message.header.Via;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated messages (bit flips, inserted and deleted bytes, truncations, duplicated lines, stray
 * CR/LF/colons/quotes/brackets...) fed to the datagram parser — then {@code validate()}, every
 * typed getter and an edit — and to the stream decoder. Only {@link SipParseException} may
 * escape: no NullPointerException, IndexOutOfBoundsException, NumberFormatException,
 * IllegalArgumentException, StackOverflowError... Deterministic (fixed seed) and bounded: an
 * endless loop fails the chunk's timeout instead of hanging the build.
 */
class ParserFuzzTest {
    /** Fixed for CI; {@code -Dfuzz.seed=... -Dfuzz.iterations=...} for longer local runs. */
    static final long SEED = Long.getLong("fuzz.seed", 0x5EED_51F0L);
    static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 20_000);
    static final int CHUNK = 1_000;
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(20); // generous: a chunk takes well under 1 s

    static final String MULTIPART = "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b1--\r\n";

    static final byte[] INVITE = ("INVITE sip:bob@biloxi.example.com;transport=udp SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport, SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK2;received=2001:db8::2\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: \"Bob \\\"B\\\"\" <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com;transport=tcp>;expires=60;q=0.5, <tel:+1-201-555-0123>\r\n"
            + "Route: <sip:p1.example.com;lr>,\r\n <sip:p2.example.com;lr>\r\n"
            + "Supported: timer, 100rel\r\n"
            + "Expires: 3600\r\n"
            + "Content-Type: multipart/mixed;boundary=b1\r\n"
            + "Content-Length: " + MULTIPART.length() + "\r\n"
            + "\r\n"
            + MULTIPART)
            .getBytes(StandardCharsets.UTF_8);

    /** A request and a response with the typed headers of other RFCs, to fuzz their parsers too. */
    static final byte[] REGISTER = ("REGISTER sip:registrar.biloxi.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.com>\r\n"
            + "From: Bob <sip:bob@biloxi.com>;tag=456248\r\n"
            + "Call-ID: 843817637684230@998sdasdh09\r\n"
            + "CSeq: 1826 REGISTER\r\n"
            + "Authorization: Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
            + " uri=\"sip:biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\",\r\n"
            + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5\r\n"
            + "Proxy-Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:a@b\", response=\"00\"\r\n"
            + "Event: presence;id=4\r\n"
            + "Subscription-State: active;expires=600\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "Min-SE: 90\r\n"
            + "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
            + "Timestamp: 54.1 0.3\r\n"
            + "Replaces: 425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only\r\n"
            + "RAck: 776656 1 INVITE\r\n"
            + "Privacy: id;header\r\n"
            + "Reason: SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=16\r\n"
            + "Content-Disposition: session;handling=optional\r\n"
            + "Accept-Language: da, en-gb;q=0.8\r\n"
            + "Contact: <sip:bob@192.0.2.4>;expires=7200\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    static final byte[] CHALLENGE = ("SIP/2.0 401 Unauthorized\r\n"
            + "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;received=192.0.2.4\r\n"
            + "To: Bob <sip:bob@biloxi.com>;tag=2493k59kd\r\n"
            + "From: Bob <sip:bob@biloxi.com>;tag=456248\r\n"
            + "Call-ID: 843817637684230@998sdasdh09\r\n"
            + "CSeq: 1826 REGISTER\r\n"
            + "WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\",\r\n"
            + " nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=SHA-256\r\n"
            + "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n"
            + "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"00\", cnonce=\"c\", nc=00000001\r\n"
            + "Retry-After: 120 (I'm in a meeting);duration=3600\r\n"
            + "Warning: 307 isi.edu \"Session parameter 'foo' not understood\", 301 isi.edu \"Incompatible network address type 'E.164'\"\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    static final byte[] SPECIAL = {'\r', '\n', ':', '"', '<', '>', ',', ';', '\\', '%', '[', ']', ' ', '\t', '=', '@', '?',
        '/', '*', '(', ')', 0, (byte) 0xff, (byte) 0xc3, '9', '-'};

    static final List<Header<?>> ALL_HEADERS = allHeaders();

    static List<Header<?>> allHeaders() {
        List<Header<?>> out = new ArrayList<>();
        for (Field f : Header.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Header.class) {
                try {
                    out.add((Header<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    /** Inputs that let something other than SipParseException escape, with what escaped. */
    final List<String> failures = new ArrayList<>();

    // ------------------------------------------------------------------ exercising one input

    /** Everything a stack might do with bytes off the wire; only SipParseException may escape. */
    void exercise(byte[] data) {
        try {
            exerciseDatagram(data);
            exerciseStream(data, data.length / 2);
        } catch (Throwable t) { // StackOverflowError included
            if (failures.size() < 20) failures.add(t + " for input: " + printable(data));
            else if (failures.size() == 20) failures.add("...");
        }
    }

    static void exerciseDatagram(byte[] data) {
        SipMessage m;
        try {
            m = SipParser.defaults().parse(data);
        } catch (SipParseException e) {
            checkException(e, data);
            if (e.partialMessage() != null) useEverything(e.partialMessage()); // to answer it
            return;
        }
        useEverything(m);
        try {
            m.validate();
        } catch (SipParseException e) {
            checkException(e, data);
        }
        // An edit re-parses: what parsed once still parses once edited.
        // (A rewritten message always carries Content-Length: one more line when it had none.)
        int lines = m.headerCount() + (m.has(Header.CONTENT_LENGTH) ? 0 : 1);
        m.addFirst(Header.VIA, Via.of("UDP", "fuzz.example.org", 5060, "z9hG4bK-fuzz"));
        byte[] out = m.toBytes();
        SipMessage again = SipParser.defaults().parse(out);
        if (again.headerCount() != lines + 1) {
            throw new AssertionError("edited copy has " + again.headerCount() + " header lines, not " + (lines + 1));
        }
        useEverything(again);
    }

    /** Every getter, each allowed to fail with SipParseException only. */
    static void useEverything(SipMessage m) {
        tryGet(m::vias);
        tryGet(m::topVia);
        tryGet(m::from);
        tryGet(m::to);
        tryGet(m::callId);
        tryGet(m::cseq);
        tryGet(m::maxForwards);
        tryGet(m::contacts);
        tryGet(m::contact);
        tryGet(m::contentType);
        tryGet(m::bodyParts);
        tryGet(m::method);
        tryGet(m::startLine);
        tryGet(m::body);
        tryGet(m::bodyAsString);
        tryGet(m::headerLines);
        tryGet(m::headerNames);
        tryGet(m::toBytes);
        tryGet(m::toString);
        for (Header<?> h : ALL_HEADERS) {
            tryGet(() -> m.getAll(h));
            tryGet(() -> m.get(h));
            tryGet(() -> m.count(h));
        }
        if (m instanceof SipRequest r) {
            tryGet(r::requestUri);
            tryGet(r::isRfc2543);
            tryGet(() -> r.createResponse(400, "Bad Request", "fuzz-tag"));
            tryGet(() -> r.createResponse(100));
        } else if (m instanceof SipResponse r) {
            tryGet(r::reasonPhrase);
            tryGet(r::status);
        }
        try {
            for (BodyPart p : m.bodyParts()) {
                tryGet(p::contentType);
                tryGet(p::contentAsString);
            }
        } catch (SipParseException e) {
            // fine
        }
    }

    static void tryGet(java.util.function.Supplier<?> getter) {
        try {
            getter.get();
        } catch (SipParseException e) {
            checkException(e, null);
        }
    }

    static void checkException(SipParseException e, byte[] data) {
        if (e.problem() == null) throw new AssertionError("no problem", e);
        int s = e.statusCode();
        if (s != 400 && s != 413 && s != 505 && s != 513) throw new AssertionError("status " + s, e);
        String reason = e.reasonPhrase();
        for (int i = 0; i < reason.length(); i++) {
            if (reason.charAt(i) < 0x20) throw new AssertionError("control character in reason phrase", e);
        }
        if (e.getMessage() == null) throw new AssertionError("no message", e);
        if (data != null && e.offset() > data.length) throw new AssertionError("offset " + e.offset() + " beyond the data", e);
    }

    void exerciseStream(byte[] data, int split) {
        List<SipMessage> got = new ArrayList<>();
        SipStreamDecoder.Listener l = new SipStreamDecoder.Listener() {
            @Override
            public void onMessage(SipMessage message) {
                got.add(message);
            }

            @Override
            public void onInvalidMessage(SipParseException error) {
                checkException(error, null);
                if (error.partialMessage() != null) got.add(error.partialMessage());
            }
        };
        SipStreamDecoder d = new SipStreamDecoder();
        try {
            d.decode(data, 0, split, l);
            d.decode(data, split, data.length - split, l);
        } catch (SipParseException e) {
            checkException(e, null);
            if (!d.isFailed()) throw new AssertionError("decoder threw " + e + " but is not failed");
            if (e.partialMessage() != null) useEverything(e.partialMessage());
        }
        for (SipMessage m : got) useEverything(m);
    }

    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '\r') sb.append("\\r");
            else if (c == '\n') sb.append("\\n");
            else if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\x%02x", c));
            else sb.append((char) c);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ mutations

    static List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>(Torture.all().values());
        out.add(INVITE);
        out.add(REGISTER);
        out.add(CHALLENGE);
        return out;
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in;
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) b = mutateOnce(b, rnd);
        return b;
    }

    static byte[] mutateOnce(byte[] b, Random rnd) {
        int len = b.length;
        int at = len == 0 ? 0 : rnd.nextInt(len);
        switch (rnd.nextInt(11)) {
            case 0 -> { // bit flip
                if (len == 0) return b;
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1, 2 -> { // insert a special byte
                return insert(b, at, new byte[] {SPECIAL[rnd.nextInt(SPECIAL.length)]});
            }
            case 3 -> { // insert a random byte
                return insert(b, at, new byte[] {(byte) rnd.nextInt(256)});
            }
            case 4 -> { // delete a run
                if (len == 0) return b;
                int n = Math.min(len - at, 1 + rnd.nextInt(8));
                byte[] c = new byte[len - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, len - at - n);
                return c;
            }
            case 5 -> { // truncate
                return Arrays.copyOf(b, at);
            }
            case 6 -> { // duplicate a line
                int[] line = lineAround(b, at);
                return insert(b, line[0], Arrays.copyOfRange(b, line[0], line[1]));
            }
            case 7 -> { // fold or break a line
                return insert(b, at, rnd.nextBoolean() ? "\r\n ".getBytes(StandardCharsets.US_ASCII) : "\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case 8 -> { // a huge or odd number
                String[] nums = {"99999999999999999999", "-1", "4294967296", "2147483648", "0", "00000000000000000000001", "1e3"};
                return insert(b, at, nums[rnd.nextInt(nums.length)].getBytes(StandardCharsets.US_ASCII));
            }
            case 9 -> { // repeat a byte many times (deep nesting, long runs)
                byte[] run = new byte[1 + rnd.nextInt(3000)];
                Arrays.fill(run, SPECIAL[rnd.nextInt(SPECIAL.length)]);
                return insert(b, at, run);
            }
            default -> { // swap two lines
                int[] l1 = lineAround(b, at);
                int[] l2 = lineAround(b, len == 0 ? 0 : rnd.nextInt(len));
                if (l1[0] == l2[0]) return b;
                int[] first = l1[0] < l2[0] ? l1 : l2;
                int[] second = l1[0] < l2[0] ? l2 : l1;
                if (second[0] < first[1]) return b;
                ByteArrayOutputStream out = new ByteArrayOutputStream(len);
                out.write(b, 0, first[0]);
                out.write(b, second[0], second[1] - second[0]);
                out.write(b, first[1], second[0] - first[1]);
                out.write(b, first[0], first[1] - first[0]);
                out.write(b, second[1], len - second[1]);
                return out.toByteArray();
            }
        }
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    /** [start, end) of the line containing {@code at}, its LF included. */
    static int[] lineAround(byte[] b, int at) {
        int s = at;
        while (s > 0 && b[s - 1] != '\n') s--;
        int e = at;
        while (e < b.length && b[e] != '\n') e++;
        return new int[] {s, Math.min(b.length, e + 1)};
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void mutatedMessagesOnlyEverThrowSipParseException() {
        List<byte[]> corpus = corpus();
        Random rnd = new Random(SEED);
        for (int chunk = 0; chunk < Math.max(1, ITERATIONS / CHUNK); chunk++) {
            long chunkSeed = rnd.nextLong();
            assertTimeoutPreemptively(CHUNK_TIMEOUT, () -> {
                Random r = new Random(chunkSeed);
                for (int i = 0; i < CHUNK; i++) exercise(mutate(corpus.get(r.nextInt(corpus.size())), r));
            }, "chunk with seed " + chunkSeed);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyTruncationOfSomeMessages() {
        List<byte[]> messages = List.of(INVITE, REGISTER, CHALLENGE, Torture.bytes("wsinv"), Torture.bytes("mpart01"), Torture.bytes("intmeth"),
                Torture.bytes("ipv4-mapped-ipv6"), Torture.bytes("unreason"));
        for (byte[] m : messages) {
            assertTimeoutPreemptively(CHUNK_TIMEOUT, () -> {
                for (int len = 0; len <= m.length; len++) exercise(Arrays.copyOf(m, len));
            });
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyTortureMessage() {
        for (byte[] m : corpus()) exercise(m);
        assertThat(failures).isEmpty();
        // the extra seeds are valid, and their typed headers parse
        for (byte[] m : List.of(INVITE, REGISTER, CHALLENGE)) {
            SipMessage msg = SipParser.defaults().parse(m);
            msg.validate();
            for (Header<?> h : ALL_HEADERS) msg.getAll(h);
            assertThat(msg.bodyParts()).hasSize(m == INVITE ? 2 : 0);
        }
    }

    @Test
    void pathologicalInputs() {
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(new byte[0]);
        inputs.add("\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        inputs.add("INVITE".getBytes(StandardCharsets.US_ASCII));
        inputs.add("SIP/2.0 200".getBytes(StandardCharsets.US_ASCII));
        inputs.add("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 2147483647\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        inputs.add("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 9999999999\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String deep = "INVITE sip:a@b SIP/2.0\r\nTo: " + "(".repeat(50_000) + "\r\nFrom: " + "\"".repeat(30_001)
                + "\r\nX: " + "\\".repeat(20_000) + "\r\nContact: " + "<".repeat(10_000) + "\r\n\r\n";
        inputs.add(deep.getBytes(StandardCharsets.US_ASCII));
        inputs.add(("INVITE sip:a@b SIP/2.0\r\n" + " x\r\n".repeat(2000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        inputs.add(("INVITE sip:a@b SIP/2.0\r\nVia: " + "SIP/2.0/UDP h,".repeat(3000) + "SIP/2.0/UDP h\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        inputs.add(("INVITE sip:a@b SIP/2.0\r\nContent-Type: multipart/mixed;boundary=x\r\nContent-Length: 30000\r\n\r\n"
                + "--x\r\n".repeat(6000)).getBytes(StandardCharsets.US_ASCII));
        byte[] zeros = new byte[70_000];
        inputs.add(zeros);
        byte[] lfs = new byte[60_000];
        Arrays.fill(lfs, (byte) '\n');
        inputs.add(lfs);
        assertTimeoutPreemptively(CHUNK_TIMEOUT, () -> {
            for (byte[] in : inputs) exercise(in);
        });
        assertThat(failures).isEmpty();
    }
}
