package dev.anshin.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Data-subject request settings.
 *
 * @param deadline how long after intake a request must be answered. APPI says "without delay"
 *                 (遅滞なく); 14 days is the issuer's own commitment, and what the person is told.
 */
@ConfigurationProperties("anshin.privacy.requests")
record RequestProperties(Duration deadline) {

    RequestProperties {
        if (deadline == null) {
            deadline = Duration.ofDays(14);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("anshin.privacy.requests.deadline must be positive");
        }
    }
}
