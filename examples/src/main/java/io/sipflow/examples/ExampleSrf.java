package io.sipflow.examples;

import io.sipflow.srf.SessionTimerConfig;
import io.sipflow.srf.Srf;
import io.sipflow.stack.transaction.TimerConfig;
import java.util.List;

/** How the examples build their {@link Srf}: listeners, RFC 3261 T1, RFC 4028 Min-SE. */
public final class ExampleSrf {
    private ExampleSrf() {}

    /**
     * @param listen e.g. {@code udp:127.0.0.1:5080}
     * @param t1Millis RFC 3261 T1 (500 in production; tests shorten it so that 64·T1 timeouts are quick)
     * @param minSeSeconds RFC 4028 Min-SE (90 in production; tests shorten it to see a session expire)
     */
    public static Srf build(List<String> listen, String userAgent, long t1Millis, long minSeSeconds) {
        return build(listen, userAgent, t1Millis, minSeSeconds, 0);
    }

    /** @param maxTransactions the stack's live-transaction bound, 0 for its default */
    public static Srf build(List<String> listen, String userAgent, long t1Millis, long minSeSeconds, int maxTransactions) {
        Srf.Builder b = Srf.builder().userAgent(userAgent).timers(TimerConfig.DEFAULT.withT1(t1Millis))
                .sessionTimers(SessionTimerConfig.DEFAULT.withMinSE(minSeSeconds));
        if (maxTransactions > 0) b.maxTransactions(maxTransactions);
        for (String l : listen) b.listen(l);
        return b.build();
    }
}
