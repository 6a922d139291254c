package io.sipflow.message.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The eight-bytes-per-step searches agree with a byte loop for every byte value at every position. */
class LexerScanTest {
    private static final String TOKEN_CHARS = "-.!%*_+`'~";

    private static boolean isToken(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || TOKEN_CHARS.indexOf(c) >= 0;
    }

    private static byte[] filler(int n) {
        byte[] b = new byte[n];
        String alnum = "aZ09.-xQ7y";
        for (int i = 0; i < n; i++) b[i] = (byte) alnum.charAt(i % alnum.length());
        return b;
    }

    @Test
    void tokenEndAtEveryPositionForEveryByte() {
        for (int c = 0; c < 256; c++) {
            for (int at = 0; at < 20; at++) {
                byte[] b = filler(21);
                b[at] = (byte) c;
                int expected = isToken(c) ? b.length : at;
                assertThat(Lexer.tokenEnd(b, 0, b.length)).as("byte %02x at %d", c, at).isEqualTo(expected);
                assertThat(Lexer.tokenEnd(b, 0, at)).isEqualTo(at); // the end bounds the run
            }
        }
    }

    @Test
    void indexOfAnyAndWordStopAtEveryPositionForEveryByte() {
        for (int c = 0; c < 256; c++) {
            for (int at = 0; at < 20; at++) {
                byte[] b = filler(21);
                b[at] = (byte) c;
                boolean stop = c == '>' || c == ' ' || c == '\t';
                assertThat(Lexer.indexOfAny(b, 0, b.length, (byte) '>', (byte) ' ', (byte) '\t')).as("%02x at %d", c, at)
                        .isEqualTo(stop ? at : b.length);
                boolean wordStop = c < 0x21 || c == ',' || c == 0x7f;
                assertThat(Lexer.wordStop(b, 0, b.length)).as("%02x at %d", c, at).isEqualTo(wordStop ? at : b.length);
                // two stops: the first one is found, whatever follows
                if (at < 19) {
                    b[at + 1] = (byte) '>';
                    assertThat(Lexer.indexOfAny(b, 0, b.length, (byte) '>', (byte) ' ', (byte) '\t')).isEqualTo(stop ? at : at + 1);
                }
            }
        }
    }
}
