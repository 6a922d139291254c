package io.sipflow.srf;

import io.sipflow.message.BodyPart;
import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.TelUri;
import io.sipflow.message.uri.Uri;
import io.sipflow.stack.transaction.ServerTransaction;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request received by the application: the message with convenient accessors, where it came
 * from, and (for an INVITE) a future that completes when the caller cancels it (RFC 3261 §9.2;
 * the stack has already answered the CANCEL 200 and the INVITE 487).
 */
public final class Request {
    private final SipRequest message;
    final ServerTransaction tx;
    private final Flow flow;
    final Srf srf;
    final Lane lane;
    /** Handled by non-blocking code ({@link NonBlocking}): its futures complete, and their stages run, on the lane. */
    final boolean nonBlocking;
    private final CompletableFuture<SipRequest> cancel = new CompletableFuture<>();
    volatile Dialog dialog;

    Request(SipRequest message, ServerTransaction tx, Flow flow, Srf srf, Lane lane) {
        this(message, tx, flow, srf, lane, false);
    }

    Request(SipRequest message, ServerTransaction tx, Flow flow, Srf srf, Lane lane, boolean nonBlocking) {
        this.message = message;
        this.tx = tx;
        this.flow = flow;
        this.srf = srf;
        this.lane = lane;
        this.nonBlocking = nonBlocking && lane.isShard();
    }

    /** Where the dependent stages of this request's futures, and its callbacks, run. */
    java.util.concurrent.Executor executor() {
        return nonBlocking ? lane : srf.userExecutor();
    }

    /** The request as parsed; changes to it are seen by later layers. */
    public SipRequest message() {
        return message;
    }

    public String method() {
        return message.method();
    }

    /** The Request-URI. */
    public Uri uri() {
        return message.requestUri();
    }

    /** The first value of a header (full or compact name, any case), or null. */
    public String get(String name) {
        return message.header(name);
    }

    public boolean has(String name) {
        return message.has(name);
    }

    /** Replaces the header (for later middleware). */
    public Request set(String name, String value) {
        message.setHeader(name, value);
        return this;
    }

    /** A typed header: {@code req.get(Header.CONTACT)}; null when absent. */
    public <T> T get(Header<T> header) {
        return message.get(header);
    }

    /** Every value of a typed header. */
    public <T> List<T> getAll(Header<T> header) {
        return message.getAll(header);
    }

    public boolean has(Header<?> header) {
        return message.has(header);
    }

    public Address from() {
        return message.from();
    }

    public Address to() {
        return message.to();
    }

    public String callId() {
        return message.callId();
    }

    public boolean hasBody() {
        return message.hasBody();
    }

    /** The body as text (empty when none). */
    public String body() {
        return message.bodyAsString();
    }

    public MediaType contentType() {
        return message.contentType();
    }

    /** The parts of a multipart body (RFC 2046); one part for a simple body. */
    public List<BodyPart> bodyParts() {
        return message.bodyParts();
    }

    /** The session description: the SDP body, or the SDP part of a multipart body; null when none. */
    public String sdp() {
        return Bodies.sdp(message);
    }

    /** The caller's number: the user part of P-Asserted-Identity when present, else of From. */
    public String callingNumber() {
        Address a = identity();
        return a == null ? null : userOf(a.uri());
    }

    /** The caller's display name, from P-Asserted-Identity when present, else From. */
    public String callingName() {
        Address a = identity();
        return a == null ? null : a.displayName();
    }

    /** The called number: the user part of the Request-URI. */
    public String calledNumber() {
        return userOf(uri());
    }

    private Address identity() {
        Address pai = message.get(Header.P_ASSERTED_IDENTITY);
        return pai != null ? pai : message.from();
    }

    static String userOf(Uri u) {
        if (u instanceof SipUri s) return s.user();
        if (u instanceof TelUri t) return t.number();
        return null;
    }

    /** The flow the request arrived on. */
    public Flow flow() {
        return flow;
    }

    /** The source address and port of the request. */
    public InetSocketAddress source() {
        return flow.remoteAddress();
    }

    public String sourceAddress() {
        return source().getAddress().getHostAddress();
    }

    public int sourcePort() {
        return source().getPort();
    }

    public Transport transport() {
        return flow.transport();
    }

    /** The local address and port the request arrived on. */
    public InetSocketAddress receivedOn() {
        return flow.localAddress();
    }

    /** An INVITE without To tag: a new call. */
    public boolean isNewInvite() {
        return message.is("INVITE") && (message.to() == null || message.to().tag() == null);
    }

    /** A request that can create a dialog: an INVITE or SUBSCRIBE without To tag (drachtio's canFormDialog). */
    public boolean canFormDialog() {
        return (message.is("INVITE") || message.is("SUBSCRIBE")) && (message.to() == null || message.to().tag() == null);
    }

    /** True once a CANCEL matched this request. */
    public boolean isCancelled() {
        return cancel.isDone();
    }

    /** Completes with the CANCEL when the caller cancels this INVITE. */
    public CompletableFuture<SipRequest> cancelled() {
        return UserFuture.of(cancel, executor());
    }

    /** Runs {@code listener} when the caller cancels this INVITE (drachtio's 'cancel' event). */
    public Request onCancel(Consumer<SipRequest> listener) {
        cancel.thenAcceptAsync(listener, executor());
        return this;
    }

    /** The dialog this request belongs to (in-dialog requests, or once createUAS made one). */
    public Optional<Dialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    public Srf srf() {
        return srf;
    }

    /** For srf itself: completed on srf's thread (chain only non-blocking work). */
    CompletableFuture<SipRequest> cancelFuture() {
        return cancel;
    }

        void cancelledBy(SipRequest cancelRequest) {
        cancel.complete(cancelRequest);
    }

    @Override
    public String toString() {
        return message.startLine();
    }
}
