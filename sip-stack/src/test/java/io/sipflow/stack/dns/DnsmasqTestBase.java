package io.sipflow.stack.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import io.sipflow.testkit.ExternalPeers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Runs a real dnsmasq for the test class (started before, killed after) and builds locators that
 * query it through a {@link CountingResolver}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class DnsmasqTestBase {
    static final String ZONE = "/dns/sipflow-test.conf";

    static Dnsmasq dnsmasq;

    /** The resolver of the last locator built by {@link #locator}, counting its queries. */
    CountingResolver resolver;
    final MutableClock clock = new MutableClock();

    @BeforeAll
    static void startDnsmasq() throws Exception {
        // Debian installs dnsmasq in /usr/sbin, which is not on every user's PATH.
        Path binary = ExternalPeers.find("dnsmasq")
                .or(() -> ExternalPeers.find("/usr/sbin/dnsmasq"))
                .orElseGet(() -> ExternalPeers.require("dnsmasq", "dnsmasq-base"));
        dnsmasq = Dnsmasq.start(binary, zoneFile());
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dnsmasq != null) {
            dnsmasq.close();
            dnsmasq = null;
        }
    }

    /** A builder wired to dnsmasq through a counting resolver, the test clock, and no randomness. */
    DnsServerLocator.Builder locator() {
        resolver = new CountingResolver(Resolvers.create(List.of(dnsmasq.address()), Duration.ofSeconds(2), 1));
        return DnsServerLocator.builder().resolver(resolver).clock(clock).random(new ScriptedRandom());
    }

    /** The future's targets; fails the test (with dnsmasq's query log) if it failed or hung. */
    static List<Destination> await(CompletableFuture<List<Destination>> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("locator failed: " + e.getCause() + "\n" + log(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("locator did not complete\n" + log(), e);
        }
    }

    /** The exception the future failed with. */
    static LocatorException failure(CompletableFuture<List<Destination>> future) {
        try {
            List<Destination> got = future.get(10, TimeUnit.SECONDS);
            return fail("expected a failure, got " + got);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(LocatorException.class);
            return (LocatorException) e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("locator did not complete\n" + log(), e);
        }
    }

    static Destination dest(Transport t, String ip, int port, String serverName) {
        return new Destination(t, new InetSocketAddress(HostLiteral.parse(ip), port), serverName);
    }

    static InetAddress ip(String literal) {
        return HostLiteral.parse(literal);
    }

    private static String log() {
        return dnsmasq == null ? "" : "dnsmasq log:\n" + dnsmasq.log();
    }

    private static Path zoneFile() throws URISyntaxException {
        return Path.of(DnsmasqTestBase.class.getResource(ZONE).toURI());
    }
}
