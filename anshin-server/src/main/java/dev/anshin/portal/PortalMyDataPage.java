package dev.anshin.portal;

import dev.anshin.access.AddressLimit;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.Disclosure;
import dev.anshin.privacy.DisclosureFormat;
import dev.anshin.privacy.DisclosureFormats;
import dev.anshin.privacy.PersonalData;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.RetryLater;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "My data": everything held about the signed-in cardholder, produced on the spot through
 * {@link PersonalData#discloseToSubject} (audited there, the person as actor, for the purpose of
 * answering their own requests), as the readable page the privacy officer sees and as the same JSON and
 * CSV downloads. Nothing of it is kept: a formal disclosure, sealed and kept, is a disclosure request
 * ("my requests"). The customer is always the one signed in: no id is taken from the URL. Each view and
 * download reads everything held, which may be a lot: a person has {@code anshin.portal.own-disclosures}
 * of them (a 429 page past it).
 */
@Controller
class PortalMyDataPage {

    private final PersonalData personalData;
    private final DisclosureFormats formats;
    private final AddressLimit limit;

    PortalMyDataPage(PersonalData personalData, DisclosureFormats formats, PortalProperties properties, Clock clock) {
        this.personalData = personalData;
        this.formats = formats;
        this.limit = AddressLimit.of(properties.ownDisclosures(), 20_000, clock);
    }

    @GetMapping("/portal/my-data")
    String page(@AuthenticationPrincipal Cardholder cardholder, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Optional<Disclosure> disclosure = disclose(cardholder, DisclosureFormat.PAGE, request, response);
        if (disclosure.isEmpty()) {
            return response.isCommitted() ? null : "redirect:/portal/login?error";
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("disclosure", formats.view(disclosure.get(), locale));
        return "portal/my-data";
    }

    /** The same, machine-readable (labels and texts in the page's language). */
    @GetMapping("/portal/my-data.json")
    void json(@AuthenticationPrincipal Cardholder cardholder, Locale locale,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        download(cardholder, DisclosureFormat.JSON, locale, request, response);
    }

    /** The same as CSV for a spreadsheet (UTF-8 with a byte-order mark, formulas defused). */
    @GetMapping("/portal/my-data.csv")
    void csv(@AuthenticationPrincipal Cardholder cardholder, Locale locale,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        download(cardholder, DisclosureFormat.CSV, locale, request, response);
    }

    private void download(Cardholder cardholder, DisclosureFormat format, Locale locale,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Disclosure> disclosure = disclose(cardholder, format, request, response);
        if (disclosure.isEmpty()) {
            if (!response.isCommitted()) {
                response.sendRedirect("/portal/login?error");
            }
            return;
        }
        formats.download(disclosure.get(), format, locale, "my-data", response);
    }

    /**
     * The person's disclosure; empty when over the limit (the 429 page already sent) or when their data is
     * gone (erased while signed in: the session ends, the refusal is audited).
     */
    private Optional<Disclosure> disclose(Cardholder cardholder, DisclosureFormat format, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Optional<Duration> wait = limit.take(cardholder.customerId());
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RetryLater.seconds(wait.get()));
            response.sendError(429);
            return Optional.empty();
        }
        try {
            return Optional.of(personalData.discloseToSubject(
                    Actor.cardholder(cardholder.customerId(), request.getRemoteAddr()), cardholder.customerId(), format));
        } catch (RequestProblem refused) {
            if (refused.type() != ProblemType.ERASED && refused.type() != ProblemType.NOT_FOUND) {
                throw refused;
            }
            request.getSession().invalidate();
            return Optional.empty();
        }
    }
}
