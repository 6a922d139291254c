package io.sipflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.srf.B2bua;
import io.sipflow.srf.B2buaOptions;
import io.sipflow.srf.Credentials;
import io.sipflow.srf.Dialog;
import io.sipflow.srf.MediaChange;
import io.sipflow.srf.Srf;
import io.sipflow.srf.UacOptions;
import io.sipflow.testkit.Sipp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * srf behaviour no example page exercises, against SIPp scenarios of ours, over UDP and TCP:
 * re-INVITE glare and digest inside a dialog, an offer in a reliable 183 answered in the PRACK,
 * and a UAS reaching a caller behind NAT over the caller's own TCP connection, or at its UDP source.
 */
class SrfFeaturesInteropTest extends InteropBase {
    static final String OFFER = """
            v=0\r
            o=sipflow 1 1 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 40000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            a=sendrecv\r
            """;

    /** uas-glare-digest.xml: 491 to the first re-INVITE, 407 to its retry, 200 to the authenticated one. */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void glareRetryThenDigestOnTheReinvite(String transport) throws Exception {
        int port = freePort();
        Sipp.Running sipp = sippUas("uas-glare-digest.xml", transport, port);
        Srf srf = app(transport, 90);
        start(srf);
        Dialog call = bounded(() -> srf.createUAC(uri("sipp", port, transport), UacOptions.create().localSdp(OFFER)
                .auth(Credentials.of("alice", "secret"))).join());
        String answer = bounded(() -> call.modify(MediaChange.HOLD).join());
        assertThat(answer).contains("a=recvonly");
        assertThat(call.heldLocally()).isTrue();
        bounded(() -> call.destroy().join());
        assertAllSucceeded(sipp.await(), 1);
    }

    /** uas-offer-in-183.xml: an offerless INVITE, SIPp offers in a reliable 183, our PRACK carries the answer. */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void anOfferInAReliable183IsAnsweredInThePrack(String transport) throws Exception {
        int port = freePort();
        Sipp.Running sipp = sippUas("uas-offer-in-183.xml", transport, port);
        Srf srf = app(transport, 90);
        start(srf);
        Dialog call = bounded(() -> srf.createUAC(uri("sipp", port, transport), UacOptions.create()
                .prackAnswer(offer -> java.util.concurrent.CompletableFuture.completedFuture(OFFER))).join());
        assertThat(call.local().sdp()).isEqualTo(OFFER);
        assertThat(call.remote().sdp()).contains("o=sippuas");
        bounded(() -> call.destroy().join());
        assertAllSucceeded(sipp.await(), 1);
    }

    /** uac-behind-nat.xml: the caller's Contact is unreachable; the answering UAS's BYE goes over the caller's TCP connection. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp"})
    void theCalleesByeReachesACallerBehindNatOverItsConnection(String transport) throws Exception {
        Srf srf = app(transport, 90);
        new AnsweringUas(srf, "127.0.0.1", Duration.ofMillis(500));
        start(srf);
        assertAllSucceeded(sippUac("uac-behind-nat.xml", transport, hostPort(srf)).run(), 1);
    }

    /**
     * uac-private-contact.xml: the caller's Contact names a private address (10.255.255.1) while
     * it sends from 127.0.0.1; the answering UAS's BYE goes to the source (NAT detection, drachtio
     * §5.2) over UDP, over the caller's connection over TCP.
     */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void theCalleesByeReachesACallerWithAPrivateContact(String transport) throws Exception {
        Srf srf = app(transport, 90);
        new AnsweringUas(srf, "127.0.0.1", Duration.ofMillis(500));
        start(srf);
        assertAllSucceeded(sippUac("uac-private-contact.xml", transport, hostPort(srf)).run(), 1);
    }

    /**
     * createB2BUA for a SUBSCRIBE between SIPp's subscriber (uac-subscriber.xml) and SIPp's
     * notifier (uas-notifier.xml): the NOTIFYs reach the subscriber, its refresh and unsubscribe
     * reach the notifier, and the terminating NOTIFY ends both dialogs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void aSubscriptionThroughTheB2bua(String transport) throws Exception {
        int port = freePort();
        Sipp.Running notifier = sippUas("uas-notifier.xml", transport, port);
        Srf srf = app(transport, 90);
        CompletableFuture<B2bua> bridged = new CompletableFuture<>();
        srf.subscribe((req, res) -> {
            try {
                bridged.complete(srf.createB2BUA(req, res, uri("sipp", port, transport), B2buaOptions.create()).join());
            } catch (RuntimeException e) {
                bridged.completeExceptionally(e);
            }
        });
        start(srf);
        assertAllSucceeded(sippUac("uac-subscriber.xml", transport, hostPort(srf)).run(), 1);
        assertAllSucceeded(notifier.await(), 1);
        B2bua call = bridged.get(10, TimeUnit.SECONDS);
        assertThat(call.uas().destroyed().get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(call.uac().destroyed().get(10, TimeUnit.SECONDS)).isNotNull();
    }
}
