package dev.anshin.disputes;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a charge continues a schedule: the same merchant billing the card at a steady interval
 * (weekly, monthly or yearly) for about the same amount. A disputed charge that does is most often a
 * renewal the cardholder forgot, not fraud.
 */
public final class RecurringCharges {

    /** An earlier charge of the same merchant on the same card. */
    public record Charge(Instant at, long amountMinor) {
    }

    /** A schedule the disputed charge continues: its period and how many earlier charges follow it. */
    public record Schedule(Duration period, int earlierCharges) {
    }

    private static final List<Duration> PERIODS = List.of(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365));
    /** How far an interval may stray from its period (billing dates move with month lengths and retries). */
    private static final double INTERVAL_TOLERANCE = 0.2;
    /** How far an amount may stray from the disputed one (price changes, taxes). */
    private static final double AMOUNT_TOLERANCE = 0.15;
    private static final int EARLIER_CHARGES_NEEDED = 2;

    private RecurringCharges() {
    }

    /**
     * The schedule {@code disputed} continues, if at least two earlier charges of similar amount fall
     * at steady intervals before it, each interval within 20 % of one period.
     */
    public static java.util.Optional<Schedule> schedule(Charge disputed, List<Charge> earlier) {
        List<Charge> similar = earlier.stream()
                .filter(c -> c.at().isBefore(disputed.at()))
                .filter(c -> Math.abs(c.amountMinor() - disputed.amountMinor())
                        <= AMOUNT_TOLERANCE * Math.max(1, disputed.amountMinor()))
                .sorted(Comparator.comparing(Charge::at).reversed())
                .toList();
        for (Duration period : PERIODS) {
            int chain = 0;
            Instant next = disputed.at();
            for (Charge charge : similar) {
                Duration gap = Duration.between(charge.at(), next);
                if (within(gap, period)) {
                    chain++;
                    next = charge.at();
                } else if (gap.compareTo(period.multipliedBy(2)) > 0) {
                    break; // the schedule stopped
                }
            }
            if (chain >= EARLIER_CHARGES_NEEDED) {
                return java.util.Optional.of(new Schedule(period, chain));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean within(Duration gap, Duration period) {
        double ratio = (double) gap.toMinutes() / period.toMinutes();
        return ratio >= 1 - INTERVAL_TOLERANCE && ratio <= 1 + INTERVAL_TOLERANCE;
    }
}
