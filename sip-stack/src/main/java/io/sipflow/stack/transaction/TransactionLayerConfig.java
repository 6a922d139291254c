package io.sipflow.stack.transaction;

import io.sipflow.stack.dns.ServerLocator;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How the transaction layer behaves.
 *
 * @param timers T1/T2/T4 and friends
 * @param limits transaction bounds
 * @param handler the TU for incoming requests (null: every request is answered 500)
 * @param handlerExecutor where TU callbacks run; null means the TU never blocks and is
 *     called on the shard thread
 * @param locator next-hop resolution (RFC 3263), e.g. a {@link io.sipflow.stack.dns.DnsServerLocator}
 * @param userAgent added as User-Agent to requests that have none (null: none)
 * @param answerCancelledInvites a UAS answers a cancelled INVITE with 487 itself (§9.2);
 *     a proxy leaves that to the downstream UAS (§16.10)
 * @param detectMergedRequests a UAS answers merged requests with 482 (§8.2.2.2); a proxy
 *     must not (spirals are legitimate, §16.3)
 */
public record TransactionLayerConfig(TimerConfig timers, StackLimits limits, RequestHandler handler,
        Executor handlerExecutor, ServerLocator locator, String userAgent, boolean answerCancelledInvites,
        boolean detectMergedRequests) {
    public TransactionLayerConfig {
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(locator, "locator");
    }

    /** A UA's defaults with the given handler, called on the shard (non-blocking), numeric hosts only. */
    public static TransactionLayerConfig of(RequestHandler handler) {
        return new TransactionLayerConfig(TimerConfig.DEFAULT, StackLimits.DEFAULT, handler, null,
                NumericLocator.INSTANCE, null, true, true);
    }
}
