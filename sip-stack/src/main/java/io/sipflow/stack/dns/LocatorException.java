package io.sipflow.stack.dns;

import java.util.Objects;

/**
 * Why server location failed (RFC 3263 §4), and for which name: a {@link ServerLocator} future
 * fails with this exception (possibly wrapped in a {@link java.util.concurrent.CompletionException}
 * by dependent stages).
 *
 * <p>The transaction layer maps it to a final response: RFC 3263 §4.3 has a request that cannot
 * be sent anywhere fail like a transport error, i.e. a locally generated 503 (RFC 3261 §8.1.3.1);
 * a proxy may prefer 404/604-like outcomes for {@link Reason#NXDOMAIN}.
 */
public final class LocatorException extends Exception {
    /** What went wrong. */
    public enum Reason {
        /** The name does not exist (RCODE 3, RFC 1035 §4.1.1; RFC 2308 §2.1). */
        NXDOMAIN,
        /** The name exists but has no usable record of the types asked for (NODATA, RFC 2308 §2.2). */
        NO_RECORDS,
        /** No DNS server answered within the configured timeout and retries. */
        TIMEOUT,
        /** A DNS server answered with an error (SERVFAIL, REFUSED...) or the exchange failed. */
        DNS_FAILURE,
        /** The URI asks for a transport this locator does not support, or sips: with an insecure one. */
        UNSUPPORTED_TRANSPORT,
        /** The host is neither an IP address nor a valid DNS name. */
        INVALID_TARGET
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String name;
    private final String recordType;

    /**
     * @param reason what went wrong
     * @param name the host or DNS name concerned (without trailing dot)
     * @param recordType the record type(s) asked for, e.g. {@code "A/AAAA"}, or null
     * @param detail extra human-readable detail, or null
     */
    public LocatorException(Reason reason, String name, String recordType, String detail) {
        super(message(reason, name, recordType, detail));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.name = name;
        this.recordType = recordType;
    }

    public LocatorException(Reason reason, String name, String recordType, String detail, Throwable cause) {
        this(reason, name, recordType, detail);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The host or DNS name concerned. */
    public String name() {
        return name;
    }

    /** The record type(s) asked for ({@code "NAPTR"}, {@code "SRV"}, {@code "A/AAAA"}...), or null. */
    public String recordType() {
        return recordType;
    }

    /** True when DNS positively said there is nothing (NXDOMAIN or NODATA), not a failure to ask. */
    public boolean isNegativeAnswer() {
        return reason == Reason.NXDOMAIN || reason == Reason.NO_RECORDS;
    }

    private static String message(Reason reason, String name, String recordType, String detail) {
        StringBuilder sb = new StringBuilder().append(reason).append(": ").append(name);
        if (recordType != null) sb.append(" (").append(recordType).append(')');
        if (detail != null) sb.append(": ").append(detail);
        return sb.toString();
    }
}
