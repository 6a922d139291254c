package io.sipflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.server.responder.ResponderOptions;
import io.sipflow.stack.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed input to the responder over raw UDP and TCP sockets (item 7 of the interop plan):
 * garbage, a broken Via, a wrong SIP-Version, a CSeq method that is not the request's, an
 * oversized request. Each is answered the way RFC 3261 wants when an answer is possible (400
 * with a reason naming the problem, 505, 513), dropped when it is not, and the responder goes
 * on answering a normal OPTIONS: on the same socket over UDP; over TCP on the same connection
 * when the framing survived, else on a new one (a stream whose framing is lost is closed).
 */
@Timeout(120)
class MalformedInputTest {
    /** Bounded waits for a busy machine: an answer that comes at all comes well within this. */
    static final int WAIT_MS = 20_000;

    private static Interop.Responder responder;

    @BeforeAll
    static void start() {
        responder = Interop.Responder.start(ResponderOptions.DEFAULT);
    }

    @AfterAll
    static void stop() {
        if (responder != null) responder.close();
    }

    // ------------------------------------------------------------------ messages

    /** An OPTIONS to the responder, with the given top Via, version, CSeq and extra header lines. */
    static String options(String via, String callId, String version, String cseq, String extra) {
        return "OPTIONS sip:responder@127.0.0.1 " + version + "\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:raw@127.0.0.1>;tag=raw-" + callId + "\r\n"
                + "To: <sip:responder@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    static String via(String transport, int localPort, String callId) {
        return "SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + callId + ";rport";
    }

    static String callId() {
        return "raw-" + UUID.randomUUID(); // a token: also a valid tag and branch suffix
    }

