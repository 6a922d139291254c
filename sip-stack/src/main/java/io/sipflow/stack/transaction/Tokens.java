package io.sipflow.stack.transaction;

import io.sipflow.message.header.Via;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh branch and tag values. A branch must be unique across space and time for every
 * request a UA sends (RFC 3261 §8.1.1.7) and start with the magic cookie; 96 random bits make
 * collisions negligible. Tags need global uniqueness with 32 random bits at least (§19.3).
 */
public final class Tokens {
    private Tokens() {}

    /** {@code z9hG4bK} followed by 96 random bits in hex. */
    public static String branch() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(Via.MAGIC_COOKIE.length() + 24).append(Via.MAGIC_COOKIE);
        hex(sb, r.nextLong(), 16);
        hex(sb, r.nextInt(), 8);
        return sb.toString();
    }

    /** 64 random bits in hex, for From/To tags. */
    public static String tag() {
        return tag(ThreadLocalRandom.current().nextLong());
    }

    /** The tag for 64 random bits drawn earlier (a transaction draws them, formats on demand). */
    static String tag(long bits) {
        return hex(new StringBuilder(16), bits, 16).toString();
    }

    private static StringBuilder hex(StringBuilder sb, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) sb.append(Character.forDigit((int) (v >>> (i * 4)) & 0xf, 16));
        return sb;
    }
}
