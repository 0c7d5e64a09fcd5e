package dev.anshin.handbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.anshin.handbook.HandbookMetrics.ScoredCardTransaction;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandbookMetricsTest {

    private static final LocalDate DAY1 = LocalDate.of(2018, 8, 8);
    private static final LocalDate DAY2 = DAY1.plusDays(1);

    @Test
    void aucCountsCorrectlyOrderedPairs() {
        // sklearn roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75
        assertThat(HandbookMetrics.aucRoc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void aucCountsTiedPairsAsHalf() {
        // pairs (pos, neg): (0.5,0.5)=½, (0.5,0.2)=1, (0.8,0.5)=1, (0.8,0.2)=1 → 3.5 / 4
        assertThat(HandbookMetrics.aucRoc(new double[] {0.5, 0.5, 0.2, 0.8}, new boolean[] {true, false, false, true}))
                .isCloseTo(0.875, within(1e-12));
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(HandbookMetrics.aucRoc(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void averagePrecisionMatchesSklearnExample() {
        // sklearn average_precision_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.8333…
        assertThat(HandbookMetrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true})).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void averagePrecisionGroupsTiedScoresIntoOneThreshold() {
        // thresholds 0.8: R=½ P=1; 0.5: R=1 P=⅔; 0.2: R unchanged → ½ + ½·⅔
        assertThat(HandbookMetrics.averagePrecision(new double[] {0.5, 0.5, 0.2, 0.8},
                new boolean[] {true, false, false, true})).isCloseTo(5.0 / 6, within(1e-12));
        // one threshold holding both rows: R=1, P=½ (not 1 as an untied order would give)
        assertThat(HandbookMetrics.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {true, false}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void cardPrecisionDropsCardsDetectedOnEarlierDays() {
        List<ScoredCardTransaction> rows = List.of(
                new ScoredCardTransaction(DAY1, "A", 0.9, true),
                new ScoredCardTransaction(DAY1, "B", 0.8, false),
                new ScoredCardTransaction(DAY1, "E", 0.8, false), // tie with B: B ranks first by id
                new ScoredCardTransaction(DAY1, "C", 0.1, true),
                new ScoredCardTransaction(DAY1, "C", 0.7, false), // C: max score 0.7, max label fraud
                new ScoredCardTransaction(DAY2, "A", 0.95, true), // detected on day 1: dropped
                new ScoredCardTransaction(DAY2, "C", 0.6, true),
                new ScoredCardTransaction(DAY2, "D", 0.9, true));

        // day 1: top 2 = A (fraud), B → ½; day 2: top 2 = D, C, both fraud → 1; mean ¾
        assertThat(HandbookMetrics.cardPrecisionAtK(rows, 2)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void cardPrecisionDividesByKEvenWithFewerCards() {
        List<ScoredCardTransaction> rows = List.of(new ScoredCardTransaction(DAY1, "A", 0.9, true));

        assertThat(HandbookMetrics.cardPrecisionAtK(rows, 100)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void testSetRemovesCardsKnownCompromisedByEachTestDay() {
        HandbookSplit split = new HandbookSplit(LocalDate.of(2018, 1, 1), 2, 2, 2);
        List<HandbookTransaction> all = new ArrayList<>();
        all.add(tx(1, "2018-01-01T10:00", "a", true)); // training fraud: known from the start
        all.add(tx(2, "2018-01-03T10:00", "b", true)); // delay day 0: known from test day 1
        all.add(tx(3, "2018-01-04T10:00", "c", true)); // delay day 1: would count from test day 2
        all.add(tx(4, "2018-01-05T09:00", "a", false));
        all.add(tx(5, "2018-01-05T10:00", "b", false));
        all.add(tx(6, "2018-01-05T11:00", "c", true));
        all.add(tx(7, "2018-01-06T09:00", "b", true));
        all.add(tx(8, "2018-01-06T10:00", "c", true));
        all.add(tx(9, "2018-01-07T10:00", "d", true)); // after the test window

        List<HandbookTransaction> test = HandbookMetrics.testSet(split, all);

        assertThat(test).extracting(HandbookTransaction::transactionId).containsExactly(5L, 6L, 8L);
    }

    private static HandbookTransaction tx(long id, String at, String card, boolean fraud) {
        return new HandbookTransaction(id, LocalDateTime.parse(at), card, "t", 100, 0, 0, fraud, fraud ? 1 : 0);
    }
}
