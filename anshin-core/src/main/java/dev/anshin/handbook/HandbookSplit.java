package dev.anshin.handbook;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The Handbook's train / delay / test split: train on {@code trainDays} days from
 * {@code trainStart}, skip {@code delayDays} (labels not yet known), test on the next
 * {@code testDays} days. The book's split is {@link #book()}.
 */
public record HandbookSplit(LocalDate trainStart, int trainDays, int delayDays, int testDays) {

    public HandbookSplit {
        if (trainDays <= 0 || delayDays < 0 || testDays <= 0) {
            throw new IllegalArgumentException("train and test days must be positive, delay not negative");
        }
    }

    /** Train from 2018-07-25 for 7 days, 7 delay days, test 2018-08-08 to 2018-08-14. */
    public static HandbookSplit book() {
        return new HandbookSplit(LocalDate.of(2018, 7, 25), 7, 7, 7);
    }

    /** First day after training (exclusive end of the training window). */
    public LocalDate trainEnd() {
        return trainStart.plusDays(trainDays);
    }

    public LocalDate testStart() {
        return trainEnd().plusDays(delayDays);
    }

    /** First day after the test window. */
    public LocalDate testEnd() {
        return testStart().plusDays(testDays);
    }

    public boolean inTraining(LocalDateTime at) {
        return !at.isBefore(trainStart.atStartOfDay()) && at.isBefore(trainEnd().atStartOfDay());
    }

    public boolean inTest(LocalDateTime at) {
        return !at.isBefore(testStart().atStartOfDay()) && at.isBefore(testEnd().atStartOfDay());
    }
}
