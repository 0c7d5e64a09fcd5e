package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.statistics.ReportDefinition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DemoStatisticsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DemoStatistics at(String instant, YearMonth firstMonth) {
        return new DemoStatistics(null, JSON, "a", "o", "r", firstMonth,
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void reportsOnThePreviousMonthInJapanTime() {
        assertThat(at("2026-12-07T10:00:00Z", YearMonth.of(2026, 11)).month()).isEqualTo(YearMonth.of(2026, 11));
        // 2026-12-31T16:00Z is already 1 January in Japan: December is the previous month there.
        assertThat(at("2026-12-31T16:00:00Z", YearMonth.of(2026, 11)).month()).isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void reportsOnTheCurrentMonthWhenTheDemoHasNoDataOfThePrevious() {
        assertThat(at("2026-12-25T10:00:00Z", YearMonth.of(2026, 12)).month()).isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void eachReportIsAValidDefinitionWhosePreviewCostsWhatTheDemoCounts() {
        for (DemoStatistics.Report report : DemoStatistics.REPORTS) {
            ReportDefinition definition = ReportDefinition.of(JSON.readValue(report.body(YearMonth.of(2026, 11)),
                    ReportDefinition.Body.class), Set.of("JP", "KR", "TW", "US", "AU"));
            assertThat(definition.periods()).as(report.slug()).containsExactly("2026-11");
            assertThat(new BigDecimal(definition.protection().totalEpsilon().toString()))
                    .as(report.slug()).isEqualByComparingTo(report.cost());
            assertThat(definition.protection().k()).isEqualTo(10);
        }
    }

    @Test
    void theDemosReportsLeaveTheReserveOfAMonthsDefaultBudget() {
        BigDecimal spent = DemoStatistics.REPORTS.stream().map(DemoStatistics.Report::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent.add(DemoStatistics.RESERVE)).isLessThanOrEqualTo(new BigDecimal(
                new dev.anshin.statistics.StatisticsProperties(null, null).budgetPerPeriod()));
    }
}
