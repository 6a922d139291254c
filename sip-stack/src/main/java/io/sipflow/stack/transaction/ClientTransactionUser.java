package io.sipflow.stack.transaction;

import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;

/**
 * What a client transaction reports to the layer above it (RFC 3261 §17.1: "passed to the
 * TU"). Called on the shard thread, always as the last step of a transition.
 */
interface ClientTransactionUser {
    void provisional(SipResponse response, Flow flow);

    /** The first final response (2xx, or 3xx–6xx after the ACK went out). */
    void finalResponse(SipResponse response, Flow flow);

    /** A further 2xx in the Accepted state (RFC 6026 §8.4). */
    default void additionalSuccess(SipResponse response, Flow flow) {}

    /** Timer B or F fired: the TU treats it as 408 (§17.1.1.2, §17.1.2.2). */
    void timedOut();

    /** A transport error: the TU treats it as 503 (§8.1.3.1). */
    void transportFailed(Throwable cause);

    /** Timer C fired in Proceeding: a proxy must CANCEL (§16.8). */
    default void timerCFired() {}
}
