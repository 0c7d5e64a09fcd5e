package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a released table is laid out for the console's chart: suppressed cells as gaps, time along the axis. */
class ReleaseFigureTest {

    private static ReportDefinition.Body definition(List<String> dimensions, String from, String to,
            Map<String, List<String>> filters) {
        return new ReportDefinition.Body(null, "r", "TRANSACTIONS", dimensions, from, to, filters, null);
    }

    private static Release.Row row(long value, String... values) {
        return new Release.Row(List.of(values), value, value);
    }

    @Test
    void aSuppressedCellIsAGapNeverAZeroAndItsCategorySaysSo() {
        var table = new Release.Table(List.of("MERCHANT_REGION"), "TRANSACTIONS",
                List.of(row(0, "KANTO"), row(40, "KINKI")), 7, Map.of("KANTO", 0L, "KINKI", 40L), 40L);
        ReleaseFigure figure = ReleaseFigure.of(table, definition(List.of("MERCHANT_REGION"), "2005-01", "2005-01",
                Map.of()), Set.of(), v -> v.toLowerCase());

        assertThat(figure.kind()).isEqualTo(ReleaseFigure.Kind.BARS);
        assertThat(figure.categories()).containsExactly("hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku",
                "shikoku", "kyushu_okinawa", "unknown");
        assertThat(figure.series()).hasSize(1);
        assertThat(figure.series().get(0).values()).containsExactly(null, null, 0L, null, 40L, null, null, null, null);
        assertThat(figure.states().get(2)).isEqualTo(ReleaseFigure.CategoryState.RELEASED);
        assertThat(figure.states().get(0)).isEqualTo(ReleaseFigure.CategoryState.SUPPRESSED);
        assertThat(figure.suppressedCategories()).isEqualTo(7);
        assertThat(figure.cells()).hasSize(9);
        assertThat(figure.cells().stream().filter(c -> c.released() == null)).hasSize(7);
    }

    @Test
    void timeGoesAlongTheAxisWhicheverDimensionItIsAndEmptySeriesAreLeftOut() {
        var table = new Release.Table(List.of("MERCHANT_REGION", "MONTH"), "SPEND",
                List.of(row(100, "KANTO", "2005-01"), row(120, "KANTO", "2005-03"), row(50, "KINKI", "2005-01")), 0,
                null, null);
        ReleaseFigure figure = ReleaseFigure.of(table, definition(List.of("MERCHANT_REGION", "MONTH"), "2005-01",
                "2005-03", Map.of("MERCHANT_REGION", List.of("KANTO", "KINKI", "TOHOKU"))), Set.of(), v -> v);

        assertThat(figure.kind()).isEqualTo(ReleaseFigure.Kind.LINE);
        assertThat(figure.stacked()).isFalse();
        assertThat(figure.categories()).containsExactly("2005-01", "2005-02", "2005-03");
        assertThat(figure.series()).extracting(ReleaseFigure.Series::name).containsExactly("KANTO", "KINKI");
        assertThat(figure.series().get(0).values()).isEqualTo(Arrays.asList(100L, null, 120L));
        assertThat(figure.states()).containsExactly(ReleaseFigure.CategoryState.RELEASED,
                ReleaseFigure.CategoryState.SUPPRESSED, ReleaseFigure.CategoryState.PARTLY_SUPPRESSED);
        assertThat(figure.cells()).hasSize(9);
    }

    @Test
    void barsOfTwoDimensionsStackExceptForCardholdersWhoDoNotAddUp() {
        List<Release.Row> cells = List.of(row(60, "GROCERY", "UNDER_30"), row(70, "GROCERY", "30-39"));
        var body = definition(List.of("MERCHANT_CATEGORY", "AGE_BAND"), "2005-01", "2005-01", Map.of());
        assertThat(ReleaseFigure.of(new Release.Table(List.of("MERCHANT_CATEGORY", "AGE_BAND"), "TRANSACTIONS", cells,
                0, null, null), body, Set.of(), v -> v).stacked()).isTrue();
        assertThat(ReleaseFigure.of(new Release.Table(List.of("MERCHANT_CATEGORY", "AGE_BAND"), "CARDHOLDERS", cells,
                0, null, null), body, Set.of(), v -> v).stacked()).isFalse();
    }

    @Test
    void aCountryReleasedButNoLongerInTheBinTableIsStillDrawn() {
        var table = new Release.Table(List.of("CARDHOLDER_COUNTRY"), "CARDHOLDERS",
                List.of(row(30, "JP"), row(12, "US")), 1, null, null);
        ReleaseFigure figure = ReleaseFigure.of(table, definition(List.of("CARDHOLDER_COUNTRY"), "2005-01", "2005-01",
                Map.of()), Set.of("JP"), v -> v);
        assertThat(figure.categories()).containsExactly("JP", "US", "UNKNOWN");
        assertThat(figure.series().get(0).values()).isEqualTo(Arrays.asList(30L, 12L, null));
    }
}
