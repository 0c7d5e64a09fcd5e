package dev.anshin.privacy;

import dev.anshin.access.Role;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The privacy officer's workbench for one request: what it asks (kind, purpose or recipient, the
 * names of the fields to correct, never their values), where it stands, and the moves the request's
 * state allows: start, complete (a disclosure is generated, a correction applied, a stop of use
 * recorded, a deletion carried out, all by {@link DataSubjectRequests}, exactly as the API does and
 * audited the same way) or reject for a reason code. Customer service sees the page without the
 * forms and cannot post them (the security chain refuses, 403). A form sent again after its move was
 * made (a double click, a reload) is answered with the same result; one sent on a request that moved
 * on meanwhile (another officer closed it) says so and changes nothing. The disclosure a completed
 * disclosure request produced is shown to the officer, and downloadable, each opening audited.
 */
@Controller
class RequestWorkbenchPage {

    /** What the page shows of a request. */
    record View(String id, String kind, String kindCode, String status, String statusCode, String about,
            String customerId, String channel, String receivedAt, String receivedBy, String deadline,
            boolean overdue, String closedAt, String closedBy, String rejection) {
    }

    record Option(String value, String label) {
    }

    private final DataSubjectRequests requests;
    private final MessageSource messages;
    private final FieldValues fieldValues;
    private final DisclosureFormats formats;

    RequestWorkbenchPage(DataSubjectRequests requests, MessageSource messages, FieldValues fieldValues,
            DisclosureFormats formats) {
        this.formats = formats;
        this.fieldValues = fieldValues;
        this.requests = requests;
        this.messages = messages;
    }

    @GetMapping("/privacy/requests/{id}")
    String show(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletResponse response) {
        return page(found(id), model, locale, auth);
    }

