package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CANCEL during ringing: the UAC's future fails with 487, createUAS fails with 487, the request's cancel future completes. */
class CancelTest extends SrfTestBase {

    void cancelDuringRinging(boolean viaFuture) throws Exception {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<SipRequest> cancels = queue();
        BlockingQueue<Throwable> uasErrors = queue();
        CountDownLatch ringing = new CountDownLatch(1);
        bob.invite((req, res) -> {
            req.onCancel(cancels::add);
            res.send(180);
            // answer only after the caller gave up, with a lazily produced SDP
            CompletableFuture<String> sdp = req.cancelled().thenApply(c -> SDP_B);
            uasErrors.add(failure(bob.createUAS(req, res, UasOptions.create().localSdp(r -> sdp))));
        });
        BlockingQueue<SentRequest> sent = queue();
        CompletableFuture<Dialog> call = alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .onSent(sent::add).onProvisional(r -> {
                    if (r.status() == 180) ringing.countDown();
                }));
        assertThat(ringing.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        if (viaFuture) {
            call.cancel(true);
        } else {
            poll(sent).cancel();
            Throwable e = failure(call);
            assertThat(e).isInstanceOf(SipError.class);
            assertThat(((SipError) e).status()).isEqualTo(487);
        }
        assertThat(poll(cancels).method()).isEqualTo("CANCEL");
        Throwable uas = poll(uasErrors);
        assertThat(uas).isInstanceOf(SipError.class);
        assertThat(((SipError) uas).status()).isEqualTo(487);
        assertThat(bob.dialogs()).isEmpty();
    }

    @Test
    void cancelThroughTheSentRequest() throws Exception {
        cancelDuringRinging(false);
    }

    @Test
    void cancellingTheFutureSendsCancel() throws Exception {
        cancelDuringRinging(true);
    }

    @Test
    void timerCCancels() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        bob.invite((req, res) -> res.send(180));
        Throwable e = failure(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .timerC(java.time.Duration.ofMillis(500))));
        assertThat(((SipError) e).status()).isEqualTo(487);
    }
}
