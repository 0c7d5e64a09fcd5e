package dev.anshin.privacy;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Third-party provision settings.
 *
 * @param recordRetention how long provision records are kept (APPI Art. 29: 3 years in the usual case)
 * @param exportTtl       how long an encrypted export stays downloadable before it is deleted
 * @param maxCustomers    most data subjects in one provision request
 * @param purgeCron       when expired exports and old records are deleted (server time zone)
 * @param approvalTtl     how long a provision request waits for a second privacy officer's approval before
 *                        it expires
 */
@ConfigurationProperties("anshin.privacy.provisions")
record ProvisionProperties(Period recordRetention, Duration exportTtl, Integer maxCustomers, String purgeCron,
        Duration approvalTtl) {

    ProvisionProperties {
        if (recordRetention == null) {
            recordRetention = Period.ofYears(3);
        }
        if (exportTtl == null) {
            exportTtl = Duration.ofDays(7);
        }
        if (maxCustomers == null) {
            maxCustomers = 500;
        }
        if (purgeCron == null || purgeCron.isBlank()) {
            purgeCron = "0 37 3 * * *";
        }
        if (approvalTtl == null) {
            approvalTtl = Duration.ofHours(48);
        }
        if (approvalTtl.isNegative() || approvalTtl.isZero()) {
            throw new IllegalArgumentException("anshin.privacy.provisions.approval-ttl must be positive");
        }
        if (recordRetention.isNegative() || recordRetention.isZero() || exportTtl.isNegative() || exportTtl.isZero()
                || maxCustomers < 1) {
            throw new IllegalArgumentException("anshin.privacy.provisions: retention, export TTL and size must be positive");
        }
    }
}