    @PostMapping("/privacy/requests/{id}/start")
    String start(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletRequest http, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, model, locale, auth, http, response, redirect, "start", null,
                () -> requests.start(Requests.actor(auth, http), id));
    }

    @PostMapping("/privacy/requests/{id}/completion")
    String complete(@PathVariable String id, @RequestParam(required = false) String confirmed, Model model,
            Locale locale, Authentication auth, HttpServletRequest http, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, model, locale, auth, http, response, redirect, "complete", null, () -> {
            DataSubjectRequest request = requests.find(id).orElseThrow();
            if (request.status() == RequestStatus.COMPLETED) {
                // Sent again (a double click, a reload): answered as done, the disclosure left sealed.
                return request;
            }
            // Completing cannot be undone (an erasure, a correction written, a disclosure sealed, a use
            // stopped): asked to be confirmed, as the console's irreversible moves are (confirming fraud,
            // revoking a key).
            if (request.status().open() && !"yes".equals(confirmed)) {
                throw RequestProblem.invalid("confirmed", "confirm the completion");
            }
            return requests.complete(Requests.actor(auth, http), id).request();
        });
    }

    @PostMapping("/privacy/requests/{id}/rejection")
    String reject(@PathVariable String id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String confirmed, Model model,
            Locale locale, Authentication auth, HttpServletRequest http, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, model, locale, auth, http, response, redirect, "reject", reason, () -> {
            RejectionReason why = Arrays.stream(RejectionReason.values()).filter(r -> r.name().equals(reason))
                    .findFirst().orElseThrow(() -> RequestProblem.invalid("reason", "choose a reason"));
            // A rejection closes the request for good, told to the person: confirmed like a completion. The
            // same rejection sent again (a double click) is answered as done, as before.
            boolean open = requests.find(id).map(r -> r.status().open()).orElse(false);
            if (open && !"yes".equals(confirmed)) {
                throw RequestProblem.invalid("rejectConfirmed", "confirm the rejection");
            }
            return requests.reject(Requests.actor(auth, http), id, why);
        });
    }

    /**
     * The disclosure a completed disclosure request produced, for the officer to read, section by
     * section: the document sealed at completion, not a new reading; the opening is audited.
     */
    @GetMapping("/privacy/requests/{id}/disclosure")
    String disclosure(@PathVariable String id, @RequestParam(required = false) String format,
            @RequestParam(required = false) String textLang, Model model, Locale locale, Authentication auth,
            HttpServletRequest http, HttpServletResponse response) {
        if (format != null) {
            return "redirect:" + download(id, format, textLang, locale);
        }
        DataSubjectRequest request = completedDisclosure(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        Optional<Disclosure> disclosure = requests.disclosure(Requests.actor(auth, http), id, DisclosureFormat.PAGE);
        model.addAttribute("request", view(request, locale));
        model.addAttribute("disclosure", disclosure.map(d -> formats.view(d, locale)).orElse(null));
        return "privacy/request-disclosure";
    }

    /**
     * Where the old {@code ?format=} of this page now lives (links and bookmarks from when the page answered
     * it): the download of that form, in {@code textLang} or the page's language. Any other form is refused as
     * a problem naming the field, never answered with the page. Nothing is read here: the download checks
     * and audits.
     */
    private static String download(String id, String format, String textLang, Locale locale) {
        String extension = switch (format) {
            case "json" -> "json";
            case "csv" -> "csv";
            case "text", "txt" -> "txt";
            default -> throw RequestProblem.invalid("format", "json, csv or text (or none, for the page)");
        };
        String language = "ja".equals(textLang) || "en".equals(textLang) ? textLang
                : "en".equals(locale.getLanguage()) ? "en" : "ja";
        return "/privacy/requests/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8) + "/disclosure."
                + extension + "?textLang=" + language;
    }

    /**
     * The same disclosure as a text file to send to the person, in their language (textLang=ja or en;
     * not "lang", which switches the screens' language).
     */
    @GetMapping("/privacy/requests/{id}/disclosure.txt")
    ResponseEntity<byte[]> download(@PathVariable String id, @RequestParam(defaultValue = "ja") String textLang,
            Authentication auth, HttpServletRequest http) {
        if (completedDisclosure(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Optional<Disclosure> disclosure = requests.disclosure(Requests.actor(auth, http), id, DisclosureFormat.TEXT);
        if (disclosure.isEmpty()) {
            return ResponseEntity.status(410).build();
        }
        // Bytes, not a String: Spring logs the start of a String body at DEBUG, and this one holds a name.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("disclosure-" + id + ".txt").build().toString())
                .body(disclosure.get().toText(!"en".equals(textLang), fieldValues).getBytes(StandardCharsets.UTF_8));
    }

    /** The same disclosure, machine-readable (DisclosureDocument), labels and texts in textLang. */
    @GetMapping("/privacy/requests/{id}/disclosure.json")
    void downloadJson(@PathVariable String id, @RequestParam(defaultValue = "ja") String textLang,
            Authentication auth, HttpServletRequest http, HttpServletResponse response) throws IOException {
        file(id, DisclosureFormat.JSON, textLang, auth, http, response);
    }

    /** The same disclosure as CSV for a spreadsheet (DisclosureCsv), labels and texts in textLang. */
    @GetMapping("/privacy/requests/{id}/disclosure.csv")
    void downloadCsv(@PathVariable String id, @RequestParam(defaultValue = "ja") String textLang,
            Authentication auth, HttpServletRequest http, HttpServletResponse response) throws IOException {
        file(id, DisclosureFormat.CSV, textLang, auth, http, response);
    }

    private void file(String id, DisclosureFormat format, String textLang, Authentication auth,
            HttpServletRequest http, HttpServletResponse response) throws IOException {
        if (completedDisclosure(id).isEmpty()) {
            response.sendError(HttpStatus.NOT_FOUND.value());
            return;
        }
        Optional<Disclosure> disclosure = requests.disclosure(Requests.actor(auth, http), id, format);
        if (disclosure.isEmpty()) {
            response.sendError(HttpStatus.GONE.value());
            return;
        }
        formats.download(disclosure.get(), format, "en".equals(textLang) ? Locale.ENGLISH : Locale.JAPANESE,
                "disclosure-" + id, response);
    }

    /** The request, or the page answers Not Found. */
    private DataSubjectRequest found(String id) {
        return requests.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The request if it is a disclosure request, completed: only such a request has a disclosure to show. */
    private Optional<DataSubjectRequest> completedDisclosure(String id) {
        return requests.find(id)
                .filter(r -> r.kind() == RequestKind.DISCLOSURE && r.status() == RequestStatus.COMPLETED);
    }

    private interface Move {
        DataSubjectRequest run();
    }

    private String act(String id, Model model, Locale locale, Authentication auth, HttpServletRequest http,
            HttpServletResponse response, RedirectAttributes redirect, String move, String reason, Move action) {
        DataSubjectRequest before = found(id);
        try {
            DataSubjectRequest after = action.run();
            boolean ja = ja(locale);
            redirect.addFlashAttribute("done", messages.getMessage("workbench.request.done." + move,
                    new Object[] {ja ? after.status().labelJa() : after.status().labelEn()}, locale));
            return "redirect:/privacy/requests/" + id;
        } catch (RequestProblem problem) {
            // Shown at the form's address; the language switch goes to the request itself.
            http.setAttribute("currentPath", "/privacy/requests/" + id);
            http.setAttribute("currentPage", "/privacy/requests/" + id);
            response.setStatus(problem.type().status().value());
            DataSubjectRequest now = requests.find(id).orElse(before);
            if (problem.type() == ProblemType.VALIDATION) {
                for (FieldProblem field : problem.errors()) {
                    if ("reason".equals(field.field())) {
                        model.addAttribute("reasonError", messages.getMessage("workbench.request.reason.required",
                                null, locale));
                    } else if ("confirmed".equals(field.field())) {
                        model.addAttribute("confirmError", messages.getMessage(
                                before.kind() == RequestKind.DELETION ? "workbench.request.confirm.required"
                                        : "workbench.request.confirm.complete.required", null, locale));
                    } else if ("rejectConfirmed".equals(field.field())) {
                        model.addAttribute("rejectConfirmError", messages.getMessage(
                                "workbench.request.confirm.reject.required", null, locale));
                    }
                }
                model.addAttribute("error", messages.getMessage("workbench.request.invalid", null, locale));
            } else if (problem.type() == ProblemType.CONFLICT) {
                boolean ja = ja(locale);
                model.addAttribute("error", messages.getMessage("workbench.request.stale",
                        new Object[] {ja ? now.status().labelJa() : now.status().labelEn()}, locale));
            } else if (problem.type() == ProblemType.ERASED) {
                model.addAttribute("error", messages.getMessage("workbench.request.erased", null, locale));
            } else {
                model.addAttribute("error", messages.getMessage("workbench.request.refused", null, locale));
            }
            model.addAttribute("chosenReason", reason);
            return page(now, model, locale, auth);
        }
    }

    private String page(DataSubjectRequest request, Model model, Locale locale, Authentication auth) {
        boolean ja = ja(locale);
        boolean officer = auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.PRIVACY_OFFICER.authority()));
        RequestStatus status = request.status();
        model.addAttribute("request", view(request, locale));
        model.addAttribute("officer", officer);
        model.addAttribute("canStart", officer && status == RequestStatus.RECEIVED);
        model.addAttribute("canComplete", officer && status.open());
        model.addAttribute("canReject", officer && (status == RequestStatus.RECEIVED
                || status == RequestStatus.IN_PROGRESS));
        model.addAttribute("deletion", request.kind() == RequestKind.DELETION);
        model.addAttribute("hasDisclosure", officer && request.kind() == RequestKind.DISCLOSURE
                && status == RequestStatus.COMPLETED);
        model.addAttribute("reasons", Arrays.stream(RejectionReason.values())
                .map(r -> new Option(r.name(), messages.getMessage("workbench.reason." + r.name(), null, locale)))
                .toList());
        model.addAttribute("effect", messages.getMessage("workbench.request.effect." + request.kind().name(), null,
                locale));
        return "privacy/request";
    }

    private View view(DataSubjectRequest r, Locale locale) {
        boolean ja = ja(locale);
        // Who took it in, for a person: the customer themselves (portal) or the staff member's name.
        String by = r.receivedBy() != null && r.receivedBy().startsWith("cardholder:")
                ? messages.getMessage("workbench.request.by-person", null, locale) : r.receivedBy();
        return new View(r.id(), ja ? r.kind().labelJa() : r.kind().labelEn(), r.kind().name(),
                ja ? r.status().labelJa() : r.status().labelEn(), r.status().name(), about(r, ja), r.customerId(),
                messages.getMessage("workbench.channel." + r.channel().name(), null, r.channel().name(), locale),
                Display.time(r.receivedAt()), by, Display.time(r.deadline()),
                r.overdue(), r.closedAt() == null ? null : Display.time(r.closedAt()), r.closedBy(),
                r.rejection() == null ? null : r.rejection().name());
    }

    static String about(DataSubjectRequest request, boolean ja) {
        if (request.purpose() != null) {
            return (ja ? request.purpose().labelJa() : request.purpose().labelEn())
                    + (request.recipient() == null ? "" : " → " + request.recipient());
        }
        if (!request.fields().isEmpty()) {
            return request.fields().stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn())
                    .collect(Collectors.joining(", "));
        }
        return "";
    }

    private static boolean ja(Locale locale) {
        return !"en".equals(locale.getLanguage());
    }

}
