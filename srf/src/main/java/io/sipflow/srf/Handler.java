package io.sipflow.srf;

/** A request handler that answers (the end of the chain for its method). */
@FunctionalInterface
public interface Handler {
    void handle(Request req, Response res) throws Exception;
}
