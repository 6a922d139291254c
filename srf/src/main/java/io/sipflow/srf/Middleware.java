package io.sipflow.srf;

/**
 * A connect-style layer: inspect or answer the request, or pass it on with {@link Chain#next()}.
 * Runs on its own virtual thread, so it may block. A thrown exception goes to the error
 * middleware, then to a 500 (or the status of a thrown {@link SipError}).
 */
@FunctionalInterface
public interface Middleware {
    void handle(Request req, Response res, Chain chain) throws Exception;

    /** The same layer, promising never to block (see {@link Handler#nonBlocking} and {@link NonBlocking}). */
    static Middleware nonBlocking(Middleware m) {
        return new NonBlocking.NonBlockingMiddleware(java.util.Objects.requireNonNull(m));
    }
}
