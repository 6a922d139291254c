package io.sipflow.message;

import io.sipflow.message.header.Via;
import java.util.Objects;

/**
 * A SIP response (RFC 3261 §7.2): {@code SIP/2.0 SP Status-Code SP Reason-Phrase}.
 */
public final class SipResponse extends SipMessage {
    private int status;
    private String reason;

    SipResponse(int status, String reason, int capacity) {
        super(capacity);
        this.status = status;
        this.reason = reason;
    }

    /** A new response built in code; see {@link SipRequest#createResponse}. */
    public SipResponse(int status, String reason) {
        super(12);
        checkStatus(status);
        this.status = status;
        this.reason = sanitize(Objects.requireNonNull(reason));
        this.modified = true;
    }

    private static void checkStatus(int status) {
        if (status < 100 || status > 699) throw new IllegalArgumentException("status out of range: " + status);
    }

    private static String sanitize(String reason) {
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (c == '\r' || c == '\n') throw new IllegalArgumentException("reason phrase must not contain CR/LF");
        }
        return reason;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reason;
    }

    public SipResponse setStatus(int status, String reason) {
        checkStatus(status);
        this.status = status;
        this.reason = sanitize(reason == null ? SipStatus.reasonPhrase(status) : reason);
        this.modified = true;
        return this;
    }

    /** 1xx. */
    public boolean isProvisional() {
        return status < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 2xx–6xx. */
    public boolean isFinal() {
        return status >= 200;
    }

    /** The CSeq method (the method of the request this answers), or null when CSeq is absent. */
    @Override
    public String method() {
        var c = cseq();
        return c == null ? null : c.method();
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + status + " " + reason;
    }

    @Override
    void validateStartLine(Via topVia) {
        // Nothing beyond the common headers: §8.1.3.3 leaves Via checks to the transaction layer.
    }
}
