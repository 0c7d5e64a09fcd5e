package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private final Lockout lockout = new Lockout(5, Duration.ofMinutes(15));
    private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void locksOnTheFifthFailureInARow() {
        Lockout.State state = Lockout.State.CLEAR;
        for (int i = 1; i <= 4; i++) {
            state = lockout.afterFailure(state, now);
            assertThat(lockout.locked(state, now)).as("after %d failures", i).isFalse();
        }
        Lockout.State fifth = lockout.afterFailure(state, now);
        assertThat(lockout.locked(fifth, now)).isTrue();
        assertThat(lockout.justLocked(state, fifth, now)).isTrue();
        assertThat(fifth.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(15)));
    }

    @Test
    void staysLockedForTheWholeDurationAndFailuresWhileLockedDoNotExtendIt() {
        Lockout.State locked = new Lockout.State(0, now.plus(Duration.ofMinutes(15)));
        Instant later = now.plus(Duration.ofMinutes(14));
        assertThat(lockout.locked(locked, later)).isTrue();
        assertThat(lockout.afterFailure(locked, later)).isEqualTo(locked);
        assertThat(lockout.justLocked(locked, locked, later)).isFalse();
        assertThat(lockout.locked(locked, now.plus(Duration.ofMinutes(15)))).isFalse();
    }

    @Test
    void aFailureAfterTheLockEndedStartsAFreshCount() {
        Lockout.State expired = new Lockout.State(0, now.minusSeconds(1));
        Lockout.State after = lockout.afterFailure(expired, now);
        assertThat(after).isEqualTo(new Lockout.State(1, null));
    }
}
