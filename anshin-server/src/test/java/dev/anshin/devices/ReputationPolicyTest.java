package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One test per reason: it applies from its bound on, and not below it. */
class ReputationPolicyTest {

    @Test
    void aCleanDeviceHasNoReason() {
        assertThat(ReputationPolicy.reasons(1, 1, 1, 1, 0, 0, false, false, false)).isEmpty();
    }

    @Test
    void aConfirmedFraudComesFirst() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 1, 0, true, false, false))
                .startsWith(DeviceReason.CONFIRMED_FRAUD);
    }

    @Test
    void automationIsAReason() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 0, 0, true, false, false)).containsExactly(DeviceReason.AUTOMATION);
    }

    @Test
    void oneReplayedReferenceIsAReasonAfterAutomationAndBeforeTheCounts() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 0, 0, false, false, false, 0)).isEmpty();
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 0, 0, false, false, false, 1))
                .containsExactly(DeviceReason.REUSED_OBSERVATION);
        assertThat(ReputationPolicy.reasons(0, ReputationPolicy.MANY_APPLICATIONS, 0, 0, 0, 0, true, false, false, 1))
                .containsExactly(DeviceReason.AUTOMATION, DeviceReason.REUSED_OBSERVATION, DeviceReason.MANY_APPLICATIONS);
    }

    @Test
    void manyApplicationsFromTheirBoundOn() {
        assertThat(ReputationPolicy.reasons(0, ReputationPolicy.MANY_APPLICATIONS - 1, 0, 0, 0, 0, false, false, false))
                .isEmpty();
        assertThat(ReputationPolicy.reasons(0, ReputationPolicy.MANY_APPLICATIONS, 0, 0, 0, 0, false, false, false))
                .containsExactly(DeviceReason.MANY_APPLICATIONS);
    }

    @Test
    void sharedByCustomersFromTheBoundOn() {
        assertThat(ReputationPolicy.reasons(0, 0, ReputationPolicy.SHARED_BY_CUSTOMERS - 1, 0, 0, 0, false, false, false))
                .isEmpty();
        assertThat(ReputationPolicy.reasons(0, 0, ReputationPolicy.SHARED_BY_CUSTOMERS, 0, 0, 0, false, false, false))
                .containsExactly(DeviceReason.SHARED_BY_CUSTOMERS);
    }

    @Test
    void manyCardsFromTheBoundOn() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, ReputationPolicy.MANY_CARDS - 1, 0, 0, false, false, false)).isEmpty();
        assertThat(ReputationPolicy.reasons(0, 0, 0, ReputationPolicy.MANY_CARDS, 0, 0, false, false, false))
                .containsExactly(DeviceReason.MANY_CARDS);
    }

    @Test
    void fraudOnLinkedCardsIsItsOwnReason() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 0, 1, false, false, false))
                .containsExactly(DeviceReason.FRAUD_ON_LINKED_CARDS);
    }

    @Test
    void highVelocityFromTheBoundOn() {
        assertThat(ReputationPolicy.reasons(ReputationPolicy.HIGH_VELOCITY - 1, 0, 0, 0, 0, 0, false, false, false))
                .isEmpty();
        assertThat(ReputationPolicy.reasons(ReputationPolicy.HIGH_VELOCITY, 0, 0, 0, 0, 0, false, false, false))
                .containsExactly(DeviceReason.HIGH_VELOCITY);
    }

    @Test
    void aClockOutsideJapanIsAReason() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 0, 0, false, true, false))
                .containsExactly(DeviceReason.TIMEZONE_OUTSIDE_JAPAN);
    }

    @Test
    void noJapaneseIsAReason() {
        assertThat(ReputationPolicy.reasons(0, 0, 0, 0, 0, 0, false, false, true))
                .containsExactly(DeviceReason.LANGUAGE_NOT_JAPANESE);
    }
}
