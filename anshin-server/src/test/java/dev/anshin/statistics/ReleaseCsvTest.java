package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partners' CSV: every cell of the domain, the suppressed ones marked, the cardholders given once. */
class ReleaseCsvTest {

    private static ReportDefinition.Body definition(String measure, List<String> dimensions) {
        return new ReportDefinition.Body(null, "Test", measure, dimensions, "2005-01", "2005-02", Map.of(), null);
    }

    @Test
    void everyCellOfTheDomainIsListedAndTheSuppressedOnesAreMarkedWithNoValue() {
        Release.Table table = new Release.Table(List.of("MONTH"), "SPEND",
                List.of(new Release.Row(List.of("2005-02"), 1200, 40)), 1, Map.of("2005-02", 1200L), 1200L);
        assertThat(ReleaseCsv.of(table, definition("SPEND", List.of("MONTH")), Set.of()))
                .isEqualTo("MONTH,SPEND,CARDHOLDERS,SUPPRESSED\r\n2005-01,,,true\r\n2005-02,1200,40,false\r\n");
    }

    @Test
    void aCardholdersReportGivesTheCountOnce() {
        Release.Table table = new Release.Table(List.of("MERCHANT_REGION"), "CARDHOLDERS",
                List.of(new Release.Row(List.of("KANTO"), 57, 57)), 8, null, null);
        String csv = ReleaseCsv.of(table, definition("CARDHOLDERS", List.of("MERCHANT_REGION")), Set.of());
        assertThat(csv).startsWith("MERCHANT_REGION,CARDHOLDERS,SUPPRESSED\r\n").contains("\r\nKANTO,57,false\r\n")
                .doesNotContain("CARDHOLDERS,CARDHOLDERS");
        assertThat(csv.split("\r\n")).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(3));
        assertThat(csv.split("\r\n")).hasSize(1 + 9);
    }

    @Test
    void theBytesStartWithAByteOrderMarkAndAFormulaIsDefused() {
        Release.Table table = new Release.Table(List.of("MONTH"), "SPEND", List.of(), 2, Map.of(), 0L);
        byte[] bytes = ReleaseCsv.bytes(table, definition("SPEND", List.of("MONTH")), Set.of());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("\uFEFFMONTH,");
        assertThat(ReleaseCsv.field("=1+1")).isEqualTo("'=1+1");
        assertThat(ReleaseCsv.field("a,b")).isEqualTo("\"a,b\"");
    }
}
