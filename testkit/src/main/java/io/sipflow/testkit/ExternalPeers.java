package io.sipflow.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need an external program (SIPp, sipsak, redis-server, Kamailio...).
 *
 * <p>On a developer's machine a missing program makes the test skip, with a loud message on
 * stderr saying what to install. When the environment variable {@code SIPFLOW_REQUIRE_PEERS=1}
 * is set (CI sets it), a missing program fails the test instead, so nothing is skipped silently.
 */
public final class ExternalPeers {
    /** The environment variable that turns a missing peer from a skip into a failure. */
    public static final String REQUIRE_ENV = "SIPFLOW_REQUIRE_PEERS";

    private ExternalPeers() {}

    /**
     * Returns the absolute path of {@code program}, or skips/fails the calling test.
     *
     * @param program the executable name as found on the PATH, e.g. {@code "sipp"}
     * @param debianPackage the Debian package that provides it, for the message
     */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "external peer '" + program + "' is not installed"
                + " (apt-get install -y " + debianPackage + ")";
        if (required()) {
            Assertions.fail(message + " and " + REQUIRE_ENV + "=1 forbids skipping");
        }
        System.err.println();
        System.err.println("*** SKIPPED: " + message + " ***");
        System.err.println();
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** True when missing peers must fail tests rather than skip them. */
    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /** Looks {@code program} up on the PATH (an absolute path is checked as is). */
    public static Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
