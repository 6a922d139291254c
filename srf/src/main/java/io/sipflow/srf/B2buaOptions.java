package io.sipflow.srf;

import io.sipflow.message.SipResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Options for {@link Srf#createB2BUA} (drachtio's CreateB2BUAOptions). Defaults: provisional
 * responses and failures relayed to A, SDP passed through unchanged, no headers copied, the
 * other leg torn down when one ends, in-dialog requests not relayed.
 *
 * <pre>{@code
 * B2buaOptions.create()
 *         .proxyRequestHeaders("all", "-X-Internal")     // copy A's headers to B, but one
 *         .proxyResponseHeaders("P-Asserted-Identity")
 *         .localSdpA((sdpB, res) -> rtpEngine.answer(sdpB)) // a media-anchoring B2BUA
 *         .relayInDialogRequests(true);                  // hold/unhold, UPDATE, INFO cross over
 * }</pre>
 */
public final class B2buaOptions {
    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, String> responseHeaders = new LinkedHashMap<>();
    BiFunction<SipResponse, Map<String, String>, Map<String, String>> responseHeadersFn;
    List<String> proxyRequestHeaders = List.of();
    List<String> proxyResponseHeaders = List.of();
    /** SDP toward B, from the SDP A sent; null: A's SDP unchanged. */
    Function<String, CompletionStage<String>> localSdpB;
    /** SDP toward A, from the SDP B sent and the response that carried it; null: B's SDP unchanged. */
    BiFunction<String, SipResponse, CompletionStage<String>> localSdpA;
    /** The function forms also rewrite SDP crossing in-dialog; a fixed string only applies to call setup. */
    boolean rewriteInDialogA;
    boolean rewriteInDialogB;
    boolean passFailure = true;
    boolean passProvisionalResponses = true;
    boolean tearDownOtherLeg = true;
    boolean relayInDialogRequests;
    boolean relayEarlyUpdates = true;
    String proxy;
    CredentialsProvider auth;
    int followRedirects;
    boolean keepUriOnRedirect;
    String callingNumber;
    String callingName;
    String calledNumber;
    Duration timerC;
    Consumer<SentRequest> onSent;
    Consumer<SipResponse> onProvisional;
    Consumer<Dialog> onFinalizedUac;

    public static B2buaOptions create() {
        return new B2buaOptions();
    }

    /** Headers for the INVITE to B (after any copied from A). */
    public B2buaOptions headers(Map<String, String> h) {
        if (h != null) headers.putAll(h);
        return this;
    }

    public B2buaOptions header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Headers for every response relayed to A (after any copied from B's). */
    public B2buaOptions responseHeaders(Map<String, String> h) {
        if (h != null) responseHeaders.putAll(h);
        return this;
    }

    /**
     * Computes the headers of each response relayed to A from B's response and the headers
     * prepared so far (copied and fixed ones); returns the headers to use.
     */
    public B2buaOptions responseHeaders(BiFunction<SipResponse, Map<String, String>, Map<String, String>> fn) {
        this.responseHeadersFn = fn;
        return this;
    }

    /**
     * Headers copied from A's INVITE to B's: names, or {@code "all"} first for every header
     * except those of the transaction, dialog and body (Via, From, To, Call-ID, CSeq, Contact,
     * Route, Record-Route, Max-Forwards, Content-*, and the capability headers Supported,
     * Require, Allow, Session-Expires, Min-SE), with {@code "-Name"} entries excluding more.
     */
    public B2buaOptions proxyRequestHeaders(String... names) {
        this.proxyRequestHeaders = List.copyOf(Arrays.asList(names));
        return this;
    }

    public B2buaOptions proxyRequestHeaders(List<String> names) {
        this.proxyRequestHeaders = List.copyOf(names);
        return this;
    }

    /** Headers copied from B's responses to those relayed to A; same syntax as {@link #proxyRequestHeaders}. */
    public B2buaOptions proxyResponseHeaders(String... names) {
        this.proxyResponseHeaders = List.copyOf(Arrays.asList(names));
        return this;
    }

    public B2buaOptions proxyResponseHeaders(List<String> names) {
        this.proxyResponseHeaders = List.copyOf(names);
        return this;
    }

    /** The offer sent to B (default: A's offer). In a late-offer call, the answer put in B's ACK. */
    public B2buaOptions localSdpB(String sdp) {
        this.localSdpB = a -> CompletableFuture.completedFuture(sdp);
        this.rewriteInDialogB = false;
        return this;
    }

    /**
     * Produces what B gets from what A sent (an offer, or in a late-offer call A's answer from
     * its ACK), e.g. from a media relay. Also applied to SDP relayed A→B in-dialog.
     */
    public B2buaOptions localSdpB(Function<String, CompletionStage<String>> fn) {
        this.localSdpB = fn;
        this.rewriteInDialogB = true;
        return this;
    }

    /** The SDP sent to A in 18x and 200 (default: B's, unchanged). */
    public B2buaOptions localSdpA(String sdp) {
        this.localSdpA = (b, r) -> CompletableFuture.completedFuture(sdp);
        this.rewriteInDialogA = false;
        return this;
    }

    /**
     * Produces what A gets from what B sent (with the response that carried it; null in-dialog
     * for an offer from B). Called once per distinct SDP during call setup; also applied to
     * SDP relayed B→A in-dialog.
     */
    public B2buaOptions localSdpA(BiFunction<String, SipResponse, CompletionStage<String>> fn) {
        this.localSdpA = fn;
        this.rewriteInDialogA = true;
        return this;
    }

    /** Relay B's failure final response to A (default true); else answering A is the application's job. */
    public B2buaOptions passFailure(boolean on) {
        this.passFailure = on;
        return this;
    }

    /** Relay B's 18x to A (default true), reliably (RFC 3262) when B sent them reliably and A supports 100rel. */
    public B2buaOptions passProvisionalResponses(boolean on) {
        this.passProvisionalResponses = on;
        return this;
    }

    /**
     * When one leg ends (BYE, ACK timeout, session timer expiry, 481), send BYE on the other
     * (default true), carrying the ending BYE's Reason (RFC 3326).
     */
    public B2buaOptions tearDownOtherLeg(boolean on) {
        this.tearDownOtherLeg = on;
        return this;
    }

    /**
     * Relay in-dialog requests between the legs (default false): re-INVITEs changing the
     * session (hold, unhold, new offers, offerless re-INVITEs), UPDATE with SDP, INFO,
     * MESSAGE, REFER and NOTIFY go to the other leg and its answer comes back. Session refreshes stay per leg
     * (RFC 4028 timers are hop by hop). Setting your own onInfo/onUpdate/onMessage on a leg
     * replaces the relay of that method.
     */
    public B2buaOptions relayInDialogRequests(boolean on) {
        this.relayInDialogRequests = on;
        return this;
    }

    /**
     * Relay UPDATEs inside the early dialogs (RFC 3311 §5.1; RFC 3312 preconditions) between A
     * and the B fork whose 18x was relayed last, with their answers back (default true; drachtio
     * only answers them itself, its users asked for this: srf#36, PR srf#222 forwardUpdate).
     * Off: an early UPDATE is answered by its own leg's dialog defaults.
     */
    public B2buaOptions relayEarlyUpdates(boolean on) {
        this.relayEarlyUpdates = on;
        return this;
    }

    /** Outbound proxy for the INVITE to B. */
    public B2buaOptions proxy(String p) {
        this.proxy = p;
        return this;
    }

    /** Credentials for B's 401/407. */
    public B2buaOptions auth(CredentialsProvider a) {
        this.auth = a;
        return this;
    }

    public B2buaOptions followRedirects(int max) {
        this.followRedirects = max;
        return this;
    }

    /** See {@link UacOptions#keepUriOnRedirect}. */
    public B2buaOptions keepUriOnRedirect(boolean on) {
        this.keepUriOnRedirect = on;
        return this;
    }

    /** The user part of B's From (default: A's calling number). */
    public B2buaOptions callingNumber(String n) {
        this.callingNumber = n;
        return this;
    }

    /** B's From display name (default: A's calling name). */
    public B2buaOptions callingName(String n) {
        this.callingName = n;
        return this;
    }

    /** The user part when the target is a bare host[:port] (default: A's called number). */
    public B2buaOptions calledNumber(String n) {
        this.calledNumber = n;
        return this;
    }

    /** Timer C of B's INVITE (default 185 s). */
    public B2buaOptions timerC(Duration d) {
        this.timerC = d;
        return this;
    }

    /** drachtio's cbRequest: each INVITE sent to B. */
    public B2buaOptions onSent(Consumer<SentRequest> c) {
        this.onSent = c;
        return this;
    }

    /** drachtio's cbProvisional: each provisional response from B. */
    public B2buaOptions onProvisional(Consumer<SipResponse> c) {
        this.onProvisional = c;
        return this;
    }

    /** drachtio's cbFinalizedUac: B answered (before A is answered). */
    public B2buaOptions onFinalizedUac(Consumer<Dialog> c) {
        this.onFinalizedUac = c;
        return this;
    }
}
