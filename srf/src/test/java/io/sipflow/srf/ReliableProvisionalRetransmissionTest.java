package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RFC 3262 §4 on the UAC side: a reliable provisional whose RSeq is not one above the last one
 * of its early dialog is a retransmission (the UAS resends it until our PRACK arrives) and "MUST
 * NOT be processed further". A UAS played byte by byte on a UDP socket sends its 183 twice
 * before it reads the PRACK: the application sees it once and one PRACK answers it — a B2BUA
 * relaying provisionals once relayed it twice, and the second copy met a PRACK with no answer.
 */
class ReliableProvisionalRetransmissionTest extends SrfTestBase {

    /** The UAS: a bare UDP socket. */
    private static final class Callee implements AutoCloseable {
        final DatagramSocket socket;
        final List<SipRequest> received = new java.util.ArrayList<>();
        SocketAddress caller;

        Callee() throws Exception {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setSoTimeout(200);
        }

        String uri() {
            return "sip:bob@127.0.0.1:" + socket.getLocalPort();
        }

        void send(String text) throws Exception {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(b, b.length, caller));
        }

        /** The next request named {@code method} that {@code wanted} accepts (others skipped). */
        SipRequest await(String method, java.util.function.Predicate<SipRequest> wanted) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (System.nanoTime() < end) {
                SipMessage m = receive(500);
                if (m instanceof SipRequest r && r.method().equals(method) && wanted.test(r)) return r;
            }
            throw new AssertionError("no " + method);
        }

        SipRequest await(String method) throws Exception {
            return await(method, r -> true);
        }

        /** The branches of the PRACKs received so far for RSeq {@code rseq} (retransmissions share one). */
        java.util.Set<String> prackBranches(long rseq) {
            java.util.Set<String> branches = new java.util.HashSet<>();
            for (SipRequest r : received) {
                if (r.method().equals("PRACK") && r.get(Header.RACK).rseq() == rseq) branches.add(r.topVia().branch());
            }
            return branches;
        }

        /** The next message, or null after {@code ms} of silence. */
        SipMessage receive(long ms) throws Exception {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            byte[] buf = new byte[65536];
            while (System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                caller = p.getSocketAddress();
                SipMessage m = SipParser.defaults().parse(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                if (m instanceof SipRequest r) received.add(r);
                return m;
            }
            return null;
        }

        /** A response to {@code req} with its Via, From, To (plus our tag), Call-ID and CSeq (§8.2.6). */
        String response(SipRequest req, String statusLine, String extra, String body) {
            StringBuilder s = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
            for (String via : req.headers("Via")) s.append("Via: ").append(via).append("\r\n");
            s.append("From: ").append(req.header("From")).append("\r\n");
            String to = req.header("To");
            s.append("To: ").append(to.contains("tag=") ? to : to + ";tag=callee").append("\r\n");
            s.append("Call-ID: ").append(req.header("Call-ID")).append("\r\n");
            s.append("CSeq: ").append(req.header("CSeq")).append("\r\n");
            s.append("Contact: <").append(uri()).append(">\r\n");
            s.append(extra);
            String b = body == null ? "" : body;
            if (!b.isEmpty()) s.append("Content-Type: application/sdp\r\n");
            return s.append("Content-Length: ").append(b.length()).append("\r\n\r\n").append(b).toString();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void aRetransmittedReliable183IsNeitherReportedNorPrackedAgain() throws Exception {
        Srf alice = srf("udp:127.0.0.1:0");
        try (Callee bob = new Callee()) {
            BlockingQueue<SipResponse> provisionals = queue();
            CompletableFuture<Dialog> call = alice.createUAC(bob.uri(), UacOptions.create().localSdp(SDP_A)
                    .onProvisional(provisionals::add));
            SipRequest invite = bob.await("INVITE");
            assertThat(invite.getAll(Header.SUPPORTED)).contains("100rel");

            String reliable183 = bob.response(invite, "183 Session Progress", "Require: 100rel\r\nRSeq: 1\r\n", SDP_B);
            bob.send(reliable183);
            bob.send(reliable183); // its retransmission, before the PRACK is read
            SipRequest prack = bob.await("PRACK");
            assertThat(prack.get(Header.RACK).rseq()).isEqualTo(1);
            bob.send(bob.response(prack, "200 OK", "", null));

            // The next reliable provisional (RSeq 2) is new: reported and PRACKed.
            bob.send(bob.response(invite, "180 Ringing", "Require: 100rel\r\nRSeq: 2\r\n", null));
            SipRequest prack2 = bob.await("PRACK", r -> r.get(Header.RACK).rseq() == 2);
            bob.send(bob.response(prack2, "200 OK", "", null));

            bob.send(bob.response(invite, "200 OK", "", null));
            assertThat(bob.await("ACK")).isNotNull();
            Dialog a = call.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(a.remote().sdp()).isEqualTo(SDP_B);

            // onProvisional runs on user threads: wait for both reports, then check nothing else came.
            SipResponse first = poll(provisionals);
            SipResponse second = poll(provisionals);
            assertThat(List.of(first.status(), second.status())).containsExactlyInAnyOrder(183, 180);
            assertThat(provisionals.poll(200, TimeUnit.MILLISECONDS)).as("the retransmitted 183 reported again").isNull();
            assertThat(bob.prackBranches(1)).as("PRACK transactions for RSeq 1").hasSize(1);
        }
    }
}
