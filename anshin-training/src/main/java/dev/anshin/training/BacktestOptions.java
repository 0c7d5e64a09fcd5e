package dev.anshin.training;

import dev.anshin.handbook.HandbookSplit;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a Handbook backtest runs on.
 *
 * @param transactions a Handbook CSV, time-ordered (as the simulator and the book write it)
 * @param scoresOut    where to write {@code TRANSACTION_ID,SCORE} for every test-window row, or null
 * @param split        train / delay / test days; the delay is also the label delay of the features
 * @param parameters   XGBoost hyper-parameters
 */
public record BacktestOptions(Path transactions, Path scoresOut, HandbookSplit split, TrainingParameters parameters) {

    public BacktestOptions {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The book's split with the tuned defaults. */
    public static BacktestOptions book(Path transactions, Path scoresOut) {
        return new BacktestOptions(transactions, scoresOut, HandbookSplit.book(), TrainingParameters.defaults());
    }
}
