package io.sipflow.stack.transport.netty;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.TransportListener;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shields the I/O threads from the listener: an exception thrown by the layer above must not
 * kill a connection's framing (a SipParseException escaping into the stream decoder would
 * look like lost framing) nor other connections. Failures are logged, at most one warning
 * per second so that a peer able to trigger one cannot flood the log.
 */
final class SafeListener implements TransportListener {
    private static final Logger log = LoggerFactory.getLogger(SafeListener.class);
    private static final TransportListener NONE = (m, f) -> {};

    private final TransportListener delegate;
    private final AtomicLong lastWarning = new AtomicLong();

    SafeListener(TransportListener delegate) {
        this.delegate = delegate == null ? NONE : delegate;
    }

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        try {
            delegate.onMessage(message, flow);
        } catch (RuntimeException | Error e) {
            report("onMessage", flow, e);
        }
    }

    @Override
    public void onParseError(SipParseException error, Flow flow) {
        try {
            delegate.onParseError(error, flow);
        } catch (RuntimeException | Error e) {
            report("onParseError", flow, e);
        }
    }

    @Override
    public void onFlowClosed(Flow flow) {
        try {
            delegate.onFlowClosed(flow);
        } catch (RuntimeException | Error e) {
            report("onFlowClosed", flow, e);
        }
    }

    private void report(String what, Flow flow, Throwable e) {
        if (e instanceof VirtualMachineError vme) throw vme;
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= 1_000_000_000L && lastWarning.compareAndSet(last, now)) {
            log.warn("transport listener {} failed for {} (further failures within 1 s logged at debug)", what, flow, e);
        } else {
            log.debug("transport listener {} failed for {}", what, flow, e);
        }
    }
}
