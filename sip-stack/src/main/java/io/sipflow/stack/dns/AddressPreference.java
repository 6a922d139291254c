package io.sipflow.stack.dns;

import java.util.List;
import org.xbill.DNS.Type;

/**
 * Which address records to look up for a host and in what order its addresses are tried
 * (RFC 3263 §4.2 leaves A versus AAAA to the client).
 *
 * <p>The default is {@link #IPV4_FIRST}: with UDP a target that is unreachable only costs a
 * Timer B/F expiry (32 s, RFC 3261 §17.1) before failover, and IPv6 reachability is still the
 * less likely of the two on SIP networks. Deployments with working IPv6 pick {@link #IPV6_FIRST}.
 */
public enum AddressPreference {
    IPV4_FIRST(List.of(Type.A, Type.AAAA)),
    IPV6_FIRST(List.of(Type.AAAA, Type.A)),
    IPV4_ONLY(List.of(Type.A)),
    IPV6_ONLY(List.of(Type.AAAA));

    private final List<Integer> queryTypes;

    AddressPreference(List<Integer> queryTypes) {
        this.queryTypes = queryTypes;
    }

    /** The record types to query, in the order their addresses go into the target list. */
    List<Integer> queryTypes() {
        return queryTypes;
    }

    /** "A", "AAAA" or "A/AAAA", for error messages. */
    String describe() {
        return queryTypes.size() == 2 ? "A/AAAA" : Type.string(queryTypes.get(0));
    }
}
