package io.sipflow.stack.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Passes queries on to a real resolver and records each one, so tests can tell a cached answer
 * (no query) from a fresh one.
 */
final class CountingResolver implements Resolver {
    private final Resolver delegate;
    private final List<String> queries = new ArrayList<>();

    CountingResolver(Resolver delegate) {
        this.delegate = delegate;
    }

    /** The questions sent so far, as "name TYPE" without the trailing dot, in order. */
    synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    synchronized int count() {
        return queries.size();
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        Record q = query.getQuestion();
        synchronized (this) {
            queries.add(q.getName().toString(true) + " " + Type.string(q.getType()));
        }
        return delegate.sendAsync(query, executor);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        return sendAsync(query, ForkJoinPool.commonPool());
    }

    @Override
    public void setPort(int port) {
        delegate.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        delegate.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        delegate.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        delegate.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        delegate.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return delegate.getTimeout();
    }
}
