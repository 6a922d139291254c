package io.sipflow.stack.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A listener: a transport bound to a local address, and the address it advertises in Via,
 * Contact and Record-Route (which differs behind NAT: an external address configured by the
 * operator).
 *
 * @param transport the transport
 * @param bindAddress the local socket address (port 0 = any free port, resolved on start)
 * @param advertisedHost the host to put in Via/Contact, or null to use the bound address
 * @param advertisedPort the port to advertise, or -1 to use the bound port
 */
public record ListenPoint(Transport transport, InetSocketAddress bindAddress, String advertisedHost, int advertisedPort) {
    public ListenPoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bindAddress, "bindAddress");
    }

    public static ListenPoint of(Transport transport, String host, int port) {
        return new ListenPoint(transport, new InetSocketAddress(host, port), null, -1);
    }

    /**
     * Parses {@code transport:host:port}, e.g. {@code udp:127.0.0.1:5080},
     * {@code tcp:[::1]:5080}, optionally followed by {@code ;advertise=host[:port]}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static ListenPoint parse(String spec) {
        String s = spec.trim();
        String adv = null;
        int semi = s.indexOf(";advertise=");
        if (semi >= 0) {
            adv = s.substring(semi + ";advertise=".length());
            s = s.substring(0, semi);
        }
        int colon = s.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("listen spec must be transport:host:port, got '" + spec + "'");
        Transport t = Transport.fromName(s.substring(0, colon));
        if (t == null) throw new IllegalArgumentException("unknown transport in '" + spec + "' (udp, tcp, tls, ws, wss)");
        HostPort hp = HostPort.parse(s.substring(colon + 1), t.defaultPort(), spec);
        String advHost = null;
        int advPort = -1;
        if (adv != null) {
            HostPort a = HostPort.parse(adv, -1, spec);
            advHost = a.host;
            advPort = a.port;
        }
        return new ListenPoint(t, new InetSocketAddress(hp.host, hp.port), advHost, advPort);
    }

    private record HostPort(String host, int port) {
        static HostPort parse(String s, int defaultPort, String spec) {
            String host;
            String rest;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) throw new IllegalArgumentException("unterminated IPv6 address in '" + spec + "'");
                host = s.substring(1, close);
                rest = s.substring(close + 1);
            } else {
                int c = s.lastIndexOf(':');
                host = c < 0 ? s : s.substring(0, c);
                rest = c < 0 ? "" : s.substring(c);
            }
            int port = defaultPort;
            if (rest.startsWith(":")) {
                try {
                    port = Integer.parseInt(rest.substring(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port in '" + spec + "'");
                }
                if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range in '" + spec + "'");
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("bad address in '" + spec + "'");
            }
            if (host.isEmpty()) throw new IllegalArgumentException("missing host in '" + spec + "'");
            return new HostPort(host, port);
        }
    }

    /** The host for Via sent-by / Contact: advertised, else the bound address (IPv6 in brackets). */
    public String viaHost() {
        if (advertisedHost != null) return bracket(advertisedHost);
        InetAddress a = bindAddress.getAddress();
        String h = a != null ? a.getHostAddress() : bindAddress.getHostString();
        int pct = h.indexOf('%');
        if (pct >= 0) h = h.substring(0, pct);
        return bracket(h);
    }

    /** The port for Via sent-by / Contact: advertised, else the bound port. */
    public int viaPort() {
        return advertisedPort > 0 ? advertisedPort : bindAddress.getPort();
    }

    public boolean isIpv6() {
        return bindAddress.getAddress() instanceof java.net.Inet6Address;
    }

    private static String bracket(String h) {
        return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    /** The same listener with the port actually bound (after binding port 0). */
    public ListenPoint withBoundPort(int port) {
        return new ListenPoint(transport, new InetSocketAddress(bindAddress.getAddress(), port), advertisedHost, advertisedPort);
    }

    /** {@code udp 127.0.0.1:5080}: the form printed when the listener is ready. */
    public String describe() {
        return transport.name().toLowerCase(Locale.ROOT) + " " + viaHost() + ":" + bindAddress.getPort();
    }
}
