package dev.anshin.access;

import java.time.Duration;
import java.time.Instant;

/**
 * When an account locks: after {@code maxFailures} failed steps in a row (a wrong password or a wrong
 * code), for {@code duration}. A successful sign-in clears the count; so does the end of a lock, so
 * the next attempt after it starts a fresh count. Attempts while locked are refused and not counted.
 * Staff sign-in and the cardholder portal both lock this way (PCI DSS 8.3.4: at most 10 tries, at
 * least 30 minutes).
 */
public record Lockout(int maxFailures, Duration duration) {

    /** An account's count of failures in a row and the end of its lock, if locked. */
    public record State(int failures, Instant lockedUntil) {

        public static final State CLEAR = new State(0, null);
    }

    public boolean locked(State state, Instant now) {
        return state.lockedUntil() != null && now.isBefore(state.lockedUntil());
    }

    /** The state after one more failure; locked when this failure reaches the limit. */
    public State afterFailure(State state, Instant now) {
        if (locked(state, now)) {
            return state;
        }
        int failures = (state.lockedUntil() != null ? 0 : state.failures()) + 1;
        if (failures >= maxFailures) {
            return new State(0, now.plus(duration));
        }
        return new State(failures, null);
    }

    /** Whether going from {@code before} to {@code after} locked the account. */
    public boolean justLocked(State before, State after, Instant now) {
        return !locked(before, now) && locked(after, now);
    }
}
