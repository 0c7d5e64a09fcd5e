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
}
