package dev.anshin.statistics;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.StatisticsPopulation;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Defining, previewing and publishing reports. A preview is a release: it spends its ε from the privacy
 * budget of each calendar month of data it covers, asks the privacy module for the STATISTICS population
 * (audited; a condition the purchases query applies, so opted-out and erased customers are left out in
 * the same snapshot as the purchases are read), streams the purchases once, bounds each cardholder, and
 * keeps the noisy, thresholded table. Nothing exact leaves: progress and logs carry rows rounded down to
 * 100,000, never a count of people. Publishing makes that very table public (a second person, no new budget): what
 * staff previewed is what partners get, and looking twice at the same data costs nothing more.
 */
@Service
public class StatisticsReports {

    private static final Logger log = LoggerFactory.getLogger(StatisticsReports.class);
    /** The dataset statistics count: the purchases (the fraud module's PURCHASES catalog entry). */
    public static final String DATASET = "PURCHASES";
    private static final int PROGRESS_EVERY = 250_000;
    /** Progress is shown in whole hundreds of thousands of rows: a coarse size, never an exact count. */
    static final long PROGRESS_UNIT = 100_000;

    private final StatisticsStore store;
    private final PrivacyBudgets budgets;
    private final ReferenceData reference;
    private final Purchases purchases;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Rows read so far by each running release, rounded down to {@link #PROGRESS_UNIT}, for its progress. */
    private final Map<String, Long> progress = new ConcurrentHashMap<>();

    StatisticsReports(StatisticsStore store, PrivacyBudgets budgets, ReferenceData reference, Purchases purchases,
            PersonalData personalData, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.budgets = budgets;
        this.reference = reference;
        this.purchases = purchases;
        this.personalData = personalData;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A report and whether this call defined it (false: a retry answered with the one defined before). */
    public record Defined(StatisticsStore.Report report, boolean created) {
    }

    /**
     * Defines a report. Idempotent on the request id: the same definition again answers the stored report;
     * another definition under the same id is refused (409). Nothing is read from the data.
     */
    public Defined define(Actor actor, ReportDefinition.Body body) {
        String requestId = body == null ? null : body.requestId();
        if (requestId == null || !requestId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw RequestProblem.invalid("requestId", "is required: 1 to 64 letters, digits, dots, hyphens or underscores");
        }
        ReportDefinition definition = checked(body);
        Optional<StatisticsStore.Report> before = store.reportByRequest(requestId);
        if (before.isPresent()) {
            return retried(before.get(), definition);
        }
        StatisticsStore.Report report = new StatisticsStore.Report(UUID.randomUUID().toString(), requestId,
                definition.body(), actor.name(), clock.instant());
        try {
            transactions.executeWithoutResult(tx -> {
                store.insertReport(report);
                record(actor, "statistics.define", "statistics-report/" + report.id(), AuditOutcome.SUCCESS,
                        "measure=" + definition.measure() + " dimensions=" + definition.dimensions());
            });
        } catch (DuplicateKeyException definedMeanwhile) {
            return retried(store.reportByRequest(requestId).orElseThrow(), definition);
        }
        return new Defined(report, true);
    }

    private Defined retried(StatisticsStore.Report before, ReportDefinition definition) {
        if (!before.definition().equals(definition.body())) {
            throw RequestProblem.conflict("This requestId defined another report; use a new requestId.");
        }
        return new Defined(before, false);
    }

    /** Checks a definition against the reference data; a refusal is 422 naming the field. */
    public ReportDefinition checked(ReportDefinition.Body body) {
        try {
            return ReportDefinition.of(body, reference.countries());
        } catch (ProtectionRefused refused) {
            throw RequestProblem.invalid(refused.field(), refused.getMessage());
        }
    }

    public Optional<StatisticsStore.Report> report(String id) {
        return Ids.isUuid(id) ? store.report(id) : Optional.empty();
    }

    public List<StatisticsStore.Report> reports(int limit) {
        return store.reports(limit);
    }

    public List<Release> releases(String reportId) {
        return store.releases(reportId);
    }

    public Optional<Release> release(String id) {
        return Ids.isUuid(id) ? store.release(id) : Optional.empty();
    }

    public List<Release> published(int limit) {
        return store.published(limit);
    }

    /** A published release, for partners; empty for any other. */
    public Optional<Release> publishedRelease(String id) {
        return release(id).filter(r -> r.status() == Release.Status.PUBLISHED);
    }

    /** Rows read so far by a running release, rounded down to a multiple of 100,000. */
    public Optional<Long> progress(String releaseId) {
        return Optional.ofNullable(progress.get(releaseId));
    }

    public List<PrivacyBudgets.Budget> budgets() {
        return budgets.all();
    }

    /**
     * Computes a release of the report (the preview): spends the budget first, from each calendar month
     * of data the report covers, all months or none (409 privacy-budget-exhausted, nothing computed),
     * then reads and releases. A failure releases nothing; the budget is given back only if it came
     * before the purchases were read (the population or the set-up failed): once the purchases stream
     * has started, data was read and its ε is spent, whatever happens next.
     */
    public Release preview(Actor actor, String reportId, String requestId) {
        return previewed(actor, reportId, requestId).release();
    }

    /** A release and whether this call computed it (false: a retry answered with the one computed before). */
    public record Previewed(Release release, boolean created) {
    }

    /** {@link #preview}, saying whether this call computed the release or answered a retry with the stored one. */
    public Previewed previewed(Actor actor, String reportId, String requestId) {
        StatisticsStore.Report report = report(reportId).orElseThrow(() -> RequestProblem.notFound("No such report."));
        if (requestId == null || !requestId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw RequestProblem.invalid("requestId", "is required: 1 to 64 letters, digits, dots, hyphens or underscores");
        }
        Optional<Release> before = store.releaseByRequest(requestId);
        if (before.isPresent()) {
            return new Previewed(retriedPreview(before.get(), report), false);
        }
        ReportDefinition definition = checked(report.definition());
        List<String> periods = definition.periods();
        Epsilon cost = definition.protection().totalEpsilon();
        Release running = new Release(UUID.randomUUID().toString(), requestId, report.id(), Release.Status.RUNNING, DATASET,
                periods, Release.parameters(definition, report.requestId()), null, actor.name(), clock.instant(), null, null);
        String resource = "statistics-release/" + running.id();
        if (!actor.serves(dev.anshin.privacy.Purpose.STATISTICS)) {
            record(actor, "statistics.preview", resource, AuditOutcome.DENIED, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only analysts compute statistics.", List.of());
        }
        budgets.open(DATASET, periods);
        try {
            transactions.executeWithoutResult(tx -> {
                budgets.spend(DATASET, periods, cost);
                store.insertRelease(running);
                record(actor, "statistics.budget.spend", resource, AuditOutcome.SUCCESS,
                        "dataset=" + DATASET + " epsilon=" + cost + " delta=" + definition.protection().delta()
                                + " from each calendar month " + periods.get(0) + ".." + periods.get(periods.size() - 1));
            });
        } catch (RequestProblem refused) {
            record(actor, "statistics.preview", resource, AuditOutcome.DENIED, refused.type().name().toLowerCase());
            throw refused;
        } catch (DuplicateKeyException retriedMeanwhile) {
            // the same preview sent twice at once: the other one spent the budget (this spending rolled back)
            return new Previewed(retriedPreview(store.releaseByRequest(requestId).orElseThrow(), report), false);
        }
        AtomicBoolean purchasesRead = new AtomicBoolean();
        try {
            progress.put(running.id(), 0L);
            StatisticsPopulation population = personalData.statisticsPopulation(actor, running.id(),
                    definition.needsAgeBands(), definition.to().atEndOfMonth());
            ReleasedTable table = compute(definition, population, running.id(), purchasesRead);
            Release.Table released = Release.Table.of(table);
            transactions.executeWithoutResult(tx -> {
                store.complete(running.id(), released);
                record(actor, "statistics.preview", resource, AuditOutcome.SUCCESS, "cells=" + table.cells().size()
                        + " suppressed=" + table.suppressedCells() + " epsilon=" + cost);
            });
            return new Previewed(store.release(running.id()).orElseThrow(), true);
        } catch (RuntimeException failed) {
            boolean spent = purchasesRead.get();
            transactions.executeWithoutResult(tx -> {
                store.fail(running.id());
                if (!spent) {
                    budgets.refund(DATASET, periods, cost);
                }
            });
            record(actor, "statistics.preview", resource, AuditOutcome.FAILURE, failed.getClass().getSimpleName()
                    + (spent ? "; purchases were read: epsilon " + cost + " stays spent" : "; epsilon " + cost + " given back"));
            throw failed;
        } finally {
            progress.remove(running.id());
        }
    }

    private static Release retriedPreview(Release before, StatisticsStore.Report report) {
        if (!before.reportId().equals(report.id())) {
            throw RequestProblem.conflict("This requestId computed a release of another report; use a new requestId.");
        }
        return before;
    }

    /**
     * Publishes a previewed release, exactly as previewed. By a privacy officer who is not the analyst
     * who computed it (four eyes); the same publisher again answers it as published.
     */
    public Release publish(Actor actor, String releaseId) {
        Release release = release(releaseId).orElseThrow(() -> RequestProblem.notFound("No such release."));
        String resource = "statistics-release/" + release.id();
        if (release.status() == Release.Status.PUBLISHED && actor.name().equals(release.publishedBy())) {
            return release;
        }
        if (release.status() != Release.Status.PREVIEW) {
            record(actor, "statistics.publish", resource, AuditOutcome.DENIED, "status=" + release.status());
            throw new RequestProblem(ProblemType.ILLEGAL_TRANSITION, "Only a previewed release is published; this one is "
                    + release.status() + ".", List.of());
        }
        if (actor.name().equals(release.createdBy())) {
            record(actor, "statistics.publish", resource, AuditOutcome.DENIED, "same person as the preview");
            throw RequestProblem.conflict("A release is published by a second person, not by the one who computed it.");
        }
        boolean published = Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean now = store.publish(release.id(), actor.name(), clock.instant());
            if (now) {
                record(actor, "statistics.publish", resource, AuditOutcome.SUCCESS, "report=" + release.reportId());
            }
            return now;
        }));
        Release after = store.release(release.id()).orElseThrow();
        if (!published && !actor.name().equals(after.publishedBy())) {
            throw new RequestProblem(ProblemType.ILLEGAL_TRANSITION, "The release was published meanwhile.", List.of());
        }
        return after;
    }

