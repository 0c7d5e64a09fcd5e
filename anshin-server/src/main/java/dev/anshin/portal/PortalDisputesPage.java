package dev.anshin.portal;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Answer;
import dev.anshin.disputes.Channel;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeAction;
import dev.anshin.disputes.DisputeEvent;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.DisputeTexts;
import dev.anshin.disputes.Disputes;
import dev.anshin.disputes.Finding;
import dev.anshin.disputes.MerchantDirectory;
import dev.anshin.disputes.Party;
import dev.anshin.disputes.Report;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
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
 * "I don't recognize this charge", the cardholder's side: the report form (their own transactions of
 * the last 120 days, four questions, the certification), the status page of a report, live until
 * every case is decided, with what was found and what the cardholder may do next (withdraw, contest
 * a "genuine" decision, answer an analyst's question), and the list of their reports. Only the
 * signed-in cardholder's own reports and cases are shown; any other id is the portal's plain 404.
 * Pages show a masked card number and the merchant, never a full card number; {@link Disputes}
 * audits every report and move.
 */
@Controller
class PortalDisputesPage {

    /** How far back the form offers transactions. */
    static final Duration WINDOW = Duration.ofDays(120);
    /** At most this many transactions are offered (newest first). */
    static final int MAX_ROWS = 200;

    /** The statuses in which a case still waits for a decision: the status page polls while any case is in one. */
    static final Set<DisputeStatus> UNDECIDED = EnumSet.of(DisputeStatus.INTAKE, DisputeStatus.INVESTIGATING,
            DisputeStatus.ANALYST_REVIEW, DisputeStatus.AWAITING_CARDHOLDER);

    /** The four questions, in the order the form asks them. */
    static final List<String> QUESTIONS = List.of("cardInHand", "familyCouldExplain", "subscriptionCouldExplain",
            "recognizesMerchant");

    private static final Pattern INDEXED = Pattern.compile("authorizationIds\\[(\\d+)]");
    private static final int MAX_ANSWER = 500;

    /** One transaction as the cardholder recognizes it. */
    record Transaction(String authorizationId, String amount, String occurredAt, String brand, String descriptor,
            String card, String disputedIn, boolean selected) {
    }

    record Question(String name, String label, String selected, String error) {
    }

    record Option(String value, String label) {
    }

    /** One case on the status page. */
    record CaseView(String id, int version, String statusCode, String status, String phase, Transaction transaction,
            List<String> findings, String explanation, Outcome outcome, String question, boolean canWithdraw,
            boolean canContest, boolean canAnswer, boolean live) {
    }

    /** What was done for a case (all null when nothing yet). */
    record Outcome(boolean cardBlocked, String replacementCard, String provisionalCredit, String network,
            String reasonCode, String filingDeadline, String chargebackReference, String merchantResponseDue,
            String reviewDue) {
    }

    record ReportRow(String id, String reference, String submittedAt, String merchants, String statuses,
            String amounts, boolean live) {
    }

    /** Thrown for anything the cardholder may not see: answered with the portal's 404 page, nothing else. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    private final Disputes disputes;
    private final DisputeTexts texts;
    private final Decisions decisions;
    private final Cards cards;
    private final MessageSource messages;
    private final Clock clock;
    private final MerchantDirectory merchants = MerchantDirectory.standard();

    PortalDisputesPage(Disputes disputes, DisputeTexts texts, Decisions decisions, Cards cards, MessageSource messages,
            Clock clock) {
        this.disputes = disputes;
        this.texts = texts;
        this.decisions = decisions;
        this.cards = cards;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- my reports ---------------------------------------------------------------------------------

    @GetMapping("/portal/disputes")
    String list(@AuthenticationPrincipal Cardholder cardholder, Model model, Locale locale) {
        Map<String, List<Dispute>> byReport = new LinkedHashMap<>();
        List<Dispute> all = disputes.ofCustomer(cardholder.customerId());
        for (Dispute d : all) {
            byReport.computeIfAbsent(d.reportId(), id -> new ArrayList<>()).add(d);
        }
        Map<String, Authorization> disputed = authorizations(all);
        List<ReportRow> rows = byReport.entrySet().stream()
                .map(e -> {
                    List<Dispute> cases = e.getValue();
                    Instant submitted = cases.stream().map(Dispute::createdAt).min(Comparator.naturalOrder())
                            .orElseThrow();
                    String statuses = cases.stream().map(d -> texts.status(d.status(), locale)).distinct()
                            .collect(Collectors.joining(separator(locale)));
                    String amounts = cases.stream().map(d -> Display.money(d.amountMinor(), d.currency(), locale))
                            .collect(Collectors.joining(separator(locale)));
                    String merchants = cases.stream().map(d -> merchant(disputed.get(d.authorizationId()), locale))
                            .distinct().collect(Collectors.joining(separator(locale)));
                    String reference = cases.get(0).reference() == null ? "" : cases.get(0).reference();
                    return new ReportRow(e.getKey(), reference, Display.time(submitted), merchants, statuses, amounts,
                            cases.stream().anyMatch(PortalDisputesPage::live));
                })
                .toList(); // in the order of their newest cases: newest first
        model.addAttribute("reports", rows);
        return "portal/disputes";
    }

    // ---- the report form --------------------------------------------------------------------------

    @GetMapping("/portal/disputes/new")
    String form(@AuthenticationPrincipal Cardholder cardholder,
            @RequestParam(name = "authorization", required = false) List<String> preselected, Model model,
            Locale locale) {
        fillForm(cardholder, model, locale, preselected == null ? Set.of() : new LinkedHashSet<>(preselected),
                Map.of(), List.of(), false);
        return "portal/dispute-new";
    }

    /**
     * Takes the report and redirects to its status page; the same report sent again leads to the first
     * one's page. Refusals are shown on the form, with the cardholder's choices kept.
     */
    @PostMapping("/portal/disputes/new")
    Object submit(@AuthenticationPrincipal Cardholder cardholder,
            @RequestParam(name = "authorization", required = false) List<String> chosen,
            @RequestParam(required = false) String cardInHand,
            @RequestParam(required = false) String familyCouldExplain,
            @RequestParam(required = false) String subscriptionCouldExplain,
            @RequestParam(required = false) String recognizesMerchant,
            @RequestParam(required = false) String certified, Model model, Locale locale, HttpServletRequest request) {
        List<String> ids = chosen == null ? List.of() : chosen.stream().distinct().toList();
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("cardInHand", cardInHand);
        answers.put("familyCouldExplain", familyCouldExplain);
        answers.put("subscriptionCouldExplain", subscriptionCouldExplain);
        answers.put("recognizesMerchant", recognizesMerchant);
        boolean isCertified = "yes".equals(certified);
        try {
            Disputes.Submitted submitted = disputes.submit(cardholder.customerId(), Channel.PORTAL,
                    Disputes.Acting.cardholder(cardholder.customerId(), request.getRemoteAddr()),
                    new Disputes.Submission(ids, answer(cardInHand), answer(familyCouldExplain),
                            answer(subscriptionCouldExplain), answer(recognizesMerchant), isCertified));
            return "redirect:/portal/disputes/reports/" + submitted.report().id();
        } catch (RequestProblem refused) {
            List<String> errors = new ArrayList<>();
            Map<String, String> fieldErrors = new LinkedHashMap<>();
            for (FieldProblem problem : refused.errors()) {
                String field = problem.field() == null ? "" : problem.field();
                if (QUESTIONS.contains(field)) {
                    fieldErrors.put(field, message("portal.disputes.error.answer", locale));
                } else if ("certified".equals(field)) {
                    fieldErrors.put(field, message("portal.disputes.error.certified", locale));
                } else if ("authorizationIds".equals(field)) {
                    errors.add(message(ids.isEmpty() ? "portal.disputes.error.none" : "portal.disputes.error.too-many",
                            locale));
                } else {
                    errors.add(transactionError(refused.type(), field, ids, locale));
                }
            }
            if (errors.isEmpty() && fieldErrors.isEmpty()) {
                errors.add(message(refused.type() == ProblemType.UNAVAILABLE ? "portal.disputes.error.unavailable"
                        : "portal.disputes.error.invalid", locale));
            }
            fillForm(cardholder, model, locale, new LinkedHashSet<>(ids), answers, errors.stream().distinct().toList(),
                    isCertified);
            model.addAttribute("fieldErrors", fieldErrors);
            model.addAttribute("questions", questions(answers, fieldErrors, locale));
            return new ModelAndView("portal/dispute-new", model.asMap(), HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }

    /** A refusal about one transaction, naming it as the cardholder sees it (amount and date), never by id alone. */
    private String transactionError(ProblemType type, String field, List<String> ids, Locale locale) {
        String code = switch (type) {
            case UNKNOWN_AUTHORIZATION -> "portal.disputes.error.unknown";
            case NOT_DISPUTABLE -> "portal.disputes.error.too-old";
            case ALREADY_DISPUTED -> "portal.disputes.error.already";
            case UNAVAILABLE -> "portal.disputes.error.unavailable";
            default -> "portal.disputes.error.invalid";
        };
        String which = "—";
        Matcher m = INDEXED.matcher(field);
        if (m.matches() && type != ProblemType.UNKNOWN_AUTHORIZATION) {
            int index = Integer.parseInt(m.group(1));
            if (index < ids.size()) {
                which = decisions.find(ids.get(index))
                        .map(d -> Display.time(d.authorization().timestamp()) + " "
                                + Display.money(d.authorization().amountMinor(), d.authorization().currency(), locale))
                        .orElse(which);
            }
        }
        return messages.getMessage(code, new Object[] {which}, locale);
    }

    private void fillForm(Cardholder cardholder, Model model, Locale locale, Set<String> selected,
            Map<String, String> answers, List<String> errors, boolean certified) {
        Instant now = clock.instant();
        Map<String, Card> mine = cards.ofCustomer(cardholder.customerId()).stream()
                .collect(Collectors.toMap(Card::token, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, String> disputedIn = disputes.ofCustomer(cardholder.customerId()).stream()
                .collect(Collectors.toMap(Dispute::authorizationId, Dispute::reportId, (a, b) -> a));
        List<StoredDecision> found = new ArrayList<>(decisions
                .ofCards(mine.keySet(), now.minus(WINDOW), now.plus(Duration.ofDays(1)), MAX_ROWS));
        // A charge chosen on the usage page may be older than the window or beyond the list's length:
        // it is on the form all the same, when it is on one of the cardholder's own cards.
        Set<String> listed = found.stream().map(StoredDecision::authorizationId).collect(Collectors.toSet());
        selected.stream().filter(id -> !listed.contains(id) && Ids.isToken(id) && id.length() <= 64)
                .map(decisions::find).flatMap(Optional::stream)
                .filter(d -> mine.containsKey(d.authorization().cardToken()))
                .forEach(d -> found.add(0, d));
        List<Transaction> transactions = found.stream()
                .map(d -> transaction(d.authorization(), Optional.ofNullable(mine.get(d.authorization().cardToken())),
                        disputedIn.get(d.authorizationId()), selected.contains(d.authorizationId()), locale))
                .toList();
        model.addAttribute("transactions", transactions);
        // The form starts from the charges chosen (on the usage page, "not me"); the others are a search
        // away. Nothing chosen: every charge is on the list.
        List<Transaction> chosen = transactions.stream().filter(Transaction::selected).toList();
        model.addAttribute("chosen", chosen.isEmpty() ? transactions : chosen);
        model.addAttribute("others", chosen.isEmpty() ? List.of()
                : transactions.stream().filter(t -> !t.selected()).toList());
        model.addAttribute("questions", questions(answers, Map.of(), locale));
        model.addAttribute("answers", List.of(Answer.values()).stream()
                .map(a -> new Option(a.name(), texts.answer(a, locale))).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", Map.of());
        model.addAttribute("certified", certified);
    }

    private List<Question> questions(Map<String, String> answers, Map<String, String> fieldErrors, Locale locale) {
        return QUESTIONS.stream().map(q -> new Question(q, message("portal.disputes.question." + q, locale),
                answers.get(q), fieldErrors.get(q))).toList();
    }

    // ---- the status page ----------------------------------------------------------------------------

    @GetMapping("/portal/disputes/reports/{reportId}")
    String status(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String reportId,
            @RequestParam(required = false) String error, @RequestParam(required = false) String done, Model model,
            Locale locale) {
        Report report = ownReport(cardholder, reportId);
        List<Dispute> cases = disputes.ofReport(report.id());
        List<CaseView> views = cases.stream().map(d -> view(d, locale)).toList();
        model.addAttribute("reportId", report.id());
        model.addAttribute("reference", report.reference());
        model.addAttribute("submittedAt", Display.time(report.submittedAt()));
        model.addAttribute("cases", views);
        model.addAttribute("live", cases.stream().anyMatch(PortalDisputesPage::live));
        model.addAttribute("signature", signature(cases));
        if (error != null && Set.of("stale", "illegal", "answer", "invalid", "confirm").contains(error)) {
            model.addAttribute("error", message("portal.disputes.action-error." + error, locale));
        }
        if (done != null && Set.of("WITHDRAW", "CONTEST", "CARDHOLDER_ANSWERED").contains(done)) {
            model.addAttribute("done", message("portal.disputes.done." + done, locale));
        }
        return "portal/dispute-status";
    }

    /** What the status page polls: per case its status, version and status text, and one signature of them all. */
    @GetMapping("/portal/disputes/reports/{reportId}/status")
    ResponseEntity<Map<String, Object>> statusJson(@AuthenticationPrincipal Cardholder cardholder,
            @PathVariable String reportId, Locale locale) {
        Report report = ownReport(cardholder, reportId);
        List<Dispute> cases = disputes.ofReport(report.id());
        Map<String, Object> byCase = new LinkedHashMap<>();
        for (Dispute d : cases) {
            byCase.put(d.id(), Map.of("status", d.status().name(), "version", d.version(),
                    "text", texts.status(d.status(), locale), "live", live(d)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("live", cases.stream().anyMatch(PortalDisputesPage::live));
        body.put("signature", signature(cases));
        body.put("cases", byCase);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @PostMapping("/portal/disputes/cases/{disputeId}/withdraw")
    String withdraw(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String disputeId,
            @RequestParam(required = false) Integer version, @RequestParam(required = false) String confirmed,
            HttpServletRequest request) {
        if (!"yes".equals(confirmed)) {
            // Withdrawing ends the investigation and cannot be undone: only with the box ticked.
            return "redirect:/portal/disputes/reports/" + ownCase(cardholder, disputeId).reportId() + "?error=confirm";
        }
        return act(cardholder, disputeId, DisputeAction.WITHDRAW, null, version, request);
    }

    @PostMapping("/portal/disputes/cases/{disputeId}/contest")
    String contest(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String disputeId,
            @RequestParam(required = false) Integer version, HttpServletRequest request) {
        return act(cardholder, disputeId, DisputeAction.CONTEST, null, version, request);
    }

    /** The cardholder's answer to an analyst's question: free text, at most 500 characters. */
    @PostMapping("/portal/disputes/cases/{disputeId}/answer")
    String answer(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String disputeId,
            @RequestParam(required = false) Integer version, @RequestParam(required = false) String answer,
            HttpServletRequest request) {
        Dispute dispute = ownCase(cardholder, disputeId);
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty() || text.length() > MAX_ANSWER) {
            return "redirect:/portal/disputes/reports/" + dispute.reportId() + "?error=answer";
        }
        return act(cardholder, disputeId, DisputeAction.CARDHOLDER_ANSWERED, text, version, request);
    }

    private String act(Cardholder cardholder, String disputeId, DisputeAction action, String note, Integer version,
            HttpServletRequest request) {
        Dispute dispute = ownCase(cardholder, disputeId);
        String page = "redirect:/portal/disputes/reports/" + dispute.reportId();
        if (version == null) {
            return page + "?error=invalid";
        }
        try {
            disputes.act(dispute.id(), cardholder.customerId(), action,
                    Disputes.Acting.cardholder(cardholder.customerId(), request.getRemoteAddr()), note, version);
        } catch (RequestProblem refused) {
            return page + "?error=" + switch (refused.type()) {
                case NOT_FOUND -> throw new NotFound();
                case CONFLICT -> "stale";
                case ILLEGAL_TRANSITION -> "illegal";
                case VALIDATION -> "answer";
                default -> "invalid";
            };
        }
        return page + "?done=" + action.name();
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound() {
        return new ModelAndView("portal/not-found", HttpStatus.NOT_FOUND);
    }

    private Report ownReport(Cardholder cardholder, String reportId) {
        if (reportId == null || !Ids.isUuid(reportId)) {
            throw new NotFound();
        }
        // Someone else's report is answered exactly like one that does not exist.
        return disputes.report(reportId).filter(r -> r.customerId().equals(cardholder.customerId()))
                .orElseThrow(NotFound::new);
    }

    private Dispute ownCase(Cardholder cardholder, String disputeId) {
        if (disputeId == null || !Ids.isUuid(disputeId)) {
            throw new NotFound();
        }
        return disputes.findOf(cardholder.customerId(), disputeId).orElseThrow(NotFound::new);
    }

    private CaseView view(Dispute d, Locale locale) {
        Transaction transaction = decisions.find(d.authorizationId())
                .map(StoredDecision::authorization)
                .map(a -> transaction(a, cards.find(a.cardToken()), null, false, locale))
                .orElseGet(() -> new Transaction(d.authorizationId(), Display.money(d.amountMinor(), d.currency(), locale),
                        Display.time(d.occurredAt()), null, null,
                        cards.find(d.cardToken()).map(Card::masked).orElse(""), null, false));
        // What counted, either way, and the merchant's brand (information only, but what people recognize):
        // only findings about the cardholder's own transactions and answers. Other cardholders' reports,
        // flagged points and the risk engine's score and reasons are for staff (a signed-in account may
        // be a taken-over one).
        List<String> findings = d.findings().stream()
                .filter(Finding::forCardholder)
                .filter(f -> f.weight() != 0 || "merchant-brand".equals(f.code()))
                .sorted(Comparator.comparingInt((Finding f) -> -Math.abs(f.weight())))
                .map(f -> texts.finding(f, locale))
                .toList();
        Set<DisputeAction> available = disputes.available(d, Party.CARDHOLDER);
        String question = null;
        if (d.status() == DisputeStatus.AWAITING_CARDHOLDER) {
            List<DisputeEvent> history = disputes.history(d.id());
            for (DisputeEvent event : history) {
                if (DisputeAction.ASK_CARDHOLDER.name().equals(event.action())) {
                    question = event.note();
                }
            }
        }
        String explanation = switch (d.status()) {
            case INTAKE, INVESTIGATING -> message("portal.disputes.explain.investigating", locale);
            case ANALYST_REVIEW -> messages.getMessage("portal.disputes.explain.review",
                    new Object[] {d.reviewDueAt() == null ? "—" : Display.time(d.reviewDueAt())}, locale);
            case AWAITING_CARDHOLDER -> message("portal.disputes.explain.question", locale);
            case DECIDED_GENUINE -> message("portal.disputes.explain.genuine", locale);
            case DECIDED_FRAUD, CHARGEBACK_FILED -> message("portal.disputes.explain.fraud", locale);
            case WON -> message("portal.disputes.explain.won", locale);
            case LOST -> message("portal.disputes.explain.lost", locale);
            case WRITTEN_OFF -> message("portal.disputes.explain.written-off", locale);
            case EXPIRED -> message("portal.disputes.explain.expired", locale);
            case WITHDRAWN -> message("portal.disputes.explain.withdrawn", locale);
        };
        Outcome outcome = new Outcome(d.cardBlockedAt() != null,
                d.replacementCardToken() == null ? null
                        : cards.find(d.replacementCardToken()).map(c -> "****" + c.last4()).orElse(null),
                d.provisionalCreditMinor() == null ? null : Display.money(d.provisionalCreditMinor(), d.currency(), locale),
                d.network(), d.reasonCode(),
                d.filingDeadline() == null ? null : Display.date(d.filingDeadline()),
                d.chargebackReference(),
                d.merchantResponseDue() == null ? null : Display.date(d.merchantResponseDue()),
                d.reviewDueAt() == null ? null : Display.time(d.reviewDueAt()));
        return new CaseView(d.id(), d.version(), d.status().name(), texts.status(d.status(), locale),
                d.status().phase().name(), transaction, findings, explanation, outcome, question,
                available.contains(DisputeAction.WITHDRAW), available.contains(DisputeAction.CONTEST),
                available.contains(DisputeAction.CARDHOLDER_ANSWERED), live(d));
    }

    /** Still moving without the cardholder: not yet decided, or decided with its effects not all done. */
    static boolean live(Dispute d) {
        return UNDECIDED.contains(d.status()) || d.effectsPending();
    }

    /** Changes whenever any case of the report moves (every move bumps the version). */
    static String signature(List<Dispute> cases) {
        return cases.stream().sorted(Comparator.comparing(Dispute::id))
                .map(d -> d.id() + ":" + d.status().name() + ":" + d.version() + ":" + d.effectsPending())
                .collect(Collectors.joining(","));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /**
     * The disputed authorizations, by id, read at once: those of the cases' cards in the span of the
     * cases (one query, not one per case); any not found that way (an unusual span) one by one.
     */
    private Map<String, Authorization> authorizations(List<Dispute> cases) {
        Map<String, Authorization> found = new java.util.HashMap<>();
        if (cases.isEmpty()) {
            return found;
        }
        Set<String> wanted = cases.stream().map(Dispute::authorizationId).collect(Collectors.toSet());
        Set<String> cards = cases.stream().map(Dispute::cardToken).collect(Collectors.toSet());
        Instant from = cases.stream().map(Dispute::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = cases.stream().map(Dispute::occurredAt).max(Comparator.naturalOrder()).orElseThrow()
                .plusMillis(1);
        for (StoredDecision s : decisions.ofCards(cards, from, to, 2_000)) {
            if (wanted.contains(s.authorizationId())) {
                found.put(s.authorizationId(), s.authorization());
            }
        }
        for (String id : wanted) {
            if (!found.containsKey(id)) {
                decisions.find(id).ifPresent(s -> found.put(id, s.authorization()));
            }
        }
        return found;
    }

    /** The merchant as the cardholder recognizes it: the brand, else the descriptor as sent, else a dash. */
    private String merchant(Authorization a, Locale locale) {
        if (a == null) {
            return "—";
        }
        return merchants.lookup(a.merchantName()).map(b -> ja(locale) ? b.nameJa() : b.nameEn())
                .orElse(a.merchantName() == null ? "—" : a.merchantName());
    }

    private Transaction transaction(Authorization a, Optional<Card> card, String disputedIn, boolean selected,
            Locale locale) {
        String brand = merchants.lookup(a.merchantName()).map(b -> ja(locale) ? b.nameJa() : b.nameEn()).orElse(null);
        return new Transaction(a.authorizationId(), Display.money(a.amountMinor(), a.currency(), locale),
                Display.time(a.timestamp()), brand, a.merchantName(), card.map(Card::masked).orElse(""), disputedIn,
                selected && disputedIn == null);
    }

    private static Answer answer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Answer.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }

    private static String separator(Locale locale) {
        return ja(locale) ? "、" : ", ";
    }

    private static boolean ja(Locale locale) {
        return "ja".equals(locale.getLanguage());
    }
}