    /** 300 header lines: over the 256 the parser accepts (ParserLimits.DEFAULT), 18 KB in all. */
    static String tooManyHeaders() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) sb.append("X-Filler-").append(i).append(": ").append("f".repeat(40)).append("\r\n");
        return sb.toString();
    }

    /** One header line of 20 KB: over the 16 KiB limit of a header line. */
    static String tooLongHeaderLine() {
        return "X-Long: " + "l".repeat(20_000) + "\r\n";
    }

    /** What the tests expect back: a status, words of the reason phrase, or nothing. */
    record Expect(int status, String reasonContains) {
        static Expect nothing() {
            return new Expect(0, null);
        }
    }

    /** Status line and headers of a response. */
    record Answer(int status, String reason, Map<String, String> headers) {
        static Answer parse(String text) {
            String[] lines = text.split("\r\n");
            String[] start = lines[0].split(" ", 3);
            assertThat(start[0]).as(text).isEqualTo("SIP/2.0");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) h.putIfAbsent(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
            return new Answer(Integer.parseInt(start[1]), start.length > 2 ? start[2] : "", h);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static void check(Answer a, Expect e, String callId, String what) {
        assertThat(a.status()).as("%s: %s %s", what, a.status(), a.reason()).isEqualTo(e.status());
        if (e.reasonContains() != null) assertThat(a.reason()).as(what).contains(e.reasonContains());
        if (callId != null) assertThat(a.header("Call-ID")).as(what).isEqualTo(callId);
    }

    // ------------------------------------------------------------------ UDP

    /** One socket for every case: the responder must keep serving it. */
    @Test
    void udp() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(WAIT_MS);
            InetSocketAddress to = responder.address(Transport.UDP);
            int me = s.getLocalPort();

            // Garbage: nothing to answer (no headers); the next OPTIONS is the first answer.
            udpCase(s, to, "\u0000\u0001 this is not SIP\r\n\r\n", null, Expect.nothing(), "garbage");

            // A Via that does not parse: 400 naming Via, sent back to where the packet came from.
            String c1 = callId();
            udpCase(s, to, options("SIP/2.0/UDP ;;;branch", c1, "SIP/2.0", "1 OPTIONS", ""), c1,
                    new Expect(400, "Via"), "broken Via");

            String c2 = callId();
            udpCase(s, to, options(via("UDP", me, c2), c2, "SIP/7.0", "1 OPTIONS", ""), c2,
                    new Expect(505, "Version"), "SIP/7.0");

            String c3 = callId();
            udpCase(s, to, options(via("UDP", me, c3), c3, "SIP/2.0", "1 INVITE", ""), c3,
                    new Expect(400, "CSeq"), "CSeq method mismatch");

            String c4 = callId();
            udpCase(s, to, options(via("UDP", me, c4), c4, "SIP/2.0", "1 OPTIONS", tooManyHeaders()), c4,
                    new Expect(513, "headers"), "300 header lines");

            String c5 = callId();
            udpCase(s, to, options(via("UDP", me, c5), c5, "SIP/2.0", "1 OPTIONS", tooLongHeaderLine()), c5,
                    new Expect(513, "too long"), "a 20 KB header line");
        }
    }

    /** Sends {@code bad}, expects {@code e} (or nothing), then an OPTIONS on the same socket gets 200. */
    private static void udpCase(DatagramSocket s, InetSocketAddress to, String bad, String badCallId, Expect e, String what)
            throws IOException {
        byte[] b = bad.getBytes(StandardCharsets.ISO_8859_1);
        s.send(new DatagramPacket(b, b.length, to));
        if (e.status() != 0) check(Answer.parse(receive(s)), e, badCallId, what);

        String ok = callId();
        byte[] o = options(via("UDP", s.getLocalPort(), ok), ok, "SIP/2.0", "1 OPTIONS", "").getBytes(StandardCharsets.ISO_8859_1);
        s.send(new DatagramPacket(o, o.length, to));
        // The first datagram back must be the 200 for it (nothing was sent for an unanswerable one).
        check(Answer.parse(receive(s)), new Expect(200, null), ok, "OPTIONS after " + what);
    }

    private static String receive(DatagramSocket s) throws IOException {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ TCP

    @Test
    void tcpGarbageClosesTheConnectionWithoutAnswer() throws Exception {
        try (Socket s = connect()) {
            write(s, "\u0000\u0001 this is not SIP\r\n\r\n");
            assertThat(readToEnd(s)).as("nothing, then the connection closed").isEmpty();
        }
        optionsOnNewConnection("garbage");
    }

    @Test
    void tcpBrokenViaIsAnswered400AndTheConnectionGoesOn() throws Exception {
        try (Socket s = connect()) {
            String c = callId();
            write(s, options("SIP/2.0/TCP ;;;branch", c, "SIP/2.0", "1 OPTIONS", ""));
            check(Answer.parse(readMessage(s)), new Expect(400, "Via"), c, "broken Via");
            optionsOn(s, "broken Via");
        }
    }

    @Test
    void tcpWrongVersionIsAnswered505AndTheConnectionGoesOn() throws Exception {
        try (Socket s = connect()) {
            String c = callId();
            write(s, options(via("TCP", s.getLocalPort(), c), c, "SIP/7.0", "1 OPTIONS", ""));
            check(Answer.parse(readMessage(s)), new Expect(505, "Version"), c, "SIP/7.0");
            optionsOn(s, "SIP/7.0");
        }
    }

    @Test
    void tcpCseqMismatchIsAnswered400AndTheConnectionGoesOn() throws Exception {
        try (Socket s = connect()) {
            String c = callId();
            write(s, options(via("TCP", s.getLocalPort(), c), c, "SIP/2.0", "1 INVITE", ""));
            check(Answer.parse(readMessage(s)), new Expect(400, "CSeq"), c, "CSeq method mismatch");
            optionsOn(s, "CSeq method mismatch");
        }
    }

    /** Over a limit, the stream cannot be trusted any more: 513, then the connection is closed. */
    @Test
    void tcpOversizedRequestIsAnswered513AndTheConnectionClosed() throws Exception {
        try (Socket s = connect()) {
            String c = callId();
            write(s, options(via("TCP", s.getLocalPort(), c), c, "SIP/2.0", "1 OPTIONS", tooManyHeaders()));
            String all = readToEnd(s);
            check(Answer.parse(all), new Expect(513, "headers"), c, "300 header lines");
        }
        optionsOnNewConnection("an oversized request");
    }

    /** A body over 64 KiB: 413 (RFC 3261 §21.4.11), then the connection is closed. */
    @Test
    void tcpOversizedBodyIsAnswered413AndTheConnectionClosed() throws Exception {
        try (Socket s = connect()) {
            String c = callId();
            String head = options(via("TCP", s.getLocalPort(), c), c, "SIP/2.0", "1 OPTIONS", "Content-Type: text/plain\r\n")
                    .replace("Content-Length: 0", "Content-Length: 70000");
            write(s, head); // the body is never sent: the header section says enough
            String all = readToEnd(s);
            check(Answer.parse(all), new Expect(413, null), c, "a 70000-byte body");
        }
        optionsOnNewConnection("an oversized body");
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(responder.address(Transport.TCP), WAIT_MS);
        s.setSoTimeout(WAIT_MS);
        s.setTcpNoDelay(true);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static void optionsOn(Socket s, String after) throws IOException {
        String c = callId();
        write(s, options(via("TCP", s.getLocalPort(), c), c, "SIP/2.0", "1 OPTIONS", ""));
        check(Answer.parse(readMessage(s)), new Expect(200, null), c, "OPTIONS on the same connection after " + after);
    }

    private static void optionsOnNewConnection(String after) throws IOException {
        try (Socket s = connect()) {
            String c = callId();
            write(s, options(via("TCP", s.getLocalPort(), c), c, "SIP/2.0", "1 OPTIONS", ""));
            check(Answer.parse(readMessage(s)), new Expect(200, null), c, "OPTIONS on a new connection after " + after);
        }
    }

    /** One message: the header section and its Content-Length of body. */
    private static String readMessage(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).as("connection closed before a whole response: %s", b).isNotNegative();
            b.write(c);
        }
        String head = b.toString(StandardCharsets.ISO_8859_1);
        Answer a = Answer.parse(head);
        String cl = a.header("Content-Length");
        int n = cl == null ? 0 : Integer.parseInt(cl);
        return head + new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    /** Everything until the responder closes the connection (bounded by the socket timeout). */
    private static String readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            s.getInputStream().transferTo(b);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the responder did not close the connection within " + WAIT_MS + " ms; got: " + b, e);
        } catch (IOException reset) {
            // a reset after the answer also closes it
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
