package io.sipflow.stack.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Host strings to absolute DNS names and back. SIP hosts are fully qualified (RFC 3261 §19.1.1
 * hostname), so no search list applies: "example.com" is queried as "example.com." only,
 * which also keeps lookups independent of the machine's resolv.conf.
 */
final class DnsNames {
    private DnsNames() {}

    /** The absolute name for a host, or {@link LocatorException.Reason#INVALID_TARGET}. */
    static Name toName(String host) throws LocatorException {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new LocatorException(LocatorException.Reason.INVALID_TARGET, host, null, e.getMessage(), e);
        }
    }

    /** The name as people write it: without the trailing root dot. */
    static String display(Name name) {
        return name.toString(true);
    }
}
