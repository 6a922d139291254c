package io.sipflow.examples;

import io.sipflow.srf.B2bua;
import io.sipflow.srf.B2buaOptions;
import io.sipflow.srf.SipError;
import io.sipflow.srf.Srf;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A B2BUA built with {@link Srf#createB2BUA}: every INVITE is bridged to one target. Ringing
 * and early media (18x, with SDP, reliably when both sides use 100rel) and failures are relayed
 * to the caller, a CANCEL is passed on with its Reason, and once connected hold/unhold
 * (re-INVITE, UPDATE), INFO and BYE cross between the legs.
 */
public final class RoutingB2bua {
    private static final Logger log = LoggerFactory.getLogger(RoutingB2bua.class);

    private final AtomicLong bridged = new AtomicLong();

    public RoutingB2bua(Srf srf, String target) {
        srf.invite((req, res) -> {
            B2buaOptions options = B2buaOptions.create()
                    .proxyRequestHeaders("all", "-X-Internal") // A's custom headers go on to B
                    .proxyResponseHeaders("P-Asserted-Identity")
                    .relayInDialogRequests(true);              // hold/unhold, UPDATE, INFO cross over
            try {
                B2bua call = srf.createB2BUA(req, res, target, options).join();
                bridged.incrementAndGet();
                log.debug("bridged {} <-> {}", call.uas().id(), call.uac().id());
            } catch (CompletionException e) {
                // B's failure was relayed to A already (passFailure), or A cancelled (487).
                log.debug("not bridged: {}", e.getCause() instanceof SipError se ? se.status() : e.getCause());
            }
        });
    }

    /** Calls bridged so far. */
    public long bridged() {
        return bridged.get();
    }
}
