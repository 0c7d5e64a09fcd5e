package dev.anshin.access;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where a staff member starts, after sign-in and from the site's home ({@code /}): the page their
 * role works from, never one they may not open.
 */
@Controller
public class StaffLanding {

    @GetMapping("/")
    String home(Authentication authentication) {
        return "redirect:" + path(authentication);
    }

    static String path(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (authentication != null) {
            for (Role role : Role.values()) {
                if (authentication.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority()))) {
                    roles.add(role);
                }
            }
        }
        return pathFor(roles);
    }

    /** The page a staff member holding {@code roles} starts from (the demo's banner names it too). */
    public static String pathFor(Set<Role> roles) {
        if (roles.contains(Role.ANALYST) || roles.contains(Role.ADMIN)) {
            return "/console";
        }
        if (roles.contains(Role.CUSTOMER_SERVICE)) {
            return "/service";
        }
        if (roles.contains(Role.PRIVACY_OFFICER)) {
            return "/privacy/requests";
        }
        if (roles.contains(Role.CREDIT_OFFICER)) {
            // The referred applications are the credit officer's daily work (a target of business days); the
            // re-screening's limit proposals come only months after issue, from /console/screening/…
            return "/console/applications";
        }
        if (roles.contains(Role.CUSTOMER_EXPERIENCE)) {
            return "/voice";
        }
        return "/privacy/data-map";
    }
}
