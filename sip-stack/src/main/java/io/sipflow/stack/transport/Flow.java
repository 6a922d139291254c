package io.sipflow.stack.transport;

import java.net.InetSocketAddress;

/**
 * Where a message came from or went to: the transport, the local listener, and the remote
 * socket address — for a connection-oriented transport, the connection itself, so that a
 * response or an in-dialog request can reuse it (RFC 3261 §18.2.2, RFC 5923, RFC 5626 flows).
 * Implementations are immutable handles, safe to keep and to use from any thread.
 */
public interface Flow {
    Transport transport();

    /** The listener the message was received on (or sent from). */
    ListenPoint listenPoint();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    /** False once the connection closed (always true for UDP). */
    boolean isOpen();

    /** This flow as a destination (same transport and remote address). */
    default Destination destination() {
        return new Destination(transport(), remoteAddress());
    }
}
