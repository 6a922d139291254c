package io.sipflow.message.header;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.internal.Lexer;

/**
 * The RAck header of a PRACK (RFC 3262 §7.2): the RSeq of the reliable provisional response
 * being acknowledged, and the CSeq number and method of the request it answered:
 * {@code RAck: 776656 1 INVITE}.
 *
 * @param rseq response-num, 1..2^32-1 (RFC 3262 §7.1)
 * @param cseq CSeq-num, below 2^31 (RFC 3261 §8.1.1.5)
 * @param method the CSeq method (case-sensitive)
 */
public record RAck(long rseq, long cseq, String method) {
    /** The largest RSeq (RFC 3262 §7.1). */
    public static final long MAX_RSEQ = (1L << 32) - 1;

    public RAck {
        if (rseq < 1 || rseq > MAX_RSEQ) throw new IllegalArgumentException("RSeq out of range: " + rseq);
        if (cseq < 0 || cseq > CSeq.MAX) throw new IllegalArgumentException("CSeq number out of range: " + cseq);
        if (method == null || !Lexer.isToken(method)) throw new IllegalArgumentException("bad method: " + method);
    }

    /** The RAck acknowledging a provisional response with {@code rseq} and {@code cseq} (RFC 3262 §7.2). */
    public static RAck of(long rseq, CSeq cseq) {
        return new RAck(rseq, cseq.seq(), cseq.method());
    }

    public static RAck parse(Lexer lx) {
        lx.skipWs();
        int at = lx.pos();
        long r = lx.number();
        if (r < 1 || r > MAX_RSEQ) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "response-num must be 1..2^32-1", "RAck", at);
        }
        space(lx);
        at = lx.pos();
        long c = lx.number();
        if (c > CSeq.MAX) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "CSeq-num must be below 2^31", "RAck", at);
        }
        space(lx);
        String method = lx.token();
        return new RAck(r, c, method);
    }

    private static void space(Lexer lx) {
        int before = lx.pos();
        lx.skipWs();
        if (lx.pos() == before) throw lx.error("expected white space");
    }

    public static RAck parse(String text) {
        Lexer lx = new Lexer(text, "RAck");
        RAck r = parse(lx);
        lx.expectEnd();
        return r;
    }

    /** The CSeq part as a {@link CSeq}. */
    public CSeq toCSeq() {
        return new CSeq(cseq, method);
    }

    /** True when this acknowledges the response with {@code rseq} to the request with {@code requestCseq} (RFC 3262 §4). */
    public boolean matches(long rseq, CSeq requestCseq) {
        return this.rseq == rseq && cseq == requestCseq.seq() && method.equals(requestCseq.method());
    }

    @Override
    public String toString() {
        return rseq + " " + cseq + " " + method;
    }
}
