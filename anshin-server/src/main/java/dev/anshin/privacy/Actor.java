package dev.anshin.privacy;

import dev.anshin.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who asks for personal data: the name that goes into the audit log, the roles they hold, and where
 * the request came from (a remote address, or "cli").
 */
public record Actor(String name, Set<Role> roles, String origin) {

    private static final String CARDHOLDER_PREFIX = "cardholder:";

    public Actor {
        roles = Set.copyOf(roles);
        if (roles.contains(Role.CARDHOLDER) && (roles.size() > 1 || !name.startsWith(CARDHOLDER_PREFIX))) {
            throw new IllegalArgumentException("a cardholder holds no other role and is named by their customer id");
        }
    }

    /** A cardholder acting for themself, e.g. signed in to the portal; may reach only their own data. */
    public static Actor cardholder(String customerId, String origin) {
        return new Actor(CARDHOLDER_PREFIX + customerId, Set.of(Role.CARDHOLDER), origin);
    }

    /**
     * The signed-in staff member (or API client) as an actor: their name, the roles they hold among
     * those staff and clients may hold, and the address the request came from.
     */
    public static Actor staff(Authentication auth, HttpServletRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : auth.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority()) && role.forStaffOrClients()) {
                    roles.add(role);
                }
            }
        }
        return new Actor(auth.getName(), roles, request.getRemoteAddr());
    }

    /** The customer this actor is, when the actor is a cardholder acting for themself. */
    Optional<String> dataSubject() {
        return roles.contains(Role.CARDHOLDER)
                ? Optional.of(name.substring(CARDHOLDER_PREFIX.length())) : Optional.empty();
    }

    /** Whether one of the actor's roles works for the purpose. */
    public boolean serves(Purpose purpose) {
        return roles.stream().anyMatch(purpose::servedBy);
    }
}
