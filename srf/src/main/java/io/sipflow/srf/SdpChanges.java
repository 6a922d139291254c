package io.sipflow.srf;

import io.sipflow.sdp.Direction;
import io.sipflow.sdp.MediaDescription;
import io.sipflow.sdp.Origin;
import io.sipflow.sdp.SdpParseException;
import io.sipflow.sdp.SessionDescription;

/**
 * How a new offer relates to the previous one (drachtio's re-INVITE classification, §2.3 of
 * the reference), and the local descriptions for hold, resume and answers (RFC 3264 §8).
 * Text that does not parse as SDP is treated as a plain modification, never as an error.
 */
final class SdpChanges {
    private SdpChanges() {}

    static SessionDescription parse(String sdp) {
        if (sdp == null || sdp.isEmpty()) return null;
        try {
            return SessionDescription.parse(sdp);
        } catch (SdpParseException | RuntimeException e) {
            return null;
        }
    }

    /** Same o= session id and version: a session refresh, not a change (RFC 3264 §8). */
    static boolean isRefresh(String previous, String offer) {
        SessionDescription a = parse(previous);
        SessionDescription b = parse(offer);
        if (a == null || b == null) return false;
        Origin x = a.origin();
        Origin y = b.origin();
        return x.sessionId().equals(y.sessionId()) && x.sessionVersion().equals(y.sessionVersion());
    }

    static boolean isHold(String sdp) {
        if (sdp == null || !mayBeHold(sdp)) return false;
        SessionDescription d = parse(sdp);
        return d != null && d.isOnHold();
    }

    /**
     * False when the text cannot describe a held session: no sendonly/inactive direction and no
     * RFC 2543 hold address (RFC 3264 §8.4). Every new call's offer is checked for hold, and a
     * full parse costs more than the rest of srf's work on the INVITE; IPv6 text (whose hold
     * address is {@code ::}) always gets the parse.
     */
    static boolean mayBeHold(String sdp) {
        return containsIgnoreCase(sdp, "sendonly") || containsIgnoreCase(sdp, "inactive") || sdp.contains("0.0.0.0")
                || containsIgnoreCase(sdp, "ip6");
    }

    /** {@code word} is lower case; compared in full only where its first letter occurs (once per call's offer). */
    private static boolean containsIgnoreCase(String text, String word) {
        int n = word.length();
        char lower = word.charAt(0);
        char upper = Character.toUpperCase(lower);
        for (int i = 0, last = text.length() - n; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i + 1, word, 1, n - 1)) return true;
        }
        return false;
    }

    /**
     * Our description answering {@code offer}: each of our streams takes the direction RFC 3264
     * §6.1 allows against the offered one (a sendonly offer gets recvonly), version bumped when
     * anything changed.
     */
    static String answer(String local, String offer) {
        SessionDescription ours = parse(local);
        SessionDescription theirs = parse(offer);
        if (ours == null || theirs == null) return local;
        String before = ours.toString();
        for (int i = 0; i < ours.media().size() && i < theirs.media().size(); i++) {
            MediaDescription m = ours.media(i);
            if (m.isRejected() || theirs.media(i).isRejected()) continue;
            m.setDirection(Direction.answer(theirs.effectiveDirection(i), Direction.SENDRECV));
        }
        if (ours.toString().equals(before)) return local;
        return ours.bumpVersion().toString();
    }

    static String hold(String local) {
        SessionDescription d = parse(local);
        if (d == null) throw new IllegalStateException("no local SDP to put on hold");
        return d.hold().bumpVersion().toString();
    }

    static String unhold(String local) {
        SessionDescription d = parse(local);
        if (d == null) throw new IllegalStateException("no local SDP to resume");
        return d.unhold().bumpVersion().toString();
    }

    /** The same description with a new version: for re-offering it unchanged is a refresh, so keep it as is. */
    static String bump(String local) {
        SessionDescription d = parse(local);
        return d == null ? local : d.bumpVersion().toString();
    }
}
