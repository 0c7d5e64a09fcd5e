package dev.anshin.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo cardholder's own pace: the portal's example person makes a few purchases a day, like a
 * real one, not the simulator's share of the live stream (four a minute at the default rate, which
 * buried the README's example under eighty charges an hour). The other cardholders stay busy.
 */
final class CardholderPace {

    private final Duration gap;
    private Instant next;

    /** @param perDay charges a day; 0 or less: none */
    CardholderPace(double perDay) {
        gap = perDay <= 0 ? null : Duration.ofMillis(Math.round(Duration.ofDays(1).toMillis() / perDay));
    }

    /** Whether the cardholder's next simulated charge may happen at {@code now} (the first may at once). */
    synchronized boolean allows(Instant now) {
        if (gap == null || (next != null && now.isBefore(next))) {
            return false;
        }
        next = now.plus(gap);
        return true;
    }
}
