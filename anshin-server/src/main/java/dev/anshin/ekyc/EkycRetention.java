package dev.anshin.ekyc;

import dev.anshin.privacy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity verifications leave {@code anshin.ekyc.record-retention} (7 years) after they started, with their
 * webhook events. Seven years: the Act on Prevention of Transfer of Criminal Proceeds (Art. 6) keeps the records of
 * identity verification seven years; the vendor's own record, which the verification's id references, is the
 * statutory one and stays the vendor's to keep for the rest of a longer relationship.
 */
@Component
class EkycRetention implements RetentionRule {

    static final String SETTING = "anshin.ekyc.record-retention";

    private final VerificationStore store;
    private final TransactionTemplate transactions;
    private final Duration period;

    EkycRetention(VerificationStore store, TransactionTemplate transactions,
            @Value("${" + SETTING + ":2557d}") Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(SETTING + " must be positive");
        }
        this.store = store;
        this.transactions = transactions;
        this.period = period;
    }

    @Override
    public String entry() {
        return EkycPersonalData.VERIFICATIONS;
    }

    /** Measured from the verification's {@code started_at}. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        Integer swept = transactions.execute(tx -> store.sweep(cutoff, limit));
        return swept == null ? 0 : swept;
    }
}
