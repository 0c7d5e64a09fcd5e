package dev.anshin.privacy;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Replays the erasure journal at every start, before the web server takes requests (ADR 0009): a
 * database restored from a backup taken before an erasure, whether by {@code anshin restore} or by
 * other means, never serves the erased customer. Cheap when nothing is to be done: one read of the
 * journal and one query per 500 journalled customers.
 */
@Component
class ErasureJournalReplay implements SmartLifecycle {

    private final PersonalData personalData;
    private volatile boolean running;

    ErasureJournalReplay(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public void start() {
        // After every singleton is made, so the modules' CustomerErased listeners are in place.
        personalData.replayErasureJournal();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the decision journal (DEFAULT_PHASE - 4096) and the web server (DEFAULT_PHASE - 2048).
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }
}
