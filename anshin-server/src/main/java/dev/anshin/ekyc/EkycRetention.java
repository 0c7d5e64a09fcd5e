package dev.anshin.ekyc;

import dev.anshin.privacy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity verifications leave {@code anshin.ekyc.record-retention} (7 years) after their period began, with their
 * webhook events. The Act on Prevention of Transfer of Criminal Proceeds (Art. 6) keeps the identity verification
 * record (確認記録) seven years from the day the relationship ended. So a verification of an application whose card
 * was issued ({@link EkycVerifications#customerRelationshipBegan}) is never deleted while the customer is held; once
 * the customer is erased ({@link EkycVerifications#forgetSubjects}, {@code erased_at}: the relationship is over by
 * then) the seven years count from the erasure. Any other verification (declined, abandoned, never finished:
 * no relationship began) counts them from its start. The vendor's own record, which the verification's id
 * references, is the statutory evidence and stays the vendor's to keep.
 */
@Component
class EkycRetention implements RetentionRule {

    static final String SETTING = "anshin.ekyc.record-retention";

    private final VerificationStore store;
    private final TransactionTemplate transactions;
    private final Duration period;

    EkycRetention(VerificationStore store, TransactionTemplate transactions,
            @Value("${" + SETTING + ":2557d}") Duration period) {
        this.store = store;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return EkycPersonalData.VERIFICATIONS;
    }

    /**
     * Measured from the erasure ({@code erased_at}) for a customer's verification, never while the customer is
     * held; from {@code started_at} for the rest.
     */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> store.sweep(cutoff, limit));
    }
}
