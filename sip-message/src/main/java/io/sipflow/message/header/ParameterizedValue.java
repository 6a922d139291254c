package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;

/**
 * A token followed by parameters, the shape of many SIP headers (Content-Disposition,
 * Priority-like headers, Accept-Language ranges, …): {@code value *(";" generic-param)}.
 */
public record ParameterizedValue(String value, Parameters params) {
    public ParameterizedValue {
        if (params == null) params = Parameters.EMPTY;
    }

    public static ParameterizedValue of(String value) {
        return new ParameterizedValue(value, Parameters.EMPTY);
    }

    public static ParameterizedValue parse(Lexer lx) {
        lx.skipWs();
        String v = lx.token();
        return new ParameterizedValue(v, Parameters.parse(lx));
    }

    public String param(String name) {
        return params.get(name);
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder(value)).toString();
    }
}
