package dev.anshin.privacy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a statistics release may count, as the privacy module answers it for the STATISTICS purpose:
 * the customers whose data is held and who have not switched the purpose off, and, when asked, each
 * one's age band. The date of birth never leaves the privacy module: only the band, one of
 * {@link #AGE_BANDS}, ten years wide with the ends pooled (under 30, 70 and over) so no rare age is
 * carried. Held in memory for one release and then dropped; not a record of anyone.
 */
public final class StatisticsPopulation {

    /** The only values an age band takes. */
    public static final List<String> AGE_BANDS = List.of("UNDER_30", "30-39", "40-49", "50-59", "60-69", "70_AND_OVER",
            "UNKNOWN");

    private final Set<String> counted;
    private final Map<String, String> ageBands;
    private final int optedOut;

    StatisticsPopulation(Set<String> counted, Map<String, String> ageBands, int optedOut) {
        this.counted = Set.copyOf(counted);
        this.ageBands = ageBands == null ? null : Map.copyOf(ageBands);
        this.optedOut = optedOut;
    }

    /** Whether the customer's purchases may be counted. */
    public boolean counts(String customerId) {
        return customerId != null && counted.contains(customerId);
    }

    /** The customer's age band, when bands were asked for and the customer counts. */
    public Optional<String> ageBand(String customerId) {
        if (ageBands == null || !counts(customerId)) {
            return Optional.empty();
        }
        return Optional.of(ageBands.getOrDefault(customerId, "UNKNOWN"));
    }

    /** How many customers may be counted (internal: for progress and the audit log, never released). */
    public int size() {
        return counted.size();
    }

    /** How many held customers were left out because they switched statistics off. */
    public int optedOut() {
        return optedOut;
    }

    /** The band of a date of birth on the reference date; unknown for a value that is not a date. */
    static String band(String dateOfBirth, LocalDate on) {
        if (dateOfBirth == null) {
            return "UNKNOWN";
        }
        int age;
        try {
            age = Period.between(LocalDate.parse(dateOfBirth), on).getYears();
        } catch (java.time.format.DateTimeParseException e) {
            return "UNKNOWN";
        }
        if (age < 0) {
            return "UNKNOWN";
        }
        if (age < 30) {
            return "UNDER_30";
        }
        if (age >= 70) {
            return "70_AND_OVER";
        }
        int decade = age / 10 * 10;
        return decade + "-" + (decade + 9);
    }
}
