package io.sipflow.stack.transaction;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transport.Destination;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the next-hop URI of a request (first Route, else Request-URI, §8.1.2) or of a
 * response (sent-by, RFC 3263 §5) into destinations to try in order (RFC 3263 §4).
 * The DNS implementation plugs in with a method reference to its {@code locate}.
 */
@FunctionalInterface
public interface NextHopResolver {
    /** The ordered destinations; completes exceptionally (or empty) when there is none. */
    CompletableFuture<List<Destination>> resolve(SipUri uri);
}
