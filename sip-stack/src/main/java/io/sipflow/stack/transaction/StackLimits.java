package io.sipflow.stack.transaction;

/**
 * Bounds that keep the transaction layer's memory finite under any load. When the number of
 * live transactions reaches {@code maxTransactions}, a new request is answered statelessly
 * with {@code 503 Service Unavailable} and {@code Retry-After} (RFC 3261 §21.5.4) and a new
 * client request fails locally with a 503; retransmissions, ACKs and CANCELs of existing
 * transactions are still processed, and so is a BYE inside a dialog (it ends a call). Connection
 * bounds belong to the transport.
 *
 * @param maxTransactions live client plus server transactions (split evenly over the shards)
 * @param retryAfterSeconds the Retry-After value of the overload 503
 */
public record StackLimits(int maxTransactions, int retryAfterSeconds) {
    public static final StackLimits DEFAULT = new StackLimits(65_536, 5);

    public StackLimits {
        if (maxTransactions < 1) throw new IllegalArgumentException("maxTransactions must be positive");
        if (retryAfterSeconds < 0) throw new IllegalArgumentException("retryAfterSeconds must not be negative");
    }
}
