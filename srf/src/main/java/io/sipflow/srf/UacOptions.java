package io.sipflow.srf;

import io.sipflow.message.SipMethod;
import io.sipflow.message.SipResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Options for {@link Srf#createUAC}. */
public final class UacOptions {
    String method = SipMethod.INVITE;
    Map<String, String> headers = new LinkedHashMap<>();
    String localSdp;
    String proxy;
    String callingNumber;
    String callingName;
    String calledNumber;
    CredentialsProvider auth;
    int followRedirects;
    boolean keepUriOnRedirect;
    Duration timerC = Duration.ofSeconds(185);
    Consumer<SipResponse> onProvisional;
    Consumer<SentRequest> onSent;
    Consumer<Dialog> onEarlyDialog;
    boolean queueRequests;
    java.util.function.Function<String, java.util.concurrent.CompletionStage<String>> prackAnswer;
    /** createB2BUA: each provisional, in order, on the call's lane (must not block). */
    Consumer<SipResponse> provisionalTap;
    /** createB2BUA: each new early dialog, on the call's lane as it is created, before any request in it is delivered (must not block). */
    Consumer<Dialog> earlyDialogTap;
    /** createB2BUA: the winning 2xx, on the call's lane before the result completes (must not block). */
    Consumer<SipResponse> successTap;

    public static UacOptions create() {
        return new UacOptions();
    }

    /** INVITE (default) or SUBSCRIBE. */
    public UacOptions method(String m) {
        if (!SipMethod.INVITE.equals(m) && !SipMethod.SUBSCRIBE.equals(m)) {
            throw new IllegalArgumentException("createUAC sends INVITE or SUBSCRIBE, not " + m);
        }
        this.method = m;
        return this;
    }

    public UacOptions headers(Map<String, String> h) {
        if (h != null) headers.putAll(h);
        return this;
    }

    public UacOptions header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The offer; without one the INVITE is offerless (late offer). */
    public UacOptions localSdp(String sdp) {
        this.localSdp = sdp;
        return this;
    }

    /** Outbound proxy ({@code sip:host:port} or {@code host:port}), sent as a preloaded Route. */
    public UacOptions proxy(String p) {
        this.proxy = p;
        return this;
    }

    /** The user part of From and Contact. */
    public UacOptions callingNumber(String n) {
        this.callingNumber = n;
        return this;
    }

    /** The display name of From. */
    public UacOptions callingName(String n) {
        this.callingName = n;
        return this;
    }

    /** The user part of the Request-URI when the target is a bare host[:port]. */
    public UacOptions calledNumber(String n) {
        this.calledNumber = n;
        return this;
    }

    /** Credentials for 401/407 (also used by the dialog afterwards). */
    public UacOptions auth(CredentialsProvider a) {
        this.auth = a;
        return this;
    }

    /** Follow up to {@code max} redirections (3xx) to the first Contact; 0 (default) fails on 3xx. */
    public UacOptions followRedirects(int max) {
        this.followRedirects = max;
        return this;
    }

    /**
     * With {@link #followRedirects}: keep the Request-URI and send the new INVITE through the 3xx's
     * Contact instead (as a preloaded Route, like an outbound proxy) — drachtio's keepUriOnRedirect.
     */
    public UacOptions keepUriOnRedirect(boolean on) {
        this.keepUriOnRedirect = on;
        return this;
    }

    /** Give up (CANCEL) when no final response came in this time (RFC 3261 §16.6 Timer C; default 185 s). */
    public UacOptions timerC(Duration d) {
        this.timerC = d;
        return this;
    }

    public UacOptions onProvisional(Consumer<SipResponse> c) {
        this.onProvisional = c;
        return this;
    }

    /** Called with each INVITE sent: the handle can CANCEL it. */
    public UacOptions onSent(Consumer<SentRequest> c) {
        this.onSent = c;
        return this;
    }

    /**
     * The dialog starts with {@link Dialog#queueRequests(boolean) queueRequests(true)}: requests
     * from the peer wait until the application releases them (a B2BUA keeps B's requests until
     * A's ACK, so nothing reaches A before its dialog is confirmed).
     */
    public UacOptions queueRequests(boolean on) {
        this.queueRequests = on;
        return this;
    }

    /**
     * Answers an SDP offer that arrives in a reliable provisional response to an offerless
     * INVITE (RFC 3262 §5): the PRACK carries the answer this produces (from the offer; it may
     * complete later, e.g. from a media server or another call leg; must not block). Without
     * it the PRACK answers with the offer's streams turned around, taking no media (as drachtio
     * does for an offerless 2xx). The 2xx then completes the call without a new offer; with
     * {@link Srf#createUACLateOffer} the {@link LateOffer} holds that early offer and its
     * {@code ack} sends a bodyless ACK.
     */
    public UacOptions prackAnswer(java.util.function.Function<String, java.util.concurrent.CompletionStage<String>> answerer) {
        this.prackAnswer = answerer;
        return this;
    }

    /** The PRACK answer as a fixed description (see {@link #prackAnswer(java.util.function.Function)}). */
    public UacOptions prackAnswer(String sdp) {
        this.prackAnswer = offer -> java.util.concurrent.CompletableFuture.completedFuture(sdp);
        return this;
    }

    /** Called for each early dialog (a 1xx with a To tag), e.g. to send UPDATE or get NOTIFYs in it. */
    public UacOptions onEarlyDialog(Consumer<Dialog> c) {
        this.onEarlyDialog = c;
        return this;
    }
}
