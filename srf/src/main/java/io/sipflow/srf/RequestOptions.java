package io.sipflow.srf;

import io.sipflow.message.SipResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Options for {@link Srf#request}: headers, body, outbound proxy, credentials, progress callbacks. */
public final class RequestOptions {
    Map<String, String> headers = new LinkedHashMap<>();
    String body;
    String proxy;
    CredentialsProvider auth;
    Consumer<SipResponse> onProvisional;
    Consumer<SentRequest> onSent;

    public static RequestOptions create() {
        return new RequestOptions();
    }

    public RequestOptions headers(Map<String, String> h) {
        if (h != null) headers.putAll(h);
        return this;
    }

    public RequestOptions header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The body; typed by a Content-Type header, or {@code application/sdp} when it starts {@code v=0}. */
    public RequestOptions body(String b) {
        this.body = b;
        return this;
    }

    /** An outbound proxy ({@code sip:host:port} or {@code host:port}): sent as a preloaded Route with lr. */
    public RequestOptions proxy(String p) {
        this.proxy = p;
        return this;
    }

    public RequestOptions auth(CredentialsProvider a) {
        this.auth = a;
        return this;
    }

    public RequestOptions onProvisional(Consumer<SipResponse> c) {
        this.onProvisional = c;
        return this;
    }

    /** Called with each request sent (the first, and one per authentication retry). */
    public RequestOptions onSent(Consumer<SentRequest> c) {
        this.onSent = c;
        return this;
    }
}
