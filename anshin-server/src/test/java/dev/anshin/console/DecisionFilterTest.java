package dev.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Decision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions list's filters, read strictly from the query string. */
class DecisionFilterTest {

    private static DecisionFilter parse(String minScore, String maxScore, String card, String from, String to) {
        return DecisionFilter.parse(null, minScore, maxScore, card, null, from, to, null);
    }

    @Test
    void noFilterIsEveryDecisionOnPageOne() {
        DecisionFilter filter = DecisionFilter.parse(null, null, "", " ", null, null, null, null);
        assertThat(filter.valid()).isTrue();
        assertThat(filter.any()).isFalse();
        assertThat(filter.page()).isEqualTo(1);
    }

    @Test
    void readsDecisionsScoresAndPage() {
        DecisionFilter filter = DecisionFilter.parse(List.of("REVIEW", "DECLINE"), "0.5", "1", null, null, null, null, "3");
        assertThat(filter.decisions()).containsExactlyInAnyOrder(Decision.REVIEW, Decision.DECLINE);
        assertThat(filter.minScore()).isEqualTo(0.5);
        assertThat(filter.maxScore()).isEqualTo(1.0);
        assertThat(filter.page()).isEqualTo(3);
        assertThat(filter.checked("REVIEW")).isTrue();
        assertThat(filter.checked("APPROVE")).isFalse();
    }

    @Test
    void refusesWhatDoesNotParseFieldByField() {
        assertThat(DecisionFilter.parse(List.of("MAYBE"), null, null, null, null, null, null, null).errors())
                .containsEntry("decision", "console.filter.error.decision");
        assertThat(parse("abc", "1.5", null, null, null).errors())
                .containsEntry("minScore", "console.filter.error.score").containsEntry("maxScore", "console.filter.error.score");
        assertThat(parse("-0.1", "NaN", null, null, null).errors()).containsKeys("minScore", "maxScore");
        assertThat(parse("0.9", "0.1", null, null, null).errors()).containsEntry("maxScore", "console.filter.error.score-order");
        assertThat(parse(null, null, "12a4", null, null).errors()).containsEntry("card", "console.filter.error.card");
        assertThat(parse(null, null, null, "yesterday", null).errors()).containsEntry("from", "console.filter.error.time");
        assertThat(parse(null, null, null, "2026-12-07T10:00", "2026-12-07T09:00").errors())
                .containsEntry("to", "console.filter.error.time-order");
        assertThat(DecisionFilter.parse(null, null, null, null, null, null, null, "0").errors()).containsKey("page");
        assertThat(DecisionFilter.parse(null, null, null, null, null, null, null, "x").errors()).containsKey("page");
        assertThat(DecisionFilter.parse(null, null, null, null, "x".repeat(100), null, null, null).errors())
                .containsKey("merchant");
    }

    @Test
    void aCardIsItsLastFourOrItsMaskedNumberAndAFullNumberIsRefusedAndNotKept() {
        DecisionFilter last4 = parse(null, null, "1234", null, null);
        assertThat(last4.cardLast4()).isEqualTo("1234");
        assertThat(last4.cardBin()).isNull();
        DecisionFilter masked = parse(null, null, "411111******1111", null, null);
        assertThat(masked.cardBin()).isEqualTo("411111");
        assertThat(masked.cardLast4()).isEqualTo("1111");
        DecisionFilter full = parse(null, null, "4111 1111 1111 1111", null, null);
        assertThat(full.errors()).containsEntry("card", "console.filter.error.card-full");
        assertThat(full.value("card")).isEmpty();
        assertThat(full.cardLast4()).isNull();
    }

    @Test
    void timesAreJapanTime() {
        DecisionFilter filter = parse(null, null, null, "2026-12-07T09:00", "2026-12-08");
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
        assertThat(parse(null, null, null, "2026-12-07T09:00:30", null).from())
                .isEqualTo(Instant.parse("2026-12-07T00:00:30Z"));
    }
}
