package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.fraud.StoredDecision;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The investigation's rules on hand-made evidence: each conclusion, and the two that always go to an analyst. */
class InvestigatorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    private final Investigator investigator = new Investigator(MerchantDirectory.standard());
    private final Investigator.Answers denies = new Investigator.Answers(Answer.YES, Answer.NO, Answer.NO, Answer.NO);

    @Test
    void aDeclinedOnlinePurchaseFromANewDeviceAbroadIsFraud() {
        var result = investigator.investigate(evidence(online("x", "US", "dev-new", NOW), Decision.DECLINE, 0.97,
                homeHistory(), denies, 0));
        assertThat(result.findings()).extracting(Finding::code)
                .containsExactly("risk-declined", "device-new", "country-new");
        assertThat(result.total()).isEqualTo(5);
        assertThat(result.assessment()).isEqualTo(Assessment.FRAUD);
    }

    @Test
    void aFamilyMemberWhoCouldHaveMadeItSendsEvenStrongEvidenceToAnAnalyst() {
        var answers = new Investigator.Answers(Answer.YES, Answer.YES, Answer.NO, Answer.NO);
        var result = investigator.investigate(evidence(online("x", "US", "dev-new", NOW), Decision.DECLINE, 0.97,
                homeHistory(), answers, 3));
        assertThat(result.total()).isGreaterThanOrEqualTo(Investigator.FRAUD_AT);
        assertThat(result.assessment()).isEqualTo(Assessment.UNCLEAR);
    }

    @Test
    void compellingEvidenceSendsEvenStrongEvidenceToAnAnalyst() {
        List<StoredDecision> history = new ArrayList<>(homeHistory());
        // Two purchases at the same merchant, 150 and 200 days before, same device and IP.
        history.add(decided(at("shop", "JP", "dev-home", NOW.minus(Duration.ofDays(150))), Decision.APPROVE, 0.01));
        history.add(decided(at("shop", "JP", "dev-home", NOW.minus(Duration.ofDays(200))), Decision.APPROVE, 0.01));
        var result = investigator.investigate(evidence(at("shop", "JP", "dev-home", NOW), Decision.APPROVE, 0.9,
                history, denies, 3));
        assertThat(result.chargebackWouldFail()).isTrue();
        assertThat(result.findings()).extracting(Finding::code).contains("compelling-evidence");
        assertThat(result.assessment()).isNotEqualTo(Assessment.FRAUD);
    }

    @Test
    void theCardholdersOwnDeviceAndAnUnsureFamilyIsGenuine() {
        var answers = new Investigator.Answers(Answer.YES, Answer.UNSURE, Answer.UNSURE, Answer.NO);
        var result = investigator.investigate(evidence(online("x", "JP", "dev-home", NOW), Decision.APPROVE, 0.02,
                homeHistory(), answers, 0));
        assertThat(result.findings()).extracting(Finding::code)
                .contains("device-known", "ip-known", "family-unsure", "subscription-unsure");
        assertThat(result.assessment()).isEqualTo(Assessment.GENUINE);
    }

    @Test
    void littleEvidenceEitherWayGoesToAnAnalyst() {
        var result = investigator.investigate(evidence(online("x", "JP", null, NOW), Decision.APPROVE, 0.02,
                List.of(), denies, 0));
        assertThat(result.total()).isBetween(Investigator.GENUINE_AT + 1, Investigator.FRAUD_AT - 1);
        assertThat(result.assessment()).isEqualTo(Assessment.UNCLEAR);
    }

    @Test
    void aDeviceFirstSeenDuringTheSpreeDoesNotCountAsTheCardholders() {
        List<StoredDecision> history = new ArrayList<>(homeHistory());
        history.add(decided(online("y", "US", "dev-new", NOW.minus(Duration.ofHours(3))), Decision.APPROVE, 0.1));
        var result = investigator.investigate(evidence(online("x", "US", "dev-new", NOW), Decision.APPROVE, 0.1,
                history, denies, 0));
        assertThat(result.findings()).extracting(Finding::code).contains("device-new").doesNotContain("device-known");
    }

    @Test
    void aWeeklyShopIsToldButIsNoSubscription() {
        List<StoredDecision> history = new ArrayList<>();
        for (int week = 3; week >= 1; week--) {
            history.add(decided(inShop("konbini", NOW.minus(Duration.ofDays(7L * week))), Decision.APPROVE, 0.01));
        }
        var result = investigator.investigate(evidence(inShop("konbini", NOW), Decision.APPROVE, 0.01, history,
                denies, 0));
        assertThat(result.findings()).filteredOn(f -> f.code().equals("recurring")).singleElement()
                .satisfies(f -> assertThat(f.weight()).isZero());
        assertThat(result.assessment()).isEqualTo(Assessment.UNCLEAR);
    }

    /**
     * A decision by the rules alone (model skipped under overload, or none active) is stored with
     * score 0.0: it counts for what the rules said, never as a low score.
     */
    @Test
    void aDecisionByTheRulesAloneCountsForWhatTheRulesSaidNotAsALowScore() {
        Reason declineRule = new Reason(Reason.Kind.RULE, "blocked-merchant", "Merchant on the block list", 1.0);
        Reason reviewRule = new Reason(Reason.Kind.RULE, "large-online", "Large online purchase", 1.0);
        for (String version : List.of(ScoringEngine.RULES_ONLY, ScoringEngine.NO_MODEL)) {
            Finding declined = riskFinding(Decision.DECLINE, List.of(declineRule), version);
            assertThat(declined.code()).isEqualTo("risk-rules-declined");
            assertThat(declined.weight()).isEqualTo(3);
            assertThat(declined.params()).containsEntry("reasons", "blocked-merchant").doesNotContainKey("score");

            Finding flagged = riskFinding(Decision.REVIEW, List.of(reviewRule), version);
            assertThat(flagged.code()).isEqualTo("risk-rules-review");
            assertThat(flagged.weight()).isEqualTo(2);

            // REVIEW only because there was no score to trust: says nothing about fraud.
            Finding unscored = riskFinding(Decision.REVIEW, List.of(), version);
            assertThat(unscored.code()).isEqualTo("risk-rules-only");
            assertThat(unscored.weight()).isZero();
            assertThat(unscored.params()).containsEntry("decision", "REVIEW");

            assertThat(riskFinding(Decision.APPROVE, List.of(), version).code()).isEqualTo("risk-rules-only");
            assertThat(Finding.of("risk-rules-only", 0).forCardholder()).isFalse();
        }
        // The same REVIEW from a model is a high risk, as before.
        assertThat(riskFinding(Decision.REVIEW, List.of(), "m1").code()).isEqualTo("risk-high");
    }

    private Finding riskFinding(Decision decision, List<Reason> reasons, String modelVersion) {
        Authorization a = online("x", "JP", null, NOW);
        StoredDecision disputed = new StoredDecision(a, "f", new RiskDecision(a.authorizationId(), decision, 0.0,
                reasons, modelVersion, 1, Map.of(), 10), 10, a.timestamp());
        var result = investigator.investigate(new Investigator.Evidence(disputed, List.of(), Set.of(), Set.of(),
                denies, 0, 0, false, NOW.plus(Duration.ofHours(1))));
        assertThat(result.findings()).filteredOn(f -> f.code().startsWith("risk-")).hasSize(1);
        return result.findings().stream().filter(f -> f.code().startsWith("risk-")).findFirst().orElseThrow();
    }

    private static Authorization inShop(String merchant, Instant at) {
        return new Authorization("a-" + sequence++, "card-1", 5_000, "JPY", "m-" + merchant, "5411", "t-" + merchant,
                "JP", PosEntryMode.CHIP, true, at, null, null);
    }

    // --- evidence

    private static List<StoredDecision> homeHistory() {
        List<StoredDecision> history = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            history.add(decided(online("home", "JP", "dev-home", NOW.minus(Duration.ofDays(20 + 10 * i))),
                    Decision.APPROVE, 0.01));
        }
        return history;
    }

    private static Investigator.Evidence evidence(Authorization disputed, Decision decision, double score,
            List<StoredDecision> history, Investigator.Answers answers, int otherCardsAtTerminal) {
        return new Investigator.Evidence(decided(disputed, decision, score), history, Set.of(), Set.of(), answers,
                otherCardsAtTerminal, otherCardsAtTerminal, false, NOW.plus(Duration.ofHours(1)));
    }

    private static int sequence;

    private static Authorization online(String merchant, String country, String device, Instant at) {
        return new Authorization("a-" + sequence++, "card-1", 5_000, "JPY", "m-" + merchant, "5999", "t-" + merchant,
                country, PosEntryMode.ECOMMERCE, false, at, device == null ? null
                : new DeviceData(device, "02", null, null, null, null, null), "dev-home".equals(device) ? "198.51.100.4"
                : null);
    }

    private static Authorization at(String merchant, String country, String device, Instant at) {
        return online(merchant, country, device, at);
    }

    private static StoredDecision decided(Authorization a, Decision decision, double score) {
        return new StoredDecision(a, "f", new RiskDecision(a.authorizationId(), decision, score, List.of(), "m1", 1,
                Map.of(), 10), 10, a.timestamp());
    }
}