    /**
     * The single pass: streams each customer's purchases per raw cell (ordered by customer), keeps only
     * customers the population counts, maps raw values to the report's cells, and hands each cardholder
     * over once to the bounded aggregation; then releases over the whole domain.
     */
    ReleasedTable compute(ReportDefinition definition, StatisticsPopulation population, String releaseId,
            AtomicBoolean purchasesRead) {
        Set<String> countries = reference.countries();
        ReferenceData.BinLookup bins = new ReferenceData.BinLookup(reference.binCountries());
        Dimension time = definition.dimensions().stream().filter(Dimension::time).findFirst().orElse(null);
        TimeBuckets buckets = TimeBuckets.of(time == null ? Dimension.MONTH : time, definition.from(), definition.to());
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(definition.dimensions());
        needed.addAll(definition.filters().keySet());
        BoundedAggregation aggregation = new BoundedAggregation(definition.protection());
        SecureRandom random = new SecureRandom();
        Measure measure = definition.measure();
        var state = new Object() {
            String customer;
            Map<Cell, Long> cells = new HashMap<>();
            long rows;
        };
        purchasesRead.set(true);
        purchases.stream(buckets, time != null, needed, population, row -> {
            if (!row.customerId().equals(state.customer)) {
                aggregation.addCardholder(state.cells, random);
                state.cells = new HashMap<>();
                state.customer = row.customerId();
            }
            if (++state.rows % PROGRESS_EVERY == 0) {
                progress.put(releaseId, coarse(state.rows));
                log.info("statistics release {}: about {} rows read", releaseId, coarse(state.rows));
            }
            Map<Dimension, String> values = new java.util.EnumMap<>(Dimension.class);
            for (Dimension dimension : needed) {
                values.put(dimension, value(dimension, row, buckets, bins, population));
            }
            for (var filter : definition.filters().entrySet()) {
                if (!filter.getValue().contains(values.get(filter.getKey()))) {
                    return;
                }
            }
            Cell cell = new Cell(definition.dimensions().stream().map(values::get).toList());
            state.cells.merge(cell, measure == Measure.SPEND ? row.amount() : row.count(), Math::addExact);
        });
        aggregation.addCardholder(state.cells, random);
        progress.put(releaseId, coarse(state.rows));
        log.info("statistics release {}: all rows read; releasing", releaseId);
        return aggregation.release(definition.dimensions().stream().map(Dimension::name).toList(),
                definition.domain(countries), new DiscreteLaplace(random));
    }

    /** Rows read, rounded down to a multiple of {@link #PROGRESS_UNIT}. */
    static long coarse(long rows) {
        return rows / PROGRESS_UNIT * PROGRESS_UNIT;
    }

    private static String value(Dimension dimension, Purchases.Row row, TimeBuckets buckets,
            ReferenceData.BinLookup bins, StatisticsPopulation population) {
        return switch (dimension) {
            case MONTH, WEEK -> buckets.labels().get(row.timeBucket());
            case MERCHANT_CATEGORY -> MerchantCategories.group(row.mcc());
            case MERCHANT_PREFECTURE -> Prefectures.known(row.prefecture()) ? row.prefecture() : Prefectures.UNKNOWN;
            case MERCHANT_REGION -> Prefectures.region(row.prefecture());
            case CARDHOLDER_COUNTRY -> bins.country(row.bin());
            case AGE_BAND -> population.ageBand(row.customerId()).orElse("UNKNOWN");
        };
    }

    private void record(Actor actor, String action, String resource, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(actor.name(), action, resource, dev.anshin.privacy.Purpose.STATISTICS.name(),
                outcome, actor.origin(), detail));
    }
}
