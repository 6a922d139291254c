package io.sipflow.server.cli;

import picocli.CommandLine;

/** The version line of {@code sipflow --version}. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"sipflow " + (v == null ? "development build" : v) + " (Java " + Runtime.version() + ")"};
    }
}
