package io.sipflow.message;

/**
 * The request methods sipflow knows by name (RFC 3261 §7.1, and RFC 3262 PRACK, RFC 3265/6665
 * SUBSCRIBE/NOTIFY, RFC 3903 PUBLISH, RFC 6086 INFO, RFC 3515 REFER, RFC 3428 MESSAGE,
 * RFC 3311 UPDATE). Methods are case-sensitive tokens; any other token is a valid
 * extension method, kept as a plain string.
 */
public final class SipMethod {
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String PRACK = "PRACK";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String PUBLISH = "PUBLISH";
    public static final String INFO = "INFO";
    public static final String REFER = "REFER";
    public static final String MESSAGE = "MESSAGE";
    public static final String UPDATE = "UPDATE";

    private SipMethod() {}
}
