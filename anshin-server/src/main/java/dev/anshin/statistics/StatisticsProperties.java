package dev.anshin.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Statistics settings ({@code anshin.statistics.*}).
 *
 * @param budgetPerPeriod the ε releases of one dataset may spend per month of data, in total (decimal)
 * @param fetchSize rows the database hands over at a time while a report streams the purchases
 */
@ConfigurationProperties("anshin.statistics")
public record StatisticsProperties(String budgetPerPeriod, Integer fetchSize) {

    public StatisticsProperties {
        budgetPerPeriod = budgetPerPeriod == null ? "3" : budgetPerPeriod;
        fetchSize = fetchSize == null ? 10_000 : fetchSize;
        Epsilon.parse("anshin.statistics.budget-per-period", budgetPerPeriod);
    }
}
