package dev.anshin.console;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.DecisionQuery;
import dev.anshin.fraud.DecisionStatistics;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.site.Display;
import dev.anshin.site.PageModel;
import dev.anshin.site.ReasonWords;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The fraud analyst's workbench: the decisions, filtered and paged, each opening to its details
 * with the reasons in words; and the live charts' figures.
 */
@Controller
class ConsoleController {

    static final int PAGE_SIZE = 50;
    /** Matches are counted up to this many; beyond it the page says "more than 10,000". */
    static final int COUNT_CAP = 10_000;
    /** A card filter by its last four digits alone may name at most this many cards. */
    static final int CARD_LIMIT = 500;
    /** A merchant filter without a time range looks at this many days back (the names are matched by a scan). */
    static final java.time.Duration MERCHANT_DEFAULT_RANGE = java.time.Duration.ofDays(30);

    private final Decisions decisions;
    private final Cards cards;
    private final DecisionStatistics statistics;
    private final ReasonWords reasonWords;
    private final MessageSource messages;

    ConsoleController(Decisions decisions, Cards cards, DecisionStatistics statistics, ReasonWords reasonWords,
            MessageSource messages) {
        this.decisions = decisions;
        this.cards = cards;
        this.statistics = statistics;
        this.reasonWords = reasonWords;
        this.messages = messages;
    }

    /** One row of the list; the card only as BIN and last four; no score (null) when the rules alone decided. */
    record DecisionRow(Instant occurredAt, String authorizationId, String card, String amount, String merchant,
            String mcc, String mccMeaning, String merchantCountry, String decision, String score, String reason,
            int moreReasons) {
    }

    /** The list's paging: where this page starts and ends, how many match, links to its neighbours. */
    record Paging(int page, long count, boolean countCapped, long first, long last, Long pages, String previous,
            String next, String firstPage) {
    }

    @GetMapping("/console")
    String console(@RequestParam(name = "decision", required = false) List<String> decision,
            @RequestParam(required = false) String minScore, @RequestParam(required = false) String maxScore,
            @RequestParam(required = false) String card, @RequestParam(required = false) String merchant,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String page, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        DecisionFilter filter = DecisionFilter.parse(decision, minScore, maxScore, card, merchant, from, to, page);
        Map<String, String> errors = new LinkedHashMap<>(filter.errors());
        // A refused card number is not echoed back, not even in the language link.
        PageModel.dropFromCurrentPath(request, filter.withheld());
        List<String> tokens = null;
        if (filter.byCard() && errors.isEmpty()) {
            tokens = cards.withDigits(filter.cardBin(), filter.cardLast4(), CARD_LIMIT + 1).stream()
                    .map(Card::token).toList();
            if (tokens.size() > CARD_LIMIT) {
                errors.put("card", "console.filter.error.card-ambiguous");
            }
        }
        model.addAttribute("filter", filter);
        model.addAttribute("errors", errors);
        model.addAttribute("cardPattern", DecisionFilter.CARD_PATTERN);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("decisions", List.of());
            model.addAttribute("paging", null);
            return "console/index";
        }
        Instant since = filter.from();
        if (filter.merchant() != null && filter.from() == null && filter.to() == null) {
            since = Instant.now().minus(MERCHANT_DEFAULT_RANGE);
            model.addAttribute("merchantDefaultRange", true);
        }
        DecisionQuery query = new DecisionQuery(filter.decisions(), filter.minScore(), filter.maxScore(), tokens,
                filter.merchant(), since, filter.to());
        int offset = (filter.page() - 1) * PAGE_SIZE;
        List<StoredDecision> found = decisions.search(query, offset, PAGE_SIZE);
        long counted = decisions.countUpTo(query, COUNT_CAP + 1);
        boolean capped = counted > COUNT_CAP;
        long count = capped ? COUNT_CAP : counted;
        boolean more = capped ? found.size() == PAGE_SIZE : offset + found.size() < count;
        Long pages = capped ? null : Math.max(1, (count + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("decisions", found.stream().map(d -> row(d, locale)).toList());
        model.addAttribute("paging", new Paging(filter.page(), count, capped, offset + 1L, offset + (long) found.size(),
                pages, filter.page() > 1 ? pageLink(request, filter.page() - 1) : null,
                more ? pageLink(request, filter.page() + 1) : null, pageLink(request, 1)));
        return "console/index";
    }

    @GetMapping("/console/decisions/{authorizationId}")
    String decision(@PathVariable String authorizationId, Model model, Locale locale, HttpServletResponse response) {
        Optional<StoredDecision> found = authorizationId.length() > 64 ? Optional.empty()
                : decisions.find(authorizationId);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "console/not-found";
        }
        StoredDecision stored = found.get();
        Authorization a = stored.authorization();
        RiskDecision d = stored.decision();
        Optional<Card> card = cards.find(a.cardToken());
        model.addAttribute("id", a.authorizationId());
        model.addAttribute("authorization", authorizationFacts(stored, card, locale));
        model.addAttribute("risk", riskFacts(stored, locale));
        model.addAttribute("decision", d.decision().name());
        model.addAttribute("reasons", reasonWords.rows(d.reasons(), a.currency(), locale));
        model.addAttribute("cardFilter", card.map(c -> DecisionFilter.cardParameter(c.bin(), c.last4())).orElse(null));
        model.addAttribute("merchantFilter", a.merchantId());
        // The merchant's other decisions around this one (a merchant filter needs a time range).
        java.time.LocalDate day = a.timestamp().atZone(Display.ZONE).toLocalDate();
        model.addAttribute("merchantFrom", day.minusDays(30).toString());
        model.addAttribute("merchantTo", day.plusDays(31).toString());
        return "console/decision";
    }

