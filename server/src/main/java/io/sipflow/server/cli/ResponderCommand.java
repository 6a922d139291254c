package io.sipflow.server.cli;

import io.sipflow.server.responder.ResponderOptions;
import io.sipflow.server.responder.ResponderServer;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipflow responder}: a transaction-stateful UAS on the stack (see
 * {@link io.sipflow.server.responder.Responder}, built by {@link ResponderServer}),
 * the subject of the interop tests and benchmarks.
 */
@Command(
        name = "responder",
        mixinStandardHelpOptions = true,
        description = {
            "A minimal transaction-stateful UAS: INVITE -> 180, 200 with an SDP answer; ACK absorbed;",
            "BYE, OPTIONS, REGISTER, INFO, MESSAGE -> 200; CANCEL per RFC 3261 9.2; anything else -> 501.",
            "Prints 'listening <transport> <host>:<port>' per listener when ready; stops on SIGTERM."
        })
final class ResponderCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "TRANSPORT:HOST:PORT",
            description = "A listener, e.g. udp:127.0.0.1:5080, tcp:[::1]:5080, tls:0.0.0.0:5061, ws:127.0.0.1:8080; "
                    + "append ;advertise=HOST[:PORT] for the address to put in Via/Contact behind NAT. Repeatable.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM) for tls/wss listeners.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (PKCS#8 PEM) for tls/wss listeners.")
    Path tlsKey;

    @Option(names = "--no-ringing", description = "Answer INVITE with 200 at once, without 180 Ringing.")
    boolean noRinging;

    @Option(names = "--answer-delay", paramLabel = "MS", defaultValue = "0",
            description = "Milliseconds between 180 and 200 (a CANCEL meanwhile ends the call with 487). Default: ${DEFAULT-VALUE}.")
    long answerDelay;

    @Option(names = "--trying-at-once", description = "Send 100 Trying as soon as an INVITE arrives (default: after 200 ms unless answered).")
    boolean tryingAtOnce;

    @Option(names = "--t1", paramLabel = "MS", defaultValue = "500", description = "RFC 3261 T1 in ms. Default: ${DEFAULT-VALUE}.")
    long t1;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0", description = "Event-loop threads (0 = half the cores, at least 1).")
    int ioThreads;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "0", description = "Dedicated transaction threads (0 = run transactions on the event loops).")
    int shards;

    @Option(names = "--max-transactions", paramLabel = "N", defaultValue = "0",
            description = "Live transactions before new requests are answered 503 (0 = the stack's default). "
                    + "Over UDP a call holds two for 64*T1 after its answers (Timers L and J).")
    int maxTransactions;

    @Option(names = "--no-answer", hidden = true,
            description = "Benchmarks only: never answer an INVITE (its transaction stays in Proceeding).")
    boolean noAnswer;

    @Override
    public Integer call() throws Exception {
        List<ListenPoint> points = new ArrayList<>();
        for (String spec1 : listen) {
            try {
                points.add(ListenPoint.parse(spec1));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        boolean needsTls = points.stream().anyMatch(p -> p.transport().isSecure());
        if (needsTls && (tlsCert == null || tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "tls and wss listeners need --tls-cert and --tls-key");
        }
        ResponderServer.Builder builder = ResponderServer.builder()
                .listen(points.toArray(ListenPoint[]::new))
                .options(new ResponderOptions(!noRinging, answerDelay, 3600))
                .t1(t1)
                .tryingAtOnce(tryingAtOnce)
                .ioThreads(ioThreads)
                .shards(shards)
                .maxTransactions(maxTransactions)
                .noAnswer(noAnswer);
        if (tlsCert != null && tlsKey != null) builder.tls(TlsConfig.of(tlsCert, tlsKey));
        ResponderServer server;
        try {
            server = builder.start();
        } catch (RuntimeException e) {
            System.err.println("sipflow responder: cannot start: " + rootMessage(e));
            return 1;
        }
        Lifecycle.register(server);
        List<ListenPoint> bound = server.listenPoints();
        for (ListenPoint lp : bound) System.out.println("listening " + lp.describe());
        System.out.flush();
        Lifecycle.runUntilSignalled();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
