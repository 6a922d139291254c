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

    @Option(names = "--blocking", description = {
            "Run the blocking form of the handler: on a virtual thread, joining each step (srf's default mode).",
            "Without it the handler chains its steps and runs on the call's own thread (Handler.nonBlocking),",
            "which saves the thread wake-ups of the hand-offs: the fast form for an IVR front that only answers."})
    boolean blocking;

    @Option(names = "--no-ringing", description = {
            "Answer INVITE with 200 at once, without 180 Ringing (a caller that requires 100rel still gets",
            "its reliable 180 first)."})
    boolean noRinging;

    @Override
    public Integer call() throws Exception {
        Duration hangup = hangupAfter == null ? null : Duration.ofMillis((long) (hangupAfter * 1000));
        String media = ExampleRuntime.mediaAddress(listen);
        if (runtime.start(spec, listen, "uas", srf -> new AnsweringUas(srf, media, hangup, !blocking, !noRinging)) == null) return 1;
        Lifecycle.runUntilSignalled();
        return 0;
    }
}
