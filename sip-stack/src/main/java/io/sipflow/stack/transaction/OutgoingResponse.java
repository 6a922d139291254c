package io.sipflow.stack.transaction;

import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;

/**
 * A response handed to the stack by the TU, encoded on the TU's thread (so the shard thread
 * only moves bytes) together with what the state machines look at: the status class and the
 * To tag (the 2xx retransmitter matches the ACK by it, §13.3.1.4).
 */
record OutgoingResponse(SipResponse response, int status, byte[] bytes, String toTag) {
    static OutgoingResponse of(SipResponse r) {
        Address to = r.to();
        return new OutgoingResponse(r, r.status(), r.toBytes(), to == null ? null : to.tag());
    }

    boolean isProvisional() {
        return status < 200;
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
