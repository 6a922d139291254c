package io.sipflow.srf;

import io.sipflow.message.SipResponse;
import io.sipflow.message.SipStatus;

/**
 * A SIP request ended with a failure final response (3xx–6xx), or an operation was refused
 * with a SIP status. {@link #response()} is the response received (null when the status was
 * produced locally, e.g. 487 for a call cancelled before it was answered by createUAS).
 * A middleware may also throw one: the request is then answered with its status.
 */
public class SipError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;
    private final transient SipResponse response;

    public SipError(int status, String reason) {
        this(status, reason, null);
    }

    public SipError(SipResponse response) {
        this(response.status(), response.reasonPhrase(), response);
    }

    public SipError(int status, String reason, SipResponse response) {
        super(status + " " + (reason == null ? SipStatus.reasonPhrase(status) : reason));
        this.status = status;
        this.reason = reason == null ? SipStatus.reasonPhrase(status) : reason;
        this.response = response;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The final response that caused the error, or null when it was produced locally. */
    public SipResponse response() {
        return response;
    }
}
