package io.sipflow.srf;

/** Handles an exception thrown by an earlier layer; {@link Chain#next()} passes it on. */
@FunctionalInterface
public interface ErrorMiddleware {
    void handle(Throwable error, Request req, Response res, Chain chain) throws Exception;
}