    /** One labelled fact of the details page. */
    record Fact(String id, String label, String value, String css) {
    }

    private List<Fact> authorizationFacts(StoredDecision stored, Optional<Card> card, Locale locale) {
        Authorization a = stored.authorization();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("occurred", text("console.decision.occurred", locale), Display.timeToSecond(a.timestamp()), "time"));
        facts.add(new Fact("card", text("console.decision.card", locale), card.map(c -> c.masked()
                + (c.blocked() ? " " + text("console.decision.card.blocked", locale) : ""))
                .orElse(text("console.decision.card.unknown", locale)), "card-number"));
        facts.add(new Fact("amount", text("console.decision.amount", locale),
                Display.money(a.amountMinor(), a.currency(), locale), "amount"));
        facts.add(new Fact("merchant", text("console.decision.merchant", locale),
                a.merchantName() == null ? text("console.decision.none", locale) : a.merchantName(), null));
        facts.add(new Fact("merchant-id", text("console.decision.merchant-id", locale), a.merchantId(), null));
        facts.add(new Fact("terminal", text("console.decision.terminal", locale), a.terminalId(), null));
        facts.add(new Fact("mcc", text("console.decision.mcc", locale), mcc(a.mcc(), locale), null));
        facts.add(new Fact("country", text("console.decision.country", locale), a.merchantCountry(), null));
        facts.add(new Fact("entry", text("console.decision.entry", locale),
                text("console.pos." + a.posEntryMode().name(), locale) + " (" + a.posEntryMode().code() + ")", null));
        facts.add(new Fact("present", text("console.decision.present", locale),
                text(a.cardPresent() ? "console.decision.yes" : "console.decision.no", locale), null));
        DeviceData device = a.device();
        String none = text("console.decision.none", locale);
        String channel = device == null || device.channel() == null ? none
                : Optional.ofNullable(messages.getMessage("console.channel." + device.channel(), null, null, locale))
                        .orElse(device.channel());
        facts.add(new Fact("channel", text("console.decision.channel", locale), channel, null));
        facts.add(new Fact("device", text("console.decision.device", locale),
                device == null || device.deviceId() == null ? none : device.deviceId(), null));
        if (device != null && device.language() != null) {
            facts.add(new Fact("language", text("console.decision.language", locale), device.language(), null));
        }
        if (device != null && device.screenWidth() != null && device.screenHeight() != null) {
            facts.add(new Fact("screen", text("console.decision.screen", locale),
                    device.screenWidth() + " × " + device.screenHeight(), null));
        }
        facts.add(new Fact("authorization-id", text("console.col.authorization", locale), a.authorizationId(), null));
        return facts;
    }

    private List<Fact> riskFacts(StoredDecision stored, Locale locale) {
        RiskDecision d = stored.decision();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("decision", text("console.decision.decision", locale), text("decision." + d.decision().name(),
                locale), "decision " + d.decision().name()));
        facts.add(new Fact("score", text("console.decision.score", locale), score(d, locale), null));
        facts.add(new Fact("model", text("console.decision.model", locale), d.byRulesAlone()
                ? text("console.decision.model." + d.modelVersion(), locale) : d.modelVersion(), null));
        List<String> rules = d.reasons().stream().filter(r -> r.kind() == Reason.Kind.RULE).map(Reason::code).toList();
        facts.add(new Fact("rules-fired", text("console.decision.rules-fired", locale),
                rules.isEmpty() ? text("console.decision.rules-fired.none", locale) : String.join(", ", rules), null));
        facts.add(new Fact("rule-set", text("console.decision.rules", locale), Integer.toString(d.ruleSetVersion()), null));
        if (!d.shadowScores().isEmpty()) {
            facts.add(new Fact("shadow", text("console.decision.shadow", locale), d.shadowScores().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + ": " + String.format(Locale.ROOT, "%.3f", e.getValue()))
                    .reduce((x, y) -> x + ", " + y).orElse(""), null));
        }
        facts.add(new Fact("decided", text("console.decision.decided", locale), Display.timeToSecond(stored.decidedAt()),
                "time"));
        facts.add(new Fact("latency", text("console.decision.latency", locale), messages.getMessage(
                "console.decision.latency.value", new Object[] {String.format(Locale.ROOT, "%.1f",
                        stored.processingMicros() / 1000.0)}, locale), null));
        return facts;
    }

    @GetMapping("/console/api/stats")
    @ResponseBody
    LiveStatistics stats() {
        return LiveStatistics.of(statistics.snapshot());
    }

    private DecisionRow row(StoredDecision stored, Locale locale) {
        Authorization a = stored.authorization();
        RiskDecision d = stored.decision();
        String card = cards.find(a.cardToken()).map(Card::masked).orElse(text("console.decision.card.unknown", locale));
        List<Reason> main = mainReasons(d.reasons());
        String reason = main.isEmpty() ? "" : reasonWords.words(main.get(0), a.currency(), locale);
        return new DecisionRow(a.timestamp(), a.authorizationId(), card, Display.money(a.amountMinor(), a.currency(),
                locale), a.merchantName() == null ? a.merchantId() : a.merchantName(), a.mcc(), mccMeaning(a.mcc(), locale),
                a.merchantCountry(), d.decision().name(), d.byRulesAlone() ? null : score(d, locale), reason,
                Math.max(0, main.size() - 1));
    }

    /**
     * The smallest contribution (to the model's log-odds) for which a feature is listed as a main reason:
     * 0.05 multiplies the odds by about 1.05, which moves a score of 0.5 by about 0.012 and a low score by
     * less than the three decimals the list shows. A smaller push is noise to a reader (+0.001 on an
     * approval scored 0.000), so the list names none; the decision's page still shows every reason with
     * its weight.
     */
    static final double MAIN_REASON_MIN_CONTRIBUTION = 0.05;

    /** The reasons the list names: every rule that matched, and the features that pushed the score noticeably. */
    static List<Reason> mainReasons(List<Reason> reasons) {
        return reasons.stream().filter(r -> r.kind() == Reason.Kind.RULE || r.weight() >= MAIN_REASON_MIN_CONTRIBUTION)
                .toList();
    }

    private String score(RiskDecision d, Locale locale) {
        return d.byRulesAlone() ? text("console.score.none", locale) : String.format(Locale.ROOT, "%.3f", d.score());
    }

    private String mcc(String mcc, Locale locale) {
        String meaning = mccMeaning(mcc, locale);
        return meaning == null ? messages.getMessage("console.decision.mcc.unknown", new Object[] {mcc}, locale)
                : mcc + " " + meaning;
    }

    private String mccMeaning(String mcc, Locale locale) {
        return messages.getMessage("console.mcc." + mcc, null, null, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** This page of the list with another page number, every filter kept. */
    private static String pageLink(HttpServletRequest request, int page) {
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("page", page).build().toUriString();
    }
}
