package dev.anshin.disputes;

import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.ScoredAuthorizations;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff case console: the queue of cases waiting for staff, earliest deadline first (with a
 * small chart of how many are due when), and one case with everything an analyst decides on: the
 * transaction, the risk decision at authorization, the findings with their weights, the
 * cardholder's answers, what was carried out, the history, and a form per move the transition
 * table allows an analyst now. Every move goes through {@link Disputes#act}, which audits it; a
 * refused move shows why on the case page, with nothing changed. Analysts act; admins may only
 * look (enforced by the console's security chain, the forms are just not shown to them). Cards
 * appear masked, customers by id.
 */
@Controller
class DisputeConsolePage {

    private static final int QUEUE_LIMIT = 200;

    /** One row of the queue. */
    record QueueRow(String id, String status, String statusCode, String deadline, String bucket, String amount,
            String merchant, String card, String customerId, String assessment, int weight, String reportedAt) {
    }

    /** One bar of the queue chart: how many cases are due in this bucket. */
    record Bar(String bucket, String label, long count, int width) {
    }

    /** One finding as shown: its text in the reader's language, its weight, and its bar. */
    record FindingRow(String code, String text, int weight, int barX, int barWidth) {
    }

    /** One label and value of a details list. */
    record Item(String label, String value) {
    }

    /** One line of the history. */
    record HistoryRow(int seq, String at, String action, String from, String to, String party, String actor,
            String note) {
    }

    /**
     * A move the analyst may make now: one form each. {@code consequences} (null for a move that can be
     * undone) says what cannot be taken back, and the form asks the analyst to confirm it.
     */
    record ActionForm(String action, String label, boolean needsNote, String consequences) {
    }

    /**
     * Moves that act outside Anshin and cannot be taken back (a blocked and replaced card, a credit, a
     * filing with the network): the analyst confirms each on the form, and the server checks it.
     */
    static final Set<DisputeAction> IRREVERSIBLE = EnumSet.of(DisputeAction.CONFIRM_FRAUD,
            DisputeAction.FILE_CHARGEBACK, DisputeAction.WITHDRAW_CHARGEBACK, DisputeAction.WRITE_OFF,
            DisputeAction.CHARGEBACK_WON, DisputeAction.CHARGEBACK_LOST);

    private final Disputes disputes;
    private final DisputeTexts texts;
    private final Cards cards;
    private final ScoredAuthorizations scored;
    private final MessageSource messages;
    private final Clock clock;

    DisputeConsolePage(Disputes disputes, DisputeTexts texts, Cards cards, ScoredAuthorizations scored,
            MessageSource messages, Clock clock) {
        this.disputes = disputes;
        this.texts = texts;
        this.cards = cards;
        this.scored = scored;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/disputes")
    String queue(Model model, Locale locale) {
        Instant now = clock.instant();
        List<Dispute> queue = disputes.queue(QUEUE_LIMIT);
        List<QueueRow> rows = queue.stream().map(d -> new QueueRow(d.id(), texts.status(d.status(), locale),
                        d.status().name(), deadline(d), bucket(d, now), Display.money(d.amountMinor(), d.currency(), locale),
                        merchant(d), masked(d.cardToken()), d.customerId(), texts.assessment(d.assessment(), locale),
                        d.weight(), Display.time(d.createdAt())))
                .toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String bucket : List.of("overdue", "today", "tomorrow", "later", "none")) {
            counts.put(bucket, 0L);
        }
        rows.forEach(r -> counts.merge(r.bucket(), 1L, Long::sum));
        long most = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Bar> bars = counts.entrySet().stream().map(e -> new Bar(e.getKey(),
                        messages.getMessage("console.disputes.bucket." + e.getKey(), null, e.getKey(), locale),
                        e.getValue(), (int) Math.round(300.0 * e.getValue() / most)))
                .toList();
        model.addAttribute("cases", rows);
        model.addAttribute("bars", bars);
        model.addAttribute("overdueCount", counts.get("overdue"));
        return "disputes/queue";
    }

    @GetMapping("/console/disputes/{id}")
    String dispute(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletResponse response) {
        Optional<Dispute> found = disputes.find(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        return show(found.get(), model, locale, auth);
    }

    /**
     * One move by the signed-in analyst. Done: back to the case (a reload does not repeat it).
     * Refused (not allowed now, a question without its text, a stale page): the case again, with
     * the reason and the note as typed, and the status of the refusal.
     */
    @PostMapping("/console/disputes/{id}/actions")
    String act(@PathVariable String id, @RequestParam(required = false) String action,
            @RequestParam(required = false) String note, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String confirmed,
            Model model, Locale locale, Authentication auth, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (disputes.find(id).isEmpty()) {
            return notFound(model, response);
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        try {
            DisputeAction move = parse(action);
            if (IRREVERSIBLE.contains(move) && !"yes".equals(confirmed)) {
                throw RequestProblem.invalid("confirmed", "an irreversible action must be confirmed");
            }
            Dispute moved = disputes.act(id, null, move, Disputes.Acting.staff(auth.getName(), request.getRemoteAddr()),
                    text, version);
            redirect.addFlashAttribute("done", messages.getMessage("console.disputes.done",
                    new Object[] {texts.action(move.name(), locale), texts.status(moved.status(), locale)}, locale));
            return "redirect:/console/disputes/" + id;
        } catch (RequestProblem problem) {
            // The refusal is shown at the form's address; the language switch goes to the case itself.
            request.setAttribute("currentPath", "/console/disputes/" + id);
            request.setAttribute("currentPage", "/console/disputes/" + id);
            response.setStatus(problem.type().status().value());
            model.addAttribute("error", explain(problem, action, locale));
            model.addAttribute("note", note);
            model.addAttribute("failedAction", action);
            return show(disputes.find(id).orElseThrow(), model, locale, auth);
        }
    }

    private static DisputeAction parse(String action) {
        try {
            return DisputeAction.valueOf(action == null ? "" : action);
        } catch (IllegalArgumentException e) {
            throw RequestProblem.invalid("action", "unknown action");
        }
    }

    /** Why a move was refused, in the reader's language. */
    private String explain(RequestProblem problem, String action, Locale locale) {
        String key;
        if (problem.type() == ProblemType.ILLEGAL_TRANSITION) {
            key = "console.disputes.error.illegal";
        } else if (problem.type() == ProblemType.CONFLICT) {
            key = "console.disputes.error.stale";
        } else if (problem.errors().stream().map(FieldProblem::field).anyMatch("confirmed"::equals)) {
            key = "console.disputes.error.unconfirmed";
        } else if (problem.errors().stream().map(FieldProblem::field).anyMatch("note"::equals)) {
            key = "ASK_CARDHOLDER".equals(action) ? "console.disputes.error.question" : "console.disputes.error.note";
        } else {
            key = "console.disputes.error.refused";
        }
        String what = action == null ? "" : texts.action(action, locale);
        String detail = problem.errors().isEmpty() ? problem.getMessage() : problem.errors().get(0).message();
        return messages.getMessage(key, new Object[] {what, detail}, locale);
    }

    private String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("cases", List.of());
        model.addAttribute("bars", List.of());
        model.addAttribute("overdueCount", 0L);
        model.addAttribute("notFound", true);
        return "disputes/queue";
    }

    private String show(Dispute d, Model model, Locale locale, Authentication auth) {
        Optional<StoredDecision> stored = scored.find(d.authorizationId());
        model.addAttribute("dispute", d);
        model.addAttribute("status", texts.status(d.status(), locale));
        model.addAttribute("assessment", texts.assessment(d.assessment(), locale));
        model.addAttribute("closed", d.status().closed());
        model.addAttribute("transaction", transaction(d, stored, locale));
        model.addAttribute("risk", stored.map(s -> risk(s, locale)).orElse(List.of()));
        model.addAttribute("reasons", stored.map(s -> s.decision().reasons()).orElse(List.of()));
        model.addAttribute("findings", findings(d, locale));
        model.addAttribute("answers", disputes.report(d.reportId()).map(r -> answers(r, locale)).orElse(List.of()));
        model.addAttribute("outcome", outcome(d, locale));
        model.addAttribute("history", disputes.history(d.id()).stream().map(e -> new HistoryRow(e.seq(),
                        Display.time(e.at()), texts.action(e.action(), locale),
                        e.from() == null ? "" : texts.status(e.from(), locale),
                        e.to() == null ? "" : texts.status(e.to(), locale),
                        e.party() == null ? "" : label("console.disputes.party." + e.party().name(), locale),
                        e.actor() == null ? "" : e.actor(),
                        e.note() == null ? "" : e.note()))
                .toList());
        boolean analyst = auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.ANALYST.authority()));
        model.addAttribute("analyst", analyst);
        model.addAttribute("actions", disputes.available(d, Party.ANALYST).stream().map(a -> new ActionForm(a.name(),
                texts.action(a.name(), locale), a == DisputeAction.ASK_CARDHOLDER,
                IRREVERSIBLE.contains(a) ? messages.getMessage("console.disputes.consequences." + a.name(), null, locale)
                        : null)).toList());
        return "disputes/case";
    }

    private List<Item> transaction(Dispute d, Optional<StoredDecision> stored, Locale locale) {
        List<Item> items = new ArrayList<>();
        items.add(item("authorization", d.authorizationId(), locale));
        items.add(item("occurred", Display.time(d.occurredAt()), locale));
        items.add(item("amount", Display.money(d.amountMinor(), d.currency(), locale), locale));
        stored.map(StoredDecision::authorization).ifPresent(a -> {
            items.add(item("merchant-name", a.merchantName() == null ? "" : a.merchantName(), locale));
            items.add(item("mcc", a.mcc(), locale));
            items.add(item("country", a.merchantCountry(), locale));
        });
        items.add(item("merchant", d.merchantId(), locale));
        items.add(item("terminal", d.terminalId(), locale));
        stored.map(StoredDecision::authorization).ifPresent(a -> {
            items.add(item("entry", a.posEntryMode() == null ? "" : a.posEntryMode().name(), locale));
            items.add(item("card-present", label(a.cardPresent() ? "console.disputes.yes" : "console.disputes.no",
                    locale), locale));
            items.add(item("device", a.deviceId() == null ? "" : a.deviceId(), locale));
        });
        Optional<Card> card = cards.find(d.cardToken());
        items.add(item("card", card.map(c -> c.masked() + " (" + label("console.disputes.card." + c.status().name(),
                locale) + ")").orElse(""), locale));
        items.add(item("customer", d.customerId(), locale));
        return items;
    }

    private List<Item> risk(StoredDecision s, Locale locale) {
        return List.of(item("decision", label("decision." + s.decision().decision().name(), locale), locale),
                item("score", s.decision().byRulesAlone() ? label("score.rules-only", locale)
                        : String.format(Locale.ROOT, "%.3f", s.decision().score()), locale),
                item("model", s.decision().modelVersion() + " / rules v" + s.decision().ruleSetVersion(), locale),
                item("decided", Display.time(s.decidedAt()), locale));
    }

    /** The findings, strongest first, each with a bar from the middle: right toward fraud, left away. */
    private List<FindingRow> findings(Dispute d, Locale locale) {
        int most = Math.max(1, d.findings().stream().mapToInt(f -> Math.abs(f.weight())).max().orElse(1));
        return d.findings().stream()
                .sorted((a, b) -> Integer.compare(Math.abs(b.weight()), Math.abs(a.weight())))
                .map(f -> {
                    int width = (int) Math.round(90.0 * Math.abs(f.weight()) / most);
                    return new FindingRow(f.code(), texts.finding(f, locale), f.weight(),
                            f.weight() >= 0 ? 100 : 100 - width, width);
                })
                .toList();
    }

    private List<Item> answers(Report r, Locale locale) {
        return List.of(item("q.card-in-hand", texts.answer(r.cardInHand(), locale), locale),
                item("q.family", texts.answer(r.familyCouldExplain(), locale), locale),
                item("q.subscription", texts.answer(r.subscriptionCouldExplain(), locale), locale),
                item("q.recognizes", texts.answer(r.recognizesMerchant(), locale), locale),
                item("channel", label("console.disputes.channel." + r.channel().name(), locale), locale),
                item("reported", Display.time(r.submittedAt()), locale));
    }

    private List<Item> outcome(Dispute d, Locale locale) {
        List<Item> items = new ArrayList<>();
        add(items, "decided", d.decidedAt() == null ? null : Display.time(d.decidedAt()), locale);
        add(items, "review-due", d.reviewDueAt() == null ? null : Display.time(d.reviewDueAt()), locale);
        add(items, "blocked", d.cardBlockedAt() == null ? null : Display.time(d.cardBlockedAt()), locale);
        add(items, "replacement", d.replacementCardToken() == null ? null : masked(d.replacementCardToken()), locale);
        add(items, "credit", d.provisionalCreditMinor() == null ? null
                : Display.money(d.provisionalCreditMinor(), d.currency(), locale), locale);
        add(items, "network", d.network(), locale);
        add(items, "reason-code", d.reasonCode(), locale);
        add(items, "filing-deadline", d.filingDeadline() == null ? null : d.filingDeadline().toString(), locale);
        add(items, "chargeback", d.chargebackReference(), locale);
        add(items, "filed", d.chargebackFiledAt() == null ? null : Display.time(d.chargebackFiledAt()), locale);
        add(items, "merchant-due", d.merchantResponseDue() == null ? null : d.merchantResponseDue().toString(),
                locale);
        if (d.effectsPending()) {
            items.add(item("pending", label("console.disputes.yes", locale), locale));
        }
        return items;
    }

    private void add(List<Item> items, String key, String value, Locale locale) {
        if (value != null) {
            items.add(item(key, value, locale));
        }
    }

    private Item item(String key, String value, Locale locale) {
        return new Item(label("console.disputes.field." + key, locale), value == null ? "" : value);
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** The deadline staff work to: the review deadline, else the chargeback's next date. */
    private static String deadline(Dispute d) {
        if (d.reviewDueAt() != null) {
            return Display.time(d.reviewDueAt());
        }
        LocalDate day = d.status() == DisputeStatus.CHARGEBACK_FILED ? d.merchantResponseDue() : d.filingDeadline();
        return day == null ? "" : day.toString();
    }

    /** Which bar of the chart a case counts in, by its review deadline. */
    static String bucket(Dispute d, Instant now) {
        if (d.reviewDueAt() == null) {
            return "none";
        }
        Duration left = Duration.between(now, d.reviewDueAt());
        if (left.isNegative()) {
            return "overdue";
        }
        return left.compareTo(Duration.ofHours(24)) <= 0 ? "today"
                : left.compareTo(Duration.ofHours(48)) <= 0 ? "tomorrow" : "later";
    }

    private String merchant(Dispute d) {
        return scored.find(d.authorizationId()).map(s -> s.authorization().merchantName())
                .filter(name -> name != null && !name.isBlank()).orElse(d.merchantId());
    }

    private String masked(String cardToken) {
        return cards.find(cardToken).map(Card::masked).orElse("");
    }
}
