package io.sipflow.stack.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

/**
 * Orders SRV records for contacting their targets (RFC 2782 "Usage rules", as required by
 * RFC 3263 §4.2): lowest priority first, and within one priority a weighted random order.
 */
final class SrvOrdering {
    private SrvOrdering() {}

    private static final Comparator<SRVRecord> CANONICAL = Comparator
            .comparingInt(SRVRecord::getPriority)
            // RFC 2782: "all those with weight 0 are placed at the beginning of the list".
            .thenComparing(r -> r.getWeight() != 0)
            // Any order is allowed otherwise; a fixed one makes the outcome depend only on the
            // random numbers, not on how the server happened to order the RRset.
            .thenComparing(SRVRecord::getTarget)
            .thenComparingInt(SRVRecord::getPort);

    /**
     * The records in the order their targets are to be tried. Records whose target is "." (the
     * service is decidedly not available, RFC 2782) are dropped.
     */
    static List<SRVRecord> order(List<SRVRecord> records, RandomGenerator random) {
        List<SRVRecord> sorted = new ArrayList<>(records.size());
        for (SRVRecord r : records) {
            if (!r.getTarget().equals(Name.root)) sorted.add(r);
        }
        sorted.sort(CANONICAL);
        List<SRVRecord> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).getPriority() == sorted.get(i).getPriority()) j++;
            pickWeighted(new ArrayList<>(sorted.subList(i, j)), random, out);
            i = j;
        }
        return out;
    }

    /**
     * RFC 2782: take the sum of the weights of the records not yet ordered, pick a uniform random
     * number in [0, sum] and select the first record whose running sum is at least that number;
     * repeat with the rest.
     */
    private static void pickWeighted(List<SRVRecord> group, RandomGenerator random, List<SRVRecord> out) {
        while (group.size() > 1) {
            int sum = 0;
            for (SRVRecord r : group) sum += r.getWeight();
            int pick = random.nextInt(sum + 1);
            int running = 0;
            int chosen = group.size() - 1;
            for (int k = 0; k < group.size(); k++) {
                running += group.get(k).getWeight();
                if (running >= pick) {
                    chosen = k;
                    break;
                }
            }
            out.add(group.remove(chosen));
        }
        out.addAll(group); // the last one needs no draw
    }
}
