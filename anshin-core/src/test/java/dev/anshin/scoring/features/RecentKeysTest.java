package dev.anshin.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentKeysTest {

    private static final long DAY = 86_400;

    @Test
    void aLateTransactionDoesNotSeeAKeyFirstUsedAfterIt() {
        RecentKeys terminals = new RecentKeys(16, 30 * DAY);
        terminals.record("T1", 10 * DAY);

        assertThat(terminals.seen("T1", 9 * DAY)).isFalse();   // arrives late, happened before the first use
        assertThat(terminals.seen("T1", 11 * DAY)).isTrue();
        assertThat(terminals.seen("T1", 41 * DAY)).isFalse();  // beyond the retention
    }

    @Test
    void neverHoldsMoreKeysThanItsCap() {
        RecentKeys cards = new RecentKeys(4, 30 * DAY);
        for (int i = 0; i < 100; i++) {
            cards.record("card-" + i, i);
        }
        assertThat(cards.size()).isLessThanOrEqualTo(4);
        assertThat(cards.seen("card-99", 100)).isTrue();
    }

    @Test
    void evictsTheLeastRecentlyRecordedKeyNotOneSeenAgain() {
        RecentKeys terminals = new RecentKeys(3, 30 * DAY);
        terminals.record("T1", 1);
        terminals.record("T2", 2);
        terminals.record("T3", 3);
        terminals.record("T1", 4);   // T1 used again: T2 is now the oldest
        terminals.record("T4", 5);

        assertThat(terminals.seen("T1", 6)).isTrue();
        assertThat(terminals.seen("T2", 6)).isFalse();
        assertThat(terminals.seen("T3", 6)).isTrue();
        assertThat(terminals.seen("T4", 6)).isTrue();
    }

    @Test
    void dropsKeysBeyondTheRetentionAsTimeMovesOn() {
        RecentKeys terminals = new RecentKeys(16, 30 * DAY);
        terminals.record("T1", 0);
        terminals.record("T2", 2 * DAY);
        terminals.record("T3", 31 * DAY);

        assertThat(terminals.size()).isEqualTo(2);
        assertThat(terminals.countSeenWithin(31 * DAY, 30 * DAY)).isEqualTo(2);
    }

    @Test
    void aLateSightingKeepsTheEarliestFirstAndTheLatestLastSeen() {
        RecentKeys terminals = new RecentKeys(16, 30 * DAY);
        terminals.record("T1", 10 * DAY);
        terminals.record("T1", 5 * DAY);   // arrives late

        assertThat(terminals.seen("T1", 6 * DAY)).isTrue();
        assertThat(terminals.seen("T1", 4 * DAY)).isFalse();
        assertThat(terminals.seen("T1", 39 * DAY)).isTrue();   // last seen stays day 10
    }
}
