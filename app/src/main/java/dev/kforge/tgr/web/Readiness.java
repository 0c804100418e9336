package dev.kforge.tgr.web;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the instance should get traffic: true from creation until shutdown begins. */
public final class Readiness {

    private final AtomicBoolean ready = new AtomicBoolean(true);

    public boolean isReady() {
        return ready.get();
    }

    /** Irreversible: an instance that starts shutting down never becomes ready again. */
    public void markShuttingDown() {
        ready.set(false);
    }
}
