package io.sipflow.stack.transport.netty;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.ViaReceived;

/** What every channel handler of one layer shares: configuration, parser, pool, listener. */
final class LayerContext {
    final TransportConfig config;
    final SipParser parser;
    final ConnectionPool pool;
    volatile SafeListener listener = new SafeListener(null);

    LayerContext(TransportConfig config, ConnectionPool pool) {
        this.config = config;
        this.parser = new SipParser(config.parserLimits());
        this.pool = pool;
    }

    /**
     * Hands a framed message up. Requests first get {@code received}/{@code rport} in their
     * top Via (RFC 3261 §18.2.1, RFC 3581 §4); a top Via that does not parse is left for the
     * listener's validation to reject (a 400 cannot be routed without it anyway).
     */
    void deliver(SipMessage message, Flow flow) {
        if (config.stampVia() && message instanceof SipRequest request) {
            try {
                ViaReceived.stamp(request, flow.remoteAddress());
            } catch (SipParseException | IllegalArgumentException ignored) {
                // malformed Via: delivered unstamped, validate() reports it
            }
        }
        listener.onMessage(message, flow);
    }
}
