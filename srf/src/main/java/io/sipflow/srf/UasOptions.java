package io.sipflow.srf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Options for {@link Srf#createUAS}: the local SDP (or how to produce it) and headers for the 2xx. */
public final class UasOptions {
    Map<String, String> headers = new LinkedHashMap<>();
    Function<Request, CompletionStage<String>> localSdp = r -> CompletableFuture.completedFuture(null);

    public static UasOptions create() {
        return new UasOptions();
    }

    /** The SDP answer (or offer, when the INVITE had none). */
    public UasOptions localSdp(String sdp) {
        this.localSdp = r -> CompletableFuture.completedFuture(sdp);
        return this;
    }

    /** Produces the SDP lazily, e.g. from a media server; the 200 is sent when it completes. */
    public UasOptions localSdp(Function<Request, CompletionStage<String>> producer) {
        this.localSdp = producer;
        return this;
    }

    public UasOptions headers(Map<String, String> h) {
        if (h != null) headers.putAll(h);
        return this;
    }

    public UasOptions header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
