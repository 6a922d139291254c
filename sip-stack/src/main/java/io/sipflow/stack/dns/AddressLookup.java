package io.sipflow.stack.dns;

import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The last step of RFC 3263 §4.2: the A and/or AAAA records of a host (a URI host with a port,
 * an SRV target, or the domain itself when there are no SRV records), as destinations.
 */
final class AddressLookup {
    private final DnsClient dns;
    private final AddressPreference preference;

    AddressLookup(DnsClient dns, AddressPreference preference) {
        this.dns = dns;
        this.preference = preference;
    }

    /**
     * The host's addresses in preference order; the families are asked for in parallel. Fails
     * with a {@link LocatorException} naming the host when it has none.
     */
    CompletableFuture<List<Destination>> destinations(Name host, Transport transport, int port, String serverName) {
        List<CompletableFuture<List<Destination>>> families = new ArrayList<>(2);
        for (int type : preference.queryTypes()) {
            families.add(dns.lookup(host, type).thenApply(answer -> {
                if (answer.isNegative()) throw new CompletionException(answer.toException(null));
                List<Destination> out = new ArrayList<>(answer.records().size());
                for (Record r : answer.records()) {
                    out.add(new Destination(transport, new InetSocketAddress(address(r), port), serverName));
                }
                return out;
            }));
        }
        return PartialResults.concat(families).handle((list, error) -> {
            if (error == null) return list;
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            // Both families came back negative: report it for the host, not per record type.
            if (cause instanceof LocatorException le && le.isNegativeAnswer()) {
                throw new CompletionException(new LocatorException(
                        le.reason(), DnsNames.display(host), preference.describe(), null));
            }
            throw new CompletionException(cause);
        });
    }

    private static InetAddress address(Record r) {
        if (r instanceof ARecord a) return a.getAddress();
        return ((AAAARecord) r).getAddress();
    }
}
