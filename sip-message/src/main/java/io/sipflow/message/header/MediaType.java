package io.sipflow.message.header;

import io.sipflow.message.internal.Lexer;
import java.util.Locale;

/**
 * A media type with parameters (RFC 3261 §20.15 Content-Type, §20.1 Accept; RFC 2045):
 * {@code application/sdp}, {@code multipart/mixed;boundary=xyz}. Type and subtype compare
 * case-insensitively.
 */
public record MediaType(String type, String subtype, Parameters params) {
    public static final MediaType SDP = new MediaType("application", "sdp", Parameters.EMPTY);

    public MediaType {
        if (params == null) params = Parameters.EMPTY;
    }

    public static MediaType of(String type, String subtype) {
        return new MediaType(type, subtype, Parameters.EMPTY);
    }

    public static MediaType parse(Lexer lx) {
        lx.skipWs();
        String type = lx.tokenInterned();
        lx.expect('/');
        String subtype = lx.tokenInterned();
        return new MediaType(type, subtype, Parameters.parse(lx));
    }

    public static MediaType parse(String text) {
        Lexer lx = new Lexer(text, "Content-Type");
        MediaType m = parse(lx);
        lx.expectEnd();
        return m;
    }

    /** True for the same type/subtype, case-insensitively, ignoring parameters. */
    public boolean is(String type, String subtype) {
        return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
    }

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    public String param(String name) {
        return params.get(name);
    }

    /** {@code type/subtype} in lower case, without parameters. */
    public String essence() {
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    public MediaType withParam(String name, String value) {
        return new MediaType(type, subtype, params.with(name, value));
    }

    @Override
    public String toString() {
        return params.appendTo(new StringBuilder().append(type).append('/').append(subtype)).toString();
    }
}
