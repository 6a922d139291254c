package io.sipflow.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sipflow.message.Header;
import io.sipflow.message.SipParseException;
import java.util.function.Function;

/** Damages valid examples in many small ways: each must parse or throw SipParseException, nothing else. */
final class Robustness {
    private static final char[] SPECIALS = {'"', '\\', ',', ';', '=', ' ', '(', ')', '<', '>', ':', '.', '@', '[', ']',
        '\t', '\u00e9', '0', '9', 'x', '\u0000', '%'};

    private Robustness() {}

    /** Every prefix, every one-character deletion and every one-character replacement by a special character. */
    static <T> int check(Function<String, T> parser, String example) {
        assertThat(attempt(parser, example)).as("the example itself parses: %s", example).isEqualTo(1);
        int n = 0;
        for (int i = 0; i <= example.length(); i++) {
            n += attempt(parser, example.substring(0, i));
            n += attempt(parser, example.substring(i));
        }
        for (int i = 0; i < example.length(); i++) {
            n += attempt(parser, example.substring(0, i) + example.substring(i + 1));
            for (char c : SPECIALS) n += attempt(parser, example.substring(0, i) + c + example.substring(i + 1));
        }
        return n;
    }

    /** Same, through a Header's whole-line parsing (list splitting included). */
    static <T> int check(Header<T> h, String example) {
        return check(h::parseAll, example);
    }

    /** 1 when it parsed (and then its canonical form re-parses equal), 0 when it was rejected properly. */
    private static <T> int attempt(Function<String, T> parser, String input) {
        T v;
        try {
            v = parser.apply(input);
        } catch (SipParseException e) {
            return 0;
        } catch (RuntimeException e) {
            throw new AssertionError("not a SipParseException for [" + input + "]: " + e, e);
        }
        if (v instanceof java.util.List<?> l) {
            for (Object o : l) roundTrip(parser, input, o, true);
        } else {
            roundTrip(parser, input, v, false);
        }
        return 1;
    }

    private static <T> void roundTrip(Function<String, T> parser, String input, Object v, boolean list) {
        String canonical = v.toString();
        Object again;
        try {
            T p = parser.apply(canonical);
            again = list ? ((java.util.List<?>) p).get(0) : p;
        } catch (RuntimeException e) {
            fail("canonical form [" + canonical + "] of [" + input + "] does not re-parse: " + e);
            return;
        }
        assertThat(again).as("re-parse of [%s] from [%s]", canonical, input).isEqualTo(v);
        assertThat(again.hashCode()).isEqualTo(v.hashCode());
    }
}
