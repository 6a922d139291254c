package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.CSeq;
import io.sipflow.stack.transaction.ClientTransaction;
import io.sipflow.stack.transaction.ResponseListener;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A request the application sends, across its attempts: the first one, then one per digest
 * challenge answered (RFC 3261 §22.2: same Call-ID and tags, CSeq incremented, credentials
 * added). Every stack callback is moved to the lane, so the owner (a dialog or a call) sees
 * them in order on its own thread. {@link #result()} completes on the lane with the last final
 * response.
 */
final class Outgoing {
    /** Callbacks on the lane. */
    interface Events {
        default void sent(ClientTransaction tx, SipRequest request) {}

        default void provisional(SipResponse response) {}

        /** A 2xx after the first (retransmission or another fork, RFC 6026). */
        default void additionalSuccess(SipResponse response) {}
    }

    private static final int MAX_AUTH_ATTEMPTS = 2;

    private final Srf srf;
    private final Lane lane;
    private final CredentialsProvider auth;
    private final LongSupplier nextCSeq;
    private final Events events;
    /** A connection to reuse (RFC 5923 spirit: a dialog's peer may only be reachable over it), or null. */
    private final java.util.function.Supplier<io.sipflow.stack.transport.Flow> flow;
    private final CompletableFuture<SipResponse> result = new CompletableFuture<>();
    private ClientTransaction current;
    private SipRequest currentRequest;
    private int authAttempts;
    private boolean cancelRequested;
    private Map<String, String> cancelHeaders;

    private Outgoing(Srf srf, Lane lane, CredentialsProvider auth, LongSupplier nextCSeq, Events events,
            java.util.function.Supplier<io.sipflow.stack.transport.Flow> flow) {
        this.srf = srf;
        this.flow = flow;
        this.lane = lane;
        this.auth = auth;
        this.nextCSeq = nextCSeq;
        this.events = events == null ? new Events() {} : events;
    }

    /**
     * Sends {@code request}; call on the lane.
     *
     * @param nextCSeq gives the CSeq of a re-sent request (a dialog's next local CSeq); null to add one
     */
    static Outgoing send(Srf srf, Lane lane, SipRequest request, CredentialsProvider auth, LongSupplier nextCSeq,
            Events events) {
        return send(srf, lane, request, auth, nextCSeq, events, null);
    }

    /**
     * As {@link #send(Srf, Lane, SipRequest, CredentialsProvider, LongSupplier, Events)}, on the
     * connection {@code flow} gives (asked again for each attempt) when it is open; else the
     * next hop is located as usual.
     */
    static Outgoing send(Srf srf, Lane lane, SipRequest request, CredentialsProvider auth, LongSupplier nextCSeq,
            Events events, java.util.function.Supplier<io.sipflow.stack.transport.Flow> flow) {
        Outgoing o = new Outgoing(srf, lane, auth, nextCSeq, events, flow);
        o.attempt(request);
        return o;
    }

    CompletableFuture<SipResponse> result() {
        return result;
    }

    /** The request of the current attempt (owned by the stack: read only). */
    SipRequest request() {
        return currentRequest;
    }

    /** CANCELs the INVITE (RFC 3261 §9.1); on the lane. */
    void cancel() {
        cancel(null);
    }

    /** CANCELs the INVITE with extra headers on the CANCEL, e.g. Reason (RFC 3326); on the lane. */
    void cancel(Map<String, String> headers) {
        cancelRequested = true;
        cancelHeaders = headers;
        if (current != null && !result.isDone()) current.cancel(headers);
    }

    private void attempt(SipRequest request) {
        // Kept for a retry with credentials only when there are credentials to retry with.
        byte[] snapshot = auth == null ? null : request.toBytes();
        currentRequest = request;
        ResponseListener listener = new ResponseListener() {
            @Override
            public void onProvisional(ClientTransaction tx, SipResponse response) {
                lane.execute(() -> events.provisional(response));
            }

            @Override
            public void onFinal(ClientTransaction tx, SipResponse response) {
                lane.execute(() -> onFinalResponse(snapshot, response));
            }

            @Override
            public void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {
                lane.execute(() -> events.additionalSuccess(response));
            }
        };
        try {
            io.sipflow.stack.transport.Flow f = flow == null ? null : flow.get();
            current = f != null ? srf.stack().sendRequest(request, f, listener) : srf.stack().sendRequest(request, listener);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        events.sent(current, request);
        if (cancelRequested) current.cancel(cancelHeaders);
    }

    private void onFinalResponse(byte[] snapshot, SipResponse response) {
        int s = response.status();
        if ((s == 401 || s == 407) && auth != null && !cancelRequested && authAttempts < MAX_AUTH_ATTEMPTS) {
            SipRequest retry = (SipRequest) SipParser.defaults().parse(snapshot);
            CSeq old = retry.cseq();
            long seq = nextCSeq != null ? nextCSeq.getAsLong() : old.seq() + 1;
            retry.set(Header.CSEQ, new CSeq(seq, old.method()));
            // The credentials provider is application code and may block: not on the lane (which
            // may be a stack shard); back to the lane with the answer.
            srf.userExecutor().execute(() -> {
                boolean authorized;
                try {
                    authorized = DigestAuth.authorize(retry, response, auth);
                } catch (RuntimeException e) {
                    authorized = false; // a challenge we cannot answer (e.g. an unknown algorithm): the 401/407 is final
                }
                boolean ok = authorized;
                lane.execute(() -> {
                    if (ok && !cancelRequested) {
                        authAttempts++;
                        attempt(retry);
                    } else {
                        result.complete(response);
                    }
                });
            });
            return;
        }
        result.complete(response);
    }
}
