package dev.anshin.portal;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.Disclosure;
import dev.anshin.privacy.DisclosureFormat;
import dev.anshin.privacy.DisclosureFormats;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Recipient;
import dev.anshin.privacy.Recipients;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * "My requests": the signed-in person's own requests about their data (disclosure, correction, stop
 * of use, deletion), newest first with status, deadline and how they ended, and the forms to make new
 * ones, each with a fresh request id so a second send is taken in once. A completed disclosure is
 * shown section by section (as "my data" is) and downloadable as JSON and CSV, only to its own person:
 * any other id is a plain 404 page.
 * The customer is always the one signed in; values typed for a correction go only to {@link
 * DataSubjectRequests} (which seals them), never into a URL, a log line or the audit log.
 */
@Controller
class PortalRequestsPage {

    record RequestRow(String id, String kind, String kindCode, String about, String receivedAt, String deadline,
            String status, String statusCode, boolean overdue, String rejection, boolean disclosureReady) {
    }

    record Option(String value, String label) {
    }

    /** Thrown for anything the person may not see: answered with the portal's 404 page, nothing else. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    /** The messages a redirect may name (no value ever travels in the URL, only these codes and a field name). */
    private static final Set<String> ERRORS = Set.of("invalid", "conflict", "value", "erased");

    private final DataSubjectRequests requests;
    private final Recipients recipients;
    private final PersonalData personalData;
    private final MessageSource messages;
    private final DisclosureFormats formats;

    PortalRequestsPage(DataSubjectRequests requests, Recipients recipients, PersonalData personalData,
            MessageSource messages, DisclosureFormats formats) {
        this.formats = formats;
        this.requests = requests;
        this.recipients = recipients;
        this.personalData = personalData;
        this.messages = messages;
    }

    /** The fields a person may ask to correct: what they gave us, never the customer number. */
    static List<PersonalField> correctable() {
        return Arrays.stream(PersonalField.values())
                .filter(field -> field.origin() == DataOrigin.PERSON && field != PersonalField.CUSTOMER_NUMBER)
                .toList();
    }

    /** The purposes a person may ask to stop as a whole (provision is stopped per recipient). */
    static List<Purpose> stoppable() {
        return Arrays.stream(Purpose.values()).filter(p -> p.optional() && !p.needsPriorConsent()).toList();
    }

