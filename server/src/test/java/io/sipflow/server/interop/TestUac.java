package io.sipflow.server.interop;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import io.sipflow.stack.SipStack;
import io.sipflow.stack.transaction.ClientTransaction;
import io.sipflow.stack.transaction.ResponseListener;
import io.sipflow.stack.transaction.TimerConfig;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import io.sipflow.stack.transport.Transport;
import io.sipflow.stack.transport.TransportConfig;
import io.sipflow.stack.transport.netty.NettyTransportLayer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small UAC built on {@link SipStack}, the way an application would: INVITE with an SDP
 * offer → 1xx → 2xx → ACK (sent by the UAC core with {@code sendAck}, and sent again for every
 * retransmission of the 2xx, RFC 3261 §13.2.2.4) → BYE → 200; OPTIONS and REGISTER. The ACK
 * and the BYE go to the remote target (the 2xx's Contact) on the flow the 2xx arrived on
 * (connection reuse; a relay in front of the peer stays in the path).
 */
final class TestUac implements AutoCloseable {
    /** What became of one call. */
    record CallResult(String callId, int inviteStatus, int byeStatus, int provisionals, int okRetransmissions, String failure) {
        boolean completed() {
            return failure == null && inviteStatus == 200 && byeStatus == 200;
        }
    }

    /** Outcome of many calls. */
    record Batch(int completed, int failed, long okRetransmissionsAcked, List<CallResult> failures) {}

    private final SipStack stack;
    private final ListenPoint listenPoint;
    private final Transport transport;
    private final AtomicLong okRetransmissions = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();

    private TestUac(SipStack stack, ListenPoint listenPoint) {
        this.stack = stack;
        this.listenPoint = listenPoint;
        this.transport = listenPoint.transport();
    }

    /** A UAC with one listener of {@code transport} on 127.0.0.1 (ephemeral port). */
    static TestUac start(Transport transport, TlsConfig tls, TimerConfig timers) {
        TransportConfig.Builder tc = TransportConfig.builder()
                .listen(ListenPoint.of(transport, "127.0.0.1", 0))
                .ioThreads(1);
        if (tls != null) tc.tls(tls);
        SipStack stack = SipStack.builder()
                .transportLayer(new NettyTransportLayer(tc.build()))
                .handler(tx -> tx.respond(SipMethod.BYE.equals(tx.method()) || SipMethod.OPTIONS.equals(tx.method()) ? 200 : 501))
                .nonBlockingHandler()
                .timers(timers)
                .shards(1)
                .userAgent("sipflow-test-uac")
                .build();
        List<ListenPoint> bound = stack.start().join();
        return new TestUac(stack, bound.get(0));
    }

    /** The 2xx retransmissions that were ACKed again, over all calls. */
    long okRetransmissionsAcked() {
        return okRetransmissions.get();
    }

    long acksSent() {
        return acksSent.get();
    }

    SipStack stack() {
        return stack;
    }

    private SipUri target(String user, InetSocketAddress peer) {
        SipUri uri = SipUri.of(user, peer.getAddress().getHostAddress(), peer.getPort());
        return transport == Transport.UDP ? uri : uri.withParam("transport", transport.uriParam());
    }

    private Address self() {
        SipUri uri = SipUri.of("uac", listenPoint.viaHost(), listenPoint.viaPort());
        return Address.of(transport == Transport.UDP ? uri : uri.withParam("transport", transport.uriParam()));
    }

    private static String token() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static String offer(String host) {
        return "v=0\r\no=uac " + (System.nanoTime() & 0xffffff) + " 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\n"
                + "t=0 0\r\nm=audio 7000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    /** One call: INVITE → 2xx → ACK → BYE → 200. Never completes exceptionally. */
    CompletableFuture<CallResult> call(InetSocketAddress peer) {
        String callId = token() + "@uac.test";
        Address from = Address.of(SipUri.of("uac", "sipflow.test")).withTag(token());
        SipRequest invite = SipRequest.create(SipMethod.INVITE, target("service", peer), from,
                Address.of(target("service", peer)), callId, 1, null);
        invite.set(Header.CONTACT, self());
        invite.setBody(offer(listenPoint.viaHost()), "application/sdp");
        Call call = new Call(callId, from);
        try {
            stack.sendRequest(invite, call);
        } catch (RuntimeException e) {
            call.result.complete(new CallResult(callId, 0, 0, 0, 0, "sendRequest: " + e));
        }
        return call.result;
    }

    /** The per-call listener: runs on the stack's shard (non-blocking). */
    private final class Call implements ResponseListener {
        final String callId;
        final Address from;
        final CompletableFuture<CallResult> result = new CompletableFuture<>();
        final AtomicInteger provisionals = new AtomicInteger();
        final AtomicInteger retransmitted = new AtomicInteger();
        volatile SipRequest ack;
        volatile Flow flow;

        Call(String callId, Address from) {
            this.callId = callId;
            this.from = from;
        }

        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {
            provisionals.incrementAndGet();
        }

        @Override
        public void onFinal(ClientTransaction tx, SipResponse ok) {
            if (!ok.isSuccess()) {
                String why = tx.localFailure() != null ? " (" + tx.localFailure() + ")" : "";
                finish(ok.status(), 0, "INVITE answered " + ok.status() + why);
                return;
            }
            if (ok.to().tag() == null) {
                finish(ok.status(), 0, "2xx without To tag");
                return;
            }
            Address contact = ok.contact();
            Uri remoteTarget = contact != null ? contact.uri() : null;
            if (remoteTarget == null) {
                finish(ok.status(), 0, "2xx without Contact");
                return;
            }
            MediaType ct = ok.contentType();
            if (ct == null || !ct.is("application", "sdp") || !ok.bodyAsString().startsWith("v=0")) {
                finish(ok.status(), 0, "2xx without an SDP answer: " + ok.contentType());
                return;
            }
            flow = tx.flow();
            // §13.2.2.4: the ACK of a 2xx is the UAC core's; CSeq number of the INVITE, method ACK.
            SipRequest a = SipRequest.create(SipMethod.ACK, remoteTarget, from, ok.to(), callId, ok.cseq().seq(), null);
            a.set(Header.CONTENT_LENGTH, 0);
            ack = a;
            sendAck();
            SipRequest bye = SipRequest.create(SipMethod.BYE, remoteTarget, from, ok.to(), callId, ok.cseq().seq() + 1, null);
            bye.set(Header.CONTENT_LENGTH, 0);
            try {
                stack.sendRequest(bye, flow, new ResponseListener() {
                    @Override
                    public void onFinal(ClientTransaction byeTx, SipResponse r) {
                        String why = r.status() == 200 ? null
                                : "BYE answered " + r.status() + (byeTx.localFailure() != null ? " (" + byeTx.localFailure() + ")" : "");
                        finish(200, r.status(), why);
                    }
                });
            } catch (RuntimeException e) {
                finish(200, 0, "BYE: " + e);
            }
        }

        @Override
        public void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {
            // A retransmission of the 2xx (our ACK was lost): ACK it again (§13.2.2.4).
            if (ack != null) {
                retransmitted.incrementAndGet();
                okRetransmissions.incrementAndGet();
                sendAck();
            }
        }

        private void sendAck() {
            acksSent.incrementAndGet();
            stack.sendAck(ack, flow);
        }

        private void finish(int inviteStatus, int byeStatus, String failure) {
            result.complete(new CallResult(callId, inviteStatus, byeStatus, provisionals.get(), retransmitted.get(), failure));
        }
    }

    /**
     * Places {@code total} calls at {@code callsPerSecond}, at most {@code concurrent} at a time,
     * and waits for all of them (each is bounded by the stack's own timers: Timer B/F, 64·T1).
     */
    Batch calls(InetSocketAddress peer, int total, int callsPerSecond, int concurrent) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrent);
        List<CompletableFuture<CallResult>> all = new ArrayList<>(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / callsPerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            slots.acquire();
            all.add(call(peer).whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        int completed = 0;
        List<CallResult> failures = new ArrayList<>();
        for (CompletableFuture<CallResult> f : all) {
            CallResult r = f.join();
            if (r.completed()) completed++;
            else failures.add(r);
        }
        return new Batch(completed, failures.size(), okRetransmissions.get(), Collections.unmodifiableList(failures));
    }

    /** An OPTIONS to the peer; the final response (or the stack's local 408/503). */
    SipResponse options(InetSocketAddress peer) {
        SipRequest r = SipRequest.create(SipMethod.OPTIONS, target("service", peer),
                Address.of(SipUri.of("uac", "sipflow.test")).withTag(token()), Address.of(target("service", peer)),
                token() + "@uac.test", 1, null);
        r.set(Header.CONTACT, self());
        r.setHeader("Accept", "application/sdp");
        r.set(Header.CONTENT_LENGTH, 0);
        return stack.sendRequest(r).finalResponse().join();
    }

    /** A REGISTER of {@code user} at the peer with our Contact for {@code expires} seconds. */
    SipResponse register(InetSocketAddress peer, String user, long expires) {
        SipUri registrar = target(null, peer);
        Address aor = Address.of(SipUri.of(user, peer.getAddress().getHostAddress()));
        SipRequest r = SipRequest.create(SipMethod.REGISTER, registrar, aor.withTag(token()), aor, token() + "@uac.test", 1, null);
        r.set(Header.CONTACT, self());
        r.set(Header.EXPIRES, expires);
        r.set(Header.CONTENT_LENGTH, 0);
        return stack.sendRequest(r).finalResponse().join();
    }

    @Override
    public void close() {
        stack.close();
    }
}
