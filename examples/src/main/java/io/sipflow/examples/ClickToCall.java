package io.sipflow.examples;

import io.sipflow.srf.Dialog;
import io.sipflow.srf.LateOffer;
import io.sipflow.srf.Srf;
import io.sipflow.srf.UacOptions;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Third-party call control (RFC 3725 §4.2, "flow II"): an INVITE without SDP to A; A's offer
 * (in its 200) goes to B in a normal INVITE; B's answer goes back to A in the ACK. The two
 * dialogs are then linked: when one party hangs up, the other is sent BYE.
 */
public final class ClickToCall {
    private final Srf srf;

    public ClickToCall(Srf srf) {
        this.srf = srf;
    }

    /** Connects {@code a} and {@code b}; returns true when both answered. Hangs up after {@code holdFor}. */
    public boolean connect(String a, String b, Duration holdFor) {
        LateOffer offerFromA;
        try {
            offerFromA = srf.createUACLateOffer(a, UacOptions.create().callingNumber("click-to-call")).join();
        } catch (CompletionException e) {
            return false;
        }
        Dialog legB;
        try {
            legB = srf.createUAC(b, UacOptions.create().callingNumber("click-to-call").localSdp(offerFromA.remoteSdp())).join();
        } catch (CompletionException e) {
            offerFromA.ack(offerFromA.remoteSdp()).thenCompose(Dialog::destroy); // §13.2.2.4: ACK, then BYE
            return false;
        }
        Dialog legA = offerFromA.ack(legB.remote().sdp()).join();
        legA.link(legB);
        legA.destroyed().thenRun(legB::destroy);
        legB.destroyed().thenRun(legA::destroy);
        try {
            legA.destroyed().get(holdFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            legA.destroy().join();
        } catch (Exception e) {
            return false;
        }
        legB.destroyed().join();
        return true;
    }
}
