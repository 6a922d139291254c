package io.sipflow.srf;

/**
 * A request handler that answers (the end of the chain for its method). By default it runs on
 * a virtual thread of its own and may block ({@code createUAS(...).join()}, a database call).
 */
@FunctionalInterface
public interface Handler {
    void handle(Request req, Response res) throws Exception;

    /**
     * The same handler, promising never to block: srf may then run it on the thread that owns
     * the call (the stack shard of its Call-ID, where the call's messages are handled), as
     * drachtio runs everything on node's event loop. That saves the thread hand-offs of a
     * call. What the promise covers, and what it changes, is in {@link NonBlocking}.
     */
    static Handler nonBlocking(Handler h) {
        return new NonBlocking.NonBlockingHandler(java.util.Objects.requireNonNull(h));
    }
}
