package dev.anshin.access;

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
 */
@ConfigurationProperties("anshin.access")
record AccessProperties(String apiKey, Set<Role> apiKeyRoles, boolean demoUsers, String demoPassword) {

    AccessProperties {
        if (apiKeyRoles == null || apiKeyRoles.isEmpty()) {
            apiKeyRoles = EnumSet.of(Role.SCORER, Role.LABELER, Role.ANALYST, Role.ADMIN);
        }
    }
}
