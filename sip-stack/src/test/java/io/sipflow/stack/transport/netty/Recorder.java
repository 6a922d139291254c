package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParseException;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.TransportListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Records what a layer hands up; every wait is bounded (generous, for a busy CI machine). */
final class Recorder implements TransportListener {
    static final long WAIT_SECONDS = 20;

    record Received(SipMessage message, Flow flow) {}

    record ParseError(SipParseException error, Flow flow) {}

    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<ParseError> parseErrors = new LinkedBlockingQueue<>();
    final BlockingQueue<Flow> closed = new LinkedBlockingQueue<>();
    /** Called on the I/O thread before recording, e.g. to answer. */
    volatile BiConsumer<SipMessage, Flow> onMessage = (m, f) -> {};
    volatile BiConsumer<SipParseException, Flow> onParseError = (e, f) -> {};

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        onMessage.accept(message, flow);
        messages.add(new Received(message, flow));
    }

    @Override
    public void onParseError(SipParseException error, Flow flow) {
        onParseError.accept(error, flow);
        parseErrors.add(new ParseError(error, flow));
    }

    @Override
    public void onFlowClosed(Flow flow) {
        closed.add(flow);
    }

    Received message() throws InterruptedException {
        Received r = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(r).as("a message within %d s", WAIT_SECONDS).isNotNull();
        return r;
    }

    ParseError parseError() throws InterruptedException {
        ParseError r = parseErrors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(r).as("a parse error within %d s", WAIT_SECONDS).isNotNull();
        return r;
    }

    Flow closedFlow() throws InterruptedException {
        Flow f = closed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(f).as("a closed flow within %d s", WAIT_SECONDS).isNotNull();
        return f;
    }
}
