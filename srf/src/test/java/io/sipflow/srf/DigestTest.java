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
}
