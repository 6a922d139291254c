package io.sipflow.srf;

/**
 * The opt-in non-blocking mode ({@link Handler#nonBlocking}, {@link Middleware#nonBlocking}).
 *
 * <p>By default every handler, middleware layer, listener and future callback runs on a
 * virtual thread, and may block. Handing a call's events from the stack's thread to a virtual
 * thread and back costs thread wake-ups (system calls, context switches) that are a large part
 * of a short call's CPU. An application whose handlers never block (they chain futures instead
 * of joining them: {@code createUAS(...).thenAccept(call -> ...)}) may say so; then:
 * <ul>
 * <li>A request whose layers for its method are all non-blocking runs its chain on the thread
 *     that owns its call (the stack shard of its Call-ID); so does the default answer to a
 *     request no layer takes (404, …). Error middleware that is not marked non-blocking still
 *     runs on a virtual thread.</li>
 * <li>The futures handed out for that request ({@code res.send}, {@code sendReliably},
 *     {@code createUAS}, {@code ackReceived}, …) complete there, and their dependent stages
 *     ({@code thenAccept}, {@code whenComplete}, …) run there too, in order.</li>
 * <li>A dialog created by {@code createUAS} from such a request is non-blocking as well: its
 *     listeners ({@code onDestroy}, {@code onInfo}, …) and the futures of its operations
 *     ({@code destroy()}, {@code request(...)}, …) run on its call's thread.</li>
 * </ul>
 * Nothing there may block: no {@code join()}/{@code get()} of an incomplete srf future (srf
 * throws {@link IllegalStateException} instead of dead-locking), no blocking I/O, no sleeping;
 * hand blocking work to an executor of your own. Semantics are otherwise the same as in the
 * default mode. Other operations (e.g. {@code createUAC}) keep completing on virtual threads.
 */
public final class NonBlocking {
    private NonBlocking() {}

    record NonBlockingHandler(Handler handler) implements Handler {
        @Override
        public void handle(Request req, Response res) throws Exception {
            handler.handle(req, res);
        }
    }

    record NonBlockingMiddleware(Middleware middleware) implements Middleware {
        @Override
        public void handle(Request req, Response res, Chain chain) throws Exception {
            middleware.handle(req, res, chain);
        }
    }

    static boolean isNonBlocking(Object handlerOrMiddleware) {
        return handlerOrMiddleware instanceof NonBlockingHandler || handlerOrMiddleware instanceof NonBlockingMiddleware;
    }

    /** Thrown by join()/get() of an incomplete future on a call's thread: it would wait for itself. */
    static IllegalStateException wouldBlock() {
        return new IllegalStateException("join()/get() on the call's thread (a non-blocking handler or listener) would "
                + "dead-lock: chain the future (thenAccept, thenCompose, whenComplete) instead");
    }
}
