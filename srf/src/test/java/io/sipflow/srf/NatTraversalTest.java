package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipParser;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * drachtio §5.2 NAT handling: a caller whose Contact names a private address it cannot be
 * reached at (here 10.255.255.1, while it sends from 127.0.0.1) still gets the callee's
 * in-dialog requests, at the address its requests come from.
 */
class NatTraversalTest extends SrfTestBase {
    private static final String PRIVATE_CONTACT = "<sip:alice@10.255.255.1:5060>";

    private Srf srf(String listen, NatTraversal mode) {
        Srf s = Srf.builder().listen(listen).timers(FAST).sessionTimers(SessionTimerConfig.DISABLED).natTraversal(mode).build();
        closeLater(s);
        await(s.start());
        return s;
    }

    @Test
    void theCalleesRequestsReachACallerWithAPrivateContactOverUdp() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0", NatTraversal.DETECT);
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A).header("Contact", PRIVATE_CONTACT)));
        Dialog b = poll(bobDialogs);
        assertThat(b.remote().contact().uri().toString()).contains("10.255.255.1");
        // A re-INVITE from the callee reaches the caller, and its ACK too (the caller's dialog confirms the hold).
        await(b.modify(MediaChange.HOLD));
        assertThat(a.heldRemotely()).isTrue();
        assertThat(await(b.destroy()).status()).isEqualTo(200);
        assertThat(await(a.destroyed()).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
    }

    @Test
    void withNatTraversalOffTheRequestGoesToTheContact() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0", NatTraversal.OFF);
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A).header("Contact", PRIVATE_CONTACT)));
        Dialog b = poll(bobDialogs);
        SipResponse r = await(b.destroy()); // to 10.255.255.1: no answer (408) or no route (503)
        assertThat(r.status()).isNotEqualTo(200);
        assertThat(a.connected()).isTrue();
    }

    // ------------------------------------------------------------------ the detection rules

    private static SipRequest invite(String contact, String... vias) {
        StringBuilder b = new StringBuilder("INVITE sip:bob@203.0.113.1 SIP/2.0\r\n");
        for (String v : vias) b.append("Via: SIP/2.0/UDP ").append(v).append(";branch=z9hG4bK").append(v.hashCode() & 0xffff).append("\r\n");
        b.append("From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n")
                .append("Contact: ").append(contact).append("\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        return (SipRequest) SipParser.defaults().parse(b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static Flow from(Transport t, String host, int port) {
        InetSocketAddress remote = new InetSocketAddress(host, port);
        return new Flow() {
            @Override
            public Transport transport() {
                return t;
            }

            @Override
            public ListenPoint listenPoint() {
                return null;
            }

            @Override
            public InetSocketAddress localAddress() {
                return null;
            }

            @Override
            public InetSocketAddress remoteAddress() {
                return remote;
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        };
    }

    @Test
    void detection() {
        Flow publicSource = from(Transport.UDP, "198.51.100.7", 40000);
        SipRequest natted = invite("<sip:alice@192.168.1.20:5060>", "192.168.1.20:5060");
        assertThat(NatTraversal.DETECT.behindNat(natted, publicSource)).isTrue();
        assertThat(NatTraversal.AGGRESSIVE.behindNat(natted, publicSource)).isTrue();
        assertThat(NatTraversal.OFF.behindNat(natted, publicSource)).isFalse();
        // RFC 6598 shared address space, and a private Via with a public Contact.
        assertThat(NatTraversal.DETECT.behindNat(invite("<sip:a@100.64.3.4>", "100.64.3.4"), publicSource)).isTrue();
        assertThat(NatTraversal.DETECT.behindNat(invite("<sip:a@203.0.113.9>", "10.1.1.1:5060"), publicSource)).isTrue();
        // Reachable as advertised.
        assertThat(NatTraversal.AGGRESSIVE.behindNat(invite("<sip:a@198.51.100.7:40000>", "198.51.100.7:40000"), publicSource)).isFalse();
        // A public Contact that is not the source: only the aggressive detection says NAT.
        SipRequest wrongPort = invite("<sip:a@198.51.100.7:5060>", "198.51.100.7:5060");
        assertThat(NatTraversal.DETECT.behindNat(wrongPort, publicSource)).isFalse();
        assertThat(NatTraversal.AGGRESSIVE.behindNat(wrongPort, publicSource)).isTrue();
        // Through a proxy (two Vias): the source is the proxy, never the UA's binding.
        assertThat(NatTraversal.DETECT.behindNat(invite("<sip:a@192.168.1.20>", "198.51.100.7", "192.168.1.20"), publicSource)).isFalse();
        // With Record-Route (not direct) the dialog's requests follow the route set.
        assertThat(NatTraversal.DETECT.flowFor(natted, publicSource, false, null)).isNull();
        assertThat(NatTraversal.DETECT.flowFor(natted, publicSource, true, null)).isSameAs(publicSource);
        // A request without Contact (BYE, INFO) teaches nothing: the dialog keeps its flow.
        SipRequest bye = (SipRequest) SipParser.defaults().parse(("BYE sip:bob@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.20;branch=z9hG4bK1\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(NatTraversal.DETECT.flowFor(bye, publicSource, true, publicSource)).isSameAs(publicSource);
        // A Contact reachable as it is: back to the Contact.
        assertThat(NatTraversal.DETECT.flowFor(invite("<sip:a@198.51.100.7:40000>", "198.51.100.7:40000"), publicSource, true, publicSource))
                .isNull();
        // A connection is reused whatever the mode (RFC 5923 spirit).
        Flow tcp = from(Transport.TCP, "198.51.100.7", 40000);
        assertThat(NatTraversal.OFF.flowFor(natted, tcp, false, null)).isSameAs(tcp);
        assertThat(NatTraversal.isPrivate(NatTraversal.literal("[fd00::1]"))).isTrue();
        assertThat(NatTraversal.literal("pc.example.com")).isNull();
    }
}
