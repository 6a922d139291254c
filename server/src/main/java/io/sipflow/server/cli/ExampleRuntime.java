package io.sipflow.server.cli;

import io.sipflow.examples.ExampleSrf;
import io.sipflow.srf.Srf;
import io.sipflow.stack.transport.ListenPoint;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What every {@code sipflow example} command shares: its Srf, started, with the listeners printed. */
final class ExampleRuntime {
    @Option(names = "--t1", paramLabel = "MS", defaultValue = "500", description = "RFC 3261 T1 in ms. Default: ${DEFAULT-VALUE}.")
    long t1;

    @Option(names = "--min-se", paramLabel = "SECONDS", defaultValue = "90",
            description = "RFC 4028 Min-SE: the shortest session interval accepted. Default: ${DEFAULT-VALUE}.")
    long minSe;

    @Option(names = "--max-transactions", paramLabel = "N", defaultValue = "0",
            description = "Bound on live SIP transactions; beyond it new requests get 503 (0 = the stack's default, 65536).")
    int maxTransactions;

    /**
     * Builds the Srf, lets {@code install} add the application, starts it and prints
     * {@code listening <transport> <addr>:<port>} per listener; null (after a message) when it cannot start.
     */
    Srf start(CommandSpec spec, List<String> listen, String name, Consumer<Srf> install) {
        Srf srf;
        try {
            for (String l : listen) ListenPoint.parse(l);
            srf = ExampleSrf.build(listen, "sipflow-example-" + name, t1, minSe, maxTransactions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        install.accept(srf);
        Lifecycle.register(srf);
        List<ListenPoint> bound;
        try {
            bound = srf.start().join();
        } catch (RuntimeException e) {
            Lifecycle.closeAll();
            Throwable t = e;
            while (t.getCause() != null) t = t.getCause();
            System.err.println("sipflow example " + name + ": cannot start: " + (t.getMessage() == null ? t : t.getMessage()));
            return null;
        }
        for (ListenPoint lp : bound) System.out.println("listening " + lp.describe());
        System.out.flush();
        return srf;
    }

    /** The address the example advertises for its (pretend) media: the first listener's. */
    static String mediaAddress(List<String> listen) {
        String host = ListenPoint.parse(listen.get(0)).viaHost();
        return host.equals("0.0.0.0") || host.contains(":") ? "127.0.0.1" : host;
    }
}
