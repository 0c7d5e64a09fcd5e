package dev.anshin.access;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access settings.
 *
 * @param apiKey       a machine key registered at startup (env ANSHIN_API_KEY); when absent a random
 *                     key is generated and printed once
 * @param apiKeyRoles  roles of that startup key; by default SCORER, LABELER, ANALYST and ADMIN:
 *                     CUSTOMER_SERVICE and PRIVACY_OFFICER (personal data, erasure, the audit trail)
 *                     are granted explicitly, never to the integrator's key by accident
 * @param demoUsers    create console users "analyst", "admin", "support" and "privacy" and print their
 *                     credentials (demo only)
 * @param demoPassword their password (at least 12 characters); random when absent
 * @param staffMaxFailedAttempts wrong passwords in a row that lock a staff account (PCI DSS 8.3.4: at most 10)
 * @param staffLockoutDuration   how long it stays locked (PCI DSS 8.3.4: at least 30 minutes)
 * @param apiKeyLifetime         how long a key issued through the API (or rotated) is valid unless the request says
 * @param apiKeyMaxLifetime      the longest lifetime (and rotation overlap) a request may ask for
 * @param apiKeyRotationOverlap  how long the old key stays valid after a rotation unless the request says
 * @param keyRefreshInterval     how often each instance looks for keys issued, rotated or revoked elsewhere:
 *                               a revocation takes effect everywhere within this
 */
@ConfigurationProperties("anshin.access")
record AccessProperties(String apiKey, Set<Role> apiKeyRoles, boolean demoUsers, String demoPassword,
        Integer staffMaxFailedAttempts, Duration staffLockoutDuration, Duration apiKeyLifetime,
        Duration apiKeyMaxLifetime, Duration apiKeyRotationOverlap, Duration keyRefreshInterval) {

    AccessProperties {
        if (apiKeyRoles == null || apiKeyRoles.isEmpty()) {
            apiKeyRoles = EnumSet.of(Role.SCORER, Role.LABELER, Role.ANALYST, Role.ADMIN);
        }
        if (staffMaxFailedAttempts == null) {
            staffMaxFailedAttempts = 6;
        }
        if (staffMaxFailedAttempts < 1 || staffMaxFailedAttempts > 10) {
            throw new IllegalArgumentException("anshin.access.staff-max-failed-attempts must be 1 to 10 (PCI DSS 8.3.4)");
        }
        if (staffLockoutDuration == null) {
            staffLockoutDuration = Duration.ofMinutes(30);
        }
        if (staffLockoutDuration.compareTo(Duration.ofMinutes(30)) < 0) {
            throw new IllegalArgumentException("anshin.access.staff-lockout-duration must be at least 30 minutes "
                    + "(PCI DSS 8.3.4)");
        }
        apiKeyLifetime = apiKeyLifetime == null ? Duration.ofDays(90) : apiKeyLifetime;
        apiKeyMaxLifetime = apiKeyMaxLifetime == null ? Duration.ofDays(365) : apiKeyMaxLifetime;
        apiKeyRotationOverlap = apiKeyRotationOverlap == null ? Duration.ofDays(1) : apiKeyRotationOverlap;
        keyRefreshInterval = keyRefreshInterval == null ? Duration.ofSeconds(1) : keyRefreshInterval;
        if (apiKeyLifetime.isNegative() || apiKeyLifetime.isZero() || apiKeyLifetime.compareTo(apiKeyMaxLifetime) > 0) {
            throw new IllegalArgumentException("anshin.access.api-key-lifetime must be positive and at most "
                    + "anshin.access.api-key-max-lifetime");
        }
        if (apiKeyRotationOverlap.isNegative() || apiKeyRotationOverlap.compareTo(apiKeyMaxLifetime) > 0) {
            throw new IllegalArgumentException("anshin.access.api-key-rotation-overlap must be between 0 and "
                    + "anshin.access.api-key-max-lifetime");
        }
        if (keyRefreshInterval.toMillis() < 10 || keyRefreshInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("anshin.access.key-refresh-interval must be between 10ms and 1 minute");
        }
    }

    Lockout staffLockout() {
        return new Lockout(staffMaxFailedAttempts, staffLockoutDuration);
    }
}
