package io.sipflow.stack.dns;

import io.sipflow.stack.dns.LocatorException.Reason;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

/**
 * Asks DNS questions asynchronously through a dnsjava {@link Resolver} ({@code sendAsync}: the
 * query goes out on dnsjava's NIO selector, nobody waits), answering from the {@link DnsCache}
 * when it can and sharing one query among concurrent identical questions.
 *
 * <p>Futures fail with a {@link LocatorException} ({@link Reason#TIMEOUT} or
 * {@link Reason#DNS_FAILURE}); negative answers are not failures here but {@link DnsAnswer}s.
 */
final class DnsClient {
    private final Resolver resolver;
    private final DnsCache cache;
    private final Executor executor;
    private final ConcurrentHashMap<DnsCache.Key, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();

    DnsClient(Resolver resolver, DnsCache cache, Executor executor) {
        this.resolver = resolver;
        this.cache = cache;
        this.executor = executor;
    }

    /** The answer to (name, type, IN), from the cache or the network. */
    CompletableFuture<DnsAnswer> lookup(Name name, int type) {
        return lookup(name, type, 0);
    }

    private CompletableFuture<DnsAnswer> lookup(Name name, int type, int aliasDepth) {
        DnsCache.Key key = new DnsCache.Key(name, type);
        DnsAnswer cached = cache.get(key);
        if (cached != null) return CompletableFuture.completedFuture(cached);
        CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
        CompletableFuture<DnsAnswer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) return running;
        query(key, aliasDepth).whenComplete((answer, failure) -> {
            inFlight.remove(key, mine);
            if (failure != null) mine.completeExceptionally(unwrap(failure));
            else mine.complete(answer);
        });
        return mine;
    }

    private CompletableFuture<DnsAnswer> query(DnsCache.Key key, int aliasDepth) {
        Message query = Message.newQuery(Record.newRecord(key.name(), key.type(), DClass.IN));
        CompletionStage<Message> sent;
        try {
            sent = resolver.sendAsync(query, executor);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(key, e));
        }
        return sent.toCompletableFuture().handle((response, error) -> {
            if (error != null) throw new CompletionException(failure(key, error));
            try {
                return AnswerInterpreter.interpret(key.name(), key.type(), response);
            } catch (LocatorException e) {
                throw new CompletionException(e);
            }
        }).thenCompose(answer -> {
            if (answer.kind() != DnsAnswer.Kind.ALIAS) {
                cache.put(key, answer);
                return CompletableFuture.completedFuture(answer);
            }
            if (aliasDepth >= AnswerInterpreter.MAX_CHAIN) {
                return CompletableFuture.failedFuture(new LocatorException(Reason.DNS_FAILURE,
                        DnsNames.display(key.name()), Type.string(key.type()), "CNAME chain too long"));
            }
            return lookup(answer.aliasTarget(), key.type(), aliasDepth + 1).thenApply(target -> {
                DnsAnswer mine = target.askedAs(key.name(), answer.ttlSeconds());
                cache.put(key, mine);
                return mine;
            });
        });
    }

    /** A resolver failure as a {@link LocatorException} naming the question. */
    private static LocatorException failure(DnsCache.Key key, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof LocatorException le) return le;
        String name = DnsNames.display(key.name());
        String type = Type.string(key.type());
        // SimpleResolver fails with SocketTimeoutException; ExtendedResolver's overall deadline
        // with a plain IOException("Timed out while trying to resolve ...").
        boolean timeout = e instanceof SocketTimeoutException || e instanceof TimeoutException
                || (e instanceof IOException && e.getMessage() != null && e.getMessage().startsWith("Timed out"));
        return new LocatorException(timeout ? Reason.TIMEOUT : Reason.DNS_FAILURE, name, type, e.toString(), e);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
