package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The answer to a {@link Request}. Any number of provisional responses, then one final one.
 * Dialog-creating responses get this application's Contact and the transaction's To tag
 * unless the headers give them. Sending from any thread is fine; every call returns a future
 * completed once the response is handed to the transport.
 *
 * <pre>{@code
 * res.send(180);                                           // ringing
 * res.sendReliably(183, null, Map.of(), sdp).join();      // RFC 3262: waits for the PRACK
 * res.send(486, "Busy Here");
 * }</pre>
 */
public final class Response {
    private final Request req;
    private final AtomicBoolean finalSent = new AtomicBoolean();
    private final CompletableFuture<Request> ack = new CompletableFuture<>();
    private volatile ResponseSender sender;
    private volatile int status;

    Response(Request req, ResponseSender sender) {
        this.req = req;
        this.sender = sender;
    }

    /** The request this answers. */
    public Request request() {
        return req;
    }

    public CompletableFuture<SipResponse> send(int status) {
        return send(status, null, null, null);
    }

    public CompletableFuture<SipResponse> send(int status, String reason) {
        return send(status, reason, null, null);
    }

    public CompletableFuture<SipResponse> send(int status, Map<String, String> headers) {
        return send(status, null, headers, null);
    }

    /**
     * Sends a response. A 1xx carrying {@code Require: 100rel} in {@code headers} is sent
     * reliably, as with {@link #sendReliably}.
     *
     * @param reason the reason phrase, null for the standard one
     * @param headers header name → value (null removes); {@code Content-Type} types the body
     * @param body the body, e.g. SDP (typed {@code application/sdp} when it starts {@code v=0}); null for none
     * @return completes with the response sent; fails with {@link IllegalStateException} on a second final response
     */
    public CompletableFuture<SipResponse> send(int status, String reason, Map<String, String> headers, String body) {
        boolean reliable = status > 100 && status < 200 && headers != null
                && headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Require")
                        && e.getValue() != null && e.getValue().contains("100rel"));
        return send(status, reason, headers, body, reliable, reliable ? new CompletableFuture<>() : null,
                new UserFuture<>(req.executor()));
    }

    /** For srf itself: as {@link #send(int, String, Map, String)}, completed on srf's thread (chain only non-blocking work). */
    CompletableFuture<SipResponse> sendInternal(int status, String reason, Map<String, String> headers, String body) {
        return send(status, reason, headers, body, false, null, new CompletableFuture<>());
    }

    /**
     * Sends a provisional response reliably (RFC 3262 §3): retransmitted until the PRACK
     * arrives. Completes with the PRACK (whose body may hold an SDP answer); fails with a
     * {@link SipError} 504 when none arrives within 64·T1, or when the caller does not support 100rel (420).
     */
    public CompletableFuture<Request> sendReliably(int status, String reason, Map<String, String> headers, String body) {
        if (status <= 100 || status >= 200) throw new IllegalArgumentException("only 101-199 can be sent reliably");
        CompletableFuture<Request> prack = new UserFuture<>(req.executor());
        CompletableFuture<SipResponse> sent = new CompletableFuture<>();
        sent.whenComplete((r, e) -> { // on srf's thread: prack is the user's future
            if (e != null) prack.completeExceptionally(e);
        });
        send(status, reason, headers, body, true, prack, sent);
        return prack;
    }

    private CompletableFuture<SipResponse> send(int status, String reason, Map<String, String> headers, String body,
            boolean reliable, CompletableFuture<Request> acknowledged, CompletableFuture<SipResponse> done) {
        if (status >= 200 && !finalSent.compareAndSet(false, true)) {
            done.completeExceptionally(new IllegalStateException("a final response was already sent"));
            return done;
        }
        this.status = status;
        req.lane.execute(() -> {
            try {
                SipResponse r = build(status, reason, headers, body);
                CompletableFuture<Request> ackOrPrack = status >= 200 ? ack : acknowledged;
                sender.send(r, reliable, ackOrPrack).whenComplete((sent, e) -> {
                    if (e != null) done.completeExceptionally(e);
                    else done.complete(sent);
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** On the lane: the response per §8.2.6 with the application's headers and body. */
    private SipResponse build(int status, String reason, Map<String, String> headers, String body) {
        SipResponse r = req.tx.createResponse(status, reason);
        String m = req.method();
        boolean dialogForming = SipMethod.INVITE.equals(m) || SipMethod.SUBSCRIBE.equals(m)
                || SipMethod.UPDATE.equals(m) || SipMethod.NOTIFY.equals(m) || SipMethod.REFER.equals(m);
        if (dialogForming && status > 100 && status < 300) {
            r.set(Header.CONTACT, req.srf.contactFor(req.flow()));
        }
        Bodies.apply(r, headers, body);
        return r;
    }

    /** Completes with the ACK once a 2xx to an INVITE is acknowledged (RFC 3261 §13.3.1.4). */
    public CompletableFuture<Request> ackReceived() {
        return UserFuture.of(ack, req.executor());
    }

    /** Runs {@code listener} when the ACK for the 2xx arrives (drachtio's fnAck). */
    public Response onAck(Consumer<Request> listener) {
        ack.thenAcceptAsync(listener, req.executor());
        return this;
    }

    /** True once a final response was sent (or is being sent). */
    public boolean finalResponseSent() {
        return finalSent.get();
    }

    /** The status of the last response sent (0 before any). */
    public int status() {
        return status;
    }

    ResponseSender sender() {
        return sender;
    }

    void sender(ResponseSender s) {
        this.sender = s;
    }

    /** The ACK/PRACK future for the internal machinery. */
    CompletableFuture<Request> ackFuture() {
        return ack;
    }
}
