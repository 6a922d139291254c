package io.sipflow.stack.transaction;

import java.util.List;
import java.util.function.UnaryOperator;

/** One transaction layer on a fake transport (192.0.2.1:5060, UDP and TCP) and a manual shard. */
final class LayerHarness {
    static final String PEER = "198.51.100.7";

    final FakeClock clock = new FakeClock();
    final ManualShard shard = new ManualShard(clock);
    final FakeTransportLayer transport = FakeTransportLayer.at("192.0.2.1");
    final RecordingHandler handler = new RecordingHandler();
    final TransactionLayer layer;

    LayerHarness() {
        this(c -> c);
    }

    LayerHarness(UnaryOperator<TransactionLayerConfig> tweak) {
        TransactionLayerConfig base = TransactionLayerConfig.of(handler);
        layer = new TransactionLayer(transport, List.of(shard), tweak.apply(base));
        transport.setListener(layer);
    }

    static TransactionLayerConfig withLimits(TransactionLayerConfig c, StackLimits limits) {
        return new TransactionLayerConfig(c.timers(), limits, c.handler(), c.handlerExecutor(), c.locator(),
                c.userAgent(), c.answerCancelledInvites(), c.detectMergedRequests());
    }

    static TransactionLayerConfig asProxy(TransactionLayerConfig c) {
        return new TransactionLayerConfig(c.timers(), c.limits(), c.handler(), c.handlerExecutor(), c.locator(),
                c.userAgent(), false, false);
    }

    static TransactionLayerConfig withUserAgent(TransactionLayerConfig c, String ua) {
        return new TransactionLayerConfig(c.timers(), c.limits(), c.handler(), c.handlerExecutor(), c.locator(), ua,
                c.answerCancelledInvites(), c.detectMergedRequests());
    }

    /** A message from the peer at 198.51.100.7:5060 over UDP, then everything it caused. */
    void deliver(String text) {
        transport.deliver(text, PEER, 5060);
        shard.runPending();
    }

    void run() {
        shard.runPending();
    }

    void advance(long ms) {
        shard.advance(ms);
    }

    /** The one shard's transaction tables. */
    ShardContext context() {
        return layer.contextFor("any");
    }

    List<String> sentLines() {
        return transport.firstLines();
    }
}
