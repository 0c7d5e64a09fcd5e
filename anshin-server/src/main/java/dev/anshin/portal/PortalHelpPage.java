package dev.anshin.portal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's help page, open to everyone, signed in or not: it is where a cardholder who cannot
 * sign in (a forgotten password, a lost phone) finds what to do.
 */
@Controller
class PortalHelpPage {

    @GetMapping("/portal/help")
    String help() {
        return "portal/help";
    }
}
