package dev.anshin.statistics;

import dev.anshin.privacy.StatisticsPopulation;
import dev.anshin.problems.FreeText;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as data, checked: a measure, one to three dimensions (at most one of them time), whole
 * months from..to (at most 24), filters on dimension values, and the protection its releases apply,
 * defaults filled in. Built only from a {@link Body} that passes every check; a refusal names the
 * offending field.
 */
public record ReportDefinition(String name, Measure measure, List<Dimension> dimensions, YearMonth from, YearMonth to,
        Map<Dimension, List<String>> filters, Protection protection) {

    public static final int MAX_MONTHS = 24;
    public static final int MAX_DIMENSIONS = 3;
    public static final int MAX_CELLS = 20_000;
    static final String DEFAULT_EPSILON = "0.5";
    static final long DEFAULT_SPEND_CAP = 50_000;
    static final long DEFAULT_TRANSACTION_CAP = 10;
    /** Measured (docs/statistics.md): at m 12 a cell needs a noisy count of 386 to be seen, at m 4 of 127. */
    static final int DEFAULT_MAX_CELLS = 4;

    public ReportDefinition {
        dimensions = List.copyOf(dimensions);
        filters = Map.copyOf(filters);
    }

    /** A report definition as sent and as stored (the stored one has every default filled in). */
    @Schema(name = "ReportDefinition", requiredProperties = {"name", "measure", "dimensions", "from", "to"})
    public record Body(
            @Schema(description = "The idempotency key of the definition; echoed as the one the report was defined "
                    + "under", example = "def-2026-001")
            String requestId,
            @Schema(description = "A name for people", example = "Monthly spend by merchant category") String name,
            @Schema(description = "SPEND (yen), TRANSACTIONS or CARDHOLDERS (distinct)", example = "SPEND")
            String measure,
            @Schema(description = "One to three of MONTH, WEEK, MERCHANT_CATEGORY, MERCHANT_PREFECTURE, "
                    + "MERCHANT_REGION, CARDHOLDER_COUNTRY, AGE_BAND (at most one of MONTH, WEEK)",
                    example = "[\"MONTH\", \"MERCHANT_CATEGORY\"]") List<String> dimensions,
            @Schema(description = "First month, Japan time", example = "2026-01") String from,
            @Schema(description = "Last month (inclusive), at most 24 months after from", example = "2026-06") String to,
            @Schema(description = "Dimension → the values kept (others left out)",
                    example = "{\"MERCHANT_REGION\": [\"KANTO\", \"KINKI\"]}") Map<String, List<String>> filters,
            ProtectionBody protection) {
    }

    /** The protection asked for; every field optional (defaults: k 10, ε 0.5 + 0.5, C by measure, m 4, δ 10⁻⁶). */
    @Schema(name = "ReportProtection")
    public record ProtectionBody(
            @Schema(description = "Release a cell only if at least k distinct cardholders contribute (floor 5) and "
                    + "its noisy count reaches τ = k + j", example = "10") Integer k,
            @Schema(description = "ε for the noisy cardholder counts (decimal, at most 3 places)", example = "0.5")
            String thresholdEpsilon,
            @Schema(description = "ε for the values; absent for CARDHOLDERS", example = "0.5") String valueEpsilon,
            @Schema(description = "C: each cardholder's value in a cell clamped to [0, C] (yen or transactions)",
                    example = "50000") Long cap,
            @Schema(description = "m: each cardholder counts in at most m cells (chosen at random)", example = "4")
            Integer maxCells,
            @Schema(description = "δ of the (ε, δ) guarantee: plain decimal from 0.000000000001 to 0.001",
                    example = "0.000001") String delta) {
    }

    /** Checks a body; {@code countries} are the country codes the BIN table knows (a filter's values). */
    public static ReportDefinition of(Body body, Set<String> countries) {
        if (body == null) {
            throw new ProtectionRefused("", "a report definition is required");
        }
        String name = body.name();
        if (name == null || name.isBlank()) {
            throw new ProtectionRefused("name", "is required");
        }
        if (name.length() > 200) {
            throw new ProtectionRefused("name", "must be at most 200 characters");
        }
        FreeText.problem(name).ifPresent(problem -> {
            throw new ProtectionRefused("name", problem);
        });
        if (body.measure() == null) {
            throw new ProtectionRefused("measure", "is required");
        }
        Measure measure;
        try {
            measure = Measure.valueOf(body.measure());
        } catch (IllegalArgumentException e) {
            throw new ProtectionRefused("measure", "must be one of SPEND, TRANSACTIONS, CARDHOLDERS");
        }
        List<Dimension> dimensions = dimensions(body.dimensions());
        YearMonth from = month("from", body.from());
        YearMonth to = month("to", body.to());
        if (to.isBefore(from)) {
            throw new ProtectionRefused("to", "must not be before from");
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw new ProtectionRefused("to", "a report covers at most " + MAX_MONTHS + " months");
        }
        Map<Dimension, List<String>> filters = new LinkedHashMap<>();
        if (body.filters() != null) {
            for (var filter : body.filters().entrySet()) {
                String field = "filters." + filter.getKey();
                Dimension dimension = Dimension.named(filter.getKey())
                        .orElseThrow(() -> new ProtectionRefused(field, "is not a dimension"));
                if (dimension.time()) {
                    throw new ProtectionRefused(field, "time is chosen with from and to, not filtered");
                }
                List<String> values = filter.getValue();
                if (values == null || values.isEmpty()) {
                    throw new ProtectionRefused(field, "name at least one value");
                }
                List<String> known = values(dimension, from, to, countries);
                for (int i = 0; i < values.size(); i++) {
                    if (!known.contains(values.get(i))) {
                        throw new ProtectionRefused(field + "[" + i + "]", "is not a value of " + dimension);
                    }
                }
                filters.put(dimension, List.copyOf(new java.util.LinkedHashSet<>(values)));
            }
        }
        Protection protection = protection(measure, body.protection(), dimensions, from, to, countries, filters);
        ReportDefinition definition = new ReportDefinition(name, measure, dimensions, from, to, filters, protection);
        if (definition.cellCount(countries) > MAX_CELLS) {
            throw new ProtectionRefused("dimensions", "the report would have more than " + MAX_CELLS + " cells");
        }
        return definition;
    }

    private static List<Dimension> dimensions(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new ProtectionRefused("dimensions", "name at least one dimension");
        }
        if (names.size() > MAX_DIMENSIONS) {
            throw new ProtectionRefused("dimensions", "name at most " + MAX_DIMENSIONS + " dimensions");
        }
        List<Dimension> dimensions = new ArrayList<>();
        Set<Dimension> seen = EnumSet.noneOf(Dimension.class);
        for (int i = 0; i < names.size(); i++) {
            String field = "dimensions[" + i + "]";
            Dimension dimension = Dimension.named(names.get(i))
                    .orElseThrow(() -> new ProtectionRefused(field, "is not a dimension"));
            if (!seen.add(dimension)) {
                throw new ProtectionRefused(field, "is named twice");
            }
            dimensions.add(dimension);
        }
        if (seen.contains(Dimension.MONTH) && seen.contains(Dimension.WEEK)) {
            throw new ProtectionRefused("dimensions", "name at most one of MONTH and WEEK");
        }
        return dimensions;
    }

    private static YearMonth month(String field, String value) {
        if (value == null) {
            throw new ProtectionRefused(field, "is required");
        }
        try {
            if (!value.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("", value, 0);
            }
            YearMonth month = YearMonth.parse(value);
            if (month.getYear() < 2000 || month.getYear() > 2999) {
                throw new ProtectionRefused(field, "must be a month between 2000-01 and 2999-12");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw new ProtectionRefused(field, "must be a month in the form yyyy-MM");
        }
    }

    private static Protection protection(Measure measure, ProtectionBody body, List<Dimension> dimensions,
            YearMonth from, YearMonth to, Set<String> countries, Map<Dimension, List<String>> filters) {
        ProtectionBody given = body == null ? new ProtectionBody(null, null, null, null, null, null) : body;
        int k = given.k() == null ? Protection.K_DEFAULT : given.k();
        Epsilon threshold = Epsilon.parse("protection.thresholdEpsilon",
                given.thresholdEpsilon() == null ? DEFAULT_EPSILON : given.thresholdEpsilon());
        Epsilon value = null;
        if (measure == Measure.CARDHOLDERS) {
            if (given.valueEpsilon() != null) {
                throw new ProtectionRefused("protection.valueEpsilon",
                        "must be absent for CARDHOLDERS: the noisy cardholder count is the released value");
            }
        } else {
            value = Epsilon.parse("protection.valueEpsilon",
                    given.valueEpsilon() == null ? DEFAULT_EPSILON : given.valueEpsilon());
        }
        if (measure == Measure.CARDHOLDERS && given.cap() != null && given.cap() != 1) {
            throw new ProtectionRefused("protection.cap", "must be absent or 1 for CARDHOLDERS");
        }
        long cap = given.cap() != null ? given.cap()
                : measure == Measure.SPEND ? DEFAULT_SPEND_CAP : measure == Measure.TRANSACTIONS ? DEFAULT_TRANSACTION_CAP : 1;
        long cells = 1;
        for (Dimension dimension : dimensions) {
            cells *= filters.getOrDefault(dimension, values(dimension, from, to, countries)).size();
        }
        int maxCells = given.maxCells() != null ? given.maxCells() : (int) Math.min(DEFAULT_MAX_CELLS, cells);
        Delta delta = given.delta() == null ? Delta.DEFAULT : Delta.parse("protection.delta", given.delta());
        Protection protection = new Protection(measure, threshold, value, k, cap, maxCells, delta);
        if (protection.totalEpsilon().compareTo(Epsilon.MAX) > 0) {
            throw new ProtectionRefused("protection", "the two ε together must be at most " + Epsilon.MAX);
        }
        return protection;
    }

    /** Every value a dimension can take in this report: fixed before any data is read. */
    static List<String> values(Dimension dimension, YearMonth from, YearMonth to, Set<String> countries) {
        return switch (dimension) {
            case MONTH, WEEK -> TimeBuckets.of(dimension, from, to).labels();
            case MERCHANT_CATEGORY -> MerchantCategories.GROUPS;
            case MERCHANT_PREFECTURE -> withUnknown(Prefectures.CODES);
            case MERCHANT_REGION -> withUnknown(Prefectures.REGIONS);
            case CARDHOLDER_COUNTRY -> withUnknown(new java.util.TreeSet<>(countries));
            case AGE_BAND -> StatisticsPopulation.AGE_BANDS;
        };
    }

    private static List<String> withUnknown(java.util.Collection<String> values) {
        List<String> all = new ArrayList<>(values);
        all.remove(Prefectures.UNKNOWN);
        all.add(Prefectures.UNKNOWN);
        return List.copyOf(all);
    }

    /** The values of a dimension this report shows: its filter's, or all. */
    List<String> shown(Dimension dimension, Set<String> countries) {
        return filters.getOrDefault(dimension, values(dimension, from, to, countries));
    }

    /** The whole domain of cells, in order: every combination of the shown values. */
    List<Cell> domain(Set<String> countries) {
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (Dimension dimension : dimensions) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String value : shown(dimension, countries)) {
                    List<String> cell = new ArrayList<>(prefix);
                    cell.add(value);
                    next.add(cell);
                }
            }
            combinations = next;
        }
        return combinations.stream().map(Cell::new).toList();
    }

    long cellCount(Set<String> countries) {
        long cells = 1;
        for (Dimension dimension : dimensions) {
            cells *= shown(dimension, countries).size();
        }
        return cells;
    }

    /** The budget periods (months) a release of this report spends from. */
    public List<String> periods() {
        return TimeBuckets.months(from, to);
    }

    /** Whether any part of the report needs the cardholders' age bands. */
    boolean needsAgeBands() {
        return dimensions.contains(Dimension.AGE_BAND) || filters.containsKey(Dimension.AGE_BAND);
    }

    /** The definition as stored and shown: every default filled in. */
    public Body body() {
        Map<String, List<String>> named = new LinkedHashMap<>();
        filters.forEach((dimension, values) -> named.put(dimension.name(), values));
        return new Body(null, name, measure.name(), dimensions.stream().map(Dimension::name).toList(), from.toString(),
                to.toString(), named, new ProtectionBody(protection.k(), protection.thresholdEpsilon().toString(),
                        protection.valueEpsilon() == null ? null : protection.valueEpsilon().toString(),
                        protection.cap(), protection.maxCells(), protection.delta().toString()));
    }
}
