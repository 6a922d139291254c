package io.sipflow.stack.transaction;

/**
 * The states of the four transaction state machines (RFC 3261 Figures 5–8, RFC 6026 Figures
 * 5 and 7). Each machine uses a subset: INVITE client Calling, Proceeding, Completed,
 * Accepted, Terminated; non-INVITE client Trying, Proceeding, Completed, Terminated; INVITE
 * server Proceeding, Completed, Confirmed, Accepted, Terminated; non-INVITE server Trying,
 * Proceeding, Completed, Terminated.
 */
public enum TransactionState {
    CALLING,
    TRYING,
    PROCEEDING,
    COMPLETED,
    CONFIRMED,
    /** RFC 6026 §7: after a 2xx to INVITE, waiting for forked 2xx (client) or absorbing retransmissions (server). */
    ACCEPTED,
    TERMINATED
}
