package dev.anshin.privacy;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention enforced: daily, on one server of however many, every {@link RetentionRule} bean is asked to remove
 * or anonymize what has passed its period, in batches ({@code anshin.privacy.retention.batch-size}) until it
 * answers 0 or has removed {@code max-per-run}. Progress is written after every batch (the status API and the data
 * map read it), and each rule's count goes to the audit log, one record per rule per run, counts and times only.
 *
 * <p>Across servers the job is claimed in the database ({@link RetentionRuns#claim}): a lease renewed after every
 * batch, the pattern the onboarding decisions and the notification dispatcher use. A failing rule is recorded and
 * the others still run; it is tried again the next day (sweeps are safe to repeat).
 */
@Component
class RetentionJob {

    static final String ACTION = "privacy.retention.swept";
    static final String SCHEDULED = "retention-job";
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ListableBeanFactory beans;
    private final ObjectProvider<ScheduledRetention> elsewhere;
    private final RetentionRuns runs;
    private final AuditLog audit;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(ListableBeanFactory beans, ObjectProvider<ScheduledRetention> elsewhere, RetentionRuns runs, AuditLog audit, RetentionProperties properties,
            Clock clock) {
        this.beans = beans;
        this.elsewhere = elsewhere;
        this.runs = runs;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${anshin.privacy.retention.cron:0 7 4 * * *}")
    void daily() {
        if (!properties.enabled()) {
            return;
        }
        try {
            run(SCHEDULED, true).ifPresent(run -> log.info("Retention: run {} {}: {}", run.id(), run.state(),
                    run.rules().stream().map(r -> r.rule() + " " + r.removed()).toList()));
        } catch (RuntimeException e) {
            // The lease runs out on its own; tomorrow's run takes over.
            log.warn("Retention run failed; it runs again tomorrow: {}", e.toString());
        }
    }

    /** The rules as Spring knows them, by bean name (the name the status shows). */
    Map<String, RetentionRule> rules() {
        return new TreeMap<>(beans.getBeansOfType(RetentionRule.class));
    }

    /**
     * One run now, in the caller's thread: empty when another server (or thread) holds the job, or, for a
     * {@code scheduled} run, when a run started within {@code min-interval}.
     */
    Optional<RetentionRuns.Run> run(String startedBy, boolean scheduled) {
        Instant now = now();
        String runId = UUID.randomUUID().toString();
        if (!runs.claim(runId, now, now.plus(properties.lease()), scheduled ? now.minus(properties.minInterval()) : null)) {
            return Optional.empty();
        }
        try {
            runs.abandonUnfinished(now);
            Map<String, RetentionRule> rules = rules();
            List<RetentionRuns.RuleProgress> planned = new ArrayList<>();
            rules.forEach((name, rule) -> planned.add(new RetentionRuns.RuleProgress(name, rule.entry(),
                    RetentionStatus.iso(rule.period()), cutoff(now, rule), 0, "WAITING", null, null)));
            runs.start(runId, now, AuditEvent.fit(startedBy, AuditEvent.MAX_ACTOR), planned);
            boolean failed = false;
            boolean held = true;
            for (RetentionRuns.RuleProgress rule : planned) {
                if (!held) {
                    runs.ruleDone(runId, rule.rule(), 0, "ABANDONED", null, now());
                    continue;
                }
                Swept swept = sweep(runId, rule, rules.get(rule.rule()));
                failed |= "FAILED".equals(swept.state());
                held = swept.held();
                audit.record(new AuditEvent(AuditEvent.fit(startedBy, AuditEvent.MAX_ACTOR), ACTION,
                        "retention/" + rule.entry(), null, "FAILED".equals(swept.state()) ? AuditOutcome.FAILURE
                                : AuditOutcome.SUCCESS, null,
                        AuditEvent.fit("run=" + runId + " rule=" + rule.rule() + " removed=" + swept.removed()
                                + " cutoff=" + rule.cutoff() + " period=" + rule.period() + " state=" + swept.state()
                                + (swept.error() == null ? "" : " error=" + swept.error()), AuditEvent.MAX_DETAIL)));
            }
            runs.finish(runId, !held ? "ABANDONED" : failed ? "FAILED" : "FINISHED", now());
        } finally {
            runs.release(runId);
        }
        return runs.run(runId);
    }

    private record Swept(long removed, String state, String error, boolean held) {
    }

    /** Sweeps one rule in batches; a failure is recorded by its exception's class only (no message, no data). */
    private Swept sweep(String runId, RetentionRuns.RuleProgress planned, RetentionRule rule) {
        long removed = 0;
        try {
            while (true) {
                long room = properties.maxPerRun() - removed;
                if (room <= 0) {
                    runs.ruleDone(runId, planned.rule(), removed, "CAPPED", null, now());
                    return new Swept(removed, "CAPPED", null, true);
                }
                int limit = (int) Math.min(properties.batchSize(), room);
                int swept = rule.sweep(planned.cutoff(), limit);
                if (swept < 0 || swept > limit) {
                    throw new IllegalStateException(planned.rule() + " answered " + swept + " for a limit of " + limit);
                }
                if (swept == 0) {
                    runs.ruleDone(runId, planned.rule(), removed, "FINISHED", null, now());
                    return new Swept(removed, "FINISHED", null, true);
                }
                removed += swept;
                runs.progress(runId, planned.rule(), removed);
                if (!runs.renew(runId, now().plus(properties.lease()))) {
                    // The lease ran out under a batch that took too long and another server may run now: stop.
                    runs.ruleDone(runId, planned.rule(), removed, "ABANDONED", null, now());
                    return new Swept(removed, "ABANDONED", null, false);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Retention rule {} failed after removing {}: {}", planned.rule(), removed, e.getClass().getName());
            String error = AuditEvent.fit(e.getClass().getSimpleName(), 100);
            runs.ruleDone(runId, planned.rule(), removed, "FAILED", error, now());
            return new Swept(removed, "FAILED", error, true);
        }
    }

    /** The rules, the retentions run elsewhere, and the newest run. */
    RetentionStatus status() {
        List<RetentionStatus.RetentionRuleSetting> rules = rules().entrySet().stream()
                .map(e -> new RetentionStatus.RetentionRuleSetting(e.getKey(), e.getValue().entry(),
                        RetentionStatus.iso(e.getValue().period()), e.getValue().period().toDays()))
                .toList();
        List<RetentionStatus.RetentionElsewhere> others = elsewhere.orderedStream()
                .flatMap(retention -> retention.retentions().stream()).toList();
        RetentionStatus.RetentionRun last = runs.recent(1).stream().findFirst()
                .map(run -> new RetentionStatus.RetentionRun(run.id(), run.startedAt(), run.finishedAt(), run.startedBy(),
                        run.state(), run.rules().stream()
                                .map(r -> new RetentionStatus.RetentionRuleRun(r.rule(), r.entry(), r.period(), r.cutoff(),
                                        r.removed(), r.state(), r.error(), r.finishedAt()))
                                .toList()))
                .orElse(null);
        return new RetentionStatus(properties.enabled(), properties.cron(), rules, others, last);
    }

    /** The moment before which a rule's items have passed their period. */
    private static Instant cutoff(Instant now, RetentionRule rule) {
        return now.minus(rule.period());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
