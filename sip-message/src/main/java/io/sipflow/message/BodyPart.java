package io.sipflow.message;

import io.sipflow.message.header.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One part of a multipart body (RFC 2046 §5.1): its own header lines (name, value) and
 * content. A part whose type is itself multipart can be split again with
 * {@link MultipartBody#parse}.
 */
public record BodyPart(List<String[]> headers, byte[] content) {
    /** The first value of the part header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) return h[1];
        }
        return null;
    }

    /** The part's Content-Type; RFC 2046 §5.1 defaults it to text/plain. */
    public MediaType contentType() {
        String ct = header("Content-Type");
        if (ct == null) ct = header("c");
        return ct == null ? MediaType.of("text", "plain") : MediaType.parse(ct);
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
