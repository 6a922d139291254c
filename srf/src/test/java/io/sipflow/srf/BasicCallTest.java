package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BasicCallTest extends SrfTestBase {

    /** Bob answers with createUAS; returns the queue of bob's dialogs. */
    static BlockingQueue<Dialog> answering(Srf bob) {
        BlockingQueue<Dialog> dialogs = queue();
        bob.invite((req, res) -> {
            res.send(180);
            dialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B))));
        });
        return dialogs;
    }

    void basicCall(String transport, boolean callerHangsUp) {
        Srf alice = srf(transport + ":127.0.0.1:0");
        Srf bob = srf(transport + ":127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = answering(bob);
        BlockingQueue<SipResponse> provisionals = queue();
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .callingNumber("1000").callingName("Alice").onProvisional(provisionals::add)));
        Dialog b = poll(bobDialogs);
        SipResponse p = poll(provisionals);
        if (p.status() == 100) p = poll(provisionals);
        assertThat(p.status()).isEqualTo(180);

        assertThat(a.role()).isEqualTo(DialogRole.UAC);
        assertThat(b.role()).isEqualTo(DialogRole.UAS);
        assertThat(a.type()).isEqualTo(DialogType.INVITE);
        assertThat(a.connected()).isTrue();
        assertThat(a.sip().callId()).isEqualTo(b.sip().callId());
        assertThat(a.sip().localTag()).isEqualTo(b.sip().remoteTag());
        assertThat(a.sip().remoteTag()).isEqualTo(b.sip().localTag());
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.remote().sdp()).isEqualTo(SDP_B);
        assertThat(a.local().sdp()).isEqualTo(SDP_A);
        assertThat(b.remote().sdp()).isEqualTo(SDP_A);
        assertThat(b.local().uri().sipUri().user()).isEqualTo("bob");
        assertThat(b.remote().uri().displayName()).isEqualTo("Alice");
        assertThat(alice.findDialogById(a.id())).contains(a);
        assertThat(bob.findDialog(b.sip().callId(), a.sip().localTag())).contains(b);

        Dialog ender = callerHangsUp ? a : b;
        Dialog other = callerHangsUp ? b : a;
        CompletableFuture<DestroyEvent> otherEnd = new CompletableFuture<>();
        other.onDestroy(otherEnd::complete);
        SipResponse byeResponse = await(ender.destroy());
        assertThat(byeResponse.status()).as(byeResponse.toString()).isEqualTo(200);
        DestroyEvent ev = await(otherEnd);
        assertThat(ev.reason()).isEqualTo(DestroyReason.NORMAL_RELEASE);
        assertThat(ev.request().method()).isEqualTo("BYE");
        assertThat(await(ender.destroyed()).reason()).isEqualTo(DestroyReason.LOCAL_RELEASE);
        assertThat(alice.dialogs()).isEmpty();
        assertThat(bob.dialogs()).isEmpty();
    }

    @Test
    void udpCallerHangsUp() {
        basicCall("udp", true);
    }

    @Test
    void udpCalleeHangsUp() {
        basicCall("udp", false);
    }

    @Test
    void tcpCallerHangsUp() {
        basicCall("tcp", true);
    }

    @Test
    void theCalleeSeesCallingAndCalledNumbers() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        CompletableFuture<String> seen = new CompletableFuture<>();
        bob.invite((req, res) -> {
            seen.complete(req.callingNumber() + "|" + req.callingName() + "|" + req.calledNumber() + "|"
                    + req.sourceAddress() + "|" + req.transport() + "|" + (req.receivedOn().getPort() == bob.listenPoints().get(0).viaPort()));
            res.send(486);
        });
        Throwable e = failure(alice.createUAC("127.0.0.1:" + bob.listenPoints().get(0).viaPort(),
                UacOptions.create().localSdp(SDP_A).callingNumber("1000").callingName("Alice").calledNumber("2000")));
        assertThat(e).isInstanceOf(SipError.class);
        assertThat(((SipError) e).status()).isEqualTo(486);
        assertThat(((SipError) e).response().status()).isEqualTo(486);
        assertThat(await(seen)).isEqualTo("1000|Alice|2000|127.0.0.1|UDP|true");
    }

    @Test
    void cdrAndDialogStateEvents() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> bobDialogs = answering(bob);
        BlockingQueue<CdrEvent> cdrs = queue();
        BlockingQueue<DialogStateEvent> states = queue();
        bob.onCdr(cdrs::add);
        bob.onDialogState(states::add);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        poll(bobDialogs);
        await(a.destroy());
        assertThat(poll(cdrs)).isInstanceOf(CdrEvent.Attempt.class);
        assertThat(poll(cdrs)).isInstanceOf(CdrEvent.Start.class);
        CdrEvent stop = poll(cdrs);
        assertThat(stop).isInstanceOf(CdrEvent.Stop.class);
        assertThat(((CdrEvent.Stop) stop).reason()).isEqualTo(CdrEvent.StopReason.NORMAL_RELEASE);
        assertThat(poll(states).state()).isEqualTo(DialogState.TRYING);
        assertThat(poll(states).state()).isEqualTo(DialogState.EARLY);
        assertThat(poll(states).state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(poll(states).state()).isEqualTo(DialogState.TERMINATED);
    }
}
