/**
 * The transaction layer of RFC 3261 §17 (with RFC 6026's Accepted state) and the UAS/UAC core
 * pieces that sit right on it: 2xx retransmission (§13.3.1.4), CANCEL (§9), merged-request
 * detection (§8.2.2.2), stateless error answers, response routing (§18.2.2, RFC 3581).
 *
 * <h2>Threading</h2>
 * Every transaction belongs to one {@link io.sipflow.stack.transaction.Shard} — chosen by the
 * hash of its Call-ID, so a call's requests, responses, ACKs and CANCELs meet on the same
 * thread — and its state, tables and timers ({@link io.sipflow.stack.transaction.TimerWheel})
 * are touched only there: no locks on the per-message path. I/O threads validate, stamp the
 * Via and enqueue; TU threads encode their responses and enqueue. TU callbacks run on the
 * shard for a non-blocking TU, else on an executor (virtual threads), one at a time and in
 * order per transaction.
 *
 * <h2>Ownership</h2>
 * SIP messages are not thread-safe (their header caches fill lazily), so a message has one
 * owner at a time: a received request belongs to the TU once handed over (the stack keeps a
 * {@code RequestSnapshot} of what it still needs); a response or request given to the stack
 * belongs to the stack.
 *
 * <h2>Memory</h2>
 * A server transaction keeps its request only until its final response; then a small remnant
 * runs the rest of its machine. The remnants that only wait out 64·T1 (an INVITE in Accepted,
 * a non-INVITE in Completed over UDP — one per call each, 32 s) are not objects at all: the
 * shard keeps them in a {@code RemnantSlab} of primitive arrays, which the garbage collector
 * never has to copy or scan.
 *
 * <h2>Testing</h2>
 * {@link io.sipflow.stack.transaction.ManualShard} and {@link io.sipflow.stack.transaction.FakeClock}
 * make everything deterministic: tests step time and run queued work by hand.
 */
package io.sipflow.stack.transaction;
