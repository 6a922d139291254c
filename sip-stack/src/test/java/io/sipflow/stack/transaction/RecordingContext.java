package io.sipflow.stack.transaction;

import io.sipflow.message.SipMessage;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transaction context that records what the machine sends, on a manual shard and fake clock. */
final class RecordingContext implements TransactionContext {
    record Sent(long at, byte[] bytes, Destination destination, Flow reuse, ResponseRoute route) {
        SipMessage message() {
            return Msg.parse(bytes);
        }

        String firstLine() {
            String t = Msg.text(bytes);
            return t.substring(0, t.indexOf('\r'));
        }
    }

    final FakeClock clock = new FakeClock();
    final ManualShard shard = new ManualShard(clock);
    final TimerConfig config;
    final List<Sent> sent = new ArrayList<>();
    final List<Transaction> terminated = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    /** The remnants that took a transaction's place at its final response. */
    final List<IndexedServerTransaction> replaced = new ArrayList<>();
    final List<OutgoingResponse> successes = new ArrayList<>();
    boolean failSends;

    RecordingContext(TimerConfig config) {
        this.config = config;
    }

    RecordingContext() {
        this(TimerConfig.DEFAULT);
    }

    @Override
    public Shard shard() {
        return shard;
    }

    @Override
    public TimerConfig timerConfig() {
        return config;
    }

    @Override
    public CompletableFuture<Flow> send(byte[] bytes, Destination destination, Flow reuse) {
        sent.add(new Sent(clock.millis(), bytes, destination, reuse, null));
        return result(reuse);
    }

    @Override
    public CompletableFuture<Flow> sendResponse(byte[] bytes, ResponseRoute route) {
        sent.add(new Sent(clock.millis(), bytes, route.destination(), route.flow(), route));
        return result(route.flow());
    }

    private CompletableFuture<Flow> result(Flow f) {
        if (failSends) return CompletableFuture.failedFuture(new IOException("connection refused"));
        return CompletableFuture.completedFuture(f);
    }

    @Override
    public void terminated(Transaction tx) {
        terminated.add(tx);
    }

    @Override
    public void successSent(InviteServerTransaction tx, OutgoingResponse response) {
        successes.add(response);
    }

    @Override
    public boolean replaced(IndexedServerTransaction tx, AnsweredServerTransaction next) {
        replaced.add(next);
        return false;
    }

    @Override
    public void serverFailure(IndexedServerTransaction tx, String why) {
        failures.add(why);
    }

    /** Times (ms) of every send so far. */
    List<Long> sendTimes() {
        return sent.stream().map(Sent::at).toList();
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    void advance(long ms) {
        shard.advance(ms);
    }
}
