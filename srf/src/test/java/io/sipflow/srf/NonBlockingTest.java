package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The opt-in non-blocking mode ({@link NonBlocking}): where handlers, stages and listeners run, and what is refused. */
class NonBlockingTest extends SrfTestBase {

    /** The thread something ran on: a virtual thread, or the call's (platform) shard thread. */
    static boolean onVirtual() {
        return Thread.currentThread().isVirtual();
    }

    @Test
    void aNonBlockingHandlerItsStagesAndItsDialogsListenersRunOnTheCallsThread() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<String> where = queue();
        BlockingQueue<Dialog> dialogs = queue();
        CompletableFuture<DestroyEvent> ended = new CompletableFuture<>();
        bob.invite(Handler.nonBlocking((req, res) -> {
            where.add("handler virtual=" + onVirtual());
            res.send(180).thenCompose(r -> bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B).queueRequests(true)))
                    .thenAccept(call -> {
                        where.add("stage virtual=" + onVirtual());
                        call.onInfo((info, r) -> {
                            where.add("info virtual=" + onVirtual());
                            r.send(200);
                        }).onDestroy(ev -> {
                            where.add("destroy virtual=" + onVirtual());
                            ended.complete(ev);
                        });
                        call.queueRequests(false);
                        dialogs.add(call);
                    });
        }));
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        Dialog b = poll(dialogs);
        assertThat(b.remote().sdp()).isEqualTo(SDP_A);
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        SipResponse info = await(a.request("INFO", null, null));
        assertThat(info.status()).isEqualTo(200);
        assertThat(await(a.destroy()).status()).isEqualTo(200);
        assertThat(await(ended).reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(java.util.List.of(poll(where), poll(where), poll(where), poll(where))).containsExactly(
                "handler virtual=false", "stage virtual=false", "info virtual=false", "destroy virtual=false");
        assertThat(bob.dialogs()).isEmpty();
    }

    @Test
    void joinOnTheCallsThreadIsRefusedInsteadOfDeadlocking() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Throwable> refused = queue();
        bob.invite(Handler.nonBlocking((req, res) -> {
            try {
                res.sendReliably(180, null, null, null).join(); // waits for a PRACK: never on the call's thread
            } catch (IllegalStateException e) {
                refused.add(e);
                res.send(486);
            }
        }));
        Throwable f = failure(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(f).isInstanceOf(SipError.class);
        assertThat(((SipError) f).status()).isEqualTo(486);
        assertThat(poll(refused)).hasMessageContaining("dead-lock");
    }

    @Test
    void aBlockingLayerAfterANonBlockingOneRunsOnAVirtualThread() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<String> where = queue();
        bob.use(Middleware.nonBlocking((req, res, chain) -> {
            where.add("layer virtual=" + onVirtual());
            chain.next();
        }));
        bob.invite((req, res) -> {
            where.add("handler virtual=" + onVirtual());
            Dialog d = bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B)).join(); // may block here
            d.onDestroy(ev -> where.add("destroy virtual=" + onVirtual()));
        });
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(poll(where)).isEqualTo("layer virtual=true"); // not every layer promised: all on virtual threads
        assertThat(poll(where)).isEqualTo("handler virtual=true");
        await(a.destroy());
        assertThat(poll(where)).isEqualTo("destroy virtual=true");
    }

    @Test
    void aRequestNoLayerTakesIsAnsweredOnTheCallsThreadAndAnEarlierBlockingHandoffStillWorks() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<String> where = queue();
        bob.options(Handler.nonBlocking((req, res) -> {
            where.add("options virtual=" + onVirtual());
            res.send(200);
        }));
        bob.message(Handler.nonBlocking((req, res) -> {
            where.add("message virtual=" + onVirtual());
            throw new IllegalStateException("boom"); // default error handling: 500
        }));
        assertThat(await(alice.request(uri(bob, "bob"), "OPTIONS")).status()).isEqualTo(200);
        assertThat(poll(where)).isEqualTo("options virtual=false");
        assertThat(await(alice.request(uri(bob, "bob"), "MESSAGE")).status()).isEqualTo(500);
        assertThat(poll(where)).isEqualTo("message virtual=false");
        assertThat(await(alice.request(uri(bob, "bob"), "PUBLISH")).status()).isEqualTo(404);
    }

    @Test
    void aB2buaCreatedByANonBlockingHandlerKeepsItsRelayOnVirtualThreads() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf b2b = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<B2bua> calls = queue();
        b2b.invite(Handler.nonBlocking((req, res) -> b2b.createB2BUA(req, res, uri(bob, "bob"), B2buaOptions.create().relayInDialogRequests(true))
                .thenAccept(calls::add)));
        BlockingQueue<Dialog> bobDialogs = BasicCallTest.answering(bob);
        Dialog a = await(alice.createUAC(uri(b2b, "bob"), UacOptions.create().localSdp(SDP_A)));
        B2bua call = poll(calls);
        Dialog b = poll(bobDialogs);
        await(a.modify(MediaChange.HOLD)); // relayed A -> B by the B2BUA's listener on A, which waits for B
        assertThat(b.heldRemotely()).isTrue();
        await(a.destroy());
        await(b.destroyed());
        await(call.uac().destroyed());
        assertThat(b2b.dialogs()).isEmpty();
    }
}
