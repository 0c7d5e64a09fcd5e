package dev.anshin.screening;

/** "Run now" while a re-screening run is in progress: one run at a time, the running one goes on. */
public final class RescreeningRunning extends RuntimeException {

    RescreeningRunning() {
        super("a re-screening run is in progress", null, false, false);
    }
}
