package io.sipflow.server.cli;

import io.sipflow.examples.CallingUac;
import io.sipflow.examples.ClickToCall;
import io.sipflow.srf.Credentials;
import io.sipflow.srf.Srf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipflow example uac}: places calls (see {@link CallingUac}) or connects two parties (see {@link ClickToCall}). */
@Command(
        name = "uac",
        mixinStandardHelpOptions = true,
        description = {
            "Places calls with createUAC and hangs them up; --3pcc A B connects two endpoints click-to-call style",
            "(late offer). Prints a summary line 'calls N succeeded S failed F'; exits 0 when all calls succeeded."
        })
final class ExampleUacCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ExampleRuntime runtime;

    @Option(names = "--listen", paramLabel = "TRANSPORT:HOST:PORT", defaultValue = "udp:127.0.0.1:0",
            description = "The local listener. Default: ${DEFAULT-VALUE}.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--target", paramLabel = "URI", description = "Whom to call, e.g. sip:service@127.0.0.1:5080.")
    String target;

    @Option(names = "--3pcc", arity = "2", paramLabel = "URI", description = "Connect these two parties (A is called first).")
    List<String> thirdParty;

    @Option(names = "--calls", defaultValue = "1", description = "Number of calls. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--rate", defaultValue = "10", description = "Calls per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--hold-for", paramLabel = "SECONDS", defaultValue = "1", description = "Call duration. Default: ${DEFAULT-VALUE}.")
    double holdFor;

    @Option(names = "--user", description = "Digest user name for 401/407 challenges.")
    String user;

    @Option(names = "--password", description = "Digest password.")
    String password;

    @Override
    public Integer call() throws Exception {
        if ((target == null) == (thirdParty == null)) {
            throw new ParameterException(spec.commandLine(), "give either --target or --3pcc A B");
        }
        String media = ExampleRuntime.mediaAddress(listen);
        Srf srf = runtime.start(spec, listen, "uac", s -> {});
        if (srf == null) return 1;
        // SIGTERM mid-run: stop cleanly (status 0) like the long-running examples.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> Thread.startVirtualThread(() -> {
            Lifecycle.closeAll();
            System.exit(0);
        }));
        Duration hold = Duration.ofMillis((long) (holdFor * 1000));
        CallingUac.Summary summary;
        try {
            if (thirdParty != null) {
                boolean ok = new ClickToCall(srf).connect(thirdParty.get(0), thirdParty.get(1), hold);
                summary = new CallingUac.Summary(1, ok ? 1 : 0, ok ? 0 : 1);
            } else {
                Credentials c = user == null ? null : Credentials.of(user, password == null ? "" : password);
                summary = new CallingUac(srf, media, c).run(target, calls, rate, hold);
            }
        } finally {
            Lifecycle.closeAll();
        }
        System.out.println(summary.line());
        System.out.flush();
        return summary.failed() == 0 ? 0 : 1;
    }
}
