package io.sipflow.stack.dns;

import io.sipflow.stack.dns.LocatorException.Reason;
import io.sipflow.stack.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport decisions of RFC 3263 §4.1 that need no DNS: the URI's {@code transport}
 * parameter, the default when the target is numeric or has a port, and which transports to
 * query SRV records for when there are no NAPTR records.
 */
final class TransportChoice {
    private TransportChoice() {}

    /**
     * The transport an explicit {@code transport=} parameter asks for, or null when there is none.
     *
     * <p>For a sips: URI the parameter names the transport under TLS (RFC 3261 §26.2.2, RFC 5630
     * §3.1): {@code tcp} (and the deprecated {@code tls}) mean TLS, {@code ws}/{@code wss} mean
     * WSS (RFC 7118 §5); {@code udp} has no secure form here and fails.
     */
    static Transport fromParam(String param, boolean secure, List<Transport> supported, String host)
            throws LocatorException {
        if (param == null) return null;
        Transport named = Transport.fromName(param);
        if (named == null) {
            throw new LocatorException(Reason.UNSUPPORTED_TRANSPORT, host, null, "transport=" + param);
        }
        Transport t = named;
        if (secure) {
            t = switch (named) {
                case TCP, TLS -> Transport.TLS;
                case WS, WSS -> Transport.WSS;
                case UDP -> null;
            };
            if (t == null) {
                throw new LocatorException(Reason.UNSUPPORTED_TRANSPORT, host, null,
                        "sips: URI with transport=" + param + " (no secure form)");
            }
        }
        if (!supported.contains(t)) {
            throw new LocatorException(Reason.UNSUPPORTED_TRANSPORT, host, null, t + " is not enabled");
        }
        return t;
    }

    /**
     * The transport when the URI names none and DNS does not choose: "UDP for a SIP URI, and TCP
     * for a SIPS URI" (RFC 3263 §4.1), i.e. TLS for sips:. A sip: URI falls back to TCP when UDP
     * is disabled, since every SIP element must support TCP too (RFC 3261 §18).
     */
    static Transport defaultFor(boolean secure, List<Transport> supported, String host) throws LocatorException {
        if (secure) {
            if (supported.contains(Transport.TLS)) return Transport.TLS;
        } else {
            if (supported.contains(Transport.UDP)) return Transport.UDP;
            if (supported.contains(Transport.TCP)) return Transport.TCP;
        }
        throw new LocatorException(Reason.UNSUPPORTED_TRANSPORT, host, null,
                "no default transport enabled for a " + (secure ? "sips" : "sip") + ": URI");
    }

    /**
     * The transports to try SRV records for when there are no NAPTR records, in the configured
     * preference order. "Queries are done using the service identifier "_sip" for SIP URIs and
     * "_sips" for SIPS URIs" (RFC 3263 §4.1): so TLS and WSS for sips:, the others for sip:.
     */
    static List<Transport> srvCandidates(boolean secure, List<Transport> supported) {
        List<Transport> out = new ArrayList<>(supported.size());
        for (Transport t : supported) {
            if (t.isSecure() == secure) out.add(t);
        }
        return out;
    }
}
