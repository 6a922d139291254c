package io.sipflow.stack.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/**
 * Builds the dnsjava resolver the locator queries through: the given DNS servers, or the
 * system's (resolv.conf and the like, via dnsjava's {@link ResolverConfig}) when none are given.
 */
final class Resolvers {
    /** The standard DNS port (RFC 1035 §4.2). */
    static final int DNS_PORT = 53;

    private Resolvers() {}

    /**
     * One {@link SimpleResolver} per server inside an {@link ExtendedResolver}, which tries them
     * in turn (RFC 1035 §7.2 asks resolvers to try several servers).
     *
     * @param timeout how long to wait for each attempt
     * @param retries how many times to re-ask a server after its first attempt timed out
     */
    static Resolver create(List<InetSocketAddress> servers, Duration timeout, int retries) {
        List<InetSocketAddress> targets = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
        List<Resolver> each = new ArrayList<>(targets.size());
        for (InetSocketAddress server : targets) {
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(timeout);
            each.add(r);
        }
        ExtendedResolver resolver = new ExtendedResolver(each);
        // ExtendedResolver counts the first attempt among its "retries".
        resolver.setRetries(retries + 1);
        // Its own deadline would cut the attempts short; let every attempt run to its timeout.
        resolver.setTimeout(timeout.multipliedBy((retries + 1L) * Math.max(1, each.size()) + 1));
        return resolver;
    }

    /**
     * A server given as {@code ip}, {@code ip:port}, {@code [ipv6]} or {@code [ipv6]:port}
     * (port 53 when absent). Only IP addresses: looking up a name here would block.
     */
    static InetSocketAddress parseServer(String text) {
        String host = text.strip();
        int port = DNS_PORT;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("bad DNS server: " + text);
            if (close + 1 < host.length()) {
                if (host.charAt(close + 1) != ':') throw new IllegalArgumentException("bad DNS server: " + text);
                port = parsePort(host.substring(close + 2), text);
            }
            host = host.substring(0, close + 1);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            int colon = host.indexOf(':');
            port = parsePort(host.substring(colon + 1), text);
            host = host.substring(0, colon);
        }
        InetAddress address = HostLiteral.parse(host);
        if (address == null) throw new IllegalArgumentException("DNS server must be an IP address: " + text);
        return new InetSocketAddress(address, port);
    }

    private static int parsePort(String s, String text) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException("bad DNS server port: " + text);
    }
}
