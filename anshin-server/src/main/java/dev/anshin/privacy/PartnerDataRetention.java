package dev.anshin.privacy;

import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention of data received from partners, as the retention job sweeps it: the data itself after
 * {@code anshin.privacy.partner-data.receipt-retention} from its receipt, and each confirmation record
 * 3 years after it was made (APPI Art. 30(4)) and not before the data it is about has gone.
 */
@Configuration(proxyBeanMethods = false)
class PartnerDataRetention {

    @Bean
    RetentionRule partnerReceiptsRetention(PartnerReceiptStore store, PartnerDataProperties properties,
            TransactionTemplate transactions) {
        return new Rule(PartnerDataPersonalData.RECEIPTS, properties.receiptRetention(),
                (cutoff, limit) -> transactions.execute(tx -> store.sweepReceipts(cutoff, limit)));
    }

    @Bean
    RetentionRule confirmationRecordsRetention(PartnerReceiptStore store, TransactionTemplate transactions) {
        return new Rule(PartnerDataPersonalData.RECORDS, PartnerDataProperties.RECORD_RETENTION,
                (cutoff, limit) -> transactions.execute(tx -> store.sweepRecords(cutoff, limit)));
    }

    interface Sweep {
        int sweep(Instant cutoff, int limit);
    }

    /** A rule: its entry, its period, and the sweep it runs in its own transaction. */
    record Rule(String entry, Duration period, Sweep sweeper) implements RetentionRule {

        @Override
        public int sweep(Instant cutoff, int limit) {
            return sweeper.sweep(cutoff, limit);
        }
    }
}
