package dev.anshin.access;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access settings.
 *
 * @param apiKey       a machine key registered at startup (env ANSHIN_API_KEY); when absent a random
 *                     key is generated and printed once
 * @param apiKeyRoles  roles of that startup key; by default every role but PRIVACY_OFFICER, which
 *                     must be granted explicitly (the audit trail is not the integrator's)
 * @param demoUsers    create console users "analyst", "admin", "support" and "privacy" and print their
 *                     credentials (demo only)
 * @param demoPassword their password (at least 12 characters); random when absent
 */
@ConfigurationProperties("anshin.access")
record AccessProperties(String apiKey, Set<Role> apiKeyRoles, boolean demoUsers, String demoPassword) {

    AccessProperties {
        if (apiKeyRoles == null || apiKeyRoles.isEmpty()) {
            apiKeyRoles = EnumSet.complementOf(EnumSet.of(Role.PRIVACY_OFFICER));
        }
    }
}
