package io.sipflow.srf;

/** Passes the request to the next layer that matches its method. */
public interface Chain {
    /** Runs the next layer (at the end: the default answer, e.g. 404). */
    void next();

    /** Skips to the error middleware with {@code error}. */
    void next(Throwable error);
}
