package dev.anshin.privacy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a statistics release may count, as the privacy module answers it for the STATISTICS purpose:
 * the customers whose data is held (not erased) and who have not switched the purpose off, and, when
 * asked, each one's age band. Who counts is decided inside the query that reads the purchases
 * ({@link #condition}): one statement, one snapshot, so a customer who opts out or is erased while a
 * release runs is either wholly in it (before) or wholly out (after), never read from a list taken
 * earlier. The date of birth never leaves the privacy module: only the band, one of {@link #AGE_BANDS},
 * ten years wide with the ends pooled (under 30, 70 and over) so no rare age is carried. Held in memory
 * for one release and then dropped; not a record of anyone, and no count of it is logged or audited.
 */
public final class StatisticsPopulation {

    /** The only values an age band takes. */
    public static final List<String> AGE_BANDS = List.of("UNDER_30", "30-39", "40-49", "50-59", "60-69", "70_AND_OVER",
            "UNKNOWN");

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private final Map<String, String> ageBands;

    StatisticsPopulation(Map<String, String> ageBands) {
        this.ageBands = ageBands == null ? null : Map.copyOf(ageBands);
    }

    /**
     * An SQL condition, true for a customer the release may count, on {@code customerIdColumn} of the
     * caller's query (a column holding customer ids, such as {@code c.customer_id}): the customer's data
     * is held and their latest STATISTICS choice, in general and for every product, is not a
     * withdrawal. No parameters; only this module knows the tables it reads, and the caller's statement
     * evaluates it in the same snapshot as the rest of its reads.
     */
    public String condition(String customerIdColumn) {
        if (customerIdColumn == null || !COLUMN.matcher(customerIdColumn).matches()) {
            throw new IllegalArgumentException("a column name such as c.customer_id");
        }
        String id = customerIdColumn;
        return "(EXISTS (SELECT 1 FROM customers sp_c WHERE sp_c.id = " + id + " AND sp_c.status = 'ACTIVE')"
                + " AND NOT EXISTS (SELECT 1 FROM consent_ledger sp_w WHERE sp_w.customer_id = " + id
                + " AND sp_w.purpose = '" + Purpose.STATISTICS.name() + "' AND sp_w.granted = FALSE"
                + " AND sp_w.seq = (SELECT MAX(sp_l.seq) FROM consent_ledger sp_l WHERE sp_l.customer_id = sp_w.customer_id"
                + " AND sp_l.purpose = sp_w.purpose"
                + " AND (sp_l.product = sp_w.product OR (sp_l.product IS NULL AND sp_w.product IS NULL)))))";
    }

    /**
     * The customer's age band, when bands were asked for; {@code UNKNOWN} for a customer the bands were
     * not worked out for (no date of birth, or one who joined after they were).
     */
    public Optional<String> ageBand(String customerId) {
        if (ageBands == null || customerId == null) {
            return Optional.empty();
        }
        return Optional.of(ageBands.getOrDefault(customerId, "UNKNOWN"));
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
