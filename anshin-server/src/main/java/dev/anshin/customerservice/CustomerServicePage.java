package dev.anshin.customerservice;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Answer;
import dev.anshin.disputes.Channel;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeTexts;
import dev.anshin.disputes.Disputes;
import dev.anshin.disputes.MerchantDirectory;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * Customer service's screen: find the caller, see what they hold and what they asked, act for them.
 * Reports go through {@link Disputes#submit} as the API's {@code POST /api/v1/disputes} does (channel
 * STAFF, the staff member as the actor; idempotent: the same report again answers the first);
 * data-subject requests through {@link DataSubjectRequests#submit} (channel CALL_CENTER, idempotent on
 * the form's request id). Both audit themselves; searches and views are audited here.
 */
@Controller
class CustomerServicePage {

    /** How far back the charges offered go (the disputes module refuses what is too old anyway). */
    static final Duration WINDOW = Duration.ofDays(120);
    static final int MAX_CHARGES = 50;
    /**
     * At most this many customers holding a card ending in the same four digits are checked against a
     * date of birth; more, and the caller is asked for something narrower (each check is a read).
     */
    static final int MAX_CANDIDATES = 20;
    /** The fields read to greet and confirm the caller. */
    static final Set<PersonalField> CALLER_FIELDS = EnumSet.of(PersonalField.NAME_KANJI, PersonalField.NAME_KANA,
            PersonalField.DATE_OF_BIRTH, PersonalField.PHONE);
    static final List<String> QUESTIONS = List.of("cardInHand", "familyCouldExplain", "subscriptionCouldExplain",
            "recognizesMerchant");
    static final List<RequestKind> KINDS = List.of(RequestKind.DISCLOSURE, RequestKind.CORRECTION,
            RequestKind.STOP_OF_USE, RequestKind.DELETION);

    record CardRow(String masked, String status, String statusCode, String since) {
    }

    record ChargeRow(String authorizationId, String occurredAt, String amount, String merchant, String decision,
            String decisionCode, String card, String disputedIn) {
    }

    record CaseRow(String id, String reportId, String authorizationId, String occurredAt, String amount,
            String merchant, String status, String statusCode, String reportedAt) {
    }

    record RequestRow(String id, String kind, String status, String statusCode, String about, String receivedAt,
            String deadline, boolean overdue) {
    }

    record Option(String value, String label) {
    }

    record Found(String customerId, String name) {
    }

    private final PersonalData personalData;
    private final DataSubjectRequests requests;
    private final Cards cards;
    private final Decisions decisions;
    private final Disputes disputes;
    private final DisputeTexts texts;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final MerchantDirectory merchants = MerchantDirectory.standard();

    CustomerServicePage(PersonalData personalData, DataSubjectRequests requests, Cards cards, Decisions decisions,
            Disputes disputes, DisputeTexts texts, AuditLog audit, MessageSource messages, Clock clock) {
        this.personalData = personalData;
        this.requests = requests;
        this.cards = cards;
        this.decisions = decisions;
        this.disputes = disputes;
        this.texts = texts;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- finding the caller -------------------------------------------------------------------------

    /** The search forms; a search is a POST (no personal value in an address, no cross-site GET reads). */
    @GetMapping("/service")
    String find() {
        return "service/find";
    }

    /**
     * The search: one way at a time, the customer id, the customer number, or a card's last four
     * digits with the date of birth. One customer found: their page; several: a list to choose from.
     * POST with CSRF, so no personal value ever lands in an address, a history or an access log.
     */
    @PostMapping("/service")
    String find(@RequestParam(required = false) String customerId,
            @RequestParam(required = false) String customerNumber, @RequestParam(required = false) String last4,
            @RequestParam(required = false) String dateOfBirth, Model model, Locale locale, Authentication auth,
            HttpServletRequest http, HttpServletResponse response) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("customerNumber", customerNumber);
        model.addAttribute("last4", last4);
        model.addAttribute("dateOfBirth", dateOfBirth);
        boolean byId = present(customerId);
        boolean byNumber = present(customerNumber);
        boolean byCard = present(last4) || present(dateOfBirth);
        if (!byId && !byNumber && !byCard) {
            return "service/find";
        }
        Actor actor = Actor.staff(auth, http);
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        String by;
        if (byId) {
            by = "customer-id";
            String id = customerId.strip();
            if (!Ids.isUuid(id)) {
                errors.put("customerId", message("workbench.service.find.customerId.invalid", locale));
            } else if (personalData.isActive(id) || erased(id)) {
                // An erased customer is found too: their page says so (the same rule as opening it).
                found.add(id);
            }
        } else if (byNumber) {
            by = "customer-number";
            personalData.findByCustomerNumber(actor, Purpose.SERVICE_OPERATION, customerNumber.strip())
                    .ifPresent(found::add);
        } else {
            by = "card-last4-and-date-of-birth";
            if (last4 == null || !last4.strip().matches("[0-9]{4}")) {
                errors.put("last4", message("workbench.service.find.last4.invalid", locale));
            }
            if (!validDate(dateOfBirth)) {
                errors.put("dateOfBirth", message("workbench.service.find.dateOfBirth.invalid", locale));
            }
            if (errors.isEmpty()) {
                List<String> candidates = cards.customersWithCardEndingIn(last4.strip(), MAX_CANDIDATES + 1);
                if (candidates.size() > MAX_CANDIDATES) {
                    errors.put("last4", message("workbench.service.find.too-many", locale));
                } else {
                    found.addAll(personalData.holdingValue(actor, Purpose.SERVICE_OPERATION, candidates,
                            PersonalField.DATE_OF_BIRTH, dateOfBirth.strip()));
                }
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("errors", errors);
            return "service/find";
        }
        record(actor, "customer-service.find", found.size() == 1 ? "customer/" + found.get(0) : "customer/-",
                "by=" + by + " found=" + found.size());
        if (found.size() == 1) {
            return "redirect:/service/customers/" + found.get(0);
        }
        if (found.isEmpty()) {
            model.addAttribute("notFound", true);
            return "service/find";
        }
        model.addAttribute("found", found.stream().map(id -> new Found(id, names(actor, id))).toList());
        return "service/find";
    }

    // ---- the customer -------------------------------------------------------------------------------

    @GetMapping("/service/customers/{id}")
    String customer(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletRequest http) {
        requireCustomer(id);
        fill(id, model, locale, Actor.staff(auth, http));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        return "service/customer";
    }

    /** A report for the caller of a charge they do not recognize: one charge, the four questions, their certification. */
    @PostMapping("/service/customers/{id}/reports")
    String report(@PathVariable String id, @RequestParam(name = "authorization", required = false) String charge,
            @RequestParam(required = false) String cardInHand,
            @RequestParam(required = false) String familyCouldExplain,
            @RequestParam(required = false) String subscriptionCouldExplain,
            @RequestParam(required = false) String recognizesMerchant,
            @RequestParam(required = false) String certified, Model model, Locale locale, Authentication auth,
            HttpServletRequest http, HttpServletResponse response, RedirectAttributes redirect) {
        requireCustomer(id);
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("cardInHand", cardInHand);
        answers.put("familyCouldExplain", familyCouldExplain);
        answers.put("subscriptionCouldExplain", subscriptionCouldExplain);
        answers.put("recognizesMerchant", recognizesMerchant);
        Map<String, String> errors = new LinkedHashMap<>();
        if (charge == null || charge.isBlank()) {
            errors.put("authorization", message("workbench.service.report.charge.required", locale));
        }
        Map<String, Answer> parsed = new LinkedHashMap<>();
        answers.forEach((question, value) -> {
            Answer answer = answer(value);
            if (answer == null) {
                errors.put(question, message("workbench.service.report.answer.required", locale));
            }
            parsed.put(question, answer);
        });
        if (!"yes".equals(certified)) {
            errors.put("certified", message("workbench.service.report.certified.required", locale));
        }
        if (errors.isEmpty()) {
            try {
                Disputes.Submitted submitted = disputes.submit(id, Channel.STAFF,
                        Disputes.Acting.staff(auth.getName(), http.getRemoteAddr()),
                        new Disputes.Submission(List.of(charge), parsed.get("cardInHand"),
                                parsed.get("familyCouldExplain"), parsed.get("subscriptionCouldExplain"),
                                parsed.get("recognizesMerchant"), true));
                Dispute first = submitted.disputes().get(0);
                redirect.addFlashAttribute("done", message(submitted.created() ? "workbench.service.report.done"
                        : "workbench.service.report.again", locale,
                        submitted.report().reference() != null ? submitted.report().reference() : submitted.report().id()));
                // The case's status is added when the page is shown, as its table shows it (the automatic
                // investigation may have moved it on since the report): one word for it, from one place.
                redirect.addFlashAttribute("reportedCase", first.id());
                return "redirect:/service/customers/" + id;
            } catch (RequestProblem refused) {
                errors.put("authorization", switch (refused.type()) {
                    case ALREADY_DISPUTED -> message("workbench.service.report.already", locale);
                    case NOT_DISPUTABLE -> message("workbench.service.report.too-old", locale);
                    case UNKNOWN_AUTHORIZATION -> message("workbench.service.report.unknown", locale);
                    case UNAVAILABLE -> message("workbench.service.report.retry", locale);
                    default -> message("workbench.service.report.refused", locale);
                });
                response.setStatus(refused.type().status().value());
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        refused(id, model, locale, auth, http, "report", errors);
        model.addAttribute("chosenCharge", charge);
        model.addAttribute("answers", answers);
        model.addAttribute("certified", "yes".equals(certified));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        return "service/customer";
    }

    /** A data-subject request taken in for the caller, by phone; idempotent on the form's request id. */
    @PostMapping("/service/customers/{id}/requests")
    String request(@PathVariable String id, @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String field, @RequestParam(required = false) String value,
            Model model, Locale locale, Authentication auth, HttpServletRequest http, HttpServletResponse response,
            RedirectAttributes redirect) {
        requireCustomer(id);
        Map<String, String> errors = new LinkedHashMap<>();
        RequestKind chosen = KINDS.stream().filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        RequestDetails details = RequestDetails.none();
        if (chosen == null) {
            errors.put("kind", message("workbench.service.request.kind.required", locale));
        } else if (chosen == RequestKind.STOP_OF_USE) {
            Optional<Purpose> stop = stoppable().stream().filter(p -> p.name().equals(purpose)).findFirst();
            if (stop.isEmpty()) {
                errors.put("purpose", message("workbench.service.request.purpose.required", locale));
            } else {
                details = RequestDetails.stopOfUse(stop.get(), null);
            }
        } else if (chosen == RequestKind.CORRECTION) {
            Optional<PersonalField> corrected = correctable().stream().filter(f -> f.name().equals(field)).findFirst();
            if (corrected.isEmpty()) {
                errors.put("field", message("workbench.service.request.field.required", locale));
            } else if (value == null || value.isBlank()) {
                errors.put("value", message("workbench.service.request.value.required", locale));
            } else {
                Optional<String> problem = corrected.get().check(value.strip());
                if (problem.isPresent()) {
                    errors.put("value", message("workbench.service.request.value.invalid", locale,
                            ja(locale) ? corrected.get().labelJa() : corrected.get().labelEn()));
                } else {
                    details = RequestDetails.correction(Map.of(corrected.get(), value.strip()));
                }
            }
        }
        boolean conflict = false;
        if (errors.isEmpty()) {
            try {
                DataSubjectRequest taken = requests.submit(Actor.staff(auth, http), id, chosen, details,
                        ConsentChannel.CALL_CENTER, requestId);
                redirect.addFlashAttribute("done", message("workbench.service.request.done", locale,
                        label(taken.kind(), locale), taken.id(), Display.time(taken.deadline())));
                return "redirect:/service/customers/" + id;
            } catch (RequestProblem refused) {
                conflict = refused.type() == ProblemType.CONFLICT;
                String at = refused.errors().isEmpty() ? "kind" : refused.errors().get(0).field();
                errors.put(at.startsWith("corrections") ? "value" : at.equals("requestId") ? "kind" : at,
                        refused.type() == ProblemType.CONFLICT ? message("workbench.service.request.conflict", locale)
                                : refused.type() == ProblemType.ERASED ? message("workbench.service.erased", locale)
                                : message("workbench.service.request.refused", locale));
                response.setStatus(refused.type().status().value());
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        refused(id, model, locale, auth, http, "request", errors);
        model.addAttribute("chosenKind", kind);
        model.addAttribute("chosenPurpose", purpose);
        model.addAttribute("chosenField", field);
        model.addAttribute("typedValue", value);
        // The same id again after a validation error: sent once more after a fix, the request is still
        // taken in once. After a conflict (the id was used for another request) a new one, or every
        // later submission would conflict too.
        model.addAttribute("requestId", conflict || requestId == null || requestId.isBlank()
                ? UUID.randomUUID().toString() : requestId);
        return "service/customer";
    }

    private void refused(String id, Model model, Locale locale, Authentication auth, HttpServletRequest http,
            String form, Map<String, String> errors) {
        // Shown at the form's address; the language switch goes to the customer's page.
        http.setAttribute("currentPath", "/service/customers/" + id);
        http.setAttribute("currentPage", "/service/customers/" + id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("error", message("workbench.service.invalid", locale));
        fill(id, model, locale, Actor.staff(auth, http));
    }

    private void fill(String id, Model model, Locale locale, Actor actor) {
        boolean ja = ja(locale);
        model.addAttribute("id", id);
        Map<PersonalField, String> caller = Map.of();
        if (erased(id)) {
            model.addAttribute("erased", true);
        } else {
            try {
                caller = personalData.read(actor, Purpose.SERVICE_OPERATION, null, id, CALLER_FIELDS);
            } catch (RequestProblem refused) {
                // Only an erasure is worded as one; any other refusal says the details cannot be shown.
                model.addAttribute(refused.type() == ProblemType.ERASED ? "erased" : "unreadable", true);
            }
        }
        model.addAttribute("name", caller.get(PersonalField.NAME_KANJI));
        model.addAttribute("kana", caller.get(PersonalField.NAME_KANA));
        model.addAttribute("dateOfBirth", caller.get(PersonalField.DATE_OF_BIRTH));
        model.addAttribute("phone", caller.get(PersonalField.PHONE));
        List<Card> owned = cards.ofCustomer(id);
        Map<String, Card> byToken = owned.stream().collect(Collectors.toMap(Card::token, c -> c));
        model.addAttribute("cards", owned.stream().map(c -> new CardRow(c.masked(),
                message("workbench.service.card." + c.status().name(), locale), c.status().name(),
                Display.time(c.createdAt()))).toList());
        List<Dispute> cases = disputes.ofCustomer(id);
        Map<String, String> disputedIn = new LinkedHashMap<>();
        cases.forEach(d -> disputedIn.put(d.authorizationId(), d.id()));
        Instant now = clock.instant();
        List<StoredDecision> recent = decisions.ofCards(byToken.keySet(), now.minus(WINDOW), now.plusSeconds(60),
                MAX_CHARGES);
        model.addAttribute("charges", recent.stream().map(d -> {
            Authorization a = d.authorization();
            Card card = byToken.get(a.cardToken());
            return new ChargeRow(a.authorizationId(), Display.time(a.timestamp()),
                    Display.money(a.amountMinor(), a.currency(), locale), merchant(a.merchantName(), ja),
                    message("decision." + d.decision().decision().name(), locale), d.decision().decision().name(),
                    card == null ? "" : card.masked(), disputedIn.get(a.authorizationId()));
        }).toList());
        Map<String, String> merchantOf = new LinkedHashMap<>();
        recent.forEach(d -> merchantOf.put(d.authorizationId(), merchant(d.authorization().merchantName(), ja)));
        List<CaseRow> caseRows = cases.stream().map(d -> new CaseRow(d.id(), d.reference() != null ? d.reference() : d.reportId(), d.authorizationId(),
                Display.time(d.occurredAt()), Display.money(d.amountMinor(), d.currency(), locale),
                merchantOf.computeIfAbsent(d.authorizationId(), a -> decisions.find(a)
                        .map(s -> merchant(s.authorization().merchantName(), ja)).orElse("—")),
                texts.status(d.status(), locale), d.status().name(), Display.time(d.createdAt()))).toList();
        model.addAttribute("cases", caseRows);
        if (model.getAttribute("reportedCase") instanceof String reportedCase) {
            caseRows.stream().filter(c -> c.id().equals(reportedCase)).map(CaseRow::status).findFirst()
                    .ifPresent(status -> model.addAttribute("doneStatus", status));
        }
        model.addAttribute("requests", requests.listFor(id).stream().map(r -> new RequestRow(r.id(),
                label(r.kind(), locale), ja ? r.status().labelJa() : r.status().labelEn(), r.status().name(),
                about(r, ja), Display.time(r.receivedAt()), Display.time(r.deadline()), r.overdue())).toList());
        model.addAttribute("questions", QUESTIONS.stream()
                .map(q -> new Option(q, message("workbench.service.question." + q, locale))).toList());
        model.addAttribute("answerOptions", List.of(Answer.values()).stream()
                .map(a -> new Option(a.name(), texts.answer(a, locale))).toList());
        model.addAttribute("kinds", KINDS.stream().map(k -> new Option(k.name(), label(k, locale))).toList());
        model.addAttribute("purposes", stoppable().stream()
                .map(p -> new Option(p.name(), ja ? p.labelJa() : p.labelEn())).toList());
        model.addAttribute("fields", correctable().stream()
                .map(f -> new Option(f.name(), ja ? f.labelJa() : f.labelEn())).toList());
        if (!model.containsAttribute("answers")) {
            model.addAttribute("answers", Map.of());
        }
        record(actor, "customer-service.view", "customer/" + id, "cards=" + owned.size() + " charges=" + recent.size()
                + " cases=" + cases.size());
    }

    private String names(Actor actor, String customerId) {
        try {
            return personalData.read(actor, Purpose.SERVICE_OPERATION, null, customerId,
                    Set.of(PersonalField.NAME_KANJI)).get(PersonalField.NAME_KANJI);
        } catch (RequestProblem refused) {
            return null;
        }
    }

    /** A customer's page opens while they are held or once erased (then it says so); otherwise 404. */
    private void requireCustomer(String id) {
        if (!Ids.isUuid(id) || (!personalData.isActive(id) && !erased(id))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private boolean erased(String id) {
        return Ids.isUuid(id) && personalData.tombstone(id).isPresent();
    }

    /** The optional purposes a caller may ask to stop by phone (a recipient's provision is stopped in the portal). */
    private static List<Purpose> stoppable() {
        return List.of(Purpose.values()).stream().filter(p -> p.optional() && !p.needsPriorConsent()).toList();
    }

    private static List<PersonalField> correctable() {
        return List.of(PersonalField.values()).stream().filter(f -> f != PersonalField.CUSTOMER_NUMBER).toList();
    }

    private String merchant(String descriptor, boolean ja) {
        return merchants.lookup(descriptor).map(b -> ja ? b.nameJa() : b.nameEn())
                .orElse(descriptor == null ? "—" : descriptor);
    }

    private static String about(DataSubjectRequest request, boolean ja) {
        if (request.purpose() != null) {
            return ja ? request.purpose().labelJa() : request.purpose().labelEn();
        }
        return request.fields().stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn())
                .collect(Collectors.joining(", "));
    }

    private static String label(RequestKind kind, Locale locale) {
        return ja(locale) ? kind.labelJa() : kind.labelEn();
    }

    private static Answer answer(String value) {
        for (Answer answer : Answer.values()) {
            if (answer.name().equals(value)) {
                return answer;
            }
        }
        return null;
    }

    private static boolean validDate(String value) {
        if (value == null) {
            return false;
        }
        try {
            LocalDate.parse(value.strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean ja(Locale locale) {
        return !"en".equals(locale.getLanguage());
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private void record(Actor actor, String action, String resource, String detail) {
        audit.record(new AuditEvent(actor.name(), action, resource, Purpose.SERVICE_OPERATION.name(),
                AuditOutcome.SUCCESS, actor.origin(), detail));
    }
}
