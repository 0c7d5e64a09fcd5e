package dev.anshin.cli;

import java.time.Duration;
import java.util.function.Consumer;

/** Progress lines on standard error, stamped with the time since the command started. */
final class Progress implements Consumer<String> {

    private final long start = System.nanoTime();

    @Override
    public void accept(String line) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.err.printf("[%3d.%ds] %s%n", elapsed.toSeconds(), elapsed.toMillisPart() / 100, line);
    }
}
