package dev.anshin.training;

import dev.anshin.handbook.HandbookSplit;

/**
 * Figures of one Handbook backtest. Test counts are after the Handbook's removal of cards already
 * known to be compromised; "window" counts are before it.
 */
public record BacktestReport(
        HandbookSplit split,
        long rowsReplayed,
        int trainRows,
        int trainFrauds,
        int testWindowRows,
        int testWindowFrauds,
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
                "AUC %.4f  AP %.4f  CP@100 %.4f | train %,d rows (%,d frauds) | test %,d rows (%,d frauds), "
                        + "window %,d (%,d) | %,d rows replayed in %.1f s",
                auc, averagePrecision, cardPrecisionAt100, trainRows, trainFrauds, testRows, testFrauds,
                testWindowRows, testWindowFrauds, rowsReplayed, seconds);
    }
}
