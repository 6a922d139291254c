package io.sipflow.stack.dns;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Locates SIP servers (RFC 3263): turns a URI into the ordered list of transport/address/port
 * targets to try.
 *
 * <p>Implementations never block the calling thread: the returned future completes once the DNS
 * answers are in (at once when everything is cached or no DNS is needed). It never completes
 * with an empty list; when no target can be found it fails with a {@link LocatorException}.
 */
public interface ServerLocator {

    /**
     * The targets for a request to {@code uri}, best first (RFC 3263 §4.1 transport, §4.2 address
     * and port). The list is the failover order of §4.3: the transaction layer tries the next
     * element after a timeout, a transport error or a 503 from the previous one.
     */
    CompletableFuture<List<Destination>> locate(SipUri uri);

    /**
     * Where to send a response when the request's connection is gone or the transport is
     * unreliable (RFC 3261 §18.2.2, RFC 3263 §5): the top Via's sent-by.
     *
     * @param sentByHost the sent-by host: an IP address (IPv6 with or without brackets) or a name
     * @param port the sent-by port, or -1 (or 0) when the Via has none: then a name is looked up
     *     with SRV for {@code transport} first (§5), a numeric host gets the transport's default
     * @param transport the Via transport; kept as is (the request arrived on it)
     */
    CompletableFuture<List<Destination>> locateForResponse(String sentByHost, int port, Transport transport);
}
