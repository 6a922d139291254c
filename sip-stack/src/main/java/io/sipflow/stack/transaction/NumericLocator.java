package io.sipflow.stack.transaction;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.dns.LocatorException;
import io.sipflow.stack.dns.ServerLocator;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ServerLocator} for numeric hosts only — no DNS, nothing configured: RFC 3263 §4.1
 * and §4.2 for an IP address (transport from the {@code transport} parameter, else TLS for
 * sips and UDP otherwise; port from the URI, else the transport's default; {@code maddr}
 * overrides the host, §19.1.1). The stack's default until a
 * {@link io.sipflow.stack.dns.DnsServerLocator} is configured.
 */
public final class NumericLocator implements ServerLocator {
    public static final NumericLocator INSTANCE = new NumericLocator();

    private NumericLocator() {}

    @Override
    public CompletableFuture<List<Destination>> locate(SipUri uri) {
        String host = uri.maddr() != null ? uri.maddr() : uri.host();
        Transport t = uri.transport() != null ? Transport.fromName(uri.transport()) : null;
        if (t == null) t = uri.isSecure() ? Transport.TLS : Transport.UDP;
        return at(host, uri.port(), t);
    }

    @Override
    public CompletableFuture<List<Destination>> locateForResponse(String sentByHost, int port, Transport transport) {
        return at(sentByHost, port, transport);
    }

    private static CompletableFuture<List<Destination>> at(String host, int port, Transport t) {
        InetAddress address = IpLiterals.parse(host);
        if (address == null) {
            return CompletableFuture.failedFuture(new LocatorException(LocatorException.Reason.INVALID_TARGET, host, null,
                    "not an IP address, and no DNS locator is configured"));
        }
        int p = port > 0 ? port : t.defaultPort();
        return CompletableFuture.completedFuture(List.of(new Destination(t, new InetSocketAddress(address, p))));
    }
}
