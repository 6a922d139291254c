package io.sipflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transaction.ClientTransaction;
import io.sipflow.stack.transaction.RequestHandler;
import io.sipflow.stack.transaction.ServerTransaction;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.netty.NettyTransportLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default threading with the Netty transport: the transaction shards are the I/O event
 * loops. Calls spread over the loops by Call-ID, whichever loop read them, and timers run.
 */
class EventLoopShardsTest {
    private final List<SipStack> stacks = new ArrayList<>();
    private final Set<String> handlerThreads = ConcurrentHashMap.newKeySet();

    @AfterEach
    void close() {
        stacks.forEach(SipStack::close);
    }

    private SipStack stack(Transport t, RequestHandler handler) {
        NettyTransportLayer transport = new NettyTransportLayer(TransportConfig.builder()
                .listen(ListenPoint.of(t, "127.0.0.1", 0)).ioThreads(2).build());
        SipStack s = SipStack.builder().transportLayer(transport).handler(handler).nonBlockingHandler()
                .timers(TimerConfig.DEFAULT.withT1(50)).build();
        stacks.add(s);
        s.start().join();
        return s;
    }

    private static SipRequest request(String method, SipStack to, Transport t, int i) {
        ListenPoint lp = to.listenPoints().get(0);
        SipUri target = SipUri.of("bob", "127.0.0.1").withPort(lp.bindAddress().getPort());
        if (t != Transport.UDP) target = target.withParam("transport", t.name().toLowerCase());
        SipRequest r = SipRequest.create(method, target, Address.of(SipUri.of("alice", "example.com")).withTag("a" + i),
                Address.of(SipUri.of("bob", "example.com")), "loops-" + i + "-" + method + "@127.0.0.1", 1, null);
        r.set(Header.CONTACT, Address.of(SipUri.of("alice", "127.0.0.1")));
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void requestsOfManyCallsAreAnsweredOnTheIoThreads(Transport t) throws Exception {
        SipStack bob = stack(t, tx -> {
            handlerThreads.add(Thread.currentThread().getName());
            tx.respond(200);
        });
        SipStack alice = stack(t, tx -> tx.respond(500));
        List<ClientTransaction> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) sent.add(alice.sendRequest(request("OPTIONS", bob, t, i)));
        for (ClientTransaction c : sent) {
            assertThat(c.finalResponse().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(handlerThreads).allMatch(n -> n.startsWith("sipflow-io"));
        // 200 Call-IDs hash onto both loops' shards.
        assertThat(handlerThreads).hasSize(2);
    }

    @Test
    void timersRunOnTheLoops() throws Exception {
        // A 486 over UDP: the client transaction ACKs it, the server transaction goes to
        // Confirmed and ends by Timer I (T4); the client's Timer D (32 s) is not waited for.
        SipStack bob = stack(Transport.UDP, tx -> tx.respond(486));
        SipStack alice = stack(Transport.UDP, tx -> tx.respond(500));
        ClientTransaction c = alice.sendRequest(request("INVITE", bob, Transport.UDP, 1));
        SipResponse busy = c.finalResponse().get(10, TimeUnit.SECONDS);
        assertThat(busy.status()).isEqualTo(486);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (bob.transactions().transactionCount() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(bob.transactions().transactionCount()).isZero();
    }

    @Test
    void aHandlerThatMayBlockRunsOffTheLoops() throws Exception {
        NettyTransportLayer transport = new NettyTransportLayer(TransportConfig.builder()
                .listen(ListenPoint.of(Transport.UDP, "127.0.0.1", 0)).ioThreads(2).build());
        SipStack bob = SipStack.builder().transportLayer(transport).handler((ServerTransaction tx) -> {
            handlerThreads.add(Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName());
            tx.respond(200);
        }).build();
        stacks.add(bob);
        bob.start().join();
        SipStack alice = stack(Transport.UDP, tx -> tx.respond(500));
        assertThat(alice.sendRequest(request("OPTIONS", bob, Transport.UDP, 7)).finalResponse()
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(handlerThreads).containsExactly("virtual");
    }
}
