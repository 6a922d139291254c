package io.sipflow.stack.dns;

import io.sipflow.stack.transport.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;

/**
 * Picks the usable NAPTR records of a domain and orders them (RFC 3263 §4.1, RFC 3403 §4.1).
 */
final class NaptrSelector {
    private NaptrSelector() {}

    /** One usable NAPTR record: the transport it offers and the SRV name to look up next. */
    record Choice(Transport transport, Name srvName, int order, int preference) {}

    /**
     * The usable records, best first.
     *
     * <p>A record is usable when its service is one of ours and enabled, when it leads to SRV
     * records (flag "s", empty regexp and a replacement: the only form RFC 3263 §4.1 uses), and
     * for a sips: URI when the service is a SIPS one ("a client resolving a SIPS URI MUST discard
     * any services that do not contain "SIPS""). A sip: URI keeps SIPS services when TLS is
     * enabled ("SHOULD retain records with "SIPS" as the protocol").
     *
     * <p>Records are ordered by order, then preference. All usable records are kept, not only
     * those of the lowest order as RFC 3403's DDDS would stop at: RFC 3263 §4.1 treats order as
     * the server's transport preference (its example gives TLS, TCP and UDP different orders),
     * and the later ones are the failover targets of §4.3 once the preferred ones fail.
     */
    static List<Choice> select(List<NAPTRRecord> records, boolean secure, List<Transport> supported) {
        List<Choice> out = new ArrayList<>();
        for (NAPTRRecord r : records) {
            Transport t = ServiceNames.fromNaptrService(r.getService());
            if (t == null || !supported.contains(t)) continue;
            if (secure && !t.isSecure()) continue;
            if (!"s".equalsIgnoreCase(r.getFlags())) continue;
            if (!r.getRegexp().isEmpty() || r.getReplacement().equals(Name.root)) continue;
            out.add(new Choice(t, r.getReplacement(), r.getOrder(), r.getPreference()));
        }
        out.sort(Comparator.comparingInt(Choice::order).thenComparingInt(Choice::preference));
        return out;
    }
}
