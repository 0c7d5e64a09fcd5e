package dev.anshin.privacy;

import dev.anshin.access.Role;
import java.util.Set;

/**
 * Who asks for personal data: the name that goes into the audit log, the roles they hold, and where
 * the request came from (a remote address, or "cli").
 */
public record Actor(String name, Set<Role> roles, String origin) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    boolean serves(Purpose purpose) {
        return roles.stream().anyMatch(purpose::servedBy);
    }
}
