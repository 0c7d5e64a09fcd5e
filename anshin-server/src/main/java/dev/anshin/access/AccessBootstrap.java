package dev.anshin.access;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes the server usable on first start: registers the startup API key (from ANSHIN_API_KEY, or a
 * generated one printed once, never stored in clear) and, in the demo only, console users. The
 * startup key does not expire: a generated one is replaced at every start, a configured one is
 * replaced by configuring another (the earlier keys of the name are revoked at start). What it
 * prints in clear it also hands to each {@link StartupCredentialsListener} (the demo's banner).
 */
@Component
class AccessBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    private final AccessProperties properties;
    private final ApiClients clients;
    private final StaffUsers staff;
    private final ObjectProvider<StartupCredentialsListener> listeners;

    AccessBootstrap(AccessProperties properties, ApiClients clients, StaffUsers staff,
            ObjectProvider<StartupCredentialsListener> listeners) {
        this.properties = properties;
        this.clients = clients;
        this.staff = staff;
        this.listeners = listeners;
    }

    @Override
    public void run(ApplicationArguments args) {
        Set<Role> roles = properties.apiKeyRoles();
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            // Keys generated on earlier starts stop working once a key is configured.
            clients.disableNamed(ApiClients.STARTUP_CLIENT);
            ApiClient client = clients.register(ApiClients.STARTUP_CLIENT, properties.apiKey().trim(), roles);
            log.info("Registered the API key from configuration as client {} with roles {}", client.keyId(), roles);
        } else {
            // A new key each start: the previous one was shown once and is not recoverable.
            String key = clients.replace(ApiClients.STARTUP_CLIENT, roles);
            System.out.println("""

                    ==== Anshin API key (shown once; set ANSHIN_API_KEY to choose your own) ====
                    X-Api-Key: %s
                    roles:     %s
                    ============================================================================
                    """.formatted(key, roles));
            listeners.orderedStream().forEach(l -> l.startupKeyGenerated(key, roles));
        }
        if (properties.demoUsers()) {
            String password = properties.demoPassword() != null ? properties.demoPassword() : RandomPasswords.of(16);
            Map<String, Set<Role>> users = new LinkedHashMap<>();
            users.put("analyst", EnumSet.of(Role.ANALYST));
            users.put("admin", EnumSet.of(Role.ADMIN, Role.ANALYST));
            users.put("support", EnumSet.of(Role.CUSTOMER_SERVICE));
            users.put("privacy", EnumSet.of(Role.PRIVACY_OFFICER));
            users.put("credit", EnumSet.of(Role.CREDIT_OFFICER));
            users.put("cx", EnumSet.of(Role.CUSTOMER_EXPERIENCE));
            users.forEach((name, userRoles) -> staff.save(name, password, userRoles));
            System.out.println("""

                    ==== Anshin demo console users (demo profile only) ====
                    analyst / %s   (ANALYST)
                    admin   / %s   (ADMIN, ANALYST)
                    support / %s   (CUSTOMER_SERVICE)
                    privacy / %s   (PRIVACY_OFFICER)
                    credit  / %s   (CREDIT_OFFICER)
                    cx      / %s   (CUSTOMER_EXPERIENCE)
                    =======================================================
                    """.formatted(password, password, password, password, password, password));
            users.forEach((name, userRoles) -> listeners.orderedStream()
                    .forEach(l -> l.demoUserCreated(name, password, userRoles)));
        }
    }
}
