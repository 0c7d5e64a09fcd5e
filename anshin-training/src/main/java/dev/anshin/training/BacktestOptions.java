package dev.anshin.training;

import dev.anshin.handbook.HandbookSplit;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a Handbook backtest runs on.
 *
 * @param transactions a Handbook CSV, time-ordered (as the simulator and the book write it)
 * @param scoresOut    where to write {@code TRANSACTION_ID,SCORE} for every test-window row, or null
 * @param split        train / delay / test days; the delay also decides which cards the Handbook's
 *                     test set removes as already known compromised
 * @param parameters   XGBoost hyper-parameters
 * @param labelDelayDays days until a fraud label reaches the features (how soon a confirmed fraud
 *                     is known); the split's delay when null. A shorter delay than the split's
 *                     measures faster labels on the same training rows and the same test set.
 */
public record BacktestOptions(Path transactions, Path scoresOut, HandbookSplit split, TrainingParameters parameters,
        Integer labelDelayDays) {

    public BacktestOptions {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(parameters, "parameters");
        if (labelDelayDays != null && labelDelayDays < 0) {
            throw new IllegalArgumentException("the label delay cannot be negative");
        }
    }

    /** Labels reach the features after the split's delay. */
    public BacktestOptions(Path transactions, Path scoresOut, HandbookSplit split, TrainingParameters parameters) {
        this(transactions, scoresOut, split, parameters, null);
    }

    /** Days until a fraud label reaches the features. */
    public int effectiveLabelDelayDays() {
        return labelDelayDays != null ? labelDelayDays : split.delayDays();
    }

    /** The book's split with the tuned defaults. */
    public static BacktestOptions book(Path transactions, Path scoresOut) {
        return new BacktestOptions(transactions, scoresOut, HandbookSplit.book(), TrainingParameters.defaults());
    }
}
