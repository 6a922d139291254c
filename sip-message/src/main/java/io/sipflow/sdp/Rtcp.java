package io.sipflow.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=rtcp} attribute (RFC 3605 §2.1):
 * {@code <port> [<nettype> <addrtype> <connection-address>]}, the RTCP port (and address) when
 * it is not the RTP port + 1 on the same address.
 *
 * @param port the RTCP port 0..65535
 * @param connection the RTCP address, or {@code null} when it is that of the media
 */
public record Rtcp(int port, Connection connection) {

    /** Validates the port. */
    public Rtcp {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
    }

    /** Parses an {@code a=rtcp} value; empty when it is malformed. */
    public static Optional<Rtcp> parse(String value) {
        if (value == null || !Syntax.isText(value)) {
            return Optional.empty();
        }
        int end = Syntax.trimEnd(value, 0, value.length());
        int start = Syntax.trimStart(value, 0, end);
        int sp = start;
        while (sp < end && !Syntax.isWhitespace(value.charAt(sp))) {
            sp++;
        }
        long port = Syntax.parseUnsigned(value, start, sp);
        if (port < 0 || port > 65535) {
            return Optional.empty();
        }
        if (sp == end) {
            return Optional.of(new Rtcp((int) port, null));
        }
        Connection c = Connection.parse(value, Syntax.trimStart(value, sp, end), end);
        return c == null ? Optional.empty() : Optional.of(new Rtcp((int) port, c));
    }

    /** This value as an {@code a=rtcp} attribute. */
    public Attribute toAttribute() {
        return new Attribute("rtcp", toString());
    }

    /** The attribute value. */
    @Override
    public String toString() {
        return connection == null ? Integer.toString(port) : port + " " + connection;
    }
}
