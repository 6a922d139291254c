package io.sipflow.stack.dns;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.dns.LocatorException.Reason;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

/**
 * The RFC 3263 server locator: static routes, then numeric hosts, then NAPTR, SRV and A/AAAA
 * records looked up asynchronously through dnsjava, with a TTL cache.
 *
 * <p>For {@code locate(uri)} the TARGET is the {@code maddr} parameter if present, else the host
 * (RFC 3263 §4). In order:
 * <ol>
 *   <li>a static route for TARGET gives the destinations as configured (secure ones only for
 *       sips:, and only those of the {@code transport} parameter's transport if there is one);
 *   <li>the transport is the {@code transport} parameter's if there is one (§4.1);
 *   <li>a numeric TARGET is used as is, with the URI's port or the transport's default (§4.2),
 *       UDP (TLS for sips:) when no transport was given (§4.1);
 *   <li>a TARGET with a port: its A/AAAA records, with that port (§4.2);
 *   <li>a transport parameter without port: that transport's SRV records, else A/AAAA (§4.2);
 *   <li>otherwise NAPTR (§4.1), whose usable records lead to SRV records; if that yields nothing,
 *       the SRV records of each enabled transport; if that yields nothing, A/AAAA with UDP (TLS
 *       for sips:) and its default port (§4.2).
 * </ol>
 * The lists of several NAPTR records, SRV targets and addresses are concatenated in that order
 * and without duplicates: together they are the failover list of §4.3.
 */
public final class DnsServerLocator implements ServerLocator {
    private final List<Transport> transports;
    private final StaticRoutes staticRoutes;
    private final DnsClient dns;
    private final DnsCache cache;
    private final AddressLookup addresses;
    private final SrvLookup srv;

    private DnsServerLocator(Builder b) {
        this.transports = List.copyOf(b.transports);
        this.staticRoutes = b.staticRoutes;
        Resolver resolver = b.resolver != null ? b.resolver : Resolvers.create(b.servers, b.timeout, b.retries);
        this.cache = new DnsCache(b.cacheSize, b.maxTtl, b.maxNegativeTtl, b.clock);
        this.dns = new DnsClient(resolver, cache, b.executor);
        this.addresses = new AddressLookup(dns, b.addressPreference);
        this.srv = new SrvLookup(dns, addresses, b.random);
    }

