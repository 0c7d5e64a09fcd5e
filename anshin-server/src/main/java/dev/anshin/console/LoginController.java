package dev.anshin.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff sign-in page (the form is processed by Spring Security). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }
}
