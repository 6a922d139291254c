package io.sipflow.stack.transaction;

import static io.sipflow.stack.transaction.TransactionState.CALLING;
import static io.sipflow.stack.transaction.TransactionState.PROCEEDING;
import static io.sipflow.stack.transaction.TransactionState.TERMINATED;
import static io.sipflow.stack.transaction.TransactionState.TRYING;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.SipStatus;
import io.sipflow.message.header.Via;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A request the application sent, across the client transactions that carry it: one per
 * destination tried (RFC 3263 §4.3: on a timeout, a transport error, or a 503 before any
 * provisional, the next destination gets a new transaction with a new branch). Also the
 * CANCEL of an INVITE (§9.1). Shard-owned except for the volatile accessors.
 */
final class OutboundRequest implements ClientTransaction, ClientTransactionUser {
    private final TransactionLayer layer;
    private final ShardContext ctx;
    private final SipRequest request;
    private final String method;
    private final boolean invite;
    private final ResponseListener listener;
    private final Executor tu;
    private final CompletableFuture<SipResponse> result = new CompletableFuture<>();
    private final CompletableFuture<SipResponse> cancelResult = new CompletableFuture<>();

    private List<Destination> destinations = List.of();
    private int nextDestination;
    private Flow fixedFlow;
    /** The encoded request of the latest attempt: later attempts work on a private copy. */
    private byte[] lastBytes;
    private boolean provisionalSeen;
    private boolean finished;
    private boolean cancelRequested;
    private boolean cancelSent;
    private Throwable lastFailure;
    private TimerWheel.Timeout cancelGuard;

    private volatile ClientTransactionBase current;
    private volatile Flow lastFlow;
    private volatile Throwable localFailure;

    OutboundRequest(TransactionLayer layer, ShardContext ctx, SipRequest request, ResponseListener listener) {
        this.layer = layer;
        this.ctx = ctx;
        this.request = request;
        this.method = request.method();
        this.invite = SipMethod.INVITE.equals(method);
        this.listener = listener == null ? ResponseListener.NONE : listener;
        this.tu = layer.tuExecutor(ctx);
    }

    /** On the shard, once the destinations are known (or failed to resolve). */
    void begin(List<Destination> resolved, Flow fixed, Throwable error) {
        if (error instanceof CompletionException ce && ce.getCause() != null) error = ce.getCause();
        if (error != null || resolved == null || resolved.isEmpty()) {
            Throwable cause = error != null ? error : new UnknownHostException("no destination for the request");
            finish(local(503, "Service Unavailable (no destination)"), cause);
            return;
        }
        destinations = resolved;
        fixedFlow = fixed;
        nextAttempt();
    }

    private void nextAttempt() {
        while (nextDestination < destinations.size()) {
            Destination d = destinations.get(nextDestination++);
            ListenPoint lp = fixedFlow != null ? fixedFlow.listenPoint() : layer.listenPointFor(d);
            if (lp == null) {
                lastFailure = new IOException("no listen point for " + d.transport());
                continue;
            }
            if (!ctx.admit()) {
                finish(local(503, "Service Unavailable (too many transactions)"),
                        new RejectedExecutionException("transaction limit reached"));
                return;
            }
            OutgoingRequest out;
            try {
                out = prepare(d, lp);
            } catch (RuntimeException e) {
                finish(local(503, "Service Unavailable (unsendable request)"), e);
                return;
            }
            ClientTransactionBase tx = invite
                    ? new InviteClientTransaction(ctx, out, d, fixedFlow, this)
                    : new NonInviteClientTransaction(ctx, out, d, fixedFlow, this);
            provisionalSeen = false;
            current = tx;
            ctx.addClient(tx);
            tx.start();
            return;
        }
        Throwable cause = lastFailure != null ? lastFailure : new IOException("no usable destination");
        finish(local(503, "Service Unavailable"), cause);
    }

    /**
     * The request with this attempt's Via on top (§8.1.1.7: fresh branch; §18.1.1: sent-by of the
     * listen point; RFC 3581 rport). The first attempt changes the application's request; later
     * ones change a copy parsed from the previous attempt's bytes.
     */
    private OutgoingRequest prepare(Destination d, ListenPoint lp) {
        SipRequest working = lastBytes == null ? request : (SipRequest) SipParser.defaults().parse(lastBytes);
        if (lastBytes != null) working.removeFirst(Header.VIA);
        Via via = Via.of(d.transport().viaName(), lp.viaHost(), lp.viaPort(), Tokens.branch()).withParam("rport", null);
        working.addFirst(Header.VIA, via);
        OutgoingRequest out = OutgoingRequest.of(working);
        lastBytes = out.bytes();
        return out;
    }

    private boolean canFailOver() {
        return !cancelRequested && fixedFlow == null && nextDestination < destinations.size();
    }

    // ------------------------------------------------------------------ from the machine

    @Override
    public void provisional(SipResponse response, Flow flow) {
        provisionalSeen = true;
        lastFlow = flow;
        tu.execute(() -> listener.onProvisional(this, response));
        if (cancelRequested && !cancelSent) sendCancel();
    }

