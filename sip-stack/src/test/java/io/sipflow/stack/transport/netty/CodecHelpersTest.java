package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** WebSocket frame choice (RFC 7118 §5.1), STUN over IPv6 (RFC 5389 §15.2), keep-alive detection. */
class CodecHelpersTest {
    @Test
    void utf8MessagesGoInTextFramesOthersInBinary() {
        assertThat(WebSocketFrames.isUtf8("INVITE sip:b@x SIP/2.0".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(WebSocketFrames.isUtf8("Subject: été ✓ 𝄞".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(WebSocketFrames.isUtf8(new byte[] {'a', (byte) 0xc3})).isFalse(); // truncated
        assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse(); // overlong
        assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse(); // surrogate
        assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse(); // > U+10FFFF
        assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xff})).isFalse();
        var text = WebSocketFrames.of("SIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        var binary = WebSocketFrames.of(new byte[] {'S', (byte) 0xff});
        assertThat(text).isInstanceOf(TextWebSocketFrame.class);
        assertThat(binary).isInstanceOf(BinaryWebSocketFrame.class);
        text.release();
        binary.release();
    }

    @Test
    void stunRecognitionAndIpv6XorMappedAddress() throws Exception {
        byte[] req = ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0).putInt(0x2112A442)
                .put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}).array();
        assertThat(StunBinding.isBindingRequest(req)).isTrue();
        assertThat(StunBinding.isBindingRequest("OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        byte[] badCookie = req.clone();
        badCookie[4] = 0;
        assertThat(StunBinding.isBindingRequest(badCookie)).isFalse();

        InetAddress v6 = InetAddress.getByName("2001:db8::42");
        byte[] res = StunBinding.successResponse(req, new InetSocketAddress(v6, 5060));
        ByteBuffer b = ByteBuffer.wrap(res);
        assertThat(b.getShort()).isEqualTo((short) 0x0101);
        assertThat(b.getShort()).isEqualTo((short) 24);
        b.position(20);
        assertThat(b.getShort()).isEqualTo((short) 0x0020);
        assertThat(b.getShort()).isEqualTo((short) 20);
        b.get();
        assertThat(b.get()).isEqualTo((byte) 2);
        assertThat((b.getShort() & 0xffff) ^ 0x2112).isEqualTo(5060);
        byte[] x = new byte[16];
        b.get(x);
        for (int i = 0; i < 16; i++) x[i] ^= req[4 + i];
        assertThat(InetAddress.getByAddress(x)).isEqualTo(v6);
    }

    @Test
    void keepAliveDatagrams() {
        assertThat(UdpHandler.isKeepAlive("\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(UdpHandler.isKeepAlive(new byte[] {0, 0, 0, 0})).isTrue();
        assertThat(UdpHandler.isKeepAlive("\r\nX".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