    @GetMapping("/portal/requests")
    String list(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String error,
            @RequestParam(required = false) String field, Model model, Locale locale, HttpServletRequest request) {
        if (!personalData.isActive(cardholder.customerId())) {
            request.getSession().invalidate();
            return "redirect:/portal/login?error";
        }
        boolean ja = ja(locale);
        Map<String, String> recipientNames = recipients.list().stream()
                .collect(Collectors.toMap(Recipient::id, r -> ja ? r.nameJa() : r.nameEn()));
        model.addAttribute("requests", requests.listFor(cardholder.customerId()).stream()
                .map(r -> row(r, ja, recipientNames, locale)).toList());
        model.addAttribute("purposes", stoppable().stream()
                .map(p -> new Option(p.name(), ja ? p.labelJa() : p.labelEn())).toList());
        model.addAttribute("recipients", recipientNames.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Option(e.getKey(), e.getValue())).toList());
        model.addAttribute("fields", correctable().stream()
                .map(f -> new Option(f.name(), ja ? f.labelJa() : f.labelEn())).toList());
        for (String form : List.of("disclosureId", "stopPurposeId", "stopRecipientId", "correctionId")) {
            model.addAttribute(form, UUID.randomUUID().toString());
        }
        if (error != null && ERRORS.contains(error)) {
            var wrong = PersonalField.named(field).filter(correctable()::contains);
            model.addAttribute("error", "value".equals(error) && wrong.isPresent()
                    ? messages.getMessage("portal.requests.error.value", new Object[] {
                            ja ? wrong.get().labelJa() : wrong.get().labelEn(),
                            messages.getMessage("portal.requests.hint." + wrong.get().name(), null, locale)}, locale)
                    : messages.getMessage("portal.requests.error." + ("value".equals(error) ? "invalid" : error),
                            null, locale));
        }
        return "portal/requests";
    }

    @PostMapping("/portal/requests/disclosure")
    String disclosure(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String requestId,
            HttpServletRequest request) {
        return submit(cardholder, request, RequestKind.DISCLOSURE, RequestDetails.none(), requestId);
    }

    /** Stop of use of an optional purpose, or of provision to one recipient (purpose THIRD_PARTY_PROVISION). */
    @PostMapping("/portal/requests/stop-of-use")
    String stopOfUse(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String recipient, @RequestParam(required = false) String requestId,
            HttpServletRequest request) {
        var chosen = Purpose.named(purpose).filter(Purpose::optional);
        if (chosen.isEmpty()) {
            return "redirect:/portal/requests?error=invalid";
        }
        if (chosen.get().needsPriorConsent()) {
            if (recipient == null || recipients.find(recipient).isEmpty()) {
                return "redirect:/portal/requests?error=invalid";
            }
        } else if (recipient != null && !recipient.isEmpty()) {
            return "redirect:/portal/requests?error=invalid";
        }
        return submit(cardholder, request, RequestKind.STOP_OF_USE,
                RequestDetails.stopOfUse(chosen.get(), chosen.get().needsPriorConsent() ? recipient : null), requestId);
    }

    @PostMapping("/portal/requests/correction")
    String correction(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String field,
            @RequestParam(required = false) String value, @RequestParam(required = false) String requestId,
            HttpServletRequest request) {
        var chosen = PersonalField.named(field).filter(correctable()::contains);
        if (chosen.isEmpty()) {
            return "redirect:/portal/requests?error=invalid";
        }
        String trimmed = value == null ? null : value.strip();
        if (chosen.get().check(trimmed).isPresent()) {
            // Only the field's name travels back; the value typed is neither echoed nor logged.
            return "redirect:/portal/requests?error=value&field=" + chosen.get().name();
        }
        return submit(cardholder, request, RequestKind.CORRECTION,
                RequestDetails.correction(Map.of(chosen.get(), trimmed)), requestId);
    }

    @GetMapping("/portal/requests/deletion")
    String deletion(Model model) {
        model.addAttribute("requestId", UUID.randomUUID().toString());
        return "portal/deletion";
    }

    /** A deletion is taken in only with the confirmation ticked: it erases everything and ends the portal account. */
    @PostMapping("/portal/requests/deletion")
    String delete(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String confirmed,
            @RequestParam(required = false) String requestId, HttpServletRequest request) {
        if (!"yes".equals(confirmed)) {
            return "redirect:/portal/requests/deletion?unconfirmed";
        }
        return submit(cardholder, request, RequestKind.DELETION, RequestDetails.none(), requestId);
    }

    private String submit(Cardholder cardholder, HttpServletRequest request, RequestKind kind, RequestDetails details,
            String requestId) {
        if (requestId == null || !Ids.isUuid(requestId)) {
            return "redirect:/portal/requests?error=invalid";
        }
        try {
            requests.submit(actor(cardholder, request), cardholder.customerId(), kind, details, ConsentChannel.PORTAL,
                    "portal:" + requestId);
        } catch (RequestProblem refused) {
            return "redirect:/portal/requests?error=" + switch (refused.type()) {
                case CONFLICT -> "conflict";
                case ERASED -> "erased";
                default -> "invalid";
            };
        }
        return "redirect:/portal/requests?submitted=" + kind.name();
    }

    /**
     * A completed disclosure of the person's own, section by section in their language, as sealed at
     * completion (the same page as "my data" and as the privacy officer's).
     */
    @GetMapping("/portal/requests/{id}/disclosure")
    String viewDisclosure(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String id, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Disclosure disclosure = ownDisclosure(cardholder, id, request, DisclosureFormat.PAGE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("id", id);
        model.addAttribute("disclosure", formats.view(disclosure, locale));
        return "portal/disclosure";
    }

    /** The same disclosure, machine-readable (DisclosureDocument): a JSON download, never cached. */
    @GetMapping("/portal/requests/{id}/disclosure.json")
    void downloadDisclosure(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String id,
            Locale locale, HttpServletRequest request, HttpServletResponse response) throws IOException {
        formats.download(ownDisclosure(cardholder, id, request, DisclosureFormat.JSON), DisclosureFormat.JSON,
                locale, "disclosure-" + id, response);
    }

    /** The same disclosure as CSV for a spreadsheet. */
    @GetMapping("/portal/requests/{id}/disclosure.csv")
    void downloadDisclosureCsv(@AuthenticationPrincipal Cardholder cardholder,
            @PathVariable String id, Locale locale, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        formats.download(ownDisclosure(cardholder, id, request, DisclosureFormat.CSV), DisclosureFormat.CSV,
                locale, "disclosure-" + id, response);
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound() {
        return new ModelAndView("portal/not-found", HttpStatus.NOT_FOUND);
    }

    private Disclosure ownDisclosure(Cardholder cardholder, String id, HttpServletRequest request,
            DisclosureFormat format) {
        if (id == null || !Ids.isUuid(id)) {
            throw new NotFound();
        }
        try {
            // Another person's request, an open one or another kind: not found, and nothing of it shown.
            return requests.disclosureFor(actor(cardholder, request), cardholder.customerId(), id, format)
                    .orElseThrow(NotFound::new);
        } catch (RequestProblem problem) {
            if (problem.type() == ProblemType.NOT_FOUND || problem.type() == ProblemType.ERASED) {
                throw new NotFound();
            }
            throw problem;
        }
    }

    private RequestRow row(DataSubjectRequest r, boolean ja, Map<String, String> recipientNames, Locale locale) {
        String about;
        if (r.recipient() != null) {
            about = (ja ? r.purpose().labelJa() : r.purpose().labelEn()) + " → "
                    + recipientNames.getOrDefault(r.recipient(), r.recipient());
        } else if (r.purpose() != null) {
            about = ja ? r.purpose().labelJa() : r.purpose().labelEn();
        } else if (!r.fields().isEmpty()) {
            about = r.fields().stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn())
                    .collect(Collectors.joining(ja ? "、" : ", "));
        } else {
            // Disclosure and deletion are about everything held.
            about = messages.getMessage("portal.requests.about.all", null, locale);
        }
        return new RequestRow(r.id(), ja ? r.kind().labelJa() : r.kind().labelEn(), r.kind().name(), about,
                Display.time(r.receivedAt()), Display.time(r.deadline()),
                ja ? r.status().labelJa() : r.status().labelEn(), r.status().name(), r.overdue(),
                r.rejection() == null ? null
                        : messages.getMessage("portal.requests.rejection." + r.rejection().name(), null, locale),
                r.kind() == RequestKind.DISCLOSURE && r.status() == dev.anshin.privacy.RequestStatus.COMPLETED);
    }

    private static Actor actor(Cardholder cardholder, HttpServletRequest request) {
        return Actor.cardholder(cardholder.customerId(), request.getRemoteAddr());
    }

    private static boolean ja(Locale locale) {
        return "ja".equals(locale.getLanguage());
    }
}