    @Override
    public void finalResponse(SipResponse response, Flow flow) {
        lastFlow = flow;
        if (response.status() == 503 && !provisionalSeen && canFailOver()) {
            nextAttempt();
            return;
        }
        finish(response, null);
    }

    @Override
    public void additionalSuccess(SipResponse response, Flow flow) {
        tu.execute(() -> listener.onAdditionalSuccess(this, response));
    }

    @Override
    public void timedOut() {
        if (canFailOver()) nextAttempt();
        else finish(local(408, null), new TimeoutException("no final response within 64*T1"));
    }

    @Override
    public void transportFailed(Throwable cause) {
        lastFailure = cause;
        if (canFailOver()) nextAttempt();
        else finish(local(503, "Service Unavailable (transport error)"), cause);
    }

    @Override
    public void timerCFired() {
        cancelRequested = true;
        if (!cancelSent) sendCancel();
    }

    private void finish(SipResponse response, Throwable failure) {
        if (finished) return;
        finished = true;
        Transaction.cancel(cancelGuard);
        localFailure = failure;
        if (cancelRequested && !cancelSent) completeCancel(null);
        tu.execute(() -> {
            try {
                listener.onFinal(this, response);
            } finally {
                result.complete(response);
            }
        });
    }

    /** A response built here, for timeouts and failures (§8.1.3.1). */
    private SipResponse local(int status, String reason) {
        ClientTransactionBase tx = current;
        if (tx != null) return tx.request.snapshot().response(status, reason, null);
        try {
            return request.createResponse(status, reason, null);
        } catch (RuntimeException e) {
            return new SipResponse(status, reason == null ? SipStatus.reasonPhrase(status) : reason);
        }
    }

    // ------------------------------------------------------------------ CANCEL (§9.1)

    @Override
    public CompletableFuture<SipResponse> cancel() {
        if (!invite) throw new IllegalStateException("only an INVITE can be cancelled (RFC 3261 §9.1)");
        ctx.shard().run(this::requestCancel);
        return cancelResult;
    }

    private void requestCancel() {
        if (cancelRequested) return;
        if (finished) {
            completeCancel(null);
            return;
        }
        cancelRequested = true;
        // §9.1: a CANCEL must not be sent before a provisional response arrived.
        if (current != null && provisionalSeen) sendCancel();
    }

    private void sendCancel() {
        cancelSent = true;
        ClientTransactionBase inviteTx = current;
        OutgoingRequest out = OutgoingRequest.of(inviteTx.request.snapshot().cancel());
        Flow f = lastFlow;
        Flow via = f != null && f.transport().isConnectionOriented() ? f : fixedFlow;
        NonInviteClientTransaction tx = new NonInviteClientTransaction(ctx, out, inviteTx.destination, via,
                new CancelOutcome(out.snapshot()));
        ctx.addClient(tx);
        tx.start();
        // §9.1: no final response 64·T1 after the CANCEL — consider the INVITE cancelled.
        cancelGuard = ctx.shard().timers().schedule(ctx.timerConfig().timeout(), () -> {
            if (finished) return;
            if (inviteTx instanceof InviteClientTransaction ict) ict.abandon();
            finish(local(487, "Request Terminated (no answer after CANCEL)"),
                    new CancellationException("no final response to the cancelled INVITE"));
        });
    }

    private void completeCancel(SipResponse r) {
        tu.execute(() -> cancelResult.complete(r));
    }

    /** Reports the CANCEL transaction's outcome on {@link #cancelResult}. */
    private final class CancelOutcome implements ClientTransactionUser {
        private final RequestSnapshot cancel;

        CancelOutcome(RequestSnapshot cancel) {
            this.cancel = cancel;
        }

        @Override
        public void provisional(SipResponse response, Flow flow) {}

        @Override
        public void finalResponse(SipResponse response, Flow flow) {
            completeCancel(response);
        }

        @Override
        public void timedOut() {
            completeCancel(cancel.response(408, null, null));
        }

        @Override
        public void transportFailed(Throwable cause) {
            completeCancel(cancel.response(503, "Service Unavailable (transport error)", null));
        }
    }

    // ------------------------------------------------------------------ accessors

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public TransactionState state() {
        ClientTransactionBase tx = current;
        if (tx == null) return localFailure != null ? TERMINATED : invite ? CALLING : TRYING;
        return tx.state();
    }

    @Override
    public String branch() {
        ClientTransactionBase tx = current;
        return tx == null ? null : tx.branch();
    }

    @Override
    public Flow flow() {
        return lastFlow;
    }

    @Override
    public CompletableFuture<SipResponse> finalResponse() {
        return result;
    }

    @Override
    public Throwable localFailure() {
        return localFailure;
    }

    @Override
    public String toString() {
        return "ClientTransaction[" + method + " " + state() + (state() == PROCEEDING ? " (provisional)" : "") + "]";
    }
}
