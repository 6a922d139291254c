package io.sipflow.stack.dns;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The outcome of one DNS question (name, type) as the locator uses it: the records, or a
 * negative answer (RFC 2308), with how long it may be cached.
 *
 * @param name the name asked for
 * @param type the record type asked for
 * @param kind records, NODATA or NXDOMAIN ({@link Kind#ALIAS} only inside {@link DnsClient})
 * @param records the records of {@code type}, after following CNAMEs; empty unless RECORDS
 * @param ttlSeconds how long the answer may be cached, 0 for not at all
 * @param aliasTarget for ALIAS, the CNAME target still to be asked for; null otherwise
 */
record DnsAnswer(Name name, int type, Kind kind, List<Record> records, long ttlSeconds, Name aliasTarget) {

    enum Kind {
        /** Records of the type asked for. */
        RECORDS,
        /** The name exists, but not with this type (RFC 2308 §2.2). */
        NODATA,
        /** The name does not exist (RFC 2308 §2.1). */
        NXDOMAIN,
        /** Only a CNAME chain came back, ending at a name the server did not answer for. */
        ALIAS
    }

    DnsAnswer {
        records = List.copyOf(records);
    }

    static DnsAnswer negative(Name name, int type, Kind kind, long ttlSeconds) {
        return new DnsAnswer(name, type, kind, List.of(), ttlSeconds, null);
    }

    boolean isNegative() {
        return kind == Kind.NODATA || kind == Kind.NXDOMAIN;
    }

    /** The records, typed; every record of an answer has the type asked for. */
    <T extends Record> List<T> records(Class<T> recordClass) {
        List<T> out = new ArrayList<>(records.size());
        for (Record r : records) out.add(recordClass.cast(r));
        return out;
    }

    /** This answer's content for another question, e.g. the alias that led to it. */
    DnsAnswer askedAs(Name askedName, long ttlCap) {
        return new DnsAnswer(askedName, type, kind, records, Math.min(ttlSeconds, ttlCap), null);
    }

    /** The exception a negative answer becomes when the locator needed records. */
    LocatorException toException(String recordType) {
        LocatorException.Reason reason =
                kind == Kind.NXDOMAIN ? LocatorException.Reason.NXDOMAIN : LocatorException.Reason.NO_RECORDS;
        return new LocatorException(reason, DnsNames.display(name),
                recordType != null ? recordType : Type.string(type), null);
    }
}
