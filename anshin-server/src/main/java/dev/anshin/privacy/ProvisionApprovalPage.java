package dev.anshin.privacy;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second privacy officer's page for provisions (four-eyes): the requests waiting for approval, and
 * one request with what it would provide, to whom and about how many people, approved or rejected there
 * by {@link Provisions} exactly as the API does, audited the same way. The officer who asked sees the
 * request without the approve button and is refused if they post it anyway. Privacy officers only (the
 * security chain).
 */
@Controller
class ProvisionApprovalPage {

    record Row(String id, String recipient, String items, int customers, String requestedBy, String requestedAt,
            String expiresAt, String status, String statusCode, String decidedBy, String provisionId) {
    }

    record Option(String value, String label) {
    }

    private final Provisions provisions;
    private final Recipients recipients;
    private final MessageSource messages;

    ProvisionApprovalPage(Provisions provisions, Recipients recipients, MessageSource messages) {
        this.provisions = provisions;
        this.recipients = recipients;
        this.messages = messages;
    }

    @GetMapping("/privacy/provisions")
    String queue(Model model, Locale locale) {
        model.addAttribute("pending", provisions.requests(ProvisionRequestStatus.PENDING, 200).stream()
                .map(p -> row(p, locale)).toList());
        model.addAttribute("approved", provisions.requests(ProvisionRequestStatus.APPROVED, 20).stream()
                .map(p -> row(p, locale)).toList());
        return "privacy/provisions";
    }

    @GetMapping("/privacy/provisions/{id}")
    String show(@PathVariable String id, Model model, Locale locale, Authentication auth, HttpServletRequest http) {
        return page(found(id), model, locale, auth, http);
    }

    @PostMapping("/privacy/provisions/{id}/approval")
    String approve(@PathVariable String id, Model model, Locale locale, Authentication auth, HttpServletRequest http,
            HttpServletResponse response, RedirectAttributes redirect) {
        Provisions.PendingProvision before = found(id);
        try {
            Provisions.Provision provision = provisions.approve(Requests.actor(auth, http), id);
            redirect.addFlashAttribute("done", messages.getMessage("provisions.done.approved",
                    new Object[] {provision.provisionId()}, locale));
            return "redirect:/privacy/provisions/" + id;
        } catch (RequestProblem problem) {
            return refused(problem, before, model, locale, auth, http, response);
        }
    }

    @PostMapping("/privacy/provisions/{id}/rejection")
    String reject(@PathVariable String id, @RequestParam(required = false) String reason, Model model, Locale locale,
            Authentication auth, HttpServletRequest http, HttpServletResponse response, RedirectAttributes redirect) {
        Provisions.PendingProvision before = found(id);
        try {
            Provisions.Rejection why = Arrays.stream(Provisions.Rejection.values())
                    .filter(r -> r.name().equals(reason)).findFirst()
                    .orElseThrow(() -> RequestProblem.invalid("reason", "choose a reason"));
            provisions.reject(Requests.actor(auth, http), id, why);
            redirect.addFlashAttribute("done", messages.getMessage("provisions.done.rejected", null, locale));
            return "redirect:/privacy/provisions/" + id;
        } catch (RequestProblem problem) {
            return refused(problem, before, model, locale, auth, http, response);
        }
    }

    private String refused(RequestProblem problem, Provisions.PendingProvision before, Model model, Locale locale,
            Authentication auth, HttpServletRequest http, HttpServletResponse response) {
        // Shown at the form's address; the language switch goes to the request itself.
        http.setAttribute("currentPath", "/privacy/provisions/" + before.id());
        http.setAttribute("currentPage", "/privacy/provisions/" + before.id());
        response.setStatus(problem.type().status().value());
        String key = switch (problem.type()) {
            case FOUR_EYES -> "provisions.error.four-eyes";
            case APPROVAL_EXPIRED -> "provisions.error.expired";
            case CONSENT_REQUIRED -> "provisions.error.consent";
            case VALIDATION -> "provisions.error.reason";
            case ILLEGAL_TRANSITION, CONFLICT -> "provisions.error.decided";
            default -> "provisions.error.refused";
        };
        model.addAttribute("error", messages.getMessage(key, null, locale));
        if (problem.type() == ProblemType.VALIDATION) {
            model.addAttribute("reasonError", messages.getMessage("provisions.error.reason", null, locale));
        }
        return page(found(before.id()), model, locale, auth, http);
    }

    private String page(Provisions.PendingProvision request, Model model, Locale locale, Authentication auth,
            HttpServletRequest http) {
        boolean pending = request.status() == ProvisionRequestStatus.PENDING;
        boolean own = Provisions.samePerson(Requests.actor(auth, http).name(), request.requestedBy());
        model.addAttribute("request", row(request, locale));
        model.addAttribute("customerIds", request.customerIds());
        model.addAttribute("pending", pending);
        model.addAttribute("own", own);
        model.addAttribute("canApprove", pending && !own);
        model.addAttribute("reasons", Arrays.stream(Provisions.Rejection.values())
                .map(r -> new Option(r.name(), messages.getMessage("provisions.reason." + r.name(), null, locale)))
                .toList());
        model.addAttribute("rejection", request.rejection() == null ? null
                : messages.getMessage("provisions.reason." + request.rejection(), null, request.rejection(), locale));
        return "privacy/provision";
    }

    private Provisions.PendingProvision found(String id) {
        try {
            return provisions.pending(id);
        } catch (RequestProblem notFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Row row(Provisions.PendingProvision p, Locale locale) {
        boolean ja = !"en".equals(locale.getLanguage());
        String recipient = recipients.find(p.recipientId()).map(r -> ja ? r.nameJa() : r.nameEn())
                .orElse(p.recipientId());
        String items = p.items().stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn())
                .collect(Collectors.joining(ja ? "、" : ", "));
        return new Row(p.id(), recipient, items, p.customerIds().size(), p.requestedBy(),
                Display.time(p.requestedAt()), Display.time(p.expiresAt()),
                messages.getMessage("provisions.status." + p.status().name(), null, locale), p.status().name(),
                p.decidedBy(), p.provisionId());
    }
}
