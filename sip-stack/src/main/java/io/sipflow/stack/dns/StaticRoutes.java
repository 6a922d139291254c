package io.sipflow.stack.dns;

import io.sipflow.stack.transport.Destination;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Configured next hops for particular hosts, which bypass DNS entirely (an operator's override,
 * e.g. a peer reached over a private link, or a domain with no or wrong DNS records).
 *
 * <p>Keys are hosts as they appear in URIs, compared case-insensitively (RFC 3261 §19.1.4) and
 * without a trailing dot; IPv6 hosts are written in brackets. The destinations are used in the
 * given order, as the failover list of RFC 3263 §4.3, with their own ports (a port in the URI does
 * not override them); the locator only drops those a sips: URI or a transport parameter rules out.
 */
public final class StaticRoutes {
    /** No static routes. */
    public static final StaticRoutes NONE = new StaticRoutes(Map.of());

    private final Map<String, List<Destination>> routes;

    private StaticRoutes(Map<String, List<Destination>> routes) {
        this.routes = routes;
    }

    /** Routes from host to destinations (each list non-empty). */
    public static StaticRoutes of(Map<String, List<Destination>> routes) {
        Map<String, List<Destination>> copy = new HashMap<>();
        routes.forEach((host, destinations) -> {
            if (destinations.isEmpty()) throw new IllegalArgumentException("no destinations for " + host);
            if (copy.put(normalize(host), List.copyOf(destinations)) != null) {
                throw new IllegalArgumentException("duplicate route for " + host);
            }
        });
        return new StaticRoutes(Map.copyOf(copy));
    }

    /** The configured destinations for the host, or null when DNS decides. */
    public List<Destination> lookup(String host) {
        return routes.isEmpty() ? null : routes.get(normalize(host));
    }

    public boolean isEmpty() {
        return routes.isEmpty();
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
