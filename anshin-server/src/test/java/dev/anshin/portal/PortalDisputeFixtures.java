package dev.anshin.portal;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.Disputes;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.FraudLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Card histories for the portal's dispute tests, scored through the real scoring API (MockMvc or
 * HTTP, whichever the test has) so the investigation finds what it would in production: a fraud
 * (home history on one device, another card's confirmed fraud at the same terminal, then a US
 * e-commerce charge from a new device), a renewal of the cardholder's own Netflix subscription, or
 * a single plain charge (unclear).
 */
final class PortalDisputeFixtures {

    /** Sends one authorization body (JSON) to the scoring API; fails unless it was scored. */
    @FunctionalInterface
    interface Scorer {
        void score(String json) throws Exception;
    }

    static final String NETFLIX = "NETFLIX.COM 866-579-7172";

    private final Cards cards;
    private final FraudLabels labels;
    private final Decisions decisions;
    private final JsonMapper json;
    private final Scorer scorer;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    PortalDisputeFixtures(Cards cards, FraudLabels labels, Decisions decisions, JsonMapper json, Scorer scorer) {
        this.cards = cards;
        this.labels = labels;
        this.decisions = decisions;
        this.json = json;
        this.scorer = scorer;
    }

    Card card(String customerId) {
        return cards.register(newPan(), customerId);
    }

    /** A charge on the card at the given time; {@code change} adjusts the body. */
    String score(Card card, String tag, Instant at, Consumer<Map<String, Object>> change) throws Exception {
        String id = tag + "-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorizationId", id);
        body.put("card", new LinkedHashMap<>(Map.of("token", card.token())));
        body.put("amount", new LinkedHashMap<>(Map.of("minor", 1250, "currency", "USD")));
        body.put("merchantId", "m-" + tag + "-" + card.last4());
        body.put("mcc", "5411");
        body.put("terminalId", "t-" + tag + "-" + card.last4());
        body.put("merchantCountry", "JP");
        body.put("posEntryMode", "05");
        body.put("cardPresent", true);
        body.put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
        change.accept(body);
        scorer.score(json.writeValueAsString(body));
        awaitStored(card, id, at);
        return id;
    }

    /** Scored charges reach the database a moment later; the pages list them from there. */
    private void awaitStored(Card card, String id, Instant at) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (decisions.ofCards(List.of(card.token()), at.minusSeconds(1), at.plusSeconds(1), 100).stream()
                .noneMatch(d -> d.authorizationId().equals(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("authorization " + id + " was not stored");
            }
            Thread.sleep(20);
        }
    }

    /** A plain charge of {@code minor} yen at a shop, {@code ago} before now. */
    String plain(Card card, String tag, Duration ago, long minor) throws Exception {
        return score(card, tag, now.minus(ago), m -> m.put("amount", Map.of("minor", minor, "currency", "JPY")));
    }

    /**
     * Six months at home on one device, another cardholder's confirmed fraud at a terminal, then a
     * 98,000 yen US e-commerce charge at that terminal from a new device: the id of that charge.
     */
    String fraud(Card card, String otherCustomerId) throws Exception {
        for (int i = 0; i < 6; i++) {
            score(card, "home", now.minus(Duration.ofDays(10 + 7 * i)), m -> {
                m.put("device", Map.of("deviceId", "dev-home", "channel", "02"));
                m.put("ipAddress", "203.0.113.7");
            });
        }
        String terminal = "t-" + UUID.randomUUID();
        Card other = card(otherCustomerId);
        String otherFraud = score(other, "x", now.minus(Duration.ofDays(3)), m -> m.put("terminalId", terminal));
        labels.record(otherFraud, FraudLabels.Source.ISSUER, true, null);
        return score(card, "shop", now.minus(Duration.ofHours(5)), m -> {
            m.put("terminalId", terminal);
            m.put("merchantCountry", "US");
            m.put("posEntryMode", "81");
            m.put("cardPresent", false);
            m.put("amount", Map.of("minor", 98_000, "currency", "JPY"));
            m.put("device", Map.of("deviceId", "dev-unknown", "channel", "02"));
        });
    }

    /** Four monthly Netflix charges on the living-room TV, then the fifth: the id of the fifth. */
    String netflixRenewal(Card card) throws Exception {
        String merchant = "m-netflix-" + UUID.randomUUID();
        Consumer<Map<String, Object>> netflix = m -> {
            m.put("merchantId", merchant);
            m.put("merchantName", NETFLIX);
            m.put("amount", Map.of("minor", 1490, "currency", "JPY"));
            m.put("posEntryMode", "10");
            m.put("cardPresent", false);
            m.put("device", Map.of("deviceId", "tv-living-room", "channel", "02"));
        };
        for (int month = 4; month >= 1; month--) {
            score(card, "nf" + month, now.minus(Duration.ofDays(30L * month)), netflix);
        }
        return score(card, "nf0", now.minus(Duration.ofHours(1)), netflix);
    }

    /** Waits until the automatic investigation is done with the case (decided or referred, effects done). */
    static Dispute awaitOutcome(Disputes disputes, String authorizationId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Dispute d = disputes.ofAuthorization(authorizationId).orElse(null);
            if (d != null && d.status() != DisputeStatus.INTAKE && d.status() != DisputeStatus.INVESTIGATING
                    && !d.effectsPending()) {
                return d;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the case of " + authorizationId + " was not decided");
    }

    /** A random, Luhn-valid test PAN on a test BIN. */
    static String newPan() {
        return dev.anshin.IntegrationTestSupport.newPan();
    }
}
