package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time LF search agrees with the byte-by-byte one everywhere. */
class MessageScannerLfTest {
    @Test
    void swarSearchMatchesNaiveSearch() {
        Random rnd = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                int r = rnd.nextInt(10);
                // LF, its neighbours and high bytes are the interesting cases for the bit tricks
                b[i] = (byte) (r == 0 ? '\n' : r == 5 ? '\r' : r == 1 ? 0x0B : r == 2 ? 0x09 : r == 3 ? 0x8A : r == 4 ? 0 : rnd.nextInt(256));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int end = from + (b.length == from ? 0 : rnd.nextInt(b.length - from + 1));
            assertThat(MessageScanner.indexOfLf(b, from, end)).isEqualTo(naive(b, from, end));
            assertThat(MessageScanner.indexOfCrOrLf(b, from, end)).isEqualTo(naiveCrLf(b, from, end));
        }
    }

    private static int naiveCrLf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == '\n' || b[i] == '\r') return i;
        return -1;
    }

    private static int naive(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == '\n') return i;
        return -1;
    }
}
