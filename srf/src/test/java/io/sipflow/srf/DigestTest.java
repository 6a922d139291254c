package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.Header;
import io.sipflow.message.header.DigestChallenge;
import io.sipflow.message.header.DigestCredentials;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** A UAS challenging with 401/407 (DigestChallenge, DigestCredentials.matches); the UAC answers automatically. */
class DigestTest extends SrfTestBase {

    static void challenging(Srf bob, String algorithm, boolean proxy, BlockingQueue<Dialog> dialogs, BlockingQueue<String> seen) {
        bob.invite((req, res) -> {
            DigestCredentials c = req.get(proxy ? Header.PROXY_AUTHORIZATION : Header.AUTHORIZATION);
            if (c == null) {
                DigestChallenge ch = DigestChallenge.builder().realm("example.com").nonce("n" + System.nanoTime())
                        .qop("auth").algorithm(algorithm).build();
                res.send(proxy ? 407 : 401, null, Map.of(proxy ? "Proxy-Authenticate" : "WWW-Authenticate", ch.toString()), null);
                return;
            }
            seen.add(c.username() + "|" + c.digestAlgorithm() + "|" + c.qop());
            if (!c.matches("secret", req.method(), req.message().body())) {
                res.send(403);
                return;
            }
            dialogs.add(await(bob.createUAS(req, res, UasOptions.create().localSdp(SDP_B))));
        });
    }

    @Test
    void sha256Challenge() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> dialogs = queue();
        BlockingQueue<String> seen = queue();
        challenging(bob, "SHA-256", false, dialogs, seen);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A).auth(Credentials.of("alice", "secret"))));
        poll(dialogs);
        assertThat(poll(seen)).isEqualTo("alice|SHA-256|auth");
        assertThat(a.connected()).isTrue();
    }

    @Test
    void md5ProxyChallenge() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> dialogs = queue();
        BlockingQueue<String> seen = queue();
        challenging(bob, "MD5", true, dialogs, seen);
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A).auth(Credentials.of("alice", "secret"))));
        poll(dialogs);
        assertThat(poll(seen)).isEqualTo("alice|MD5|auth");
        assertThat(a.connected()).isTrue();
    }

    @Test
    void aWrongPasswordFailsWithTheFinalResponse() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        challenging(bob, "MD5", false, queue(), queue());
        Throwable e = failure(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A).auth(Credentials.of("alice", "wrong"))));
        assertThat(((SipError) e).status()).isEqualTo(403);
    }

    @Test
    void withoutCredentialsThe401IsFinal() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        challenging(bob, "MD5", false, queue(), queue());
        Throwable e = failure(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)));
        assertThat(((SipError) e).status()).isEqualTo(401);
    }

    @Test
    void outOfDialogRequestsAuthenticateToo() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        bob.register((req, res) -> {
            DigestCredentials c = req.get(Header.AUTHORIZATION);
            if (c == null || !c.matches("secret", "REGISTER", null)) {
                res.send(401, Map.of("WWW-Authenticate", DigestChallenge.of("example.com", "abc").withQop("auth").toString()));
            } else {
                res.send(200);
            }
        });
        assertThat(await(alice.request(uri(bob, "bob"), "REGISTER", RequestOptions.create().auth(Credentials.of("alice", "secret"))))
                .status()).isEqualTo(200);
    }

    /** A challenge to a request inside the dialog, or null when it carries valid credentials. */
    static String challenge(Request req, Response res, BlockingQueue<String> seen) {
        DigestCredentials c = req.get(Header.PROXY_AUTHORIZATION);
        if (c == null) {
            res.send(407, Map.of("Proxy-Authenticate", DigestChallenge.of("example.com", "n" + System.nanoTime())
                    .withQop("auth").toString()));
            return "challenged";
        }
        seen.add(req.method() + " " + c.username() + " " + c.matches("secret", req.method(), req.message().body()));
        return null;
    }

    /** drachtio's "will handle authentication on re-invites" and in-dialog requests: the dialog keeps createUAC's credentials. */
    @Test
    void reinvitesInfoAndByeInsideTheDialogAuthenticateWithTheCallsCredentials() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        BlockingQueue<Dialog> dialogs = BasicCallTest.answering(bob);
        BlockingQueue<String> seen = queue();
        Dialog a = await(alice.createUAC(uri(bob, "bob"), UacOptions.create().localSdp(SDP_A)
                .auth(Credentials.of("alice", "secret"))));
        Dialog b = poll(dialogs);
        b.onModify((req, res) -> {
            if (challenge(req, res, seen) == null) res.send(200, null, null, SDP_B);
        });
        b.onInfo((req, res) -> {
            if (challenge(req, res, seen) == null) res.send(200);
        });
        long before = a.localCSeq();
        String offer = SDP_A.replace("1000 1000", "1000 1001");
        assertThat(await(a.modify(offer))).isEqualTo(SDP_B);
        assertThat(poll(seen)).isEqualTo("INVITE alice true");
        assertThat(a.localCSeq()).isEqualTo(before + 2); // the challenged attempt and its retry (§22.2)
        assertThat(b.remote().sdp()).isEqualTo(offer);
        assertThat(await(a.request("INFO", Map.of("Content-Type", "text/plain"), "hello")).status()).isEqualTo(200);
        assertThat(poll(seen)).isEqualTo("INFO alice true");
        // and the dialog still works after both: a re-INVITE that is not challenged any more
        b.onModify((req, res) -> res.send(200, null, null, SDP_B));
        assertThat(await(a.modify(SDP_A.replace("1000 1000", "1000 1002")))).isEqualTo(SDP_B);
        assertThat(a.connected()).isTrue();
    }
}
