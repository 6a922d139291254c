package io.sipflow.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample descriptions under {@code src/test/resources/sdp/} (CRLF, byte-exact). */
final class Samples {
    private Samples() {}

    static final List<String> ALL = List.of(
            "asterisk-audio-offer.sdp",
            "sipp-uac-offer.sdp",
            "freeswitch-offer.sdp",
            "webrtc-offer.sdp",
            "ipv6-offer.sdp",
            "rfc8866-example.sdp",
            "multicast-layered.sdp",
            "rejected-streams-answer.sdp",
            "unknown-lines.sdp");

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /sdp/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static SessionDescription parse(String name) {
        try {
            return SessionDescription.parse(bytes(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + " should parse", e);
        }
    }

    /** Joins lines with CRLF, with a final CRLF. */
    static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }
}
