package io.sipflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutates and truncates real descriptions with a fixed seed and checks that parsing either
 * succeeds or throws a genuine {@link SdpParseException} (never another exception, never a
 * wrapped internal error, never a hang), and that whatever parses also serializes, re-parses
 * to an equal model and survives the helpers.
 */
class SdpFuzzTest {
    private static final long SEED = 0x5D9F1A7L;
    private static final int ITERATIONS = 20_000;
    private static final String ALPHABET = "=:/ \t\r\n\0-.*#0123456789vosiuepcbtrzkamxIPN46\u00e9\u2028\uFFFD";
    private static final String[] SNIPPETS = {
        "\r\n", "\n", "=", ":", "/", " ", "a=", "m=", "c=", "o=", "t=", "v=0\r\n", "99999999999999999999999",
        "-1", "65536", "/255/0", "IN IP6 ", "IN IP4 ", "a=rtpmap:", "a=fmtp:", "a=rtcp:", "a=ptime:",
        "m=audio 0 RTP/AVP", "z=1 ", "r=1 2 ", "\0", "\r", "\uFEFF", "a=sendonly\r\n", "c=IN IP4 0.0.0.0\r\n",
    };

    private final SdpAnswerer answerer = SdpAnswerer.builder()
            .origin(Origin.of("-", 1, 1, "192.0.2.1")).connectionAddress("192.0.2.1")
            .codecs("audio", Codec.PCMU, Codec.PCMA, Codec.OPUS, Codec.TELEPHONE_EVENT)
            .codecs("video", Codec.of("VP8", 90000), Codec.of("H261", 90000))
            .protocols("RTP/AVP", "UDP/TLS/RTP/SAVPF").port("audio", 4000).port("video", 4002).build();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedDescriptionsOnlyEverYieldTheTypedException() {
        Random random = new Random(SEED);
        List<String> corpus = new ArrayList<>();
        for (String name : Samples.ALL) {
            corpus.add(Samples.text(name));
        }
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            int rounds = 1 + random.nextInt(4);
            String input = base;
            for (int r = 0; r < rounds; r++) {
                input = mutate(input, random);
            }
            if (check(input, i)) {
                parsed++;
            } else {
                rejected++;
            }
        }
        // the mutations must exercise both outcomes, or the test proves little
        assertThat(parsed).isGreaterThan(ITERATIONS / 20);
        assertThat(rejected).isGreaterThan(ITERATIONS / 20);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomBytesIncludingInvalidUtf8() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 5_000; i++) {
            byte[] base = Samples.bytes(Samples.ALL.get(random.nextInt(Samples.ALL.size())));
            byte[] bytes = base.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            try {
                SessionDescription sd = SessionDescription.parse(bytes, 0, length);
                exercise(sd, "bytes #" + i);
            } catch (SdpParseException e) {
                assertGenuine(e, "bytes #" + i);
            } catch (RuntimeException e) {
                fail("bytes #" + i + " threw " + e, e);
            }
        }
        byte[] noise = new byte[512];
        for (int i = 0; i < 2_000; i++) {
            random.nextBytes(noise);
            try {
                SessionDescription.parse(noise, 0, random.nextInt(noise.length));
            } catch (SdpParseException e) {
                assertGenuine(e, "noise #" + i);
            } catch (RuntimeException e) {
                fail("noise #" + i + " threw " + e, e);
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hostileSizesStayLinear() throws Exception {
        String head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        int n = 200_000;
        StringBuilder repeats = new StringBuilder(head);
        for (int i = 0; i < n; i++) {
            repeats.append("r=7d 1h 0\r\n");
        }
        assertThat(SessionDescription.parse(repeats.toString()).timings().get(0).repeats()).hasSize(n);

        StringBuilder offer = new StringBuilder(head).append("m=audio 4000 RTP/AVP");
        for (int pt = 0; pt < n; pt++) {
            offer.append(' ').append(96 + pt % 31);
        }
        offer.append(" 127\r\n");
        for (int i = 0; i < n; i++) {
            offer.append("a=rtpmap:").append(96 + i % 31).append(" x").append(i).append("/8000\r\n");
            offer.append("a=fmtp:").append(96 + i % 31).append(" a=").append(i).append("\r\n");
        }
        offer.append("a=rtpmap:127 PCMU/8000\r\n");
        SessionDescription big = SessionDescription.parse(offer.toString());
        assertThat(big.media(0).formats()).hasSize(n + 1);
        assertThat(answerer.answer(big).media(0).formats()).containsExactly("127");

        StringBuilder unknown = new StringBuilder(head);
        for (int i = 0; i < n; i++) {
            unknown.append(i % 2 == 0 ? "x=" : "a=").append(i).append("\r\n");
        }
        unknown.append("c=IN IP4 192.0.2.2\r\n".replace("c=", "b=AS:1\r\nk=")); // out of order: forces the sort
        SessionDescription many = SessionDescription.parse(unknown.toString());
        assertThat(many.unknownLines()).hasSize(n / 2);
        assertThat(SessionDescription.parse(many.toString())).isEqualTo(many);

        // many session attributes and many media lines: helpers must not be media x attributes
        StringBuilder wide = new StringBuilder(head);
        for (int i = 0; i < 50_000; i++) {
            wide.append("a=x-").append(i).append("\r\n");
        }
        wide.append("a=sendonly\r\n");
        for (int i = 0; i < 50_000; i++) {
            wide.append("m=audio ").append(1000 + i % 60000).append(" RTP/AVP 0\r\n");
        }
        SessionDescription w = SessionDescription.parse(wide.toString());
        assertThat(w.isOnHold()).isTrue();
        try {
            answerer.answer(w);
        } catch (SdpNotAcceptableException unexpected) {
            fail("the first stream is acceptable", unexpected);
        }
        w.hold().unhold().hold(w.copy());
        assertThat(w.isOnHold()).isTrue();

        // many duplicate direction attributes: replacing them must not be quadratic
        StringBuilder dup = new StringBuilder(head).append("m=audio 4000 RTP/AVP 0\r\n");
        for (int i = 0; i < n; i++) {
            dup.append(i % 2 == 0 ? "a=sendonly\r\n" : "a=ptime:20\r\n");
        }
        SessionDescription d = SessionDescription.parse(dup.toString());
        d.unhold();
        assertThat(d.media(0).attributes()).hasSize(n / 2 + 1);
        d.media(0).setPtime(30);
        assertThat(d.media(0).attributes()).containsExactly(Attribute.of("sendrecv"), Attribute.of("ptime", "30"));

        String longLine = head + "a=x:" + "y".repeat(5_000_000) + "\r\n";
        assertThat(SessionDescription.parse(longLine).attributes().get(0).value()).hasSize(5_000_000);
    }

    /** True when the input parsed. */
    private boolean check(String input, int iteration) {
        SessionDescription sd;
        try {
            sd = SessionDescription.parse(input);
        } catch (SdpParseException e) {
            assertGenuine(e, "iteration " + iteration);
            return false;
        } catch (RuntimeException e) {
            fail("iteration " + iteration + " threw " + e + " for input:\n" + escape(input), e);
            return false;
        }
        exercise(sd, "iteration " + iteration + " input:\n" + escape(input));
        return true;
    }

    /** Whatever parsed must serialize, re-parse to an equal model, and work with every helper. */
    private void exercise(SessionDescription sd, String context) {
        try {
            String text = sd.toString();
            SessionDescription again = SessionDescription.parse(text);
            assertThat(again).as(context).isEqualTo(sd);
            assertThat(again.toString()).as(context).isEqualTo(text);
            for (int m = 0; m < sd.media().size(); m++) {
                MediaDescription md = sd.media(m);
                sd.effectiveDirection(m);
                sd.effectiveConnection(m);
                sd.isOnHold(m);
                md.rtpMaps();
                md.fmtps().forEach(Fmtp::parameterMap);
                md.payloadTypes().forEach(md::rtpMap);
                md.ptime();
                md.maxPtime();
                md.rtcp();
                md.mid();
            }
            sd.isOnHold();
            try {
                answerer.answer(sd);
            } catch (SdpNotAcceptableException expected) {
                // a legitimate outcome for a mangled offer
            }
            SessionDescription copy = sd.copy().hold().bumpVersion();
            copy.setConnectionAddress("2001:db8::1");
            SessionDescription.parse(copy.unhold().toString());
        } catch (SdpParseException e) {
            fail(context + "\nre-parse of the serialization failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            fail(context + "\nthrew " + e, e);
        }
    }

    private static void assertGenuine(SdpParseException e, String context) {
        if (e.getCause() != null) {
            fail(context + ": internal error wrapped as SdpParseException", e.getCause());
        }
        assertThat(e.getMessage()).as(context).startsWith("malformed SDP");
    }

    private static String mutate(String s, Random random) {
        int n = s.length();
        if (n == 0) {
            return SNIPPETS[random.nextInt(SNIPPETS.length)];
        }
        int at = random.nextInt(n);
        switch (random.nextInt(9)) {
            case 0: // truncate
                return s.substring(0, at);
            case 1: // replace one character
                return s.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length())) + s.substring(at + 1);
            case 2: // insert a snippet
                return s.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)] + s.substring(at);
            case 3: { // delete a range
                int end = Math.min(n, at + 1 + random.nextInt(20));
                return s.substring(0, at) + s.substring(end);
            }
            case 4: { // duplicate a line
                String[] lines = s.split("\r\n", -1);
                int l = random.nextInt(lines.length);
                List<String> out = new ArrayList<>(List.of(lines));
                out.add(random.nextInt(out.size() + 1), lines[l]);
                return String.join("\r\n", out);
            }
            case 5: { // swap two lines
                String[] lines = s.split("\r\n", -1);
                int a = random.nextInt(lines.length);
                int b = random.nextInt(lines.length);
                String t = lines[a];
                lines[a] = lines[b];
                lines[b] = t;
                return String.join("\r\n", lines);
            }
            case 6: // CRLF to LF somewhere, or everywhere
                return random.nextBoolean() ? s.replace("\r\n", "\n") : s.replaceFirst("\r\n", "\n");
            case 7: { // blow up a number
                int d = at;
                while (d < n && !Character.isDigit(s.charAt(d))) {
                    d++;
                }
                return d < n ? s.substring(0, d) + "9999999999999999999" + s.substring(d) : s;
            }
            default: // trailing whitespace on a line
                int eol = s.indexOf('\r', at);
                return eol < 0 ? s + " \t" : s.substring(0, eol) + "  " + s.substring(eol);
        }
    }

    private static String escape(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n\n").replace("\0", "\\0");
    }
}
