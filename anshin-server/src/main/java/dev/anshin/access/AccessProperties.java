package dev.anshin.access;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access settings.
 *
 * @param apiKey       a machine key registered at startup (env ANSHIN_API_KEY); when absent a random
 *                     key is generated and printed once
 * @param apiKeyRoles  roles of that startup key
 * @param demoUsers    create console users "analyst" and "admin" and print their credentials (demo only)
 * @param demoPassword their password (at least 12 characters); random when absent
 */
@ConfigurationProperties("anshin.access")
record AccessProperties(String apiKey, Set<Role> apiKeyRoles, boolean demoUsers, String demoPassword) {

    AccessProperties {
        if (apiKeyRoles == null || apiKeyRoles.isEmpty()) {
            apiKeyRoles = Set.of(Role.values());
        }
    }
}
