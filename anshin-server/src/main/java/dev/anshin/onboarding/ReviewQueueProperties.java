package dev.anshin.onboarding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The staff review queue's settings ({@code anshin.onboarding.review.*}; docs/configuration.md).
 *
 * @param targetBusinessDays how soon a referred application should be decided: this many business days
 *                           (Monday to Friday, Japan time; public holidays are not known here) after it was
 *                           referred
 * @param dueSoon            an application whose target is this close is marked as due soon
 * @param listed             how many referred applications the queue page reads, oldest first
 */
@ConfigurationProperties("anshin.onboarding.review")
public record ReviewQueueProperties(
        @DefaultValue("1") int targetBusinessDays,
        @DefaultValue("4h") Duration dueSoon,
        @DefaultValue("200") int listed) {

    public ReviewQueueProperties {
        if (targetBusinessDays < 1 || targetBusinessDays > 20) {
            throw new IllegalArgumentException("anshin.onboarding.review.target-business-days must be 1 to 20");
        }
        if (dueSoon == null || dueSoon.isNegative()) {
            throw new IllegalArgumentException("anshin.onboarding.review.due-soon must not be negative");
        }
        if (listed < 1 || listed > 1000) {
            throw new IllegalArgumentException("anshin.onboarding.review.listed must be 1 to 1000");
        }
    }

    ReviewTarget target() {
        return new ReviewTarget(targetBusinessDays, dueSoon);
    }
}
