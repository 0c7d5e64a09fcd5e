package dev.anshin.notifications;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.Decisions;
import dev.anshin.portal.Cardholder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The portal's "card usage" page: the latest authorizations on the signed-in cardholder's own cards
 * (the last 90 days, newest first), and the stream that adds new ones to it live. Behind the
 * portal's filter chain (its session, its sign-in); the customer is always the one signed in. Shows
 * the card's last four digits and the merchant, no other personal data, so a view is not audited.
 */
@Controller
class PortalUsagePage {

    static final int ROWS = 50;
    static final Duration HISTORY = Duration.ofDays(90);
    /** Authorization times come from the merchant's side and may run slightly ahead of ours. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private final Cards cards;
    private final Decisions decisions;
    private final UsageMessages messages;
    private final UsageFeed feed;
    private final Clock clock;

    PortalUsagePage(Cards cards, Decisions decisions, UsageMessages messages, UsageFeed feed, Clock clock) {
        this.cards = cards;
        this.decisions = decisions;
        this.messages = messages;
        this.feed = feed;
        this.clock = clock;
    }

    @GetMapping("/portal/usage")
    String page(@AuthenticationPrincipal Cardholder cardholder, Model model, Locale locale) {
        Map<String, Card> own = cards.ofCustomer(cardholder.customerId()).stream()
                .collect(Collectors.toMap(Card::token, Function.identity()));
        Instant now = clock.instant();
        List<UsageMessage.View> rows = decisions.ofCards(own.keySet(), now.minus(HISTORY), now.plus(CLOCK_SKEW), ROWS)
                .stream()
                .map(d -> messages.of(d, Optional.ofNullable(own.get(d.authorization().cardToken()))).view(locale))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("hasCards", !own.isEmpty());
        return "portal/usage";
    }

    /** Server-sent events named {@code usage}, each a row of the page as JSON, in the page's language. */
    @GetMapping(path = "/portal/usage/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Cardholder cardholder, Locale locale,
            jakarta.servlet.http.HttpSession session) {
        return feed.subscribe(cardholder, session.getId(), locale);
    }
}
