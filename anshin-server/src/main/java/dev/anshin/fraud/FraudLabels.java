package dev.anshin.fraud;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.ScoringEngine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

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

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Decisions decisions;
    private final ScoringEngine engine;
    private final Clock clock;

    FraudLabels(JdbcClient jdbc, JdbcTemplate template, Decisions decisions, ScoringEngine engine, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.decisions = decisions;
        this.engine = engine;
        this.clock = clock;
    }

    /** Stores a label (idempotent per authorization and source) and teaches the engine the first one. */
    @Transactional
    public synchronized Recorded record(String authorizationId, Source source, boolean fraud, Instant reportedAt) {
        Authorization authorization = decisions.find(authorizationId)
                .orElseThrow(() -> new RequestProblem(ProblemType.UNKNOWN_AUTHORIZATION,
                        "No authorization with this id was scored.",
                        List.of(new FieldProblem("authorizationId", "unknown authorization"))))
                .authorization();
        Optional<StoredLabel> existing = find(authorizationId, source);
        if (existing.isPresent()) {
            if (existing.get().fraud() != fraud) {
                throw RequestProblem.conflict("This source already labelled the authorization differently.");
            }
            return new Recorded(existing.get(), false);
        }
        boolean first = jdbc.sql("SELECT COUNT(*) FROM fraud_labels WHERE authorization_id = ?")
                .param(authorizationId).query(Long.class).single() == 0;
        Instant knownAt = clock.instant();
        jdbc.sql("INSERT INTO fraud_labels (authorization_id, source, fraud, reported_at, known_at) VALUES (?, ?, ?, ?, ?)")
                .params(authorizationId, source.name(), fraud, reportedAt == null ? null : Timestamp.from(reportedAt),
                        Timestamp.from(knownAt))
                .update();
        if (first) {
            engine.learn(label(authorization, fraud, knownAt));
        }
        return new Recorded(new StoredLabel(authorizationId, source, fraud, reportedAt, knownAt), true);
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

    /** First label of each authorization that happened since {@code occurredFrom}, by the time it became known. */
    public void forEachFirstLabel(Instant occurredFrom, Consumer<FraudLabel> action) {
        template.query("""
                SELECT l.authorization_id, l.fraud, l.known_at, a.card_token, a.terminal_id, a.merchant_id, a.occurred_at
                FROM fraud_labels l JOIN authorizations a ON a.authorization_id = l.authorization_id
                WHERE a.occurred_at >= ? AND l.known_at = (
                    SELECT MIN(f.known_at) FROM fraud_labels f WHERE f.authorization_id = l.authorization_id)
                ORDER BY l.known_at, l.authorization_id, l.source""",
                rs -> {
                    action.accept(new FraudLabel(rs.getString("authorization_id"), rs.getString("card_token"),
                            rs.getString("terminal_id"), rs.getString("merchant_id"),
                            rs.getTimestamp("occurred_at").toInstant(), rs.getBoolean("fraud"),
                            rs.getTimestamp("known_at").toInstant()));
                },
                Timestamp.from(occurredFrom));
    }

    static FraudLabel label(Authorization authorization, boolean fraud, Instant knownAt) {
        return new FraudLabel(authorization.authorizationId(), authorization.cardToken(), authorization.terminalId(),
                authorization.merchantId(), authorization.timestamp(), fraud, knownAt);
    }
}
