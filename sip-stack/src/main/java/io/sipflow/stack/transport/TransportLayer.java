package io.sipflow.stack.transport;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The transport layer of RFC 3261 §18: listeners for every configured {@link ListenPoint},
 * sending to destinations with connection reuse and pooling, receiving and framing.
 * Thread-safe: {@link #send} may be called from any thread.
 */
public interface TransportLayer extends AutoCloseable {
    /** Sets who receives inbound messages; call before {@link #start()}. */
    void setListener(TransportListener listener);

    /** Binds every listener; completes with the bound listen points (ports resolved). */
    CompletableFuture<List<ListenPoint>> start();

    /** The bound listen points (after start). */
    List<ListenPoint> listenPoints();

    /**
     * The listen point to put in Via/Contact for messages sent over {@code transport} to an
     * address of that family; null when there is no listener for it.
     */
    ListenPoint listenPointFor(Transport transport, boolean ipv6);

    /**
     * Sends a message. When {@code reuse} is an open flow of a connection-oriented transport,
     * the message goes on it (responses, §18.2.2; in-dialog requests, RFC 5923); otherwise to
     * {@code destination}, reusing a pooled connection to it or opening one. Completes with the
     * flow used, or exceptionally with an {@link java.io.IOException} on a transport error
     * (which a client transaction reports as a 503-equivalent, §8.1.3.1).
     *
     * @param destination where to send when {@code reuse} is null or closed (may be null when
     *     {@code reuse} is given)
     */
    CompletableFuture<Flow> send(SipMessage message, Destination destination, Flow reuse);

    /** Sends already-encoded bytes (a retransmission); same rules as {@link #send}. */
    CompletableFuture<Flow> sendBytes(byte[] encoded, Destination destination, Flow reuse);

    /**
     * The transport to send a request over, per the size rule of RFC 3261 §18.1.1: a request
     * to a UDP destination that is larger than the configured threshold (1300 bytes: 200 under
     * an unknown path MTU of 1500) goes over TCP, to the same address, when there is a TCP
     * listener to put in the Via. Call it before writing the top Via, whose transport must say
     * what is returned; a target that is explicitly UDP-only ({@code transport=udp}) should not
     * be switched. The default implementation never switches.
     *
     * @param encodedSize the request's size on the wire, including the Via about to be added
     */
    default Transport chooseTransport(int encodedSize, Destination destination) {
        return destination.transport();
    }

    /**
     * {@link #chooseTransport(int, Destination)} measuring the request as it is now; add the
     * top Via first (with any transport) or prefer the size overload to avoid encoding twice.
     */
    default Transport chooseTransport(SipRequest request, Destination destination) {
        if (destination.transport() != Transport.UDP) return destination.transport();
        return chooseTransport(request.toBytes().length, destination);
    }

    /** Number of open connections (TCP/TLS/WS), for limits and monitoring. */
    int openConnections();

    /** Closes listeners and connections; waits for them. */
    @Override
    void close();
}
