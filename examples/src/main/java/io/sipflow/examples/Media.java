package io.sipflow.examples;

import io.sipflow.sdp.Codec;
import io.sipflow.sdp.Origin;
import io.sipflow.sdp.SdpAnswerer;
import io.sipflow.sdp.SdpNotAcceptableException;
import io.sipflow.sdp.SdpParseException;
import io.sipflow.sdp.SessionDescription;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The examples' pretend media: SDP offers and answers (RFC 3264) for an RTP endpoint at
 * {@code address}. No RTP flows; the ports are only advertised.
 */
public final class Media {
    private final String address;

    public Media(String address) {
        this.address = address;
    }

    /** An offer: one PCMU/PCMA audio stream with DTMF (RFC 4733). */
    public String offer() {
        long id = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        return "v=0\r\no=sipflow " + id + " 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
    }

    /**
     * The answer to {@code offer} (RFC 3264 §6).
     *
     * @throws SdpNotAcceptableException nothing in the offer is usable: answer 488
     * @throws SdpParseException the offer is not SDP: answer 488 too
     */
    public String answer(String offer) throws SdpNotAcceptableException, SdpParseException {
        SdpAnswerer answerer = SdpAnswerer.builder()
                .origin(Origin.of("sipflow", ThreadLocalRandom.current().nextLong(1, 1L << 40), 1, address))
                .connectionAddress(address)
                .codecs("audio", Codec.PCMU, Codec.PCMA, Codec.TELEPHONE_EVENT)
                .portAllocator((i, m) -> port())
                .build();
        return answerer.answer(SessionDescription.parse(offer)).toString();
    }

    private static int port() {
        return 20_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
    }
}
