package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.SipResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MiddlewareTest extends SrfTestBase {

    @Test
    void nothingAnsweredGets404() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        assertThat(await(alice.request(uri(bob, "bob"), "OPTIONS")).status()).isEqualTo(404);
        assertThat(await(alice.request(uri(bob, "bob"), "MESSAGE", Map.of("Content-Type", "text/plain"), "hi", null)).status())
                .isEqualTo(404);
    }

    @Test
    void aPrackNobodyHandledGets200() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        SipResponse r = await(alice.request(uri(bob, "bob"), "PRACK", RequestOptions.create().header("RAck", "1 1 INVITE")));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void aHandlerExceptionGets500AndASipErrorItsStatus() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        bob.options((req, res) -> {
            throw new IllegalStateException("boom");
        });
        bob.message((req, res) -> {
            throw new SipError(403, "Forbidden Here");
        });
        assertThat(await(alice.request(uri(bob, "bob"), "OPTIONS")).status()).isEqualTo(500);
        SipResponse r = await(alice.request(uri(bob, "bob"), "MESSAGE", Map.of("Content-Type", "text/plain"), "x", null));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reasonPhrase()).isEqualTo("Forbidden Here");
    }

    @Test
    void layersRunInOrderWithMethodFiltersAndErrorLayers() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        List<String> trace = new CopyOnWriteArrayList<>();
        bob.locals().put("greeting", "hello");
        bob.use((req, res, chain) -> {
            trace.add("all:" + req.method());
            req.set("X-Seen", "yes");
            chain.next();
        });
        bob.use("INVITE", (req, res, chain) -> trace.add("invite-only"));
        bob.use("OPTIONS", (req, res, chain) -> {
            trace.add("options:" + req.get("X-Seen") + ":" + req.srf().locals().get("greeting"));
            chain.next(new IllegalArgumentException("bad"));
        });
        bob.use((req, res, chain) -> trace.add("skipped"));
        bob.use((err, req, res, chain) -> {
            trace.add("error:" + err.getMessage());
            res.send(488, "Handled");
        });
        SipResponse r = await(alice.request(uri(bob, "bob"), "OPTIONS"));
        assertThat(r.status()).isEqualTo(488);
        assertThat(trace).containsExactly("all:OPTIONS", "options:yes:hello", "error:bad");
    }

    @Test
    void handlersMayBlock() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        bob.register((req, res) -> {
            Thread.sleep(200); // a blocking lookup, on a virtual thread
            res.send(200, Map.of("Expires", "3600"));
        });
        SipResponse r = await(alice.request(uri(bob, "bob"), "REGISTER", RequestOptions.create()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Expires")).isEqualTo("3600");
    }

    @Test
    void anUnknownDialogGets481() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        SipResponse r = await(alice.request(uri(bob, "bob"), "INFO",
                RequestOptions.create().header("To", "<" + uri(bob, "bob") + ">;tag=nosuch")));
        assertThat(r.status()).isEqualTo(481);
    }

    @Test
    void canFormDialogAndIdle() {
        Srf alice = srf("udp:127.0.0.1:0");
        Srf bob = srf("udp:127.0.0.1:0");
        assertThat(bob.idle()).isTrue();
        List<String> seen = new CopyOnWriteArrayList<>();
        bob.use((req, res, chain) -> {
            seen.add(req.method() + " " + req.canFormDialog());
            res.send(req.method().equals("INVITE") ? 486 : 200);
        });
        assertThat(await(alice.request(uri(bob, "bob"), "OPTIONS")).status()).isEqualTo(200);
        assertThat(await(alice.request(uri(bob, "bob"), "INVITE")).status()).isEqualTo(486);
        assertThat(seen).containsExactly("OPTIONS false", "INVITE true");
    }
}
