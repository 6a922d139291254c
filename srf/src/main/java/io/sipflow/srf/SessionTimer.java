package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.message.header.MinSE;
import io.sipflow.message.header.SessionExpires;
import io.sipflow.stack.transaction.Shard;
import io.sipflow.stack.transaction.TimerWheel;
import java.util.concurrent.ScheduledFuture;

/**
 * One dialog's RFC 4028 session timer, on the dialog's lane. The refresher sends a refresh
 * (UPDATE, or re-INVITE) at half the interval (§10); the other side sends BYE when no refresh
 * came by {@code interval - min(32, interval/3)} (§10). Every 2xx to a session refresh
 * (re-INVITE or UPDATE carrying Session-Expires) restarts the timer.
 */
final class SessionTimer implements java.util.concurrent.Callable<Void>, Runnable {
    private final Dialog dialog;
    private final SessionTimerConfig config;
    private long interval;
    private boolean weRefresh;
    /** The pending timer: on the shard's wheel ({@link TimerWheel.Timeout}) or srf's timer thread ({@link ScheduledFuture}). */
    private Object task;

    SessionTimer(Dialog dialog, SessionTimerConfig config) {
        this.dialog = dialog;
        this.config = config;
    }

    boolean active() {
        return interval > 0;
    }

    long interval() {
        return interval;
    }

    boolean weRefresh() {
        return weRefresh;
    }

    /** Starts or restarts with the negotiated values. */
    void start(long seconds, boolean weAreRefresher) {
        this.interval = seconds;
        this.weRefresh = weAreRefresher;
        restart();
    }

    void restart() {
        cancel();
        if (interval <= 0 || dialog.isTerminated()) return;
        long ms = interval * 1000;
        long delay = weRefresh ? ms / 2 : ms - Math.min(32_000, ms / 3);
        // This object is the scheduled task (see run() and call()): an idle dialog's timer costs
        // one entry and no lambdas. A dialog on a stack shard uses the shard's own timer wheel
        // (no lock, no thread hand-off, cancelled in place when the call ends).
        Shard shard = dialog.lane.shard();
        task = shard != null && shard.inShard() ? shard.timers().schedule(delay, this) : dialog.srf.schedule(delay, this);
    }

    /** On the shard's wheel: fire on the dialog's lane. */
    @Override
    public void run() {
        dialog.lane.execute(this::fire);
    }

    /** On the timer thread: fire on the dialog's lane. */
    @Override
    public Void call() {
        dialog.lane.execute(this::fire);
        return null;
    }

    private void fire() {
        if (weRefresh) refresh();
        else dialog.sessionExpired();
    }

    /** On the lane (the shard's thread for a wheel timer). */
    void cancel() {
        if (task instanceof TimerWheel.Timeout t) t.cancel();
        else if (task instanceof ScheduledFuture<?> f) f.cancel(false);
        task = null;
    }

    private void refresh() {
        task = null;
        if (dialog.isTerminated()) return;
        dialog.sendSessionRefresh(config.refreshWith() == SessionTimerConfig.RefreshMethod.UPDATE_IF_ALLOWED);
    }

    /**
     * Headers for a refresh or any re-INVITE/UPDATE this side sends while the timer runs: we stay
     * refresher when we are (refresher=uac of this transaction), else the peer stays (uas).
     */
    void decorateRequest(SipRequest r) {
        if (!active()) return;
        r.add(Header.SUPPORTED, "timer");
        r.set(Header.SESSION_EXPIRES, SessionExpires.of(interval,
                weRefresh ? SessionExpires.Refresher.UAC : SessionExpires.Refresher.UAS));
        r.set(Header.MIN_SE, MinSE.of(config.minSE()));
    }

    /** A 2xx to a re-INVITE/UPDATE we sent: the interval and refresher it states (§7.2). */
    void onSuccessToOurRequest(SipResponse r) {
        SessionExpires se = r.get(Header.SESSION_EXPIRES);
        if (se == null) {
            if (active()) restart();
            return;
        }
        start(se.deltaSeconds(), se.refresher() != SessionExpires.Refresher.UAS);
    }

