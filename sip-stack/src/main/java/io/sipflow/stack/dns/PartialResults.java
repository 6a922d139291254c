package io.sipflow.stack.dns;

import io.sipflow.stack.transport.Destination;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Joins target lists looked up in parallel (one per NAPTR record, SRV target or address family)
 * into one list in the order of the parts, not of their arrival, so that the failover order of
 * RFC 3263 §4.3 does not depend on network timing.
 *
 * <p>A part that fails with a negative answer (NXDOMAIN, NODATA) counts as empty: one dead SRV
 * target does not spoil the others (RFC 2782: try the next one). Any other failure only matters
 * when no part found anything; then the joined future fails with the first such failure (a
 * timeout says more than "no records"), or else with the first negative answer.
 */
final class PartialResults {
    private PartialResults() {}

    static CompletableFuture<List<Destination>> concat(List<CompletableFuture<List<Destination>>> parts) {
        CompletableFuture<?>[] settled = new CompletableFuture<?>[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            settled[i] = parts.get(i).handle((list, error) -> null);
        }
        return CompletableFuture.allOf(settled).thenApply(ignored -> {
            LinkedHashSet<Destination> joined = new LinkedHashSet<>();
            Throwable hard = null;
            Throwable negative = null;
            for (CompletableFuture<List<Destination>> part : parts) {
                if (!part.isCompletedExceptionally()) {
                    joined.addAll(part.join());
                    continue;
                }
                Throwable error = cause(part);
                if (error instanceof LocatorException le && le.isNegativeAnswer()) {
                    if (negative == null) negative = error;
                } else if (hard == null) {
                    hard = error;
                }
            }
            if (joined.isEmpty()) {
                Throwable error = hard != null ? hard : negative;
                if (error != null) throw new CompletionException(error);
            }
            return List.copyOf(joined);
        });
    }

    /** The exception a failed future failed with, unwrapped. */
    static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }
}
