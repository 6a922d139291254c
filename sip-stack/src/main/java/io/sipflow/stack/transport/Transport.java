package io.sipflow.stack.transport;

import java.util.Locale;

/**
 * The SIP transports (RFC 3261 §18; RFC 7118 for WebSocket). Reliable transports carry no
 * retransmissions (§17.1.1.2: Timer A/E/G only over unreliable transports).
 */
public enum Transport {
    UDP(false, false, 5060),
    TCP(true, false, 5060),
    TLS(true, true, 5061),
    WS(true, false, 80),
    WSS(true, true, 443);

    private final boolean reliable;
    private final boolean secure;
    private final int defaultPort;

    Transport(boolean reliable, boolean secure, int defaultPort) {
        this.reliable = reliable;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /** Stream or message-oriented with delivery guarantees: no SIP-level retransmission. */
    public boolean isReliable() {
        return reliable;
    }

    /** TLS underneath (sips: targets need one, §26.2.1). */
    public boolean isSecure() {
        return secure;
    }

    /** Connection-oriented: responses go back on the request's connection (§18.2.2). */
    public boolean isConnectionOriented() {
        return this != UDP;
    }

    /** The port used when a URI or Via has none (§19.1.2; RFC 7118 uses the HTTP ports). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The transport token in Via (§20.42): UDP, TCP, TLS, WS, WSS. */
    public String viaName() {
        return name();
    }

    /** The value of a URI {@code transport=} parameter (lower case). */
    public String uriParam() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From a Via transport token or URI transport parameter, any case; null when unknown. */
    public static Transport fromName(String name) {
        if (name == null) return null;
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "UDP" -> UDP;
            case "TCP" -> TCP;
            case "TLS" -> TLS;
            case "WS" -> WS;
            case "WSS" -> WSS;
            default -> null;
        };
    }
}
