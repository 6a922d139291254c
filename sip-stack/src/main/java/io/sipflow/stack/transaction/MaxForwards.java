package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;

/**
 * Max-Forwards handling for a proxy (RFC 3261 §16.3 step 3, §16.6 step 3). The transaction
 * layer does not apply it: a UAS accepts a request with Max-Forwards 0, only forwarding is
 * forbidden.
 */
public final class MaxForwards {
    private MaxForwards() {}

    /** True when the request must not be forwarded (Max-Forwards is 0). */
    public static boolean exhausted(SipRequest r) {
        return r.maxForwards() == 0;
    }

    /**
     * {@code 483 Too Many Hops} for a request that cannot be forwarded (§16.3 step 3; an OPTIONS
     * may instead be answered by the proxy itself, §11).
     */
    public static SipResponse tooManyHops(SipRequest r) {
        return r.createResponse(483, null, Tokens.tag());
    }

    /** Before forwarding: decrement, or add 70 when absent (§16.6 step 3). */
    public static void decrement(SipRequest r) {
        int mf = r.maxForwards();
        r.set(Header.MAX_FORWARDS, mf < 0 ? 70 : Math.max(0, mf - 1));
    }
}
