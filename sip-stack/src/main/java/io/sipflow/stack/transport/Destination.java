package io.sipflow.stack.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A resolved next hop: transport and socket address (RFC 3263 §4 gives an ordered list of
 * these for a URI). {@code serverName} is the host name the TLS certificate must match
 * (RFC 5922), or null for a numeric target.
 */
public record Destination(Transport transport, InetSocketAddress address, String serverName) {
    public Destination {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    public Destination(Transport transport, InetSocketAddress address) {
        this(transport, address, null);
    }

    @Override
    public String toString() {
        return transport + ":" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
