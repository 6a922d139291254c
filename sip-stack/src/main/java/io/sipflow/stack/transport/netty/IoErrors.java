package io.sipflow.stack.transport.netty;

import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/** The contract reports transport failures as {@link IOException} (RFC 3261 §8.1.3.1: 503). */
final class IoErrors {
    private IoErrors() {}

    static IOException io(Throwable t) {
        // Unwrap what the future and the codec pipeline put around the real cause
        // (e.g. an SSLHandshakeException inside a DecoderException).
        while ((t instanceof CompletionException || t instanceof DecoderException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IOException io) return io;
        return new IOException(t == null ? "transport error" : String.valueOf(t.getMessage()), t);
    }
}
