package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ReviewTargetTest {

    private static final ReviewTarget ONE_DAY = new ReviewTarget(1, Duration.ofHours(4));

    private static Instant tokyo(String local) {
        return OffsetDateTime.parse(local + "+09:00").toInstant();
    }

    @Test
    void aWeekdayReferralIsDueTheNextBusinessDayAtTheSameTime() {
        // 2026-12-07 is a Monday.
        assertThat(ONE_DAY.dueAt(tokyo("2026-12-07T10:30:00"))).isEqualTo(tokyo("2026-12-08T10:30:00"));
        assertThat(new ReviewTarget(3, Duration.ZERO).dueAt(tokyo("2026-12-07T10:30:00")))
                .isEqualTo(tokyo("2026-12-10T10:30:00"));
    }

    @Test
    void aFridayReferralIsDueOnMondayNotOnTheWeekend() {
        assertThat(ONE_DAY.dueAt(tokyo("2026-12-11T15:00:00"))).isEqualTo(tokyo("2026-12-14T15:00:00"));
    }

    @Test
    void aWeekendReferralCountsFromTheStartOfMonday() {
        assertThat(ONE_DAY.dueAt(tokyo("2026-12-12T22:00:00"))).isEqualTo(tokyo("2026-12-15T00:00:00"));
        assertThat(ONE_DAY.dueAt(tokyo("2026-12-13T08:00:00"))).isEqualTo(tokyo("2026-12-15T00:00:00"));
    }

    @Test
    void theDayIsTokyosWhateverTheServersZone() {
        // Friday 2026-12-11 23:30 in Tokyo is still Friday 14:30 UTC: due Monday 23:30 Tokyo.
        assertThat(ONE_DAY.dueAt(Instant.parse("2026-12-11T14:30:00Z"))).isEqualTo(tokyo("2026-12-14T23:30:00"));
    }

    @Test
    void standingIsOnTimeThenDueSoonThenOverdue() {
        Instant referred = tokyo("2026-12-07T10:00:00");
        assertThat(ONE_DAY.standing(referred, tokyo("2026-12-07T18:00:00"))).isEqualTo(ReviewTarget.Standing.ON_TIME);
        assertThat(ONE_DAY.standing(referred, tokyo("2026-12-08T06:00:00"))).isEqualTo(ReviewTarget.Standing.DUE_SOON);
        assertThat(ONE_DAY.standing(referred, tokyo("2026-12-08T10:00:00"))).isEqualTo(ReviewTarget.Standing.DUE_SOON);
        assertThat(ONE_DAY.standing(referred, tokyo("2026-12-08T10:00:01"))).isEqualTo(ReviewTarget.Standing.OVERDUE);
    }

    @Test
    void reasonsFallIntoTheQueuesKinds() {
        assertThat(ReasonKind.of(RiskReason.IDENTITY_REVIEW)).isEqualTo(ReasonKind.IDENTITY);
        assertThat(ReasonKind.of(RiskReason.NO_DEVICE_EVIDENCE)).isEqualTo(ReasonKind.DEVICE);
        assertThat(ReasonKind.of(RiskReason.DEVICE_AUTOMATION)).isEqualTo(ReasonKind.DEVICE);
        assertThat(ReasonKind.of(RiskReason.SCREENING_REFERRED)).isEqualTo(ReasonKind.SCREENING);
        assertThat(ReasonKind.of(RiskReason.DUPLICATE_PHONE)).isEqualTo(ReasonKind.DUPLICATE);
        assertThat(ReasonKind.of(RiskReason.STAFF_DECISION)).isEqualTo(ReasonKind.OTHER);
        for (RiskReason reason : RiskReason.values()) {
            if (reason.effect() != RiskReason.Effect.NOTE) {
                assertThat(ReasonKind.of(reason)).as(reason.name()).isNotEqualTo(ReasonKind.OTHER);
            }
        }
        assertThat(ReasonKind.ofValue("duplicate")).contains(ReasonKind.DUPLICATE);
        assertThat(ReasonKind.ofValue("DUPLICATE")).isEmpty();
    }
}
