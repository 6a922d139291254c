package io.sipflow.stack.transaction;

import io.sipflow.stack.transaction.ServerTransactionTable.BranchKey;
import io.sipflow.stack.transaction.ServerTransactionTable.MergeKey;
import io.sipflow.stack.transport.Transport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Not a test: a measurement run by hand. The worst single {@link RemnantSlab#add} while a slab
 * fills up to the ~256,000 entries a shard holds at 8,000 calls/s (64·T1 = 32 s) and then
 * churns (the oldest expire as new ones come), 2 million adds in all: a growth step that costs
 * time proportional to the slab's size shows up as a max of milliseconds. Adds during which a
 * garbage collection ran are counted apart (the pause is the collector's, not the add's). Wall
 * time suffers from whatever else the machine runs, so the thread's CPU time (user + system:
 * page faults count) is measured too; run it with the server's collector
 * ({@code -XX:+UseParallelGC -Xms256m}) and read the figures as an order of magnitude;
 * {@code -Dverbose=true} lists every add over 0.3 ms of CPU time. Arguments: adds (2,000,000),
 * live entries kept (256,000).
 *
 * <pre>java -cp sip-stack/target/classes:sip-stack/target/test-classes:... io.sipflow.stack.transaction.RemnantSlabAddCost</pre>
 */
public final class RemnantSlabAddCost {
    public static void main(String[] args) {
        int adds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 256_000;
        ResponseRoute route = ResponseRoute.of(Msg.nonInvite("BYE", "z9hG4bKr").topVia(),
                TestFlow.of(Transport.UDP, "198.51.100.7", 5060));
        byte[] response = ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-0;received=198.51.100.7\r\n"
                + "From: <sip:alice@example.com>;tag=from0\r\nTo: <sip:bob@example.com>;tag=to0\r\n"
                + "Call-ID: call-0@example.com\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 3; run++) {
            RemnantSlab slab = new RemnantSlab();
            long max = 0, total = 0, maxWithGc = 0, maxCpu = 0;
            int maxCpuAt = -1;
            int maxAt = -1, over1ms = 0, withGc = 0;
            for (int i = 0; i < adds; i++) {
                BranchKey key = new BranchKey("z9hG4bK-" + i, "198.51.100.7", 5060);
                boolean invite = (i & 1) == 0;
                MergeKey merge = invite ? new MergeKey("from" + i, "call-" + i + "@example.com", 1, "INVITE") : null;
                long collections = collections(gcs);
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                int h = invite
                        ? slab.add(i, true, key, "INVITE", "to" + i, merge, null, null)
                        : slab.add(i, false, key, "BYE", "to" + i, null, response, route);
                long dt = System.nanoTime() - t0;
                long cpu = threads.getCurrentThreadCpuTime() - c0;
                if (cpu > 300_000 && Boolean.getBoolean("verbose")) System.out.printf("  add %,d: %,d ns CPU, %,d ns%n", i, cpu, dt);
                if (cpu > maxCpu) {
                    maxCpu = cpu;
                    maxCpuAt = i;
                }
                if (h < 0) throw new IllegalStateException("refused at " + i);
                total += dt;
                if (collections(gcs) != collections) {
                    withGc++;
                    maxWithGc = Math.max(maxWithGc, dt);
                } else {
                    if (dt > 1_000_000) over1ms++;
                    if (dt > max) {
                        max = dt;
                        maxAt = i;
                    }
                }
                slab.expire(i - window); // keeps `window` entries
            }
            System.out.printf("run %d: %,d adds, %,d live: max single add %,d ns (at add %,d), adds over 1 ms: %d, "
                    + "mean %d ns; %d adds met a collection, the longest %,d ns; max CPU time of one add %,d ns (at add %,d)%n",
                    run, adds, slab.size(), max, maxAt, over1ms, total / adds, withGc, maxWithGc, maxCpu, maxCpuAt);
        }
    }

    private static long collections(List<GarbageCollectorMXBean> gcs) {
        long n = 0;
        for (GarbageCollectorMXBean gc : gcs) n += gc.getCollectionCount();
        return n;
    }
}
