package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partners' SVG chart: a month with nothing released breaks the line and says so, never a 0. */
class ReleaseChartTest {

    private static final ReportDefinition.Body DEFINITION = new ReportDefinition.Body(null, "Monthly", "SPEND",
            List.of("MONTH"), "2005-01", "2005-04", Map.of(), null);

    private static Release.Table table(Map<String, Long> months) {
        return new Release.Table(List.of("MONTH"), "SPEND", months.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Release.Row(List.of(e.getKey()), e.getValue(), 50)).toList(), 4 - months.size(), months,
                months.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aSuppressedMonthBreaksTheLineAndIsMarkedSuppressed() {
        String svg = ReleaseChart.svg(table(Map.of("2005-01", 100L, "2005-02", 120L, "2005-04", 90L)), DEFINITION,
                "Monthly", v -> v);
        assertThat(svg).contains("2005-03: suppressed").contains(">suppressed</text>").contains(">2005-03</text>");
        String path = svg.substring(svg.indexOf("<path d=\"") + 9, svg.indexOf('"', svg.indexOf("<path d=\"") + 9));
        assertThat(path.split(" M")).as("two pieces of line: " + path).hasSize(2);
        assertThat(svg.split("<circle ", -1)).hasSize(4);
    }

    @Test
    void aCountOfCardholdersOverTwoDimensionsIsNotDrawnNorMarkedSuppressed() {
        ReportDefinition.Body definition = new ReportDefinition.Body(null, "Cardholders", "CARDHOLDERS",
                List.of("MONTH", "MERCHANT_CATEGORY"), "2005-01", "2005-04", Map.of(), null);
        // Every month has released cells; a count of cardholders has no totals by month.
        Release.Table table = new Release.Table(List.of("MONTH", "MERCHANT_CATEGORY"), "CARDHOLDERS",
                List.of("2005-01", "2005-02", "2005-03", "2005-04").stream()
                        .map(month -> new Release.Row(List.of(month, "GROCERY"), 60, 60)).toList(), 4, null, null);

        String svg = ReleaseChart.svg(table, definition, "Cardholders", v -> v);

        // No bucket marked: the only word of suppression is the count of suppressed cells under the chart.
        assertThat(svg).doesNotContain(": " + ReleaseChart.SUPPRESSED).doesNotContain(">" + ReleaseChart.SUPPRESSED + "<")
                .doesNotContain("<path").doesNotContain("<circle").contains(ReleaseChart.suppressedNote(4))
                .contains("<desc id=\"chart-desc\">" + ReleaseChart.escape(ReleaseChart.NOT_DRAWN) + "</desc>")
                .contains("No chart for this report").contains("<title id=\"chart-title\">Cardholders</title>");
    }

    @Test
    void aCountOfCardholdersOverOneDimensionIsDrawn() {
        Release.Table table = new Release.Table(List.of("MONTH"), "CARDHOLDERS", List.of(
                new Release.Row(List.of("2005-01"), 60, 60), new Release.Row(List.of("2005-02"), 70, 70)), 2, null, null);

        String svg = ReleaseChart.svg(table, DEFINITION, "Cardholders", v -> v);

        assertThat(svg).doesNotContain("No chart").contains("2005-01: 60").contains("2005-03: suppressed");
        assertThat(svg.split("<circle ", -1)).hasSize(3);
    }

    @Test
    void withEveryMonthReleasedTheLineIsOnePiece() {
        String svg = ReleaseChart.svg(table(Map.of("2005-01", 100L, "2005-02", 120L, "2005-03", 80L, "2005-04", 90L)),
                DEFINITION, "Monthly", v -> v);
        assertThat(svg).doesNotContain("suppressed");
        assertThat(svg.substring(svg.indexOf("<path d=\""))).doesNotContain(" M");
    }

    @Test
    void aLineUnderTheChartSaysHowManyCellsWereSuppressedAndThatTotalsExcludeThem() {
        String svg = ReleaseChart.svg(table(Map.of("2005-01", 100L, "2005-04", 90L)), DEFINITION, "Monthly", v -> v);
        assertThat(svg).contains(">2 cells suppressed (fewer than k cardholders or below the noisy threshold); "
                + "totals exclude them</text>");
        int noteY = Integer.parseInt(svg.replaceAll("(?s).*class=\"suppressed-note\" x=\"8\" y=\"(\\d+)\".*", "$1"));
        assertThat(noteY).as("under the axis labels").isGreaterThan(300);
        assertThat(svg).contains("viewBox=\"0 0 640 " + (noteY + 6) + "\"");
        assertThat(ReleaseChart.suppressedNote(1)).startsWith("1 cell suppressed");
    }
}
