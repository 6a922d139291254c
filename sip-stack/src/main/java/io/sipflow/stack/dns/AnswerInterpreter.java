package io.sipflow.stack.dns;

import io.sipflow.stack.dns.DnsAnswer.Kind;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reads a DNS response (parsed by dnsjava) into a {@link DnsAnswer}: follows the CNAME chain in
 * the answer section (RFC 1034 §3.6.2, §4.3.2), tells NXDOMAIN from NODATA and derives the
 * negative TTL from the SOA record (RFC 2308 §2, §5).
 */
final class AnswerInterpreter {
    /** A longer chain in one response is a loop or abuse (RFC 1034 §5.2.2 asks resolvers to bound it). */
    static final int MAX_CHAIN = 8;

    private AnswerInterpreter() {}

    static DnsAnswer interpret(Name qname, int qtype, Message response) throws LocatorException {
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new LocatorException(LocatorException.Reason.DNS_FAILURE, DnsNames.display(qname),
                    Type.string(qtype), "server answered " + Rcode.string(rcode));
        }
        List<Record> answers = response.getSection(Section.ANSWER);
        Name current = qname;
        long ttl = Long.MAX_VALUE;
        for (int hops = 0; hops <= MAX_CHAIN; hops++) {
            List<Record> found = new ArrayList<>();
            CNAMERecord alias = null;
            for (Record r : answers) {
                if (!r.getName().equals(current)) continue;
                if (r.getType() == qtype) found.add(r);
                else if (r.getType() == Type.CNAME && alias == null) alias = (CNAMERecord) r;
            }
            if (!found.isEmpty()) {
                for (Record r : found) ttl = Math.min(ttl, r.getTTL());
                return new DnsAnswer(qname, qtype, Kind.RECORDS, found, ttl, null);
            }
            if (alias == null) break;
            ttl = Math.min(ttl, alias.getTTL());
            current = alias.getTarget();
        }
        SOARecord soa = soa(response);
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.negative(qname, qtype, Kind.NXDOMAIN, Math.min(ttl, negativeTtl(soa)));
        }
        if (!current.equals(qname) && soa == null) {
            // A server that is not recursive for the target gave us only the alias: ask again.
            return new DnsAnswer(qname, qtype, Kind.ALIAS, List.of(), ttl, current);
        }
        return DnsAnswer.negative(qname, qtype, Kind.NODATA, Math.min(ttl, negativeTtl(soa)));
    }

    /**
     * RFC 2308 §5: a negative answer is cached for "the minimum of the MINIMUM field of the SOA
     * record and the TTL of the SOA itself"; without SOA it "SHOULD NOT be cached" (0).
     */
    static long negativeTtl(SOARecord soa) {
        if (soa == null) return 0;
        return Math.min(soa.getTTL(), soa.getMinimum());
    }

    private static SOARecord soa(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord s) return s;
        }
        return null;
    }
}
