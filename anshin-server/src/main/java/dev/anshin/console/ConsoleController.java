package dev.anshin.console;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.DecisionStatistics;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.scoring.Reason;
import dev.anshin.site.Display;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The staff page: recent decisions with their reasons, and live decision rates and scores. */
@Controller
class ConsoleController {

    private static final int RECENT = 50;

    private final Decisions decisions;
    private final Cards cards;
    private final DecisionStatistics statistics;

    ConsoleController(Decisions decisions, Cards cards, DecisionStatistics statistics) {
        this.decisions = decisions;
        this.cards = cards;
        this.statistics = statistics;
    }

    /** One table row; the card only as BIN and last four; no score (null) when the rules alone decided. */
    record DecisionRow(Instant decidedAt, String authorizationId, String card, String amount, String mcc,
            String merchantCountry, String decision, String score, List<Reason> reasons, String modelVersion) {
    }

    @GetMapping("/console")
    String console(Model model, Locale locale) {
        model.addAttribute("decisions", decisions.recent(RECENT).stream().map(d -> row(d, locale)).toList());
        return "console/index";
    }

    @GetMapping("/console/api/stats")
    @ResponseBody
    DecisionStatistics.Snapshot stats() {
        return statistics.snapshot();
    }

    private DecisionRow row(StoredDecision stored, Locale locale) {
        var a = stored.authorization();
        String card = cards.find(a.cardToken()).map(Card::masked).orElse("unknown");
        return new DecisionRow(stored.decidedAt(), a.authorizationId(), card, Display.money(a.amountMinor(), a.currency(), locale),
                a.mcc(), a.merchantCountry(), stored.decision().decision().name(),
                stored.decision().byRulesAlone() ? null : String.format(Locale.ROOT, "%.3f", stored.decision().score()),
                stored.decision().reasons(),
                stored.decision().modelVersion());
    }
}
