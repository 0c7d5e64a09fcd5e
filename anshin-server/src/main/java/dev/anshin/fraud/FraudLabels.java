package dev.anshin.fraud;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.ScoringEngine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirmed outcomes of authorizations. Each (authorization, source) is stored once; the first
 * label of an authorization is what the feature state learns (a chargeback confirming a cardholder
 * report must not count the fraud twice).
 */
@Repository
public class FraudLabels {

    public enum Source { CARDHOLDER, ISSUER, CHARGEBACK, ANALYST }

    /** A stored label. */
    public record StoredLabel(String authorizationId, Source source, boolean fraud, Instant reportedAt,
            Instant knownAt) {
    }

    /** Whether {@link #record} stored a new label or found the same one. */
    public record Recorded(StoredLabel label, boolean created) {
    }

    /** Longest a label waits for its just-decided authorization to reach the database. */
    private static final Duration INDEXING_WAIT = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final DecisionJournal journal;
    private final ScoringEngine engine;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    /** Serialises label writes, so exactly one label of an authorization is decided to be its first. */
    private final Object writes = new Object();

    FraudLabels(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, DecisionJournal journal,
            ScoringEngine engine, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.journal = journal;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Stores a label (idempotent per authorization and source) and teaches the engine the first one,
     * after the commit. The label counts as known from {@code reportedAt} (when the issuer learned
     * the outcome), never before the transaction nor after now; without it, from now.
     */
    public Recorded record(String authorizationId, Source source, boolean fraud, Instant reportedAt) {
        Authorization authorization = journal.find(authorizationId)
                .orElseThrow(() -> new RequestProblem(ProblemType.UNKNOWN_AUTHORIZATION,
                        "No authorization with this id was scored.",
                        List.of(new FieldProblem("authorizationId", "unknown authorization"))))
                .authorization();
        Instant now = clock.instant();
        Instant knownAt = reportedAt == null ? now
                : Collections.max(List.of(authorization.timestamp(), Collections.min(List.of(reportedAt, now))));
        StoredLabel stored = new StoredLabel(authorizationId, source, fraud, reportedAt, knownAt);
        awaitIndexed(authorizationId);
        boolean first;
        synchronized (writes) {
            try {
                Boolean firstOrNull = transactions.execute(status -> insertIfNew(stored));
                if (firstOrNull == null) {
                    return existing(authorizationId, source, fraud);
                }
                first = firstOrNull;
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                return existing(authorizationId, source, fraud);
            }
        }
        if (fraud) {
            // Every new label that says fraud, not only an authorization's first (a genuine first label may be
            // overturned by a chargeback); after the commit and outside the lock, so listeners neither hold up
            // other labels nor hear of a label that was rolled back. Listeners are idempotent per authorization.
            // Called within a caller's transaction, listeners after commit still wait for that one's commit.
            events.publishEvent(new FraudConfirmed(authorizationId, authorization.cardToken(),
                    authorization.device() == null ? null : authorization.device().deviceId(),
                    authorization.timestamp(), knownAt));
        }
        if (first) {
            engine.learn(label(authorization, fraud, knownAt));
        }
        return new Recorded(stored, true);
    }

    /** A label's row refers to its authorization's row: wait for a just-decided one to reach the database. */
    private void awaitIndexed(String authorizationId) {
        try {
            if (!journal.awaitIndexed(authorizationId, INDEXING_WAIT)) {
                throw new RequestProblem(ProblemType.UNAVAILABLE,
                        "The authorization is not stored yet; retry the label.", List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestProblem(ProblemType.UNAVAILABLE, "Interrupted; retry the label.", List.of());
        }
    }

    /** Inserts the label; null when this source already labelled it, else whether it is the first label. */
    private Boolean insertIfNew(StoredLabel label) {
        if (find(label.authorizationId(), label.source()).isPresent()) {
            return null;
        }
        boolean first = jdbc.sql("SELECT COUNT(*) FROM fraud_labels WHERE authorization_id = ?")
                .param(label.authorizationId()).query(Long.class).single() == 0;
        jdbc.sql("INSERT INTO fraud_labels (authorization_id, source, fraud, reported_at, known_at) VALUES (?, ?, ?, ?, ?)")
                .params(label.authorizationId(), label.source().name(), label.fraud(),
                        label.reportedAt() == null ? null : Timestamp.from(label.reportedAt()),
                        Timestamp.from(label.knownAt()))
                .update();
        return first;
    }

    private Recorded existing(String authorizationId, Source source, boolean fraud) {
        StoredLabel existing = find(authorizationId, source).orElseThrow();
        if (existing.fraud() != fraud) {
            throw RequestProblem.conflict("This source already labelled the authorization differently.");
        }
        return new Recorded(existing, false);
    }

    Optional<StoredLabel> find(String authorizationId, Source source) {
        return jdbc.sql("SELECT authorization_id, source, fraud, reported_at, known_at FROM fraud_labels "
                        + "WHERE authorization_id = ? AND source = ?")
                .params(authorizationId, source.name())
                .query((rs, n) -> new StoredLabel(rs.getString("authorization_id"), Source.valueOf(rs.getString("source")),
                        rs.getBoolean("fraud"), rs.getTimestamp("reported_at") == null ? null
                        : rs.getTimestamp("reported_at").toInstant(), rs.getTimestamp("known_at").toInstant()))
                .optional();
    }

    /** A confirmed fraud, where and when it happened. */
    public record ConfirmedFraud(String authorizationId, String cardToken, String terminalId, String merchantId,
            Instant occurredAt) {
    }

    /** Authorizations of these cards that happened since {@code from} and are labelled fraud by any source. */
    public List<String> fraudOnCards(Collection<String> cardTokens, Instant from) {
        if (cardTokens.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT l.authorization_id FROM fraud_labels l JOIN authorizations a "
                        + "ON a.authorization_id = l.authorization_id WHERE l.fraud AND a.card_token IN (:cards) "
                        + "AND a.occurred_at >= :from")
                .param("cards", cardTokens)
                .param("from", Timestamp.from(from))
                .query(String.class).list();
    }

    /**
     * Frauds confirmed (by any source) that happened at this terminal or merchant in [from, to),
     * oldest first: where reports converge. Either may be null (that side is not looked at). The
     * terminal's and the merchant's frauds are read apart, each through its index, and united: one
     * condition on both columns reads every authorization of the window.
     */
    public List<ConfirmedFraud> confirmedAt(String terminalId, String merchantId, Instant from, Instant to) {
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String[] place : new String[][] {{"terminal_id", terminalId}, {"merchant_id", merchantId}}) {
            if (place[1] != null) {
                parts.add("SELECT a.authorization_id, a.card_token, a.terminal_id, a.merchant_id, a.occurred_at "
                        + "FROM authorizations a JOIN fraud_labels l ON l.authorization_id = a.authorization_id "
                        + "WHERE l.fraud AND a." + place[0] + " = ? AND a.occurred_at >= ? AND a.occurred_at < ?");
                parameters.addAll(List.of(place[1], Timestamp.from(from), Timestamp.from(to)));
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        // UNION, not UNION ALL: a fraud at both (or labelled by two sources) is one fraud.
        return jdbc.sql(String.join(" UNION ", parts) + " ORDER BY occurred_at, authorization_id")
                .params(parameters)
                .query((rs, n) -> new ConfirmedFraud(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    /**
     * The cards with a confirmed fraud (by any source) at each place since its moment and before
     * {@code to}: place id to card tokens, in one query for all the places.
     */
    public Map<String, Set<String>> confirmedCards(PlacesSince places, Instant to) {
        Map<String, Set<String>> cards = new HashMap<>();
        if (places.since().isEmpty()) {
            return cards;
        }
        List<Object> parameters = new ArrayList<>(places.parameters());
        parameters.add(Timestamp.from(to));
        jdbc.sql("SELECT DISTINCT p.point_id, a.card_token FROM " + places.table()
                        + " JOIN authorizations a ON a." + places.column() + " = p.point_id "
                        + "AND a.occurred_at >= p.since AND a.occurred_at < ? "
                        + "JOIN fraud_labels l ON l.authorization_id = a.authorization_id WHERE l.fraud")
                .params(parameters)
                .query((rs, n) -> cards.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)))
                .list();
        return cards;
    }

    /** First label of each authorization that happened since {@code occurredFrom}, by the time it became known. */
    public void forEachFirstLabel(Instant occurredFrom, Consumer<FraudLabel> action) {
        // Two sources may share the first known_at; rows of one authorization are adjacent, keep one.
        String[] previous = {null};
        template.query("""
                SELECT l.authorization_id, l.fraud, l.known_at, a.card_token, a.terminal_id, a.merchant_id, a.occurred_at,
                    a.device_key
                FROM fraud_labels l JOIN authorizations a ON a.authorization_id = l.authorization_id
                WHERE a.occurred_at >= ? AND l.known_at = (
                    SELECT MIN(f.known_at) FROM fraud_labels f WHERE f.authorization_id = l.authorization_id)
                ORDER BY l.known_at, l.authorization_id, l.source""",
                rs -> {
                    String id = rs.getString("authorization_id");
                    if (id.equals(previous[0])) {
                        return;
                    }
                    previous[0] = id;
                    action.accept(new FraudLabel(rs.getString("authorization_id"), rs.getString("card_token"),
                            rs.getString("terminal_id"), rs.getString("merchant_id"),
                            rs.getTimestamp("occurred_at").toInstant(), rs.getBoolean("fraud"),
                            rs.getTimestamp("known_at").toInstant(), rs.getString("device_key")));
                },
                Timestamp.from(occurredFrom));
    }

    static FraudLabel label(Authorization authorization, boolean fraud, Instant knownAt) {
        return new FraudLabel(authorization.authorizationId(), authorization.cardToken(), authorization.terminalId(),
                authorization.merchantId(), authorization.timestamp(), fraud, knownAt, authorization.deviceId());
    }
}