    /**
     * A re-INVITE/UPDATE from the peer is answered 2xx: the response states the interval; the
     * refresher is whoever the request named, else whoever refreshed before (§9).
     */
    void decorateSuccessToPeerRequest(SipRequest request, SipResponse response) {
        SessionExpires se = request.get(Header.SESSION_EXPIRES);
        if (se == null && !active()) return;
        long seconds = se != null ? Math.max(se.deltaSeconds(), config.minSE()) : interval;
        boolean peerRefreshes;
        if (se != null && se.refresher() != null) peerRefreshes = se.refresher() == SessionExpires.Refresher.UAC;
        else peerRefreshes = !weRefresh;
        response.set(Header.SESSION_EXPIRES, SessionExpires.of(seconds,
                peerRefreshes ? SessionExpires.Refresher.UAC : SessionExpires.Refresher.UAS));
        if (peerRefreshes) response.add(Header.REQUIRE, "timer");
        start(seconds, !peerRefreshes);
    }

    // ------------------------------------------------------------ initial INVITE negotiation

    /** §7.1: what a UAC puts in its INVITE. */
    static void offer(SipRequest invite, SessionTimerConfig config) {
        if (!config.enabled()) return;
        invite.add(Header.SUPPORTED, "timer");
        SessionExpires se = SessionExpires.of(config.sessionExpires());
        invite.set(Header.SESSION_EXPIRES, se);
        invite.set(Header.MIN_SE, MinSE.of(config.minSE()));
    }

    /** §8.1: a UAS refuses an interval below its minimum with 422 and its Min-SE; null when acceptable. */
    static Long tooSmall(SipRequest invite, SessionTimerConfig config) {
        if (!config.enabled()) return null;
        SessionExpires se = invite.get(Header.SESSION_EXPIRES);
        return se != null && se.deltaSeconds() < config.minSE() ? config.minSE() : null;
    }

    /** §9: the UAS's 2xx to the initial INVITE; returns true when a timer was negotiated. */
    void answerInitial(SipRequest invite, SipResponse ok) {
        if (!config.enabled()) return;
        SessionExpires se = invite.get(Header.SESSION_EXPIRES);
        boolean uacSupports = supportsTimer(invite);
        long seconds;
        SessionExpires.Refresher refresher;
        if (se != null) {
            seconds = Math.max(se.deltaSeconds(), config.minSE());
            MinSE min = invite.get(Header.MIN_SE);
            if (min != null) seconds = Math.max(seconds, min.deltaSeconds());
            refresher = se.refresher();
            if (refresher == null) {
                refresher = uacSupports && config.defaultRefresher() == SessionTimerConfig.Refresher.UAC
                        ? SessionExpires.Refresher.UAC : SessionExpires.Refresher.UAS;
            }
        } else {
            seconds = config.sessionExpires();
            refresher = SessionExpires.Refresher.UAS;
        }
        if (refresher == SessionExpires.Refresher.UAC && !uacSupports) refresher = SessionExpires.Refresher.UAS;
        ok.set(Header.SESSION_EXPIRES, SessionExpires.of(seconds, refresher));
        if (refresher == SessionExpires.Refresher.UAC) ok.add(Header.REQUIRE, "timer");
        start(seconds, refresher == SessionExpires.Refresher.UAS);
    }

    /** §7.2: the UAC reads the 2xx to its INVITE. */
    void acceptInitial(SipResponse ok) {
        SessionExpires se = ok.get(Header.SESSION_EXPIRES);
        if (se == null) return;
        start(se.deltaSeconds(), se.refresher() != SessionExpires.Refresher.UAS);
    }

    static boolean supportsTimer(SipMessage m) {
        for (String s : m.getAll(Header.SUPPORTED)) if (s.equalsIgnoreCase("timer")) return true;
        for (String s : m.getAll(Header.REQUIRE)) if (s.equalsIgnoreCase("timer")) return true;
        return false;
    }
}
