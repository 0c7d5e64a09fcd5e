package dev.anshin.notifications;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.Disputes;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.portal.Cardholder;
import dev.anshin.site.Display;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The cardholder's home, "ご利用状況": their cards (last four digits only), a month's use with its
 * total, the month's authorizations newest first (this month adds new ones live), notices about their
 * reports (in progress, or waiting for their answer), and for each charge either "not me" or the
 * report it is already in. Behind the portal's filter chain (its session, its sign-in); the customer
 * is always the one signed in. Shows last four digits and merchants, no other personal data, so a
 * view is not audited.
 */
@Controller
class PortalUsagePage {

    /** The most rows a month shows; a month with more says so. */
    static final int ROWS = 200;
    /** This month and the three before it: usage is kept for the portal about 90 days. */
    static final int MONTHS = 4;
    /** Authorization times come from the merchant's side and may run slightly ahead of ours. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    /** A row of the month's use: the charge as notified, and the report it is in (null when none). */
    record Row(UsageMessage.View usage, String reportId) {
    }

    /** One of the months a cardholder can open. */
    record Month(String value, String label, boolean shown) {
    }

    /** A month's approved use in one currency. */
    record Total(String amount, long count) {
    }

    /** A notice on the home: a report in progress, or a question waiting for the cardholder. */
    record Notice(String reportId, String reference, String text, boolean question) {
    }

    record CardView(String masked, boolean blocked) {
    }

    private final Cards cards;
    private final Decisions decisions;
    private final Disputes disputes;
    private final UsageMessages messages;
    private final UsageFeed feed;
    private final MessageSource texts;
    private final Clock clock;

    PortalUsagePage(Cards cards, Decisions decisions, Disputes disputes, UsageMessages messages, UsageFeed feed,
            MessageSource texts, Clock clock) {
        this.cards = cards;
        this.decisions = decisions;
        this.disputes = disputes;
        this.messages = messages;
        this.feed = feed;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/portal/usage")
    String page(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String month,
            Model model, Locale locale) {
        List<Card> owned = cards.ofCustomer(cardholder.customerId());
        Map<String, Card> own = owned.stream().collect(Collectors.toMap(Card::token, Function.identity()));
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(now.atZone(Display.ZONE));
        YearMonth shown = shownMonth(month, current);
        Instant from = shown.atDay(1).atStartOfDay(Display.ZONE).toInstant();
        Instant monthEnd = shown.plusMonths(1).atDay(1).atStartOfDay(Display.ZONE).toInstant();
        // This month: up to now (and a little ahead, for merchants' clocks), never into the next month.
        Instant to = shown.equals(current) && now.plus(CLOCK_SKEW).isBefore(monthEnd)
                ? now.plus(CLOCK_SKEW) : monthEnd;

        List<Dispute> cases = disputes.ofCustomer(cardholder.customerId());
        Map<String, String> reportOf = new HashMap<>();
        cases.forEach(d -> reportOf.putIfAbsent(d.authorizationId(), d.reportId()));

        List<StoredDecision> found = own.isEmpty() ? List.of() : decisions.ofCards(own.keySet(), from, to, ROWS + 1);
        List<StoredDecision> listed = found.subList(0, Math.min(ROWS, found.size()));
        List<Row> rows = listed.stream()
                .map(d -> new Row(messages.of(d, Optional.ofNullable(own.get(d.authorization().cardToken())))
                        .view(locale), reportOf.get(d.authorization().authorizationId())))
                .toList();

        model.addAttribute("rows", rows);
        model.addAttribute("more", found.size() > ROWS);
        model.addAttribute("rowLimit", ROWS);
        model.addAttribute("hasCards", !own.isEmpty());
        model.addAttribute("cards", owned.stream().map(c -> new CardView("****" + c.last4(), c.blocked())).toList());
        model.addAttribute("months", months(current, shown, locale));
        model.addAttribute("monthLabel", label(shown, locale));
        model.addAttribute("live", shown.equals(current));
        model.addAttribute("totals", totals(decisions.approvedTotals(own.keySet(), from, to), locale));
        model.addAttribute("notices", notices(cases, locale));
        return "portal/usage";
    }

    private static YearMonth shownMonth(String month, YearMonth current) {
        if (month == null) {
            return current;
        }
        try {
            YearMonth asked = YearMonth.parse(month);
            return asked.isAfter(current) || asked.isBefore(current.minusMonths(MONTHS - 1L)) ? current : asked;
        } catch (DateTimeParseException notAMonth) {
            return current;
        }
    }

    private static List<Month> months(YearMonth current, YearMonth shown, Locale locale) {
        List<Month> months = new ArrayList<>();
        for (int i = 0; i < MONTHS; i++) {
            YearMonth m = current.minusMonths(i);
            months.add(new Month(m.toString(), label(m, locale), m.equals(shown)));
        }
        return months;
    }

    static String label(YearMonth month, Locale locale) {
        return "ja".equals(locale.getLanguage()) ? month.getYear() + "年" + month.getMonthValue() + "月"
                : month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    /** Approved use only (a declined charge costs nothing), per currency, yen first: all of the month's rows. */
    private static List<Total> totals(List<Decisions.Total> totals, Locale locale) {
        return totals.stream()
                .sorted(Comparator.comparing((Decisions.Total t) -> !"JPY".equals(t.currency()))
                        .thenComparing(Decisions.Total::currency))
                .map(t -> new Total(Display.money(t.amountMinor(), t.currency(), locale), t.count()))
                .toList();
    }

    /** One notice per report still open: a question waiting for the cardholder first. */
    private List<Notice> notices(List<Dispute> cases, Locale locale) {
        Map<String, List<Dispute>> byReport = new LinkedHashMap<>();
        cases.forEach(d -> byReport.computeIfAbsent(d.reportId(), id -> new ArrayList<>()).add(d));
        List<Notice> notices = new ArrayList<>();
        byReport.forEach((report, its) -> {
            Instant reported = its.stream().map(Dispute::createdAt).min(Comparator.naturalOrder()).orElseThrow();
            String reference = its.get(0).reference();
            if (its.stream().anyMatch(d -> d.status() == DisputeStatus.AWAITING_CARDHOLDER)) {
                notices.add(new Notice(report, reference, texts.getMessage("portal.home.notice.question",
                        new Object[] {Display.time(reported)}, locale), true));
            } else if (its.stream().anyMatch(d -> !d.status().closed()
                    && d.status().phase() != DisputeStatus.Phase.DECIDED)) {
                notices.add(new Notice(report, reference, texts.getMessage("portal.home.notice.progress",
                        new Object[] {Display.time(reported)}, locale), false));
            }
        });
        notices.sort(Comparator.comparing(n -> !n.question()));
        return notices;
    }

    /** Server-sent events named {@code usage}, each a row of the page as JSON, in the page's language. */
    @GetMapping(path = "/portal/usage/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Cardholder cardholder, Locale locale,
            jakarta.servlet.http.HttpSession session) {
        return feed.subscribe(cardholder, session.getId(), locale);
    }
}
