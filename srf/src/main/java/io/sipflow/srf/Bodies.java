package io.sipflow.srf;

import io.sipflow.message.BodyPart;
import io.sipflow.message.SipMessage;
import io.sipflow.message.header.MediaType;
import java.util.Map;

/** Headers and bodies given by the application as text, applied to a message. */
final class Bodies {
    private Bodies() {}

    /**
     * Sets each header (replacing lines of the same name; a null value removes it) and the body.
     * The body's type is the Content-Type header when given, else {@code application/sdp} for
     * text starting {@code v=0}; any other untyped body is refused (drachtio does the same).
     *
     * @throws IllegalArgumentException for a body without a type, or a header value with CR/LF
     */
    static void apply(SipMessage m, Map<String, String> headers, String body) {
        String type = null;
        if (headers != null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                String name = e.getKey();
                String value = e.getValue();
                if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
                    throw new IllegalArgumentException("header " + name + " contains CR/LF");
                }
                if (name.equalsIgnoreCase("Content-Type") || name.equals("c")) {
                    type = value;
                    continue;
                }
                if (name.equalsIgnoreCase("Content-Length") || name.equals("l")) continue;
                if (value == null) m.removeHeader(name);
                else m.setHeader(name, value);
            }
        }
        if (body != null && !body.isEmpty()) {
            if (type == null) {
                if (!body.startsWith("v=0")) throw new IllegalArgumentException("body without Content-Type");
                type = "application/sdp";
            }
            m.setBody(body, type);
        } else if (type != null) {
            m.setHeader("Content-Type", type);
        }
        contentLength(m);
    }

    /** RFC 3261 §18.3 / §20.14: stream transports need Content-Length, so every message states it. */
    static void contentLength(SipMessage m) {
        if (!m.has(io.sipflow.message.Header.CONTENT_LENGTH)) m.set(io.sipflow.message.Header.CONTENT_LENGTH, m.bodyLength());
    }

    /** The session description in a message: an SDP body, or the SDP part of a multipart body. */
    static String sdp(SipMessage m) {
        if (!m.hasBody()) return null;
        MediaType t = m.contentType();
        if (t == null || t.is("application", "sdp")) return m.bodyAsString();
        if (t.isMultipart()) {
            for (BodyPart p : m.bodyParts()) {
                if (p.contentType().is("application", "sdp")) return p.contentAsString();
            }
        }
        return null;
    }
}
