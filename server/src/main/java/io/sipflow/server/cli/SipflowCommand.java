package io.sipflow.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sipflow}: the command line of the project (see {@code bin/sipflow}). */
@Command(
        name = "sipflow",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "SIP application framework and server for Java.",
        subcommands = {ResponderCommand.class, CommandLine.HelpCommand.class})
public final class SipflowCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new SipflowCommand()).execute(args);
        if (code != 0 || !Lifecycle.keepsRunning()) System.exit(code);
    }
}
