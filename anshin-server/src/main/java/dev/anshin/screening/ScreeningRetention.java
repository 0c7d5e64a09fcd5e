package dev.anshin.screening;

import dev.anshin.privacy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit screening leaves {@code anshin.screening.record-retention} (5 years) after it was decided: a decision on
 * which no issued account rests (declined, referred and never approved, approved with no card issued, or its
 * account deleted with the customer) and a limit reduction staff accepted or rejected. A decision an issued account
 * rests on stays as long as the account (the re-screening explains itself from it); an open proposal waits for
 * staff. Five years: what Japanese issuers keep the record of the payment-capacity investigation and the credit
 * information behind it (the credit bureaus keep a contract's record five years after it ends).
 */
@Component
class ScreeningRetention implements RetentionRule {

    static final String SETTING = "anshin.screening.record-retention";

    private final ScreeningStore store;
    private final TransactionTemplate transactions;
    private final Duration period;

    ScreeningRetention(ScreeningStore store, TransactionTemplate transactions,
            @Value("${" + SETTING + ":1826d}") Duration period) {
        this.store = store;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return ScreeningPersonalData.SCREENING;
    }

    /**
     * Measured from the decision's {@code decided_at} (a proposal's: staff's decision, or when it was proposed for
     * one decided before V35 recorded when).
     */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            int decisions = store.sweepDecisions(cutoff, limit);
            return decisions + (decisions < limit ? store.sweepDecidedProposals(cutoff, limit - decisions) : 0);
        });
    }
}
