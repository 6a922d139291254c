package io.sipflow.server.responder;

import io.sipflow.message.Header;
import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import io.sipflow.sdp.Codec;
import io.sipflow.sdp.Origin;
import io.sipflow.sdp.SdpAnswerer;
import io.sipflow.sdp.SdpNotAcceptableException;
import io.sipflow.sdp.SdpParseException;
import io.sipflow.sdp.SessionDescription;
import io.sipflow.stack.SipStack;
import io.sipflow.stack.transaction.RequestHandler;
import io.sipflow.stack.transaction.ServerTransaction;
import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal transaction-stateful UAS on the stack: the subject of the interop tests and the
 * benchmarks. INVITE → (100 by the stack) 180, 200 with an SDP answer; ACK absorbed; BYE,
 * OPTIONS, REGISTER, INFO, MESSAGE → 200; CANCEL per §9.2 (by the stack: 200 + 487); anything
 * else → 501 with Allow. It keeps no dialog state: a BYE is answered 200 whatever it names.
 *
 * <p>Non-blocking: it runs on the stack's shard threads.
 */
public final class Responder implements RequestHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    /** What the responder implements; the Allow header of 501 and OPTIONS answers. */
    public static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO, MESSAGE";

    private final ResponderOptions options;
    private final ScheduledExecutorService delays;
    private final Map<ListenPoint, SdpAnswerer> answerers = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong(System.currentTimeMillis() / 1000);
    private volatile SipStack stack;

    public Responder(ResponderOptions options) {
        this.options = options;
        this.delays = options.answerDelayMillis() > 0
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "responder-answer-delay");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /** The stack to send BYEs with (after an ACK timeout); set once the stack is built. */
    public void attach(SipStack stack) {
        this.stack = stack;
    }

    @Override
    public void onRequest(ServerTransaction tx) {
        switch (tx.method()) {
            case SipMethod.INVITE -> invite(tx);
            case SipMethod.BYE, SipMethod.INFO, SipMethod.MESSAGE -> tx.respond(200);
            case SipMethod.OPTIONS -> options(tx);
            case SipMethod.REGISTER -> register(tx);
            default -> {
                SipResponse r = tx.createResponse(501);
                r.setHeader("Allow", ALLOW);
                tx.respond(r);
            }
        }
    }

    private void invite(ServerTransaction tx) {
        SipRequest req = tx.request();
        MediaType ct = req.contentType();
        if (req.hasBody() && ct != null && !ct.is("application", "sdp")) {
            SipResponse r = tx.createResponse(415); // §21.4.13: say what we accept
            r.setHeader("Accept", "application/sdp");
            tx.respond(r);
            return;
        }
        byte[] sdp;
        try {
            sdp = answerFor(req, tx.flow());
        } catch (SdpParseException e) {
            tx.respond(tx.createResponse(400, "Malformed SDP"));
            return;
        } catch (SdpNotAcceptableException e) {
            SipResponse r = tx.createResponse(e.statusCode());
            r.setHeader("Warning", e.warningCode() + " " + tx.flow().listenPoint().viaHost() + " \"Incompatible media\"");
            tx.respond(r);
            return;
        }
        Address contact = contactFor(tx.flow());
        if (options.ringing()) {
            SipResponse ringing = tx.createResponse(180);
            ringing.set(Header.CONTACT, contact);
            tx.respond(ringing);
        }
        if (delays == null) {
            answer(tx, contact, sdp);
        } else {
            delays.schedule(() -> {
                if (!tx.isCancelled()) answer(tx, contact, sdp);
            }, options.answerDelayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void answer(ServerTransaction tx, Address contact, byte[] sdp) {
        SipResponse ok = tx.createResponse(200);
        ok.set(Header.CONTACT, contact);
        ok.setBody(sdp, MediaType.SDP);
        tx.respond(ok);
    }

    /** The SDP answer to the offer, or an offer of our own when the INVITE had none (late offer). */
    private byte[] answerFor(SipRequest req, Flow flow) throws SdpParseException, SdpNotAcceptableException {
        SdpAnswerer answerer = answerers.computeIfAbsent(flow.listenPoint(), this::answererFor);
        if (!req.hasBody()) {
            // No offer: the 200 carries ours and the answer comes in the ACK (§13.2.1), which we absorb.
            SessionDescription offer = SessionDescription.parse(lateOffer(flow.listenPoint()));
            return offer.toBytes();
        }
        SessionDescription offer = SessionDescription.parse(req.body());
        return answerer.answer(offer).toBytes();
    }

    private SdpAnswerer answererFor(ListenPoint lp) {
        String host = unbracket(lp.viaHost());
        return SdpAnswerer.builder()
                .origin(Origin.of("sipflow", sessionIds.incrementAndGet(), 1, host))
                .connectionAddress(host)
                .codecs("audio", Codec.PCMU, Codec.PCMA, Codec.G722, Codec.TELEPHONE_EVENT)
                .port("audio", 6000)
                .build();
    }

    private String lateOffer(ListenPoint lp) {
        String host = unbracket(lp.viaHost());
        String ipv = host.indexOf(':') >= 0 ? "IP6" : "IP4";
        return "v=0\r\no=sipflow " + sessionIds.incrementAndGet() + " 1 IN " + ipv + " " + host + "\r\n"
                + "s=-\r\nc=IN " + ipv + " " + host + "\r\nt=0 0\r\n"
                + "m=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Address contactFor(Flow flow) {
        ListenPoint lp = flow.listenPoint();
        SipUri uri = SipUri.of("sipflow", lp.viaHost(), lp.viaPort());
        if (lp.transport() != Transport.UDP) {
            uri = uri.withParam("transport", lp.transport().uriParam());
        }
        return Address.of(uri);
    }

    private void options(ServerTransaction tx) {
        SipResponse r = tx.createResponse(200);
        r.setHeader("Allow", ALLOW);
        r.setHeader("Accept", "application/sdp");
        tx.respond(r);
    }

    /**
     * Grants what was asked, up to the configured maximum, and echoes the Contacts with their
     * expiry (RFC 3261 §10.3 step 8) — without storing anything: this is not a registrar.
     */
    private void register(ServerTransaction tx) {
        SipRequest req = tx.request();
        Long expiresHeader = req.get(Header.EXPIRES);
        long asked = expiresHeader != null ? expiresHeader : options.maxRegisterExpires();
        SipResponse r = tx.createResponse(200);
        List<Address> granted = new ArrayList<>();
        long expires = Math.min(asked, options.maxRegisterExpires());
        for (Address c : req.contacts()) {
            if (c.isWildcard()) continue;
            long e = c.expires() >= 0 ? Math.min(c.expires(), options.maxRegisterExpires()) : expires;
            granted.add(c.withParam("expires", Long.toString(e)));
        }
        if (!granted.isEmpty()) r.setAll(Header.CONTACT, granted);
        r.set(Header.EXPIRES, expires);
        tx.respond(r);
    }

    /**
     * No ACK for our 2xx within 64·T1 (§13.3.1.4): end the session with a BYE built from the
     * dialog the INVITE and our 2xx established (§12.1.1 route set, remote target; §15).
     */
    @Override
    public void onAckTimeout(ServerTransaction tx, SipResponse response) {
        SipStack s = stack;
        if (s == null) return;
        SipRequest invite = tx.request();
        Address remoteContact = invite.contact();
        Uri target = remoteContact != null ? remoteContact.uri() : invite.from().uri();
        SipRequest bye = SipRequest.create(SipMethod.BYE, target, response.to(), invite.from(), invite.callId(),
                invite.cseq().seq() + 1, null);
        for (Address rr : invite.getAll(Header.RECORD_ROUTE)) bye.add(Header.ROUTE, rr);
        bye.setHeader("Reason", "SIP;cause=408;text=\"ACK timeout\"");
        bye.set(Header.CONTENT_LENGTH, 0);
        try {
            if (tx.flow().transport().isConnectionOriented() && tx.flow().isOpen()) {
                s.sendRequest(bye, tx.flow(), null);
            } else {
                s.sendRequest(bye, null);
            }
        } catch (RuntimeException e) {
            log.warn("could not send BYE after ACK timeout for {}: {}", invite.callId(), e.toString());
        }
    }

    @Override
    public void close() {
        if (delays != null) delays.shutdownNow();
    }
}
