package dev.anshin.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountSeriesTest {

    private static final long HOUR = 3_600;

    @Test
    void lateArrivalIntoAFullCompactedSeriesLandsInItsBucket() {
        // Hourly buckets kept 10 hours: adding hours 0..20 prunes the old ones, so live buckets
        // no longer start at index 0 and the arrays are full when the late event comes.
        CountSeries series = new CountSeries(HOUR, 10 * HOUR);
        for (long hour = 0; hour <= 20; hour += 2) {
            series.add(hour * HOUR);
        }
        long before = series.countInclusive(11 * HOUR, 20 * HOUR);

        series.add(15 * HOUR + 60); // late: hour 15 sits between the stored hours 14 and 16

        assertThat(series.countInclusive(11 * HOUR, 20 * HOUR)).isEqualTo(before + 1);
        assertThat(series.countInclusive(15 * HOUR, 15 * HOUR + HOUR - 1)).isEqualTo(1);
        assertThat(series.countInclusive(16 * HOUR, 20 * HOUR)).isEqualTo(3);
    }

    @Test
    void manyLateArrivalsKeepEveryWindowConsistent() {
        CountSeries series = new CountSeries(HOUR, 48 * HOUR);
        long total = 0;
        for (long hour = 0; hour < 200; hour++) {
            series.add(hour * 2 * HOUR);           // in order, every other hour
            if (hour > 3) {
                series.add((hour * 2 - 5) * HOUR); // late, into a gap
            }
        }
        for (long hour = 352; hour < 400; hour++) {
            total += series.countInclusive(hour * HOUR, hour * HOUR + HOUR - 1);
        }
        assertThat(series.countInclusive(352 * HOUR, 399 * HOUR + HOUR - 1)).isEqualTo(total);
        assertThat(total).isEqualTo(24 + 21); // even hours 352..398 in order, odd hours 353..393 late
    }
}
