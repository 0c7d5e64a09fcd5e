package dev.anshin.onboarding;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The service target of the review queue: a referral is decided within {@code businessDays} business
 * days (Monday to Friday in Japan; public holidays are not known here, as in the support window). A
 * referral made on a weekend counts from the start of the Monday after. Pure: the queue page and its
 * tests call it with the clock's instant.
 */
record ReviewTarget(int businessDays, Duration dueSoon) {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** Where a referral stands against the target. */
    enum Standing {
        ON_TIME, DUE_SOON, OVERDUE;

        String messageKey() {
            return "onboarding.console.standing." + name();
        }
    }

    /** When a referral made at {@code referredAt} should be decided by. */
    Instant dueAt(Instant referredAt) {
        ZonedDateTime at = referredAt.atZone(TOKYO);
        if (weekend(at)) {
            while (weekend(at)) {
                at = at.plusDays(1);
            }
            at = at.toLocalDate().atStartOfDay(TOKYO);
        }
        int added = 0;
        while (added < businessDays) {
            at = at.plusDays(1);
            if (!weekend(at)) {
                added++;
            }
        }
        return at.toInstant();
    }

    Standing standing(Instant referredAt, Instant now) {
        Instant due = dueAt(referredAt);
        if (now.isAfter(due)) {
            return Standing.OVERDUE;
        }
        return Duration.between(now, due).compareTo(dueSoon) <= 0 ? Standing.DUE_SOON : Standing.ON_TIME;
    }

    private static boolean weekend(ZonedDateTime at) {
        return at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