    /** A locator with the defaults: system DNS servers, UDP/TCP/TLS, IPv4 first. */
    public static DnsServerLocator create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletableFuture<List<Destination>> locate(SipUri uri) {
        try {
            return locateTarget(uri);
        } catch (LocatorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<List<Destination>> locateTarget(SipUri uri) throws LocatorException {
        boolean secure = uri.isSecure();
        String target = uri.maddr() != null && !uri.maddr().isEmpty() ? uri.maddr() : uri.host();
        Transport explicit = TransportChoice.fromParam(uri.transport(), secure, transports, target);
        List<Destination> routed = staticRoutes.lookup(target);
        if (routed != null) return CompletableFuture.completedFuture(filterRoute(routed, secure, explicit, target));

        int port = uri.port();
        InetAddress numeric = HostLiteral.parse(target);
        if (numeric != null) {
            Transport t = explicit != null ? explicit : TransportChoice.defaultFor(secure, transports, target);
            return CompletableFuture.completedFuture(List.of(numericDestination(numeric, t, port)));
        }
        Name name = DnsNames.toName(target);
        String serverName = DnsNames.display(name);
        if (port > 0) {
            Transport t = explicit != null ? explicit : TransportChoice.defaultFor(secure, transports, target);
            return addresses.destinations(name, t, port, serverName);
        }
        if (explicit != null) {
            return orElse(srv.destinations(ServiceNames.srvName(explicit, name), explicit, serverName),
                    () -> addresses.destinations(name, explicit, explicit.defaultPort(), serverName));
        }
        return dns.lookup(name, Type.NAPTR).thenCompose(naptr -> {
            // RFC 8020: below a name that does not exist nothing exists, so no SRV or A either.
            if (naptr.kind() == DnsAnswer.Kind.NXDOMAIN) {
                return CompletableFuture.<List<Destination>>failedFuture(naptr.toException("NAPTR"));
            }
            return orElse(orElse(viaNaptr(naptr, secure, serverName),
                            () -> viaSrv(name, TransportChoice.srvCandidates(secure, transports), serverName)),
                    () -> viaAddressOnly(name, secure, serverName));
        });
    }

    @Override
    public CompletableFuture<List<Destination>> locateForResponse(String sentByHost, int port, Transport transport) {
        Objects.requireNonNull(transport, "transport");
        try {
            InetAddress numeric = HostLiteral.parse(sentByHost);
            if (numeric != null) return CompletableFuture.completedFuture(List.of(numericDestination(numeric, transport, port)));
            Name name = DnsNames.toName(sentByHost);
            String serverName = DnsNames.display(name);
            // RFC 3263 §5: with a port, the A/AAAA records; without, SRV for the Via transport
            // first, then A/AAAA with its default port. The transport is the request's, so it is
            // used even if not enabled for outgoing requests.
            if (port > 0) return addresses.destinations(name, transport, port, serverName);
            return orElse(srv.destinations(ServiceNames.srvName(transport, name), transport, serverName),
                    () -> addresses.destinations(name, transport, transport.defaultPort(), serverName));
        } catch (LocatorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Forgets every cached DNS answer (e.g. after the operator fixed a zone). */
    public void clearCache() {
        cache.clear();
    }

    /**
     * §4.1 NAPTR step: the usable records' SRV names, each expanded in parallel; empty when the
     * domain has no usable NAPTR records or none of them leads anywhere.
     */
    private CompletableFuture<List<Destination>> viaNaptr(DnsAnswer naptr, boolean secure, String serverName) {
        if (naptr.isNegative()) return CompletableFuture.completedFuture(List.of());
        List<NaptrSelector.Choice> choices = NaptrSelector.select(naptr.records(NAPTRRecord.class), secure, transports);
        List<CompletableFuture<List<Destination>>> parts = new ArrayList<>(choices.size());
        for (NaptrSelector.Choice c : choices) {
            parts.add(srv.destinations(c.srvName(), c.transport(), serverName));
        }
        return PartialResults.concat(parts);
    }

    /** §4.1 without NAPTR: the SRV records of each enabled transport, in preference order. */
    private CompletableFuture<List<Destination>> viaSrv(Name name, List<Transport> candidates, String serverName) {
        List<CompletableFuture<List<Destination>>> parts = new ArrayList<>(candidates.size());
        for (Transport t : candidates) {
            try {
                parts.add(srv.destinations(ServiceNames.srvName(t, name), t, serverName));
            } catch (LocatorException e) {
                parts.add(CompletableFuture.failedFuture(e));
            }
        }
        return PartialResults.concat(parts);
    }

    /** §4.2 without SRV records: the domain's A/AAAA records, UDP (TLS for sips:), default port. */
    private CompletableFuture<List<Destination>> viaAddressOnly(Name name, boolean secure, String serverName) {
        try {
            Transport t = TransportChoice.defaultFor(secure, transports, serverName);
            return addresses.destinations(name, t, t.defaultPort(), serverName);
        } catch (LocatorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The step's result, or when it found nothing (an empty list or a negative answer) the next
     * step's. Timeouts and server failures are not "nothing": they fail the lookup, since going on
     * would only hide the real problem behind more timeouts.
     */
    private static CompletableFuture<List<Destination>> orElse(
            CompletableFuture<List<Destination>> step, Supplier<CompletableFuture<List<Destination>>> next) {
        return step.handle((list, error) -> {
            if (error == null) return list.isEmpty() ? next.get() : CompletableFuture.completedFuture(list);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof LocatorException le && le.isNegativeAnswer()) return next.get();
            return CompletableFuture.<List<Destination>>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private static Destination numericDestination(InetAddress address, Transport t, int port) {
        return new Destination(t, new InetSocketAddress(address, port > 0 ? port : t.defaultPort()), null);
    }

    /** A static route as the URI allows it: secure destinations for sips:, the asked transport. */
    private static List<Destination> filterRoute(List<Destination> routed, boolean secure, Transport explicit, String host)
            throws LocatorException {
        List<Destination> out = new ArrayList<>(routed.size());
        for (Destination d : routed) {
            if (secure && !d.transport().isSecure()) continue; // RFC 3261 §26.2.2: sips: only over TLS
            if (explicit != null && d.transport() != explicit) continue;
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new LocatorException(Reason.UNSUPPORTED_TRANSPORT, host, null,
                    "no static route with a " + (explicit != null ? explicit.toString() : "secure") + " transport");
        }
        return List.copyOf(out);
    }

    /** Settings of a {@link DnsServerLocator}; every one has a default. */
    public static final class Builder {
        private List<Transport> transports = List.of(Transport.UDP, Transport.TCP, Transport.TLS);
        private AddressPreference addressPreference = AddressPreference.IPV4_FIRST;
        private List<InetSocketAddress> servers = List.of();
        private Duration timeout = Duration.ofSeconds(2);
        private int retries = 2;
        private Resolver resolver;
        private int cacheSize = 10_000;
        private Duration maxTtl = Duration.ofHours(1);
        private Duration maxNegativeTtl = Duration.ofMinutes(1);
        private StaticRoutes staticRoutes = StaticRoutes.NONE;
        private RandomGenerator random = new Random();
        private Clock clock = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();

        private Builder() {}

        /**
         * The transports this element can use, in order of preference where DNS leaves the choice
         * to the client (SRV without NAPTR, RFC 3263 §4.1). Default UDP, TCP, TLS; WS and WSS
         * (RFC 7118) only when added here.
         */
        public Builder transports(Transport... transports) {
            List<Transport> list = List.of(transports);
            if (list.isEmpty()) throw new IllegalArgumentException("no transports");
            if (EnumSet.copyOf(list).size() != list.size()) throw new IllegalArgumentException("duplicate transport");
            this.transports = list;
            return this;
        }

        /** A versus AAAA records; default {@link AddressPreference#IPV4_FIRST}. */
        public Builder addressPreference(AddressPreference preference) {
            this.addressPreference = Objects.requireNonNull(preference);
            return this;
        }

        /** The DNS servers to ask, in order; default (none given) the system's. */
        public Builder servers(List<InetSocketAddress> servers) {
            this.servers = List.copyOf(servers);
            return this;
        }

        /** DNS servers as {@code ip}, {@code ip:port} or {@code [ipv6]:port} strings, e.g. from config. */
        public Builder servers(String... servers) {
            List<InetSocketAddress> list = new ArrayList<>(servers.length);
            for (String s : servers) list.add(Resolvers.parseServer(s));
            this.servers = List.copyOf(list);
            return this;
        }

        /** How long to wait for one DNS server's answer to one query; default 2 s. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
            this.timeout = timeout;
            return this;
        }

        /** How often to re-send a query to a server that did not answer; default 2. */
        public Builder retries(int retries) {
            if (retries < 0) throw new IllegalArgumentException("retries < 0");
            this.retries = retries;
            return this;
        }

        /**
         * A dnsjava resolver to query through instead of one built from servers, timeout and
         * retries (which are then ignored): e.g. DNS over HTTPS, or a wrapper that observes.
         */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /** At most this many DNS answers are cached (least recently used go first); default 10000. */
        public Builder cacheSize(int entries) {
            if (entries < 0) throw new IllegalArgumentException("cacheSize < 0");
            this.cacheSize = entries;
            return this;
        }

        /** Positive answers are cached for their TTL but at most this long; default 1 h. */
        public Builder maxTtl(Duration maxTtl) {
            if (maxTtl.isNegative()) throw new IllegalArgumentException("maxTtl < 0");
            this.maxTtl = maxTtl;
            return this;
        }

        /**
         * Negative answers are cached for the SOA-derived TTL (RFC 2308 §5) but at most this long;
         * default 1 min, so that a newly provisioned domain is found soon.
         */
        public Builder maxNegativeTtl(Duration maxNegativeTtl) {
            if (maxNegativeTtl.isNegative()) throw new IllegalArgumentException("maxNegativeTtl < 0");
            this.maxNegativeTtl = maxNegativeTtl;
            return this;
        }

        /** Hosts whose destinations are configured rather than looked up. */
        public Builder staticRoutes(StaticRoutes routes) {
            this.staticRoutes = Objects.requireNonNull(routes);
            return this;
        }

        /**
         * The randomness of the SRV weighted selection (RFC 2782); tests pass a fixed one. Used
         * from several threads, so it must be thread-safe, as {@link Random} is.
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The clock cache expiry is measured with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Where dnsjava completes query futures, and so where the locator's futures complete
         * when DNS had to be asked; default the common fork-join pool, never an I/O thread.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * The locator. Without servers or resolver this reads the system's resolver configuration
         * (a file read): build locators at startup, not on an I/O thread.
         */
        public DnsServerLocator build() {
            return new DnsServerLocator(this);
        }
    }
}
