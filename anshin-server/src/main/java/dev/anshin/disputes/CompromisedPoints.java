package dev.anshin.disputes;

import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.FraudLabels;
import dev.anshin.fraud.PlacesSince;
import dev.anshin.scoring.Authorization;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Points of compromise found from disputes: after each confirmed fraud, the frauds reported or
 * confirmed at its terminal and merchant are run through the {@link CompromiseDetector}; a point
 * they converge on is flagged (kept in {@code compromise_flags}), counts in later investigations
 * there, and lists the other cards that used it since, for a proactive block or notice.
 */
@Component
class CompromisedPoints {

    private static final Logger log = LoggerFactory.getLogger(CompromisedPoints.class);
    /**
     * Most exposed cards read per point (the earliest first uses): the bound the per-point lookup had
     * (50,000 usages) before the points were looked up together, kept per point so that one busy
     * terminal or merchant cannot make the page's or the blocks' answer unbounded.
     */
    static final int EXPOSED_CARDS_PER_POINT = 50_000;

    /** A flagged point as stored. */
    record Point(CompromiseDetector.Kind kind, String id, Instant since, int reportingCards, Instant flaggedAt,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final DisputeStore store;
    private final FraudLabels labels;
    private final Decisions decisions;
    private final CompromiseDetector detector;
    private final DisputeProperties properties;
    private final Clock clock;

    CompromisedPoints(JdbcClient jdbc, DisputeStore store, FraudLabels labels, Decisions decisions,
            DisputeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.labels = labels;
        this.decisions = decisions;
        this.properties = properties;
        this.clock = clock;
        this.detector = new CompromiseDetector(properties.compromiseTerminalCards(),
                properties.compromiseMerchantCards(), properties.compromiseWindow());
    }

    /** Whether this terminal or this merchant is flagged. */
    boolean flagged(String terminalId, String merchantId) {
        return jdbc.sql("SELECT COUNT(*) FROM compromise_flags WHERE (kind = 'TERMINAL' AND point_id = ?) "
                        + "OR (kind = 'MERCHANT' AND point_id = ?)")
                .params(terminalId, merchantId).query(Long.class).single() > 0;
    }

    /** Looks again at the fraud's terminal and merchant, and flags them if reports now converge there. */
    List<CompromiseDetector.Flag> onConfirmedFraud(Authorization fraud) {
        Instant from = fraud.timestamp().minus(properties.compromiseWindow());
        Instant to = fraud.timestamp().plus(properties.compromiseWindow());
        List<CompromiseDetector.Report> reports = fraudsAt(fraud.terminalId(), fraud.merchantId(), from, to);
        List<CompromiseDetector.Flag> flags = detector.flags(reports).stream()
                .filter(f -> f.kind() == CompromiseDetector.Kind.TERMINAL ? f.id().equals(fraud.terminalId())
                        : f.id().equals(fraud.merchantId()))
                .toList();
        flags.forEach(this::store);
        return flags;
    }

    /**
     * Frauds at this terminal or merchant that happened in [from, to): reported by cardholders (cases
     * still claiming fraud) or confirmed by any source, one entry per source.
     */
    List<CompromiseDetector.Report> fraudsAt(String terminalId, String merchantId, Instant from, Instant to) {
        List<CompromiseDetector.Report> reports = new ArrayList<>();
        for (DisputeStore.Reported r : store.reportedAt(terminalId, merchantId, from, to)) {
            reports.add(new CompromiseDetector.Report(r.cardToken(), r.terminalId(), r.merchantId(), r.occurredAt()));
        }
        for (FraudLabels.ConfirmedFraud f : labels.confirmedAt(terminalId, merchantId, from, to)) {
            reports.add(new CompromiseDetector.Report(f.cardToken(), f.terminalId(), f.merchantId(), f.occurredAt()));
        }
        return reports;
    }

    private void store(CompromiseDetector.Flag flag) {
        Instant now = clock.instant();
        Optional<Point> existing = find(flag.kind(), flag.id());
        if (existing.isPresent()) {
            Instant since = existing.get().since().isBefore(flag.compromisedSince()) ? existing.get().since()
                    : flag.compromisedSince();
            jdbc.sql("UPDATE compromise_flags SET compromised_since = ?, reporting_cards = ?, updated_at = ? "
                            + "WHERE kind = ? AND point_id = ?")
                    .params(Timestamp.from(since), Math.max(flag.reportingCards().size(),
                            existing.get().reportingCards()), Timestamp.from(now), flag.kind().name(), flag.id())
                    .update();
            return;
        }
        try {
            jdbc.sql("INSERT INTO compromise_flags (kind, point_id, compromised_since, reporting_cards, flagged_at, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(flag.kind().name(), flag.id(), Timestamp.from(flag.compromisedSince()),
                            flag.reportingCards().size(), Timestamp.from(now), Timestamp.from(now))
                    .update();
            // A business event for analysts (the console lists it), not an operator's problem: INFO.
            log.info("{} {} flagged as compromised: frauds of {} cards since {} (/console/compromised-points)",
                    flag.kind(), flag.id(), flag.reportingCards().size(), flag.compromisedSince());
        } catch (DuplicateKeyException flaggedMeanwhile) {
            store(flag);
        }
    }

    Optional<Point> find(CompromiseDetector.Kind kind, String id) {
        return jdbc.sql("SELECT * FROM compromise_flags WHERE kind = ? AND point_id = ?").params(kind.name(), id)
                .query((rs, n) -> point(rs)).optional();
    }

    /** Flagged points, the most recently flagged first, at most {@code limit}. */
    List<Point> recent(int limit) {
        return jdbc.sql("SELECT * FROM compromise_flags ORDER BY flagged_at DESC").withMaxRows(limit)
                .query((rs, n) -> point(rs)).list();
    }

    /**
     * The cards that used the point since it was compromised, other than those whose frauds flagged
     * it, in order of first use: candidates for a proactive block or notice.
     */
    List<String> exposedCards(Point point) {
        return exposedCards(List.of(point)).get(point);
    }

    /**
     * {@link #exposedCards(Point)} of each of these points, in a bounded number of queries however
     * many points there are (three per kind of point: first uses, reported and confirmed frauds), each
     * reading only the points' own rows through their indexes.
     */
    Map<Point, List<String>> exposedCards(List<Point> points) {
        return exposedCards(points, EXPOSED_CARDS_PER_POINT);
    }

    /**
     * {@link #exposedCards(List)} with at most {@code capPerPoint} cards read per point, the earliest
     * first uses (the cards whose frauds flagged the point are among those read, then left out).
     */
    Map<Point, List<String>> exposedCards(List<Point> points, int capPerPoint) {
        Instant to = clock.instant().plusSeconds(1);
        Map<Point, List<String>> exposed = new LinkedHashMap<>();
        points.forEach(p -> exposed.put(p, List.of()));
        for (CompromiseDetector.Kind kind : CompromiseDetector.Kind.values()) {
            Map<String, Point> byId = new LinkedHashMap<>();
            points.stream().filter(p -> p.kind() == kind).forEach(p -> byId.put(p.id(), p));
            if (byId.isEmpty()) {
                continue;
            }
            Map<String, Instant> since = new LinkedHashMap<>();
            byId.forEach((id, p) -> since.put(id, p.since()));
            PlacesSince places = new PlacesSince(PlacesSince.Kind.valueOf(kind.name()), since);
            Map<String, Set<String>> reporting = new HashMap<>(store.reportedCards(places, to));
            labels.confirmedCards(places, to).forEach((id, cards) ->
                    reporting.computeIfAbsent(id, k -> new HashSet<>()).addAll(cards));
            Map<String, List<String>> cards = new HashMap<>();
            for (Decisions.FirstUse use : decisions.firstUses(places, to, capPerPoint)) { // the earliest first
                if (!reporting.getOrDefault(use.placeId(), Set.of()).contains(use.cardToken())) {
                    cards.computeIfAbsent(use.placeId(), k -> new ArrayList<>()).add(use.cardToken());
                }
            }
            byId.forEach((id, p) -> exposed.put(p, List.copyOf(cards.getOrDefault(id, List.of()))));
        }
        return exposed;
    }

    private static Point point(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Point(CompromiseDetector.Kind.valueOf(rs.getString("kind")), rs.getString("point_id"),
                rs.getTimestamp("compromised_since").toInstant(), rs.getInt("reporting_cards"),
                rs.getTimestamp("flagged_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
