package io.sipflow.message.header;

import io.sipflow.message.ParseProblem;
import io.sipflow.message.SipParseException;
import io.sipflow.message.internal.Lexer;

/** Shared checks of the {@code value *(SEMI param)} header classes. Not public API. */
final class HeaderValues {
    /** delta-seconds is at most 2^32-1 (RFC 3261 §25.1 and §20.19: larger values are capped, we reject). */
    static final long MAX_DELTA = (1L << 32) - 1;

    private HeaderValues() {}

    /** delta-seconds at the lexer's position (after optional white space). */
    static long deltaSeconds(Lexer lx, String what) {
        lx.skipWs();
        int at = lx.pos();
        long n = lx.number();
        if (n > MAX_DELTA) throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "delta-seconds above 2^32-1", what, at);
        return n;
    }

    /** Rejects a second occurrence of any of {@code names} in {@code p}. */
    static void once(Lexer lx, Parameters p, int at, String... names) {
        for (String name : names) {
            int n = 0;
            for (int i = 0; i < p.size(); i++) {
                if (p.name(i).equalsIgnoreCase(name)) n++;
            }
            if (n > 1) {
                lx.pos(at);
                throw lx.error("duplicate parameter " + name);
            }
        }
    }

    /** A delta-seconds parameter: -1 when absent; an error when a flag, not digits, or too large. */
    static long deltaParam(Lexer lx, Parameters p, String name, int at, String what) {
        if (!p.has(name)) return -1;
        String v = p.getRaw(name);
        if (v == null || v.isEmpty()) {
            lx.pos(at);
            throw lx.error(name + " needs a value");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                lx.pos(at);
                throw lx.error(name + " must be delta-seconds");
            }
        }
        if (v.length() > 10 || Long.parseLong(v) > MAX_DELTA) {
            throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, name + " above 2^32-1", what, at);
        }
        return Long.parseLong(v);
    }

    /** A token-valued parameter: null when absent; an error when a flag or quoted. */
    static String tokenParam(Lexer lx, Parameters p, String name, int at) {
        if (!p.has(name)) return null;
        String v = p.getRaw(name);
        if (v == null || !Lexer.isToken(v)) {
            lx.pos(at);
            throw lx.error(name + " must be a token");
        }
        return v;
    }

    /** The numeric value of a parameter already checked by {@link #deltaParam}; -1 when absent. */
    static long delta(Parameters p, String name) {
        String v = p.get(name);
        return v == null ? -1 : Long.parseLong(v);
    }

    static void checkDelta(String name, long v) {
        if (v < 0 || v > MAX_DELTA) throw new IllegalArgumentException(name + " out of range: " + v);
    }

    static String checkToken(String what, String v) {
        if (v == null || !Lexer.isToken(v)) throw new IllegalArgumentException("bad " + what + ": " + v);
        return v;
    }

    /** Parameters set through {@code withParam}: a token value stays bare, anything else is quoted. */
    static Parameters withParam(Parameters p, String name, String value) {
        checkToken("parameter name", name);
        if (value == null) return p.with(name, null);
        AuthParams.checkValue(name, value);
        return p.with(name, Lexer.isToken(value) ? value : Lexer.quote(value));
    }
}
