package dev.anshin.access;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where a staff member starts, after sign-in and from the site's home ({@code /}): the page their
 * role works from, never one they may not open.
 */
@Controller
class StaffLanding {

    @GetMapping("/")
    String home(Authentication authentication) {
        return "redirect:" + path(authentication);
    }

    static String path(Authentication authentication) {
        if (has(authentication, Role.ANALYST) || has(authentication, Role.ADMIN)) {
            return "/console";
        }
        if (has(authentication, Role.CUSTOMER_SERVICE)) {
            return "/service";
        }
        if (has(authentication, Role.PRIVACY_OFFICER)) {
            return "/privacy/requests";
        }
        return "/privacy/data-map";
    }

    private static boolean has(Authentication authentication, Role role) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> role.authority().equals(a.getAuthority()));
    }
}
