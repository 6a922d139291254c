package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The scanner's eight-bytes-at-a-time way to short header names agrees with the byte loop:
 * every single-byte change of a short name (any byte value, any position) is identified as
 * the byte loop identifies it, or reported malformed when it is no token.
 */
class HeaderNameFastPathTest {
    @Test
    void everySingleByteChangeOfAShortNameIsIdentifiedLikeTheByteLoop() {
        String[] names = {"Via", "v", "To", "t", "From", "Call-ID", "i", "CSeq", "Contact", "Allow", "RSeq", "Event", "Min-SE"};
        for (String name : names) {
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at < n.length; at++) {
                for (int v = 0; v < 256; v++) {
                    byte[] changed = n.clone();
                    changed[at] = (byte) v;
                    check(changed);
                }
            }
        }
    }

    private static void check(byte[] name) {
        byte[] head = "OPTIONS sip:a@b SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ": x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] msg = new byte[head.length + name.length + tail.length];
        System.arraycopy(head, 0, msg, 0, head.length);
        System.arraycopy(name, 0, msg, head.length, name.length);
        System.arraycopy(tail, 0, msg, head.length + name.length, tail.length);
        boolean token = true;
        for (byte c : name) token &= io.sipflow.message.internal.Lexer.isTokenChar(c & 0xff);
        // Bytes that end or continue the line, or separate the name from the colon, change the
        // framing: only names that stay one token before the colon are compared.
        SipMessage m;
        try {
            m = SipParser.defaults().parse(msg);
        } catch (SipParseException e) {
            // a name turned into Content-Length's compact form "l" (value "x") is still indexed
            m = e.partialMessage();
            if (m == null || !token) {
                assertThat(token).as("a token name frames: %s", new String(name, StandardCharsets.ISO_8859_1)).isFalse();
                return;
            }
        }
        if (!token) return; // e.g. a trailing SP before the colon is allowed; framing differs
        int expected = HeaderNameTable.lookup(name, 0, name.length);
        assertThat(m.headerId(0)).as("id of %s", new String(name, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }
}
