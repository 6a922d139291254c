package io.sipflow.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sipflow example}: the example applications of the srf API (module {@code examples}). */
@Command(
        name = "example",
        mixinStandardHelpOptions = true,
        description = "Example applications built on the srf API.",
        subcommands = {ExampleUasCommand.class, ExampleUacCommand.class, ExampleB2buaCommand.class,
            CommandLine.HelpCommand.class})
final class ExampleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
