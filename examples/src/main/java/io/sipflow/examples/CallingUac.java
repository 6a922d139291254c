package io.sipflow.examples;

import io.sipflow.srf.Credentials;
import io.sipflow.srf.Dialog;
import io.sipflow.srf.SipError;
import io.sipflow.srf.Srf;
import io.sipflow.srf.UacOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places calls with {@link Srf#createUAC} at a steady rate, keeps each up for a while and hangs
 * up. Digest challenges (401/407) are answered when credentials are given; reliable provisional
 * responses are PRACKed and extra 2xx from other forks ACKed and BYE'd, all by the srf.
 */
public final class CallingUac {
    private static final Logger log = LoggerFactory.getLogger(CallingUac.class);

    /** The outcome of a run; a call succeeds when it was answered (whoever hung up). */
    public record Summary(int attempted, int succeeded, int failed) {
        public String line() {
            return "calls " + attempted + " succeeded " + succeeded + " failed " + failed;
        }
    }

    private final Srf srf;
    private final Media media;
    private final Credentials credentials;

    public CallingUac(Srf srf, String mediaAddress, Credentials credentials) {
        this.srf = srf;
        this.media = new Media(mediaAddress);
        this.credentials = credentials;
    }

    /** Places {@code calls} calls to {@code target}, {@code rate} per second, each held {@code holdFor}. */
    public Summary run(String target, int calls, double rate, Duration holdFor) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long gapNanos = (long) (1_000_000_000L / Math.max(rate, 0.001));
        long next = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            next += gapNanos;
            all.add(CompletableFuture.runAsync(() -> {
                if (call(target, holdFor)) ok.incrementAndGet();
            }, Thread::startVirtualThread));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Summary(calls, ok.get(), calls - ok.get());
    }

    private boolean call(String target, Duration holdFor) {
        UacOptions options = UacOptions.create().localSdp(media.offer()).callingNumber("sipflow");
        if (credentials != null) options.auth(credentials);
        Dialog call;
        try {
            call = srf.createUAC(target, options).join();
        } catch (CompletionException e) {
            log.info("call failed: {}", e.getCause() instanceof SipError se ? se.status() + " " + se.reason() : e.getCause());
            return false;
        }
        try {
            // Hang up after holdFor, unless the callee hangs up first.
            call.destroyed().get(holdFor.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            call.destroy().join();
        } catch (Exception e) {
            return false;
        }
        return true;
    }
}
