package io.sipflow.stack.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.header.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.2.2 with RFC 3581 §4. */
class ResponseDestinationTest {
    record TestFlow(Transport transport, InetSocketAddress remoteAddress) implements Flow {
        @Override
        public ListenPoint listenPoint() {
            return ListenPoint.of(transport, "127.0.0.1", 5060);
        }

        @Override
        public InetSocketAddress localAddress() {
            return listenPoint().bindAddress();
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    private static InetSocketAddress addr(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void rportSendsBackToTheSourceIpAndPort() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=192.0.2.9;rport=4000");
        Destination d = ResponseDestination.of(v, new TestFlow(Transport.UDP, addr("192.0.2.9", 4000)));
        assertThat(d).isEqualTo(new Destination(Transport.UDP, addr("192.0.2.9", 4000)));
    }

    @Test
    void receivedWithoutRportUsesTheSentByPort() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.9");
        Destination d = ResponseDestination.of(v, new TestFlow(Transport.UDP, addr("192.0.2.9", 4000)));
        assertThat(d.address()).isEqualTo(addr("192.0.2.9", 5070));
    }

    @Test
    void sentByWithoutPortUsesTheTransportDefault() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK1");
        Destination d = ResponseDestination.of(v, new TestFlow(Transport.UDP, addr("192.0.2.9", 4000)));
        assertThat(d.address()).isEqualTo(addr("192.0.2.9", 5060));
    }

    @Test
    void maddrWins() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;maddr=239.255.255.1;received=192.0.2.9");
        Destination d = ResponseDestination.of(v, new TestFlow(Transport.UDP, addr("192.0.2.9", 4000)));
        assertThat(d.address()).isEqualTo(addr("239.255.255.1", 5062));
    }

    @Test
    void connectionFallbackIsReceivedAtTheSentByPort() throws Exception {
        Via v = Via.parse("SIP/2.0/TLS client.example.com:5061;branch=z9hG4bK1;received=192.0.2.9;rport=40000");
        Destination d = ResponseDestination.of(v, new TestFlow(Transport.TLS, addr("192.0.2.9", 40000)));
        assertThat(d).isEqualTo(new Destination(Transport.TLS, addr("192.0.2.9", 5061)));
    }

    @Test
    void domainSentByFallsBackToTheSourceAddress() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP client.example.com:5080;branch=z9hG4bK1");
        Destination d = ResponseDestination.of(v, new TestFlow(Transport.UDP, addr("192.0.2.9", 4000)));
        assertThat(d.address()).isEqualTo(addr("192.0.2.9", 5080));
    }
}
