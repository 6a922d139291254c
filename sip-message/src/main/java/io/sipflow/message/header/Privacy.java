package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Privacy header (RFC 3323 §4.2): the privacy services a user asks for, priv-values
 * separated by {@code ;}: {@code header}, {@code session}, {@code user}, {@code none},
 * {@code critical} (RFC 3323), {@code id} (RFC 3325), {@code history} (RFC 7044), or
 * another token: {@code Privacy: id;header;critical}.
 *
 * <p>Reading also accepts {@code ,} as separator (some deployments write {@code id, header}),
 * and white space around separators; {@link #toString()} writes {@code ;} without spaces.
 * Values compare case-insensitively and as a set. Immutable.
 */
public final class Privacy {
    public static final String HEADER = "header";
    public static final String SESSION = "session";
    public static final String USER = "user";
    public static final String NONE = "none";
    public static final String CRITICAL = "critical";
    /** Network-asserted identity privacy (RFC 3325). */
    public static final String ID = "id";
    /** History-Info privacy (RFC 7044). */
    public static final String HISTORY = "history";

    /** {@code Privacy: none}: no privacy (RFC 3323 §4.2). */
    public static final Privacy NO_PRIVACY = of(NONE);

    private final List<String> values;

    private Privacy(List<String> values) {
        this.values = List.copyOf(values);
    }

    /**
     * The given priv-values, in order.
     *
     * @throws IllegalArgumentException for none, or a value that is not a token
     */
    public static Privacy of(String... values) {
        if (values.length == 0) throw new IllegalArgumentException("at least one priv-value");
        for (String v : values) HeaderValues.checkToken("priv-value", v);
        return new Privacy(Arrays.asList(values));
    }

    public static Privacy parse(Lexer lx) {
        lx.skipWs();
        List<String> out = new ArrayList<>(3);
        do {
            out.add(lx.token());
        } while (lx.skipIf(';') || lx.skipIf(','));
        return new Privacy(out);
    }

    public static Privacy parse(String text) {
        Lexer lx = new Lexer(text, "Privacy");
        Privacy p = parse(lx);
        lx.expectEnd();
        return p;
    }

    /** The priv-values as written, in order. */
    public List<String> values() {
        return values;
    }

    /** True when {@code value} is present, case-insensitively. */
    public boolean has(String value) {
        for (String v : values) {
            if (v.equalsIgnoreCase(value)) return true;
        }
        return false;
    }

    /** True for {@code none}: the user asks that no privacy be applied (RFC 3323 §4.2). */
    public boolean isNone() {
        return has(NONE);
    }

    /** True with {@code critical}: the request must fail if privacy cannot be provided (RFC 3323 §4.2). */
    public boolean isCritical() {
        return has(CRITICAL);
    }

    /** True with {@code id}: P-Asserted-Identity must not leave the trust domain (RFC 3325). */
    public boolean hidesIdentity() {
        return has(ID);
    }

    /** A copy with {@code value} added (when not already present). */
    public Privacy with(String value) {
        if (has(value)) return this;
        List<String> l = new ArrayList<>(values);
        l.add(HeaderValues.checkToken("priv-value", value));
        return new Privacy(l);
    }

    @Override
    public String toString() {
        return String.join(";", values);
    }

    private Set<String> lowerSet() {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Privacy p && lowerSet().equals(p.lowerSet());
    }

    @Override
    public int hashCode() {
        return lowerSet().hashCode();
    }
}
