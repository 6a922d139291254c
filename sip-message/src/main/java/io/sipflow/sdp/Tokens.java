package io.sipflow.sdp;

/**
 * Returns shared {@link String} instances for the short tokens that occur in almost every
 * session description ({@code IN}, {@code IP4}, {@code audio}, {@code RTP/AVP}, {@code rtpmap},
 * payload type numbers, ...) so that the parser allocates a new string only for the parts that
 * really differ between descriptions. The parse of a typical audio offer is benchmarked.
 *
 * <p>Lookup is an open-addressing hash of the length and three characters of the range (cheap to
 * compute, unlike a full {@code hashCode}), confirmed by {@code regionMatches}; ranges whose
 * length no shared string has are copied at once. No substring is made to look up, no regex.
 */
final class Tokens {
    private Tokens() {}

    /** Longer ranges are never shared: hashing them costs more than it saves. */
    private static final int MAX_SHARED_LENGTH = 40;
    private static final String[] SMALL_NUMBERS = new String[128];
    private static final String[] TABLE;
    private static final int MASK;
    /** Bit n is set when some shared string has length n (all are shorter than 64). */
    private static final long LENGTHS;

    static {
        for (int i = 0; i < SMALL_NUMBERS.length; i++) {
            SMALL_NUMBERS[i] = Integer.toString(i).intern();
        }
        String[] words = {
            // o= / c= fields
            "-", "IN", "IP4", "IP6", "0.0.0.0", "127.0.0.1",
            // m= media types and protocols (RFC 8866 §8.2.2, RFC 3551, RFC 5764, RFC 8841)
            "audio", "video", "application", "image", "text", "message",
            "RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF",
            "TCP/TLS/RTP/SAVPF", "UDP/DTLS/SCTP", "TCP/DTLS/SCTP", "DTLS/SCTP", "udptl", "UDPTL", "TCP/MSRP",
            "TCP/TLS/MSRP", "t38", "webrtc-datachannel", "*",
            // b= types
            "AS", "CT", "TIAS", "RS", "RR",
            // attribute names
            "rtpmap", "fmtp", "ptime", "maxptime", "sendrecv", "sendonly", "recvonly", "inactive",
            "rtcp", "rtcp-mux", "rtcp-rsize", "rtcp-fb", "mid", "group", "msid", "msid-semantic",
            "ssrc", "ssrc-group", "extmap", "extmap-allow-mixed", "ice-ufrag", "ice-pwd", "ice-options",
            "ice-lite", "candidate", "end-of-candidates", "fingerprint", "setup", "crypto",
            "sctp-port", "sctpmap", "max-message-size", "silenceSupp", "framerate", "label", "tool",
            "charset", "direction", "connection", "accept-types", "path", "T38FaxVersion",
            "T38MaxBitRate", "T38FaxRateManagement", "T38FaxMaxBuffer", "T38FaxMaxDatagram",
            "T38FaxUdpEC",
            // frequent attribute values
            "0 PCMU/8000", "8 PCMA/8000", "9 G722/8000", "18 G729/8000", "3 GSM/8000", "13 CN/8000",
            "4 G723/8000", "101 telephone-event/8000", "96 telephone-event/8000",
            "100 telephone-event/8000", "110 telephone-event/8000", "126 telephone-event/8000",
            "101 0-16", "101 0-15", "96 0-16", "100 0-16", "126 0-16", "18 annexb=no", "18 annexb=yes",
            "111 opus/48000/2", "111 minptime=10;useinbandfec=1", "10", "20", "30", "40", "60", "150",
            "actpass", "active", "passive", "holdconn", "new", "existing", "trickle", "BUNDLE 0",
            "BUNDLE 0 1", "BUNDLE 0 1 2", "WMS", "transferredTCF", "localTCF", "t38UDPRedundancy",
            "t38UDPFEC",
        };
        int size = Integer.highestOneBit(words.length * 4 - 1) << 1;
        TABLE = new String[size];
        MASK = size - 1;
        long lengths = 0;
        for (String w : words) {
            lengths |= 1L << w.length();
            int i = hash(w, 0, w.length()) & MASK;
            while (TABLE[i] != null) {
                if (TABLE[i].equals(w)) {
                    break;
                }
                i = (i + 1) & MASK;
            }
            TABLE[i] = w;
        }
        LENGTHS = lengths;
    }

    private static int hash(String s, int from, int to) {
        int len = to - from;
        int h = len * 0x9E3779B1 + s.charAt(from) * 961 + s.charAt(from + (len >> 1)) * 31 + s.charAt(to - 1);
        return h ^ (h >>> 15);
    }

    /** {@code s.substring(from, to)}, shared when it is a well-known token. */
    static String get(String s, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return "";
        }
        if (len > MAX_SHARED_LENGTH || (LENGTHS & (1L << len)) == 0) {
            return s.substring(from, to);
        }
        char c0 = s.charAt(from);
        if (len <= 3 && Syntax.isDigit(c0) && (len == 1 || c0 != '0')) {
            long v = Syntax.parseUnsigned(s, from, to);
            if (v >= 0 && v < SMALL_NUMBERS.length) {
                return SMALL_NUMBERS[(int) v];
            }
        }
        int i = hash(s, from, to) & MASK;
        String w;
        while ((w = TABLE[i]) != null) {
            if (w.length() == len && same(s, from, w, len)) {
                return w;
            }
            i = (i + 1) & MASK;
        }
        return s.substring(from, to);
    }

    /** A plain loop: for strings this short it beats the vectorized {@code regionMatches}. */
    private static boolean same(String s, int from, String w, int len) {
        for (int k = 0; k < len; k++) {
            if (s.charAt(from + k) != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
