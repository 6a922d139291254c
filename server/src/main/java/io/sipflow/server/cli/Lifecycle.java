package io.sipflow.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs a long-lived command until SIGTERM or SIGINT, then closes what it registered (in reverse
 * order) and exits with status 0: a clean stop for service managers and test harnesses.
 */
final class Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static final List<AutoCloseable> RESOURCES = new ArrayList<>();
    private static volatile boolean running;

    private Lifecycle() {}

    static synchronized void register(AutoCloseable resource) {
        RESOURCES.add(resource);
    }

    static boolean keepsRunning() {
        return running;
    }

    /** Blocks until a stop signal arrives, then closes everything registered. */
    static void runUntilSignalled() throws InterruptedException {
        running = true;
        Signal.handle(new Signal("TERM"), s -> STOP.countDown());
        Signal.handle(new Signal("INT"), s -> STOP.countDown());
        STOP.await();
        closeAll();
        running = false;
    }

    static synchronized void closeAll() {
        for (int i = RESOURCES.size() - 1; i >= 0; i--) {
            try {
                RESOURCES.get(i).close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.toString());
            }
        }
        RESOURCES.clear();
    }
}
