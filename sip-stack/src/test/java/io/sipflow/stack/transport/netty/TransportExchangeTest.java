package io.sipflow.stack.transport.netty;

import static io.sipflow.stack.transport.netty.Layers.destinationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

/** Two layers exchange requests and responses over every transport, IPv4 and IPv6. */
@Timeout(60)
class TransportExchangeTest {
    static Stream<Arguments> everyTransportAndFamily() {
        List<Arguments> out = new ArrayList<>();
        for (Transport t : Transport.values()) {
            out.add(Arguments.of(t, false));
            out.add(Arguments.of(t, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} ipv6={1}")
    @MethodSource("everyTransportAndFamily")
    void requestAndResponseOnTheSameFlow(Transport t, boolean ipv6) throws Exception {
        assumeTrue(!ipv6 || Layers.ipv6Available(), "::1 not available");
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            Recorder client = new Recorder();
            NettyTransportLayer b = layers.start(t, ipv6, server);
            // The UAS answers on the I/O thread, on the flow the request came in on (§18.2.2).
            server.onMessage = (m, f) -> {
                if (m.isRequest()) b.send(Sip.okFor(m), null, f);
            };
            NettyTransportLayer a = layers.start(t, ipv6, client);
            Destination toB = destinationOf(b, t, ipv6);

            Flow sent = a.send(Sip.request(t.viaName(), "exchange-1", 1), toB, null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(sent.transport()).isEqualTo(t);
            assertThat(sent.remoteAddress()).isEqualTo(toB.address());

            Recorder.Received req = server.message();
            assertThat(req.message().callId()).isEqualTo("exchange-1");
            assertThat(req.flow().transport()).isEqualTo(t);
            assertThat(req.flow().listenPoint()).isEqualTo(b.listenPointFor(t, ipv6));
            assertThat(req.flow().remoteAddress()).isEqualTo(sent.localAddress());

            Recorder.Received resp = client.message();
            assertThat(resp.message()).isInstanceOf(SipResponse.class);
            assertThat(((SipResponse) resp.message()).status()).isEqualTo(200);
            assertThat(resp.message().callId()).isEqualTo("exchange-1");
            if (t.isConnectionOriented()) {
                assertThat(resp.flow()).as("response on the request's connection").isSameAs(sent);
                assertThat(a.openConnections()).isEqualTo(1);
                assertThat(b.openConnections()).isEqualTo(1);
            } else {
                // Sent from the listener socket: the response comes back from B's advertised port.
                assertThat(resp.flow().remoteAddress()).isEqualTo(toB.address());
                assertThat(sent.localAddress()).isEqualTo(a.listenPointFor(t, ipv6).bindAddress());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS", "WS", "WSS"})
    void requestsSentWhileConnectingShareOneConnectionAndKeepTheirOrder(Transport t) throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            NettyTransportLayer b = layers.start(t, false, server);
            NettyTransportLayer a = layers.start(t, false, new Recorder());
            Destination toB = destinationOf(b, t, false);
            int n = 25;
            List<CompletableFuture<Flow>> sends = new ArrayList<>();
            for (int i = 0; i < n; i++) sends.add(a.send(Sip.request(t.viaName(), "pool-" + i, i + 1), toB, null));
            Set<Flow> used = new HashSet<>();
            for (CompletableFuture<Flow> f : sends) used.add(f.get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS));
            assertThat(used).as("one connection for every request").hasSize(1);
            Set<Flow> arrived = new HashSet<>();
            List<String> callIds = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Recorder.Received r = server.message();
                arrived.add(r.flow());
                callIds.add(r.message().callId());
                expected.add("pool-" + i);
            }
            assertThat(arrived).hasSize(1);
            // Queued on the pending connection, written in submission order once it is up.
            assertThat(callIds).isEqualTo(expected);
            assertThat(a.openConnections()).isEqualTo(1);
            assertThat(b.openConnections()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS", "WS", "WSS"})
    void requestToAPeerThatConnectedToUsReusesItsConnection(Transport t) throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            Recorder client = new Recorder();
            NettyTransportLayer b = layers.start(t, false, server);
            NettyTransportLayer a = layers.start(t, false, client);
            Flow aToB = a.send(Sip.request(t.viaName(), "in-1", 1), destinationOf(b, t, false), null)
                    .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            Flow inbound = server.message().flow();
            // B addresses A by the connection's remote address (e.g. from Via received/rport
            // or an RFC 5626 Contact), without handing over the flow: the pool finds it.
            Flow bToA = b.send(Sip.request(t.viaName(), "in-2", 1), new Destination(t, inbound.remoteAddress()), null)
                    .get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(bToA).isSameAs(inbound);
            Recorder.Received r = client.message();
            assertThat(r.message().callId()).isEqualTo("in-2");
            assertThat(r.flow()).isSameAs(aToB);
            assertThat(b.openConnections()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void nioTransportWorksToo(Transport t) throws Exception {
        try (Layers layers = new Layers()) {
            Recorder server = new Recorder();
            Recorder client = new Recorder();
            NettyTransportLayer b = layers.start(Layers.config(t, false).nativeTransport(false).build(), server);
            server.onMessage = (m, f) -> {
                if (m.isRequest()) b.send(Sip.okFor(m), null, f);
            };
            NettyTransportLayer a = layers.start(Layers.config(t, false).nativeTransport(false).build(), client);
            assertThat(a.isNative()).isFalse();
            a.send(Sip.request(t.viaName(), "nio-1", 1), destinationOf(b, t, false), null).get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.message().message().callId()).isEqualTo("nio-1");
            assertThat(client.message().message().callId()).isEqualTo("nio-1");
        }
    }
}
