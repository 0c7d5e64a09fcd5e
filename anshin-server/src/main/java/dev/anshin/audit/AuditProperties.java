package dev.anshin.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Audit log settings.
 *
 * @param keyset      a Tink JSON keyset (HMAC PRF) given directly, e.g. from env ANSHIN_AUDIT_KEYSET; wins over the file
 * @param keysetFile  where the keyset lives otherwise; created with a fresh key on first run
 * @param retention   how long entries are kept (PCI DSS 10.5.1: at least 12 months)
 * @param purgeCron   when the daily purge of older entries runs (server time zone)
 */
@ConfigurationProperties("anshin.audit")
record AuditProperties(String keyset, Path keysetFile, Duration retention, String purgeCron) {

    AuditProperties {
        if (keysetFile == null) {
            keysetFile = Path.of("data", "audit-keyset.json");
        }
        if (retention == null) {
            retention = Duration.ofDays(365);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("anshin.audit.retention must be positive");
        }
        if (purgeCron == null || purgeCron.isBlank()) {
            purgeCron = "0 17 3 * * *";
        }
    }
}
