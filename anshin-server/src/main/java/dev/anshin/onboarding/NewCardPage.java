package dev.anshin.onboarding;

import dev.anshin.portal.Cardholder;
import dev.anshin.privacy.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The new card in the portal, for the applicant signed in as its customer (the portal's door: a
 * cardholder only): number, expiry and security code shown once, on a button press (a link prefetched or
 * a page reloaded must not use the one showing up), never cached; afterwards the masked number and expiry.
 */
@Controller
class NewCardPage {

    private final Applications applications;

    NewCardPage(Applications applications) {
        this.applications = applications;
    }

    @GetMapping("/portal/new-card/{id}")
    String page(@PathVariable String id, @AuthenticationPrincipal Cardholder cardholder, Model model) {
        Application application = owned(id, cardholder);
        model.addAttribute("app", application);
        model.addAttribute("card", applications.cardSummary(id).orElseThrow(NewCardPage::notFound));
        return "onboarding/new-card";
    }

    @PostMapping("/portal/new-card/{id}")
    String reveal(@PathVariable String id, @AuthenticationPrincipal Cardholder cardholder, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Application application = owned(id, cardholder);
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("app", application);
        model.addAttribute("card", applications.cardSummary(id).orElseThrow(NewCardPage::notFound));
        applications.revealCard(id, Actor.cardholder(cardholder.customerId(), request.getRemoteAddr()))
                .ifPresent(details -> model.addAttribute("details", details));
        return "onboarding/new-card";
    }

    private Application owned(String id, Cardholder cardholder) {
        return applications.find(id).filter(a -> a.status() == ApplicationStatus.ISSUED)
                .filter(a -> cardholder.customerId().equals(a.customerId())).orElseThrow(NewCardPage::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
