package io.sipflow.stack.dns;

import io.sipflow.stack.transport.Transport;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * How DNS names SIP services per transport: the NAPTR service field (RFC 3263 §4.1, RFC 7118
 * §5 for WebSocket) and the SRV owner-name prefix (RFC 3263 §4.1-4.2, RFC 2782).
 */
final class ServiceNames {
    private ServiceNames() {}

    /**
     * The transport a NAPTR service field stands for, or null for one we do not know (SCTP's
     * {@code SIP+D2S}, anything else). Compared case-insensitively, as DDDS services are
     * (RFC 3403 §4.1).
     */
    static Transport fromNaptrService(String service) {
        if (service == null) return null;
        return switch (service.toUpperCase(Locale.ROOT)) {
            case "SIP+D2U" -> Transport.UDP;
            case "SIP+D2T" -> Transport.TCP;
            case "SIPS+D2T" -> Transport.TLS;
            case "SIP+D2W" -> Transport.WS;
            case "SIPS+D2W" -> Transport.WSS;
            default -> null;
        };
    }

    /**
     * The SRV prefix for a transport. TLS and WSS use the {@code _sips} service whatever the URI
     * scheme (RFC 3263 §4.2: "_sips" for TLS), TCP the {@code _sip} one; WebSocket uses
     * {@code _ws} as protocol label (RFC 7118 §5).
     */
    static String srvPrefix(Transport transport) {
        return switch (transport) {
            case UDP -> "_sip._udp";
            case TCP -> "_sip._tcp";
            case TLS -> "_sips._tcp";
            case WS -> "_sip._ws";
            case WSS -> "_sips._ws";
        };
    }

    /** {@code _service._proto.domain} for the transport (RFC 2782). */
    static Name srvName(Transport transport, Name domain) throws LocatorException {
        try {
            return Name.fromString(srvPrefix(transport), domain);
        } catch (TextParseException e) {
            // Only a domain too long for the extra labels (255 octets, RFC 1035 §2.3.4) gets here.
            throw new LocatorException(LocatorException.Reason.INVALID_TARGET, DnsNames.display(domain), "SRV",
                    e.getMessage(), e);
        }
    }
}
