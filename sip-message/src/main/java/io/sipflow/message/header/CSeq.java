package io.sipflow.message.header;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipMethod;
import io.sipflow.message.internal.Lexer;

/**
 * CSeq (RFC 3261 §20.16, §8.1.1.5): a sequence number below 2^31 and a method.
 */
public record CSeq(long seq, String method) {
    /** The sequence number must be below 2**31 (RFC 3261 §8.1.1.5). */
    public static final long MAX = (1L << 31) - 1;

    public CSeq {
        if (seq < 0 || seq > MAX) throw new IllegalArgumentException("CSeq number out of range: " + seq);
        if (method != SipMethod.INVITE && method != SipMethod.ACK && method != SipMethod.BYE && !Lexer.isToken(method)) {
            // (the shared constants a parsed CSeq carries need no check)
            throw new IllegalArgumentException("bad method: " + method);
        }
    }

    public static CSeq parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        long n = lx.number();
        if (n > MAX) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "CSeq number must be below 2^31", "CSeq", at);
        }
        int before = lx.pos();
        lx.skipWs();
        if (lx.pos() == before) throw lx.error("expected white space after CSeq number");
        String method = lx.tokenInterned();
        return new CSeq(n, method);
    }

    /**
     * The common form of a whole value, parsed straight from the bytes {@code b[start..end)}
     * (a received, unfolded, trimmed value): 1 to 10 digits, one SP, a token to the end, e.g.
     * {@code 314159 INVITE}. Returns what {@link #parse(Lexer)} followed by the end of the
     * value returns, or null for anything else (more white space, a number of 2^31 or more,
     * anything malformed): the caller then runs the general parser, which reports errors.
     * Needs no lexer object.
     */
    public static CSeq parseSimple(byte[] b, int start, int end) {
        int p = start;
        long n = 0;
        while (p < end && p - start < 10) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) break;
            n = n * 10 + d;
            p++;
        }
        if (p == start || n > MAX || p + 1 >= end || b[p] != ' ') return null;
        int ms = p + 1;
        if (Lexer.tokenEnd(b, ms, end) != end) return null; // also when empty: b[ms] is then no token byte
        return new CSeq(n, Lexer.internToken(b, ms, end));
    }

    /** The next CSeq for a new request in the same dialog (§12.2.1.1). */
    public CSeq next(String newMethod) {
        return new CSeq(seq + 1, newMethod);
    }

    @Override
    public String toString() {
        return seq + " " + method;
    }
}
