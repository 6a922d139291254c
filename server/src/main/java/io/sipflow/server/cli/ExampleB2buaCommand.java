package io.sipflow.server.cli;

import io.sipflow.examples.RoutingB2bua;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sipflow example b2bua}: the routing B2BUA (see {@link RoutingB2bua}). */
@Command(
        name = "b2bua",
        mixinStandardHelpOptions = true,
        description = {
            "A B2BUA built with createB2BUA: every INVITE is bridged to --target; provisional responses, failures,",
            "CANCEL, hold/unhold, UPDATE, INFO and BYE are relayed between the legs.",
            "Prints 'listening <transport> <host>:<port>' per listener when ready; stops on SIGTERM."
        })
final class ExampleB2buaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ExampleRuntime runtime;

    @Option(names = "--listen", required = true, paramLabel = "TRANSPORT:HOST:PORT",
            description = "A listener, e.g. udp:127.0.0.1:5080. Repeatable.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--target", required = true, paramLabel = "URI", description = "Where calls go, e.g. sip:127.0.0.1:5090.")
    String target;

    @Override
    public Integer call() throws Exception {
        if (runtime.start(spec, listen, "b2bua", srf -> new RoutingB2bua(srf, target)) == null) return 1;
        Lifecycle.runUntilSignalled();
        return 0;
    }
}
