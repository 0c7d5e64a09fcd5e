package dev.anshin.training;

import dev.anshin.handbook.HandbookSplit;

/**
 * Figures of one Handbook backtest. Test counts are after the Handbook's removal of cards already
 * known to be compromised (by the split's delay); "window" counts are before it.
 * {@code testWindowFraudsOnReportedCards} counts the test window's frauds made on a card whose
 * earlier fraud was already reported (its label known, after {@code labelDelayDays}): frauds a
 * block of the card at the first report would have stopped.
 */
public record BacktestReport(
        HandbookSplit split,
        int labelDelayDays,
        long rowsReplayed,
        int trainRows,
        int trainFrauds,
        int testWindowRows,
        int testWindowFrauds,
        int testWindowFraudsOnReportedCards,
        int testRows,
        int testFrauds,
        double auc,
        double averagePrecision,
        double cardPrecisionAt100,
        double seconds,
        TrainedModel model) {

    /** One line for logs and the command line. */
    public String summary() {
        return String.format(
                "AUC %.4f  AP %.4f  CP@100 %.4f | labels after %d days | train %,d rows (%,d frauds) | test %,d rows "
                        + "(%,d frauds), window %,d (%,d; %,d on cards already reported) | %,d rows replayed in %.1f s",
                auc, averagePrecision, cardPrecisionAt100, labelDelayDays, trainRows, trainFrauds, testRows, testFrauds,
                testWindowRows, testWindowFrauds, testWindowFraudsOnReportedCards, rowsReplayed, seconds);
    }
}
