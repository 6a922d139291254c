package io.sipflow.stack.transaction;

/**
 * The timer values of RFC 3261 §17 (Table 4 of Appendix A) and RFC 6026, in milliseconds.
 * Every timer derives from T1, T2 and T4, so an operator tunes three numbers (§17.1.1.1:
 * T1 MAY be chosen larger in networks with long round-trip times).
 *
 * @param t1 RTT estimate, default 500 ms
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s
 * @param t4 maximum time a message stays in the network, default 5 s
 * @param timerC proxy INVITE transaction timeout (§16.6 step 11, must be above 3 minutes);
 *     0 disables it (a UA does not run Timer C)
 * @param trying100 how long an INVITE server transaction waits for the TU before sending
 *     {@code 100 Trying} itself (§17.2.1: "200 ms"); 0 sends it at once
 */
public record TimerConfig(long t1, long t2, long t4, long timerC, long trying100) {
    public static final TimerConfig DEFAULT = new TimerConfig(500, 4_000, 5_000, 0, 200);

    /** Timer D's floor for unreliable transports (§17.1.1.2: "at least 32 seconds"). */
    private static final long D_MIN = 32_000;

    public TimerConfig {
        if (t1 <= 0 || t2 < t1 || t4 <= 0) throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 > 0");
        if (timerC < 0 || trying100 < 0) throw new IllegalArgumentException("negative timer");
    }

    public TimerConfig withT1(long ms) {
        return new TimerConfig(ms, Math.max(t2, ms), t4, timerC, trying100);
    }

    public TimerConfig withTimerC(long ms) {
        return new TimerConfig(t1, t2, t4, ms, trying100);
    }

    public TimerConfig withTrying100(long ms) {
        return new TimerConfig(t1, t2, t4, timerC, ms);
    }

    /** 64·T1: Timers B, F, H, J (unreliable), L and M. */
    public long timeout() {
        return 64 * t1;
    }

    /** Timer D: wait for response retransmissions after a non-2xx INVITE final (§17.1.1.2). */
    public long timerD(boolean reliable) {
        return reliable ? 0 : Math.max(D_MIN, timeout());
    }

    /** Timer I: absorb ACK retransmissions in Confirmed (§17.2.1). */
    public long timerI(boolean reliable) {
        return reliable ? 0 : t4;
    }

    /** Timer J: absorb request retransmissions after a non-INVITE final (§17.2.2). */
    public long timerJ(boolean reliable) {
        return reliable ? 0 : timeout();
    }

    /** Timer K: absorb response retransmissions after a non-INVITE final (§17.1.2.2). */
    public long timerK(boolean reliable) {
        return reliable ? 0 : t4;
    }
}
