package io.sipflow.srf;

import java.util.Objects;

/**
 * RFC 4028 session timer settings.
 *
 * @param enabled ask for (as UAC) and grant (as UAS) session timers
 * @param sessionExpires the interval offered, in seconds (RFC 4028 recommends 1800)
 * @param minSE the smallest interval accepted; smaller requests get 422 (RFC 4028 §8.1: at least 90 in production)
 * @param defaultRefresher who refreshes when the UAC leaves it open and supports timers (drachtio's default-refresher)
 * @param refreshWith the refresh request: UPDATE when the peer allows it (RFC 4028 §9 recommends), or always re-INVITE
 */
public record SessionTimerConfig(boolean enabled, long sessionExpires, long minSE, Refresher defaultRefresher,
        RefreshMethod refreshWith) {
    public enum Refresher {
        UAC,
        UAS
    }

    public enum RefreshMethod {
        UPDATE_IF_ALLOWED,
        REINVITE
    }

    public static final SessionTimerConfig DEFAULT = new SessionTimerConfig(true, 1800, 90, Refresher.UAC,
            RefreshMethod.UPDATE_IF_ALLOWED);
    public static final SessionTimerConfig DISABLED = new SessionTimerConfig(false, 1800, 90, Refresher.UAC,
            RefreshMethod.UPDATE_IF_ALLOWED);

    public SessionTimerConfig {
        Objects.requireNonNull(defaultRefresher);
        Objects.requireNonNull(refreshWith);
        if (sessionExpires < 1 || minSE < 1 || sessionExpires < minSE) {
            throw new IllegalArgumentException("need 1 <= minSE <= sessionExpires");
        }
    }

    public SessionTimerConfig withSessionExpires(long seconds) {
        return new SessionTimerConfig(enabled, seconds, Math.min(minSE, seconds), defaultRefresher, refreshWith);
    }

    public SessionTimerConfig withMinSE(long seconds) {
        return new SessionTimerConfig(enabled, Math.max(sessionExpires, seconds), seconds, defaultRefresher, refreshWith);
    }

    public SessionTimerConfig withDefaultRefresher(Refresher r) {
        return new SessionTimerConfig(enabled, sessionExpires, minSE, r, refreshWith);
    }

    public SessionTimerConfig withRefreshWith(RefreshMethod m) {
        return new SessionTimerConfig(enabled, sessionExpires, minSE, defaultRefresher, m);
    }
}
