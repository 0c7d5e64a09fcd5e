package dev.anshin.statistics;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The privacy-budget ledger: per dataset and period (a calendar month of data, Japan time), the ε releases
 * may spend in total and what they have spent. A release spends its ε from the budget of every calendar
 * month of data it covers (a report from January to March spends it three times: once from each). Releases over the same people compose, so their ε add up; a release that
 * would pass the total is refused. Spending is one conditional update per period
 * ({@code spent + cost <= total}): atomic across servers, no read-then-write race.
 */
@Repository
public class PrivacyBudgets {

    /** One period's budget, in ε. */
    public record Budget(String dataset, String period, Epsilon total, long spentThousandths) {
        public String spent() {
            return java.math.BigDecimal.valueOf(spentThousandths, 3).stripTrailingZeros().toPlainString();
        }

        public String remaining() {
            return java.math.BigDecimal.valueOf(total.thousandths() - spentThousandths, 3).stripTrailingZeros()
                    .toPlainString();
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatisticsProperties properties;

    PrivacyBudgets(JdbcClient jdbc, Clock clock, StatisticsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Opens the periods' budgets at the configured total where none is open yet. Outside any transaction:
     * a concurrent opening of the same period is a duplicate key, which on PostgreSQL would abort the
     * caller's transaction.
     */
    void open(String dataset, List<String> periods) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("open budgets outside a transaction");
        }
        Epsilon total = Epsilon.parse("anshin.statistics.budget-per-period", properties.budgetPerPeriod());
        for (String period : periods) {
            try {
                jdbc.sql("INSERT INTO statistics_budgets (dataset, period, total_thousandths, spent_thousandths, "
                                + "updated_at) SELECT ?, ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM statistics_budgets "
                                + "WHERE dataset = ? AND period = ?)")
                        .params(dataset, period, total.thousandths(), Timestamp.from(clock.instant()), dataset, period)
                        .update();
            } catch (DuplicateKeyException openedMeanwhile) {
                // another server opened it first: the same budget
            }
        }
    }

    /**
     * Spends ε from every period, inside the caller's transaction: all periods or none. A period without
     * enough left refuses the whole release (409 privacy-budget-exhausted naming the period).
     */
    void spend(String dataset, List<String> periods, Epsilon cost) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("spend inside the release's transaction");
        }
        for (String period : periods) {
            int spent = jdbc.sql("UPDATE statistics_budgets SET spent_thousandths = spent_thousandths + ?, updated_at = ? "
                            + "WHERE dataset = ? AND period = ? AND spent_thousandths + ? <= total_thousandths")
                    .params(cost.thousandths(), Timestamp.from(clock.instant()), dataset, period, cost.thousandths())
                    .update();
            if (spent != 1) {
                throw new RequestProblem(ProblemType.PRIVACY_BUDGET_EXHAUSTED, "A release spends ε " + cost
                        + " from the budget of each calendar month of data it covers; " + dataset + " data of " + period
                        + " has less than that left. Nothing was spent or released.",
                        List.of(new FieldProblem("periods", period + " has not enough budget left")));
            }
        }
    }

    /**
     * Gives back what a release spent, only for one that failed before any purchase was read: once data
     * was read, its ε is spent whether or not a table came out.
     */
    void refund(String dataset, List<String> periods, Epsilon cost) {
        for (String period : periods) {
            jdbc.sql("UPDATE statistics_budgets SET spent_thousandths = spent_thousandths - ?, updated_at = ? "
                            + "WHERE dataset = ? AND period = ? AND spent_thousandths >= ?")
                    .params(cost.thousandths(), Timestamp.from(clock.instant()), dataset, period, cost.thousandths())
                    .update();
        }
    }

    public List<Budget> all() {
        return jdbc.sql("SELECT dataset, period, total_thousandths, spent_thousandths FROM statistics_budgets "
                        + "ORDER BY dataset, period DESC")
                .query((rs, n) -> new Budget(rs.getString(1), rs.getString(2), new Epsilon(rs.getLong(3)), rs.getLong(4)))
                .list();
    }
}
