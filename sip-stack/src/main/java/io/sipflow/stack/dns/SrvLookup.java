package io.sipflow.stack.dns;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * RFC 3263 §4.2 with SRV: the SRV records of one service name, ordered per RFC 2782, each target
 * expanded into its addresses with the port from the SRV record.
 */
final class SrvLookup {
    private final DnsClient dns;
    private final AddressLookup addresses;
    private final RandomGenerator random;

    SrvLookup(DnsClient dns, AddressLookup addresses, RandomGenerator random) {
        this.dns = dns;
        this.addresses = addresses;
        this.random = random;
    }

    /**
     * The destinations behind {@code srvName}, in RFC 2782 order; an empty list when there are no
     * SRV records (the caller falls back, RFC 3263 §4.1-4.2). The targets' addresses are looked
     * up in parallel; a target without addresses is skipped.
     *
     * @param serverName the name TLS certificates are checked against (RFC 5922 §4: the domain
     *     from the URI, not the SRV target)
     */
    CompletableFuture<List<Destination>> destinations(Name srvName, Transport transport, String serverName) {
        return dns.lookup(srvName, Type.SRV).thenCompose(answer -> {
            if (answer.isNegative()) return CompletableFuture.completedFuture(List.<Destination>of());
            List<SRVRecord> ordered = SrvOrdering.order(answer.records(SRVRecord.class), random);
            if (ordered.isEmpty()) return CompletableFuture.completedFuture(List.<Destination>of());
            List<CompletableFuture<List<Destination>>> parts = new ArrayList<>(ordered.size());
            for (SRVRecord r : ordered) {
                parts.add(addresses.destinations(r.getTarget(), transport, r.getPort(), serverName));
            }
            return PartialResults.concat(parts);
        });
    }
}
