package dev.anshin.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily retention job (docs/operations.md, "Retention"). The periods themselves belong to the modules that hold
 * the data (for example {@code anshin.fraud.authorization-retention}); these settings say when and how the job runs.
 *
 * @param enabled     off: the scheduled run does nothing (a run can still be started by code, as the tests do)
 * @param cron        when the scheduled run starts (server time zone); after the audit, provision and notification
 *                    purges of the night
 * @param batchSize   most items a rule removes in one transaction
 * @param maxPerRun   most items one rule removes in one run; the rest goes in the next run (a first run over years of
 *                    data is spread over nights rather than holding the database for hours)
 * @param lease       how long a server holds the job without renewing it (renewed after every batch); a server that
 *                    dies mid-run lets it run out, and another one runs the job next time
 * @param minInterval a scheduled run starts only if no run started within this long, on any server, so that
 *                    servers whose clocks differ by minutes run the job once a day
 */
@ConfigurationProperties("anshin.privacy.retention")
record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 7 4 * * *") String cron,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1000000") long maxPerRun,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("20h") Duration minInterval) {

    RetentionProperties {
        if (batchSize < 1 || maxPerRun < 1 || lease.isNegative() || lease.isZero() || minInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "anshin.privacy.retention: batch-size, max-per-run and lease must be positive");
        }
    }
}
