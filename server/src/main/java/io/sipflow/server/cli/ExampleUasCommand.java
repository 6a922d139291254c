package io.sipflow.server.cli;

import io.sipflow.examples.AnsweringUas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sipflow example uas}: the answering UAS (see {@link AnsweringUas}). */
@Command(
        name = "uas",
        mixinStandardHelpOptions = true,
        description = {
            "An answering UAS (the front of an IVR) built with createUAS: answers every INVITE with an SDP answer,",
            "reliable 180 when the caller requires 100rel, session timers when asked, hold/unhold, INFO, OPTIONS,",
            "REFER, BYE. Prints 'listening <transport> <host>:<port>' per listener when ready; stops on SIGTERM."
        })
final class ExampleUasCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ExampleRuntime runtime;

    @Option(names = "--listen", required = true, paramLabel = "TRANSPORT:HOST:PORT",
            description = "A listener, e.g. udp:127.0.0.1:5080 or tcp:127.0.0.1:5080. Repeatable.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--hangup-after", paramLabel = "SECONDS", description = "Hang up each call after this many seconds.")
    Double hangupAfter;

    @Option(names = "--non-blocking", description = "Run the handler non-blocking on the call's own thread (srf's opt-in mode, Handler.nonBlocking).")
    boolean nonBlocking;

    @Override
    public Integer call() throws Exception {
        Duration hangup = hangupAfter == null ? null : Duration.ofMillis((long) (hangupAfter * 1000));
        String media = ExampleRuntime.mediaAddress(listen);
        if (runtime.start(spec, listen, "uas", srf -> new AnsweringUas(srf, media, hangup, nonBlocking)) == null) return 1;
        Lifecycle.runUntilSignalled();
        return 0;
    }
}
