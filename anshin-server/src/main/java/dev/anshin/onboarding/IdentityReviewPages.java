package dev.anshin.onboarding;

import dev.anshin.privacy.Actor;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The credit officer's decision on an identity check the eKYC policy sent to review, on the case page
 * ({@code /console/applications/{id}}, the form drawn by {@code review-case.html} while the check is in
 * review): confirm or reject the identity after looking at the evidence beside it (face match, liveness,
 * the document's checks), with a note and the confirmation ticked, through
 * {@link Applications#decideIdentityReview} (audited there). The answer, or what was wrong with the form,
 * is shown on the case page again (post, redirect, get). CREDIT_OFFICER only: the security chain refuses
 * anyone else's post to {@code /console/applications/**}.
 */
@Controller
class IdentityReviewPages {

    private static final Logger log = LoggerFactory.getLogger(IdentityReviewPages.class);

    private final Applications applications;
    private final DecisionNotices notices;
    private final MessageSource messages;

    IdentityReviewPages(Applications applications, DecisionNotices notices, MessageSource messages) {
        this.applications = applications;
        this.notices = notices;
        this.messages = messages;
    }

    @PostMapping("/console/applications/{id}/identity")
    String decide(@PathVariable String id, @RequestParam(required = false) String identity,
            @RequestParam(required = false) String note, @RequestParam(required = false) String confirmed,
            Locale locale, Authentication auth, HttpServletRequest request, RedirectAttributes redirect) {
        if (applications.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        boolean confirm = "CONFIRM".equals(identity);
        if (!confirm && !"REJECT".equals(identity)) {
            errors.put("identity-choice", text("onboarding.console.identity.refused.choice", locale));
        }
        String trimmed = note == null ? "" : note.strip();
        if (trimmed.isEmpty()) {
            errors.put("identity-note", text("onboarding.console.refused.note", locale));
        } else if (trimmed.length() > ReviewQueuePages.MAX_NOTE) {
            errors.put("identity-note", messages.getMessage("onboarding.console.refused.note-long",
                    new Object[] {ReviewQueuePages.MAX_NOTE}, locale));
        }
        if (!"yes".equals(confirmed)) {
            errors.put("identity-confirm", text("onboarding.console.identity.refused.confirm", locale));
        }
        String error = null;
        if (errors.isEmpty()) {
            try {
                Application after = applications.decideIdentityReview(id, confirm, Actor.staff(auth, request), trimmed);
                if (after.status() == ApplicationStatus.DECLINED) {
                    tellApplicant(id);
                }
                redirect.addFlashAttribute("done", text(after.status() == ApplicationStatus.DECLINED
                        ? "onboarding.console.identity.done.rejected" : "onboarding.console.identity.done.confirmed",
                        locale));
                return "redirect:/console/applications/" + id;
            } catch (IllegalApplicationMove notReferred) {
                error = text("onboarding.console.identity.refused.not-referred", locale);
            } catch (RequestProblem refused) {
                if (refused.type() == ProblemType.VALIDATION) {
                    errors.put("identity-note", text("onboarding.console.refused.note-text", locale));
                } else {
                    // Decided meanwhile (by another officer, or the vendor's own reviewer), or verified again.
                    error = text("onboarding.console.identity.refused.not-in-review", locale);
                }
            }
        }
        redirect.addFlashAttribute("error", error != null ? error : text("onboarding.console.refused.fields", locale));
        redirect.addFlashAttribute("identityErrors", errors);
        redirect.addFlashAttribute("identityChosen", identity);
        redirect.addFlashAttribute("identityNote", note);
        // A field refused: back at the form, its mistakes in sight (on a phone it is a long way down the case page).
        return "redirect:/console/applications/" + id + (errors.isEmpty() ? "" : "#identity-review");
    }

    /** A decline after a rejected identity is told to the applicant now; one that cannot go now is owed still. */
    private void tellApplicant(String id) {
        try {
            notices.send(id);
        } catch (RuntimeException e) {
            log.warn("onboarding: the decision notice for {} is left to the recovery job ({})", id,
                    e.getClass().getSimpleName());
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
