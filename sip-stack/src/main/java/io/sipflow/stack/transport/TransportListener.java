package io.sipflow.stack.transport;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;

/**
 * The layer above the transports (the transaction layer). Called on I/O threads: must not
 * block; hand work to the owning thread.
 */
public interface TransportListener {
    /** A framed, parsed message (values not yet validated) and where it came from. */
    void onMessage(SipMessage message, Flow flow);

    /**
     * A message that did not parse. When {@code error.partialMessage()} is a request, the
     * listener may answer it (400/505/513) via {@link TransportLayer#send}. For a stream the
     * transport closes the connection after this call when framing is lost.
     */
    default void onParseError(SipParseException error, Flow flow) {}

    /** A connection closed (by either side, idle timeout, or error). */
    default void onFlowClosed(Flow flow) {}
}
