import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load for the memory measurements of bench/stack-memory.sh (single-file program, no
 * dependencies: {@code java bench/memory/SipLoad.java ...}).
 *
 * <pre>
 *   invites HOST PORT COUNT RATE [FIRST]   send COUNT distinct INVITEs (SDP offer, like SIPp's
 *                                          uac.xml) at RATE/s from one UDP socket, never
 *                                          retransmitted, never ACKed; counts the responses;
 *                                          prints "sent N responses {status=count}"
 *   tcp HOST PORT COUNT                    open COUNT idle TCP connections, print "open N",
 *                                          keep them until stdin reaches end of file
 * </pre>
 */
public final class SipLoad {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) usage();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        switch (args[0]) {
            case "invites" -> invites(new InetSocketAddress(host, port), count, Integer.parseInt(args[4]),
                    args.length > 5 ? Long.parseLong(args[5]) : 0);
            case "tcp" -> tcp(new InetSocketAddress(host, port), count);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: SipLoad invites HOST PORT COUNT RATE [FIRST] | tcp HOST PORT COUNT");
        System.exit(2);
    }

    private static void invites(InetSocketAddress target, int count, int rate, long first) throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        ch.bind(new InetSocketAddress(target.getAddress(), 0));
        ch.connect(target);
        int localPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        String local = target.getAddress().getHostAddress();
        long[] byStatus = new long[700];
        AtomicLong received = new AtomicLong();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            ByteBuffer b = ByteBuffer.allocate(65536);
            while (true) {
                try {
                    b.clear();
                    ch.receive(b);
                    if (b.position() > 12 && b.get(0) == 'S') {
                        int s = (b.get(8) - '0') * 100 + (b.get(9) - '0') * 10 + (b.get(10) - '0');
                        if (s >= 100 && s < 700) synchronized (byStatus) { byStatus[s]++; }
                    }
                    received.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        String sdp = "v=0\r\no=bench 53655765 2353687637 IN IP4 " + local + "\r\ns=-\r\nc=IN IP4 " + local
                + "\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
        String ruri = "sip:service@" + target.getAddress().getHostAddress() + ":" + target.getPort();
        long pid = ProcessHandle.current().pid();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / Math.max(1, rate);
        ByteBuffer out = ByteBuffer.allocate(4096);
        for (int i = 0; i < count; i++) {
            long n = first + i;
            String callId = n + "-" + pid + "@" + local;
            String msg = "INVITE " + ruri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + local + ":" + localPort + ";branch=z9hG4bK-" + pid + "-" + n + "-0\r\n"
                    + "From: \"bench\" <sip:bench@" + local + ":" + localPort + ">;tag=" + pid + "B" + n + "\r\n"
                    + "To: <" + ruri + ">\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:bench@" + local + ":" + localPort + ">\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n"
                    + "Content-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            out.clear();
            out.put(msg.getBytes(StandardCharsets.US_ASCII)).flip();
            ch.write(out);
            long due = start + (i + 1) * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
        }
        Thread.sleep(1500); // the stack's 100 Trying comes 200 ms after each INVITE
        StringBuilder sb = new StringBuilder();
        synchronized (byStatus) {
            for (int s = 100; s < 700; s++) if (byStatus[s] > 0) sb.append(sb.isEmpty() ? "" : ",").append(s).append('=').append(byStatus[s]);
        }
        System.out.println("sent " + count + " responses " + received.get() + " {" + sb + "}");
        ch.close();
    }

    private static void tcp(InetSocketAddress target, int count) throws Exception {
        List<SocketChannel> open = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SocketChannel s = SocketChannel.open();
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.connect(target);
            open.add(s);
        }
        System.out.println("open " + open.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the caller closes our stdin
        }
        for (SocketChannel s : open) s.close();
    }
}
