package dev.anshin.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A released table laid out for the console's chart (drawn in the browser by ECharts from this data, as
 * JSON in the page): the categories along one axis — the time dimension when there is one, so a
 * trend reads as a line, else the first dimension as bars — and one series per value of the other
 * dimensions. Built over the report's whole domain, so a suppressed cell is a {@code null} (a gap,
 * never a 0) and each category says whether its cells in the chart's series were released, partly
 * suppressed or all suppressed; a series with no released cell at all is left out of the chart.
 *
 * <p>The domain is the definition's, as {@link ReportDefinition#values} gives it; for the cardholders'
 * country it is the BIN table's countries now plus those released, which is the release's own domain
 * unless the BIN table changed since.
 */
record ReleaseFigure(Kind kind, boolean stacked, List<String> categories, List<CategoryState> states,
        List<Series> series, List<DomainCell> cells) {

    /** Draw a line (the categories are months or weeks) or horizontal bars (anything else). */
    enum Kind { LINE, BARS }

    /** Whether a category's cells were all released, some suppressed, or all suppressed. */
    enum CategoryState { RELEASED, PARTLY_SUPPRESSED, SUPPRESSED }

    /** One line, or one colour of bars: its name and its value per category, {@code null} when suppressed. */
    record Series(String name, List<Long> values) {
    }

    /** Every cell of the domain in the report's order, with its released row or {@code null} when suppressed. */
    record DomainCell(List<String> values, Release.Row released) {
    }

    /** More series than a reader can tell apart: the table alone shows such a release. */
    static final int MAX_SERIES = 12;

    /**
     * The figure of a released table; the values and series names in words by {@code label}.
     * {@code countries} are the BIN table's countries (the domain of CARDHOLDER_COUNTRY).
     */
    static ReleaseFigure of(Release.Table table, ReportDefinition.Body definition, Set<String> countries,
            Function<String, String> label) {
        List<String> dimensions = table.dimensions();
        List<List<String>> domain = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            domain.add(domainValues(dimensions.get(d), d, table, definition, countries));
        }
        Map<List<String>, Release.Row> released = new HashMap<>();
        table.cells().forEach(row -> released.put(row.values(), row));

        int axis = 0;
        for (int d = 0; d < dimensions.size(); d++) {
            if (Dimension.named(dimensions.get(d)).map(Dimension::time).orElse(false)) {
                axis = d;
                break;
            }
        }
        boolean time = !dimensions.isEmpty() && Dimension.named(dimensions.get(axis)).map(Dimension::time).orElse(false);
        List<String> categoryValues = dimensions.isEmpty() ? List.of("") : domain.get(axis);
        List<List<String>> seriesKeys = combinations(domain, axis);

        List<Series> series = new ArrayList<>();
        for (List<String> key : seriesKeys) {
            List<Long> values = new ArrayList<>();
            for (String category : categoryValues) {
                Release.Row row = released.get(cell(key, axis, category, dimensions.isEmpty()));
                values.add(row == null ? null : row.value());
            }
            // a series with nothing released is left out of the chart (the table lists its cells as suppressed)
            if (values.stream().anyMatch(v -> v != null) || seriesKeys.size() == 1) {
                series.add(new Series(key.stream().map(label).reduce((a, b) -> a + " · " + b).orElse(""), values));
            }
        }
        List<CategoryState> states = new ArrayList<>();
        for (int c = 0; c < categoryValues.size(); c++) {
            int index = c;
            long drawn = series.stream().filter(s -> s.values().get(index) != null).count();
            states.add(drawn == series.size() ? CategoryState.RELEASED
                    : drawn == 0 ? CategoryState.SUPPRESSED : CategoryState.PARTLY_SUPPRESSED);
        }
        List<DomainCell> cells = new ArrayList<>();
        for (List<String> values : combinations(domain, -1)) {
            cells.add(new DomainCell(values, released.get(values)));
        }
        boolean stacked = !time && series.size() > 1 && !Measure.CARDHOLDERS.name().equals(table.measure());
        return new ReleaseFigure(time ? Kind.LINE : Kind.BARS, stacked,
                categoryValues.stream().map(label).toList(), List.copyOf(states), List.copyOf(series), List.copyOf(cells));
    }

    /** Whether the chart can be drawn so a reader tells its series apart. */
    boolean drawable() {
        return !series.isEmpty() && series.size() <= MAX_SERIES;
    }

    long suppressedCategories() {
        return states.stream().filter(s -> s == CategoryState.SUPPRESSED).count();
    }

    private static List<String> domainValues(String dimension, int index, Release.Table table,
            ReportDefinition.Body definition, Set<String> countries) {
        Set<String> values = new LinkedHashSet<>();
        Dimension known = Dimension.named(dimension).orElse(null);
        List<String> filter = definition.filters() == null ? null : definition.filters().get(dimension);
        if (filter != null) {
            values.addAll(filter);
        } else if (known != null) {
            Set<String> withReleased = new java.util.TreeSet<>(countries);
            if (known == Dimension.CARDHOLDER_COUNTRY) {
                table.cells().forEach(row -> withReleased.add(row.values().get(index)));
            }
            values.addAll(ReportDefinition.values(known, YearMonth.parse(definition.from()),
                    YearMonth.parse(definition.to()), withReleased));
        }
        // a released value the domain does not know (reference data changed since) is still shown
        table.cells().forEach(row -> values.add(row.values().get(index)));
        return List.copyOf(values);
    }

    /** Every combination of the dimensions' values but {@code skip}'s, in the report's order. */
    private static List<List<String>> combinations(List<List<String>> domain, int skip) {
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (int d = 0; d < domain.size(); d++) {
            if (d == skip) {
                continue;
            }
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String value : domain.get(d)) {
                    List<String> cell = new ArrayList<>(prefix);
                    cell.add(value);
                    next.add(cell);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** The cell of a series key with the axis dimension's value put back in its place. */
    private static List<String> cell(List<String> key, int axis, String category, boolean noDimensions) {
        if (noDimensions) {
            return List.of();
        }
        List<String> values = new ArrayList<>(key);
        values.add(axis, category);
        return values;
    }
}
