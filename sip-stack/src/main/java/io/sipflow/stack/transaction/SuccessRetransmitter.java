package io.sipflow.stack.transaction;

/**
 * The UAS core's retransmission of a 2xx to INVITE (RFC 3261 §13.3.1.4): the 2xx is resent
 * at T1, 2·T1, … capped at T2 until the ACK arrives; if none has arrived after 64·T1 the TU
 * hears about it (the session should be ended with BYE). The INVITE server transaction does
 * not do this itself, since a 2xx ACK is end to end and matches no transaction (RFC 6026).
 * Retransmission happens over unreliable transports only; the ACK timeout always runs.
 * Shard-owned.
 */
final class SuccessRetransmitter {
    /** Matches the 2xx ACK: same Call-ID, CSeq number and To tag (§13.3.1.4, §17.2.3). */
    record AckKey(String callId, long cseq, String toTag) {}

    private final TimerWheel wheel;
    private final TimerConfig timers;
    private final Runnable retransmit;
    private final Runnable ackTimeout;
    private TimerWheel.Timeout resend;
    private TimerWheel.Timeout giveUp;
    private long interval;
    private boolean done;

    /**
     * @param retransmit sends the 2xx again
     * @param ackTimeout runs once if no ACK comes within 64·T1
     */
    SuccessRetransmitter(TimerWheel wheel, TimerConfig timers, Runnable retransmit, Runnable ackTimeout) {
        this.wheel = wheel;
        this.timers = timers;
        this.retransmit = retransmit;
        this.ackTimeout = ackTimeout;
    }

    /** Call after the 2xx went out once. */
    void start(boolean reliable) {
        if (!reliable) {
            interval = timers.t1();
            resend = wheel.schedule(interval, this::resend);
        }
        giveUp = wheel.schedule(timers.timeout(), this::giveUp);
    }

    private void resend() {
        if (done) return;
        retransmit.run();
        interval = Math.min(2 * interval, timers.t2());
        resend = wheel.schedule(interval, this::resend);
    }

    private void giveUp() {
        if (done) return;
        stop();
        ackTimeout.run();
    }

    /** The ACK arrived (or the retransmitter is replaced): stop quietly. */
    void stop() {
        done = true;
        if (resend != null) resend.cancel();
        if (giveUp != null) giveUp.cancel();
    }

    boolean isDone() {
        return done;
    }
}
