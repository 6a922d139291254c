package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Via;
import io.sipflow.stack.transport.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP listeners against a raw datagram socket. */
@Timeout(60)
class UdpTest {
    private final Layers layers = new Layers();
    private final Recorder server = new Recorder();
    private NettyTransportLayer layer;
    private InetSocketAddress address;
    private DatagramSocket peer;

    @BeforeEach
    void start() throws Exception {
        layer = layers.start(Transport.UDP, false, server);
        address = layer.listenPointFor(Transport.UDP, false).bindAddress();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout((int) Recorder.WAIT_SECONDS * 1000);
    }

    @AfterEach
    void stop() {
        peer.close();
        layers.close();
    }

    private void send(byte[] b) throws Exception {
        peer.send(new DatagramPacket(b, b.length, address));
    }

    private byte[] receive() throws Exception {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        peer.receive(p);
        byte[] out = new byte[p.getLength()];
        System.arraycopy(buf, 0, out, 0, out.length);
        return out;
    }

    @Test
    void malformedDatagramIsReportedAndTheListenerKeepsServing() throws Exception {
        send("this is not SIP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Recorder.ParseError pe = server.parseError();
        assertThat(pe.flow().transport()).isEqualTo(Transport.UDP);
        assertThat(pe.flow().remoteAddress()).isEqualTo(peer.getLocalSocketAddress());
        send(Sip.requestBytes("UDP", "after-garbage", 1));
        assertThat(server.message().message().callId()).isEqualTo("after-garbage");
    }

    @Test
    void crlfKeepAliveDatagramsAreIgnored() throws Exception {
        send("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        send(Sip.requestBytes("UDP", "after-keepalive", 1));
        assertThat(server.message().message().callId()).isEqualTo("after-keepalive");
        assertThat(server.parseErrors).isEmpty();
    }

    @Test
    void responseToTheFlowReachesTheSourcePort() throws Exception {
        // The Via says client.example.com:5060; the flow's destination is the real source
        // (the transaction layer applies RFC 3581 §4 and routes responses there).
        server.onMessage = (m, flow) -> layer.send(Sip.okFor(m), flow.destination(), flow);
        send(Sip.requestBytes("UDP", "rport-1", 1));
        Recorder.Received r = server.message();
        assertThat(r.flow().remoteAddress()).isEqualTo(peer.getLocalSocketAddress());
        String answer = new String(receive(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("SIP/2.0 200 OK");
    }

    @Test
    void largeDatagramsAreReceivedWhole() throws Exception {
        String body = "a=x-filler:" + "y".repeat(20_000) + "\r\n";
        send(Sip.requestText("UDP", "big", 1, body).getBytes(StandardCharsets.UTF_8));
        assertThat(server.message().message().bodyAsString()).isEqualTo(body);
    }

    @Test
    void stunBindingRequestGetsTheMappedAddress() throws Exception {
        // RFC 5626 §4.4.2 keep-alive: Binding request, no attributes (RFC 5389 §6).
        byte[] txid = new byte[12];
        ThreadLocalRandom.current().nextBytes(txid);
        ByteBuffer req = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442).put(txid);
        send(req.array());
        ByteBuffer res = ByteBuffer.wrap(receive());
        assertThat(res.getShort()).isEqualTo((short) 0x0101);
        assertThat(res.getShort()).isEqualTo((short) 12);
        assertThat(res.getInt()).isEqualTo(0x2112A442);
        byte[] gotTxid = new byte[12];
        res.get(gotTxid);
        assertThat(gotTxid).isEqualTo(txid);
        assertThat(res.getShort()).isEqualTo((short) 0x0020); // XOR-MAPPED-ADDRESS
        assertThat(res.getShort()).isEqualTo((short) 8);
        res.get(); // reserved
        assertThat(res.get()).isEqualTo((byte) 0x01); // IPv4
        int port = (res.getShort() & 0xffff) ^ 0x2112;
        int ip = res.getInt() ^ 0x2112A442;
        assertThat(port).isEqualTo(peer.getLocalPort());
        assertThat(ip).isEqualTo(0x7f000001);
        assertThat(server.parseErrors).isEmpty();
    }

    @Test
    void responsesAreHandedUpWithTheirFlow() throws Exception {
        SipResponse ok = (SipResponse) Sip.okFor(Sip.request("UDP", "resp-1", 1));
        send(ok.toBytes());
        Recorder.Received r = server.message();
        assertThat(r.message()).isInstanceOf(SipResponse.class);
        assertThat(r.message().topVia().received()).as("responses are not stamped").isNull();
    }

    @Test
    void aReceiveBufferBeyondTheKernelCapStillBindsAndServes() throws Exception {
        // 1 GiB is beyond any net.core.rmem_max: the kernel caps it, the listener warns and serves.
        Recorder other = new Recorder();
        NettyTransportLayer capped = layers.start(Layers.config(Transport.UDP, false).udpBufferSizes(1 << 30, 1 << 20).build(), other);
        InetSocketAddress to = capped.listenPointFor(Transport.UDP, false).bindAddress();
        byte[] b = Sip.requestBytes("UDP", "capped-buffer", 1);
        peer.send(new DatagramPacket(b, b.length, to));
        assertThat(other.message().message().callId()).isEqualTo("capped-buffer");
    }
}
