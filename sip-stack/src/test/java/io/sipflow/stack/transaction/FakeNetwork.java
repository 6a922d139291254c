package io.sipflow.stack.transaction;

import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Wires {@link FakeTransportLayer}s together by listen address, so that two stacks talk without
 * sockets, and steps a shared {@link FakeClock} over every {@link ManualShard} involved. Can
 * lose messages on purpose.
 */
final class FakeNetwork {
    final FakeClock clock = new FakeClock();
    private final Map<InetSocketAddress, FakeTransportLayer> hosts = new HashMap<>();
    private final List<ManualShard> shards = new ArrayList<>();
    private final List<Predicate<String>> losses = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();

    FakeTransportLayer host(String address) {
        FakeTransportLayer t = FakeTransportLayer.at(address);
        t.network = this;
        for (ListenPoint lp : t.listenPoints) hosts.put(lp.bindAddress(), t);
        return t;
    }

    ManualShard shard() {
        ManualShard s = new ManualShard(clock);
        shards.add(s);
        return s;
    }

    /** Loses the next message whose text contains {@code fragment} (once). */
    void loseNext(String fragment) {
        losses.add(new Predicate<>() {
            boolean used;

            @Override
            public boolean test(String text) {
                if (used || !text.contains(fragment)) return false;
                used = true;
                return true;
            }
        });
    }

    void carry(FakeTransportLayer from, FakeTransportLayer.Sent s, Flow used) {
        InetSocketAddress to = used.remoteAddress();
        FakeTransportLayer target = hosts.get(to);
        if (target == null) return;
        String text = new String(s.bytes(), StandardCharsets.UTF_8);
        for (Predicate<String> loss : losses) {
            if (loss.test(text)) {
                dropped.add(text.substring(0, text.indexOf('\r')));
                return;
            }
        }
        ListenPoint src = from.listenPointFor(used.transport(), false);
        ListenPoint dst = target.listenPointFor(used.transport(), false);
        Flow arrival = new TestFlow(used.transport(), dst, dst.bindAddress(), src.bindAddress(), true);
        target.deliver(s.bytes(), arrival);
    }

    /** Runs every shard until nothing is left to do at the current time. */
    void settle() {
        boolean busy = true;
        while (busy) {
            busy = false;
            for (ManualShard s : shards) busy |= s.runPending() > 0;
        }
    }

    /** Moves time forward 1 ms at a time, settling at each step. */
    void advance(long ms) {
        settle();
        for (long i = 0; i < ms; i++) {
            clock.advance(1);
            settle();
        }
    }
}
