package dev.anshin.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Data received from partners.
 *
 * @param receiptRetention how long the data received is kept after it came (the purchases and points
 *                         themselves; their confirmation records are kept 3 years, and at least as long)
 * @param maxItems         most items (purchases and points together) in one receipt
 */
@ConfigurationProperties("anshin.privacy.partner-data")
record PartnerDataProperties(Duration receiptRetention, Integer maxItems) {

    /** Confirmation records: 3 years (APPI rules, Art. 30(4)), in days with a leap day. */
    static final Duration RECORD_RETENTION = Duration.ofDays(3 * 365 + 1);

    PartnerDataProperties {
        if (receiptRetention == null) {
            receiptRetention = Duration.ofDays(2 * 365);
        }
        if (maxItems == null) {
            maxItems = 1000;
        }
        if (receiptRetention.isNegative() || receiptRetention.isZero() || maxItems < 1) {
            throw new IllegalArgumentException("anshin.privacy.partner-data: retention and size must be positive");
        }
    }
}
