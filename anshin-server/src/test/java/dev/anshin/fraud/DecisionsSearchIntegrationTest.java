package dev.anshin.fraud;

import static dev.anshin.fraud.StoredDecisionFixtures.decision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.ScoringEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The decisions list's query: each filter, their combination, paging and the capped count. */
class DecisionsSearchIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Decisions decisions;

    @Autowired
    JdbcClient jdbc;

    private final List<StoredDecision> stored = new ArrayList<>();
    private String merchant;
    private Instant t0;

    @BeforeEach
    void storeDecisions() {
        merchant = "M-SEARCH-" + UUID.randomUUID();
        // a moment of its own, years back, so a time range meets only these rows
        t0 = Instant.parse("2011-03-01T00:00:00Z").plus(Duration.ofMinutes(UUID.randomUUID().hashCode() & 0xFFFFF));
        add("approve-low", "card-a", Decision.APPROVE, 0.05, "m1", 0);
        add("approve-high", "card-b", Decision.APPROVE, 0.55, "m1", 1);
        add("review", "card-a", Decision.REVIEW, 0.72, "m1", 2);
        add("decline", "card-c", Decision.DECLINE, 0.97, "m1", 3);
        add("rules-only", "card-a", Decision.DECLINE, 0.0, ScoringEngine.NO_MODEL, 4);
        StoredDecisionFixtures.insert(decisions, stored);
    }

    @AfterEach
    void removeThem() {
        StoredDecisionFixtures.delete(jdbc, stored.stream().map(StoredDecision::authorizationId).toList());
    }

    private void add(String name, String card, Decision decision, double score, String model, int minute) {
        stored.add(decision(merchant + "-" + name, merchant + card, merchant, "SHOP " + merchant.toLowerCase() + " TOKYO",
                t0.plus(Duration.ofMinutes(minute)), decision, score, model, List.of()));
    }

    private List<String> names(DecisionQuery query) {
        return decisions.search(query, 0, 50).stream().map(d -> d.authorizationId().substring(merchant.length() + 1)).toList();
    }

    private DecisionQuery byMerchant() {
        return new DecisionQuery(Set.of(), null, null, null, merchant, null, null);
    }

    @Test
    void findsAMerchantByItsIdNewestFirst() {
        assertThat(names(byMerchant())).containsExactly("rules-only", "decline", "review", "approve-high", "approve-low");
    }

    @Test
    void findsAMerchantByAPartOfItsNameInAnyCase() {
        String part = ("shop " + merchant.toLowerCase()).substring(3, 20).toUpperCase();
        assertThat(names(new DecisionQuery(Set.of(), null, null, null, part, null, null))).hasSize(5);
        assertThat(names(new DecisionQuery(Set.of(), null, null, null, "%", t0, t0.plusSeconds(600)))).isEmpty();
    }

    @Test
    void filtersByDecision() {
        assertThat(names(new DecisionQuery(Set.of(Decision.REVIEW, Decision.DECLINE), null, null, null, merchant, null, null)))
                .containsExactly("rules-only", "decline", "review");
    }

    @Test
    void filtersByScoreInclusiveAndLeavesOutDecisionsWithoutAScore() {
        assertThat(names(new DecisionQuery(Set.of(), 0.55, 0.97, null, merchant, null, null)))
                .containsExactly("decline", "review", "approve-high");
        assertThat(names(new DecisionQuery(Set.of(), 0.0, null, null, merchant, null, null)))
                .doesNotContain("rules-only").hasSize(4);
        assertThat(names(new DecisionQuery(Set.of(), null, 0.1, null, merchant, null, null))).containsExactly("approve-low");
    }

    @Test
    void filtersByCardsAndAnEmptySetOfCardsMatchesNothing() {
        assertThat(names(new DecisionQuery(Set.of(), null, null, List.of(merchant + "card-a"), null, null, null)))
                .containsExactly("rules-only", "review", "approve-low");
        assertThat(names(new DecisionQuery(Set.of(), null, null, List.of(), merchant, null, null))).isEmpty();
        assertThat(decisions.countUpTo(new DecisionQuery(Set.of(), null, null, List.of(), null, null, null), 10)).isZero();
    }

    @Test
    void filtersByTimeFromInclusiveToExclusive() {
        assertThat(names(new DecisionQuery(Set.of(), null, null, null, null, t0.plus(Duration.ofMinutes(1)),
                t0.plus(Duration.ofMinutes(3))))).containsExactly("review", "approve-high");
    }

    @Test
    void combinesFilters() {
        assertThat(names(new DecisionQuery(Set.of(Decision.APPROVE, Decision.REVIEW), 0.5, null,
                List.of(merchant + "card-a", merchant + "card-b"), merchant, t0, t0.plus(Duration.ofHours(1)))))
                .containsExactly("review", "approve-high");
    }

    @Test
    void pagesWithoutGapsOrRepeatsAndCountsUpToItsCap() {
        DecisionQuery query = byMerchant();
        List<String> pages = new ArrayList<>();
        pages.addAll(decisions.search(query, 0, 2).stream().map(StoredDecision::authorizationId).toList());
        pages.addAll(decisions.search(query, 2, 2).stream().map(StoredDecision::authorizationId).toList());
        pages.addAll(decisions.search(query, 4, 2).stream().map(StoredDecision::authorizationId).toList());
        assertThat(decisions.search(query, 6, 2)).isEmpty();
        assertThat(pages).containsExactlyElementsOf(decisions.search(query, 0, 50).stream()
                .map(StoredDecision::authorizationId).toList());
        assertThat(decisions.countUpTo(query, 100)).isEqualTo(5);
        assertThat(decisions.countUpTo(query, 3)).isEqualTo(3);
    }

    @Test
    void merchantTextIsDataNotAPattern() {
        assertThat(names(new DecisionQuery(Set.of(), null, null, null, "_", t0, t0.plusSeconds(600)))).isEmpty();
        assertThat(names(new DecisionQuery(Set.of(), null, null, null, "' OR '1'='1", null, null))).isEmpty();
    }
}
