package dev.anshin.fraud;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What an operator needs to see of the decision log (docs/operations.md), as health and
 * as metrics. Two health checks, both in the readiness group, since scoring stops without either:
 * <ul>
 *   <li>{@code decisionLog}, the disk: DOWN while appends fail (disk full or failing; scoring
 *       answers 503) or free space is under {@code min-free-space};</li>
 *   <li>{@code decisionIndexer}, the database's lag behind the log: OUT_OF_SERVICE once
 *       {@code max-pending} decisions wait for the database (scoring answers 503 until it catches
 *       up), UP otherwise with the lag in the details.</li>
 * </ul>
 * The database itself is not in the readiness group: while it is away, scoring goes on from the
 * log, and taking the instance out of rotation would stop exactly that.
 */
@Configuration(proxyBeanMethods = false)
class DecisionLogHealth {

    @Bean
    HealthIndicator decisionLog(DecisionJournal journal, FraudProperties properties) {
        long minFree = properties.decisionLog().minFreeSpace().toBytes();
        return () -> {
            DecisionIndexer indexer = journal.indexer();
            if (indexer == null) {
                return Health.up().withDetail("enabled", false).build();
            }
            Health.Builder health = Health.up().withDetail("directory", indexer.directory().toString());
            Optional<String> failure = journal.appendFailure();
            try {
                long free = indexer.usableSpace();
                health.withDetail("freeBytes", free).withDetail("minFreeBytes", minFree);
                if (free < minFree) {
                    health.down().withDetail("reason", "less free space than min-free-space on the decision "
                            + "log's file system");
                }
            } catch (IOException e) {
                health.down().withDetail("reason", "free space unknown: " + e.getMessage());
            }
            failure.ifPresent(error -> health.down().withDetail("reason",
                    "the last append failed, authorizations are refused (503): " + error));
            return health.build();
        };
    }

    @Bean
    HealthIndicator decisionIndexer(DecisionJournal journal, Clock clock) {
        return () -> {
            DecisionIndexer indexer = journal.indexer();
            if (indexer == null) {
                return Health.up().withDetail("enabled", false).build();
            }
            int pending = indexer.pendingCount();
            Health.Builder health = pending >= indexer.maxPending()
                    ? Health.status(Status.OUT_OF_SERVICE).withDetail("reason", "max-pending decisions wait for "
                            + "the database; authorizations are refused (503) until it catches up")
                    : Health.up();
            return health.withDetail("pending", pending).withDetail("maxPending", indexer.maxPending())
                    .withDetail("lagSeconds", seconds(indexer.lag(clock.instant()))).build();
        };
    }

    /** The log's metrics; without the log they stay at zero. */
    @Bean
    DecisionLogMetrics decisionLogMetrics(DecisionJournal journal, Clock clock, MeterRegistry metrics) {
        return new DecisionLogMetrics(journal, clock, metrics);
    }

    static final class DecisionLogMetrics {
        DecisionLogMetrics(DecisionJournal journal, Clock clock, MeterRegistry metrics) {
            Gauge.builder("anshin.decision.log.pending", journal,
                            j -> j.indexer() == null ? 0 : j.indexer().pendingCount())
                    .description("Decisions answered from the decision log, not yet in the database")
                    .register(metrics);
            Gauge.builder("anshin.decision.log.lag", journal,
                            j -> j.indexer() == null ? 0 : seconds(j.indexer().lag(clock.instant())))
                    .baseUnit("seconds")
                    .description("Age of the oldest decision not yet in the database").register(metrics);
            Gauge.builder("anshin.decision.log.free", journal, j -> {
                        try {
                            return j.indexer() == null ? Double.NaN : j.indexer().usableSpace();
                        } catch (IOException e) {
                            return Double.NaN;
                        }
                    })
                    .baseUnit("bytes")
                    .description("Free space on the decision log's file system").register(metrics);
            Gauge.builder("anshin.decision.log.failing", journal, j -> j.appendFailure().isPresent() ? 1 : 0)
                    .description("1 while appends to the decision log fail (authorizations refused)")
                    .register(metrics);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
