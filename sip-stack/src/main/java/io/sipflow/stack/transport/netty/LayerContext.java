package io.sipflow.stack.transport.netty;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.TransportConfig;

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
     * Hands a framed message up. The transaction layer stamps {@code received}/{@code rport}
     * (RFC 3261 §18.2.1, RFC 3581 §4) after validating the message, so nothing is done twice.
     */
    void deliver(SipMessage message, Flow flow) {
        listener.onMessage(message, flow);
    }
}
