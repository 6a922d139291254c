package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a request on its shard (after validation and the Via stamp):
 * <ul>
 * <li>ACK: to the INVITE server transaction it matches (ACK for a non-2xx), else to the TU as a
 *     2xx ACK, stopping that 2xx's retransmissions;
 * <li>CANCEL (§9.2): no matching transaction → 481; otherwise 200 to the CANCEL and, when the
 *     INVITE is still unanswered, 487 (UAS mode) and the TU told;
 * <li>a retransmission: to its transaction (§17.2.3), live or kept in the slab of answered
 *     remnants ({@link RemnantSlab});
 * <li>a merged request (§8.2.2.2) → 482; over the limit → 503 with Retry-After;
 * <li>otherwise a new server transaction, handed to the TU.
 * </ul>
 * Error answers are stateless: a retransmitted request simply gets the same answer again.
 */
final class InboundRequests {
    private static final Logger log = LoggerFactory.getLogger(InboundRequests.class);
    private final ShardContext ctx;

    InboundRequests(ShardContext ctx) {
        this.ctx = ctx;
    }

    void receive(SipRequest r, Flow flow) {
        Object key = ServerTransactionTable.matchKey(r);
        String method = r.method();
        if (SipMethod.ACK.equals(method)) {
            // The slab holds no transaction an ACK can end: Accepted leaves ACKs to the TU.
            IndexedServerTransaction tx = ctx.servers.find(r, key);
            if (tx != null && tx.receiveAck(r)) return;
            ctx.ackForSuccess(r, flow);
            return;
        }
        if (SipMethod.CANCEL.equals(method)) {
            cancel(r, flow, key);
            return;
        }
        IndexedServerTransaction tx = ctx.servers.find(r, key);
        if (tx != null) {
            tx.receiveRetransmission(r, flow);
            return;
        }
        if (ctx.retransmissionOfRemnant(r, key)) return;
        TransactionLayerConfig config = ctx.config;
        if (config.detectMergedRequests() && (ctx.servers.findMerged(r) != null || ctx.mergesWithRemnant(r))) {
            stateless(r, flow, 482, null, null);
            return;
        }
        // Over the limit a new request is refused, except a BYE inside a dialog: it ends work
        // (refusing it would keep a call and its state up) and is bounded by the calls admitted.
        if (!ctx.admit() && !(SipMethod.BYE.equals(method) && r.to().tag() != null)) {
            SipResponse busy = r.createResponse(503, null, Tokens.tag());
            busy.setHeader(Header.RETRY_AFTER.name(), Integer.toString(config.limits().retryAfterSeconds()));
            ctx.layer.sendResponseStateless(busy, flow);
            return;
        }
        RequestHandler handler = config.handler();
        if (handler == null) {
            stateless(r, flow, 500, "No request handler", Tokens.tag());
            return;
        }
        newTransaction(r, flow, key, handler);
    }

    private void newTransaction(SipRequest r, Flow flow, Object key, RequestHandler handler) {
        ResponseRoute route = ctx.lastRoute = ResponseRoute.of(r.topVia(), flow, ctx.lastRoute);
        ServerTransactionBase tx = SipMethod.INVITE.equals(r.method())
                ? new InviteServerTransaction(ctx, r, flow, route, RequestSnapshot.of(r))
                : new NonInviteServerTransaction(ctx, r, flow, route);
        ServerTransactionTable.setKeys(tx, r, key, ctx.config.detectMergedRequests());
        tx.tu = ctx.layer.tuExecutor(ctx);
        ctx.addServer(tx);
        tx.start();
        tx.tu.execute(() -> {
            try {
                handler.onRequest(tx);
            } catch (RuntimeException e) {
                // §8.2: a UAS that cannot process a request answers it; 500 if the TU has not.
                log.warn("request handler failed on {}", r.method(), e);
                tx.respond(tx.createResponse(500, "Server Internal Error"));
            }
        });
    }

    private void cancel(SipRequest cancel, Flow flow, Object key) {
        IndexedServerTransaction target = ctx.servers.findCancelTarget(cancel, key);
        if (target == null) {
            int remnant = ctx.cancelTargetRemnant(key);
            // §9.2: an answered transaction gets 200 with its To tag, nothing else; none: 481.
            if (remnant >= 0) stateless(cancel, flow, 200, null, ctx.remnants.toTag(remnant));
            else stateless(cancel, flow, 481, null, Tokens.tag());
            return;
        }
        // §9.2: the 200 to the CANCEL carries the same To tag as the INVITE's responses.
        stateless(cancel, flow, 200, null, target.toTagForCancel());
        // Only a transaction still Proceeding is the whole one; an answered one is a remnant.
        if (target instanceof InviteServerTransaction invite && invite.cancelled(ctx.config.answerCancelledInvites())) {
            RequestHandler h = ctx.config.handler();
            if (h != null) invite.tu.execute(() -> h.onCancel(invite, cancel));
        }
    }

    private void stateless(SipRequest r, Flow flow, int status, String reason, String toTag) {
        ctx.layer.sendResponseStateless(r.createResponse(status, reason, toTag), flow);
    }
}
