package io.sipflow.stack.transaction;

import io.sipflow.message.uri.SipUri;
import io.sipflow.stack.transport.Destination;
import io.sipflow.stack.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The resolver used until DNS is plugged in: numeric hosts only (RFC 3263 §4.1–4.2 for an IP
 * address: transport from the {@code transport} parameter, else TLS for sips and UDP
 * otherwise; port from the URI, else the transport's default). {@code maddr} overrides the
 * host (§19.1.1).
 */
public final class NumericResolver implements NextHopResolver {
    public static final NumericResolver INSTANCE = new NumericResolver();

    private NumericResolver() {}

    @Override
    public CompletableFuture<List<Destination>> resolve(SipUri uri) {
        String host = uri.maddr() != null ? uri.maddr() : uri.host();
        InetAddress address = IpLiterals.parse(host);
        if (address == null) {
            return CompletableFuture.failedFuture(new UnknownHostException(host + ": no DNS resolver configured"));
        }
        Transport t = uri.transport() != null ? Transport.fromName(uri.transport()) : null;
        if (t == null) t = uri.isSecure() ? Transport.TLS : Transport.UDP;
        int port = uri.port() > 0 ? uri.port() : t.defaultPort();
        return CompletableFuture.completedFuture(List.of(new Destination(t, new InetSocketAddress(address, port))));
    }
}
