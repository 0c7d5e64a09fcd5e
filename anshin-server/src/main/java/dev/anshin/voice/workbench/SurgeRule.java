package dev.anshin.voice.workbench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * When a topic's voices count as a surge: the last 24 hours' count reaches {@code max(minimum, ratio × baseline)},
 * the baseline being the mean count of the same 24-hour window over the previous {@link #BASELINE_DAYS} days. The
 * minimum keeps a quiet topic from alerting on noise: with a baseline of 0.5 a day, one voice would be "double".
 * A pure function, unit-tested without Spring.
 */
public record SurgeRule(int minimum, BigDecimal ratio) {

    /** The days the baseline is the mean of (four weeks: every weekday counted four times). */
    public static final int BASELINE_DAYS = 28;

    public SurgeRule {
        if (minimum < 1) {
            throw new IllegalArgumentException("anshin.voice.alert-minimum must be at least 1");
        }
        if (ratio == null || ratio.compareTo(BigDecimal.ONE) <= 0) {
            throw new IllegalArgumentException("anshin.voice.alert-ratio must be above 1");
        }
    }

    /** The mean per 24 hours of {@code total} voices over the baseline's days, to the hundredth. */
    public static BigDecimal baseline(long total) {
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(BASELINE_DAYS), 2, RoundingMode.HALF_UP);
    }

    /** The count from which the last 24 hours are a surge. */
    public BigDecimal threshold(BigDecimal baseline) {
        return ratio.multiply(baseline).max(BigDecimal.valueOf(minimum));
    }

    /** Whether {@code observed} voices in the last 24 hours against this baseline are a surge. */
    public boolean surges(long observed, BigDecimal baseline) {
        return BigDecimal.valueOf(observed).compareTo(threshold(baseline)) >= 0;
    }
}
