package io.sipflow.stack.transaction;

import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;

/**
 * A client transaction (§17.1): sends one request to one destination, retransmits it over
 * unreliable transports, and matches responses by branch and CSeq method (§17.1.3).
 */
abstract class ClientTransactionBase extends Transaction {
    final OutgoingRequest request;
    final Destination destination;
    final Flow reuse;
    final ClientTransactionUser user;
    final boolean reliable;

    ClientTransactionBase(TransactionContext ctx, TransactionState initial, OutgoingRequest request,
            Destination destination, Flow reuse, ClientTransactionUser user) {
        super(ctx, initial);
        this.request = request;
        this.destination = destination;
        this.reuse = reuse;
        this.user = user;
        boolean viaFlow = reuse != null && reuse.isOpen() && reuse.transport().isConnectionOriented();
        this.reliable = (viaFlow ? reuse.transport() : destination.transport()).isReliable();
    }

    /** Sends the request and starts the timers. */
    abstract void start();

    /** A response matched to this transaction (§17.1.3). */
    abstract void receiveResponse(SipResponse response, Flow flow);

    final void transmit() {
        watch(ctx.send(request.bytes(), destination, reuse));
    }

    String branch() {
        return request.branch();
    }

    String method() {
        return request.method();
    }
}
