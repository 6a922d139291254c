package io.sipflow.stack.transaction;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * What a transaction state machine needs from the layer around it: its shard (timers and the
 * thread to come back to), the timer values, the transport, and a place to report that it
 * ended. Implemented per shard by the transaction layer, and by a recorder in tests.
 */
interface TransactionContext {
    Shard shard();

    TimerConfig timerConfig();

    /** Sends a request (or ACK) to a destination; completes on any thread. */
    CompletableFuture<Flow> send(byte[] bytes, Destination destination, Flow reuse);

    /** Sends a response along its §18.2.2 route; completes on any thread. */
    CompletableFuture<Flow> sendResponse(byte[] bytes, ResponseRoute route);

    /** The machine reached Terminated: forget it (tables, counters). */
    void terminated(Transaction tx);

    /** An INVITE server transaction sent a 2xx: the UAS core retransmits it until the ACK (§13.3.1.4). */
    default void successSent(InviteServerTransaction tx, OutgoingResponse response) {}

    /**
     * A server transaction sent its final response: {@code next} runs the rest of its machine.
     * Returns true when the context keeps {@code next} compactly ({@link RemnantSlab}) and ends
     * it itself; otherwise {@code next} takes {@code tx}'s place and starts its own timers.
     */
    default boolean replaced(IndexedServerTransaction tx, AnsweredServerTransaction next) {
        return false;
    }

    /** A server transaction ended abnormally (Timer H, transport error): tell whoever cares. */
    default void serverFailure(IndexedServerTransaction tx, String why) {}
}
