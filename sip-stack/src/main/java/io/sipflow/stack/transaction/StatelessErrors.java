package io.sipflow.stack.transaction;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipParseException;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;

/**
 * The answer to a request that failed to parse or validate: {@code e.statusCode()} with
 * {@code e.reasonPhrase()} (e.g. {@code 400 Malformed header: CSeq}, {@code 505 Version Not
 * Supported}), built per §8.2.6 from whatever the codec could frame. Header values are copied
 * as text, since the broken one may be among them; a To tag is added when the To parses.
 */
final class StatelessErrors {
    private StatelessErrors() {}

    /** The response, or null when there is nothing to answer (not a request, an ACK, headers missing). */
    static SipResponse build(SipParseException e) {
        SipMessage partial = e.partialMessage();
        if (!(partial instanceof SipRequest r) || SipMethod.ACK.equals(r.method())) return null;
        for (Header<?> h : new Header<?>[] {Header.VIA, Header.FROM, Header.TO, Header.CALL_ID, Header.CSEQ}) {
            if (!r.has(h)) return null;
        }
        SipResponse resp;
        try {
            resp = new SipResponse(e.statusCode(), e.reasonPhrase());
            resp.copyHeaders(r, Header.VIA);
            resp.copyHeaders(r, Header.FROM);
            Address to = parsedTo(r);
            if (to != null && to.tag() == null) resp.set(Header.TO, to.withTag(Tokens.tag()));
            else resp.copyHeaders(r, Header.TO);
            resp.copyHeaders(r, Header.CALL_ID);
            resp.copyHeaders(r, Header.CSEQ);
            resp.set(Header.CONTENT_LENGTH, 0);
        } catch (RuntimeException bad) {
            return null; // e.g. a value with bytes that cannot be re-sent
        }
        return resp;
    }

    private static Address parsedTo(SipRequest r) {
        try {
            return r.to();
        } catch (SipParseException e) {
            return null;
        }
    }
}
