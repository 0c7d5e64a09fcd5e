package dev.anshin.disputes;

import dev.anshin.fraud.PlacesSince;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The cases, their reports and their histories, in the database. */
@Repository
class DisputeStore {

    /** Statuses in which a case still says "this was fraud, or may be": what converging reports count. */
    static final Set<DisputeStatus> FRAUD_CLAIMED = EnumSet.of(DisputeStatus.INTAKE, DisputeStatus.INVESTIGATING,
            DisputeStatus.ANALYST_REVIEW, DisputeStatus.AWAITING_CARDHOLDER, DisputeStatus.DECIDED_FRAUD,
            DisputeStatus.CHARGEBACK_FILED, DisputeStatus.WON, DisputeStatus.LOST, DisputeStatus.WRITTEN_OFF);

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() { };
    private static final String COLUMNS = """
            dispute_id, report_id, authorization_id, card_token, customer_id, terminal_id, merchant_id, occurred_at,
            amount_minor, currency, status, version, assessment, findings, review_due_at, card_blocked_at,
            replacement_card_token, provisional_credit_minor, credited_at, network, reason_code, filing_deadline,
            chargeback_reference, chargeback_filed_at, merchant_response_due, effects_pending, created_at, decided_at,
            updated_at""";
    /** What a read selects: the stored columns, the analyst, and the report's reference number. */
    private static final String SELECTED = COLUMNS + ", assigned_to, (SELECT r.reference FROM dispute_reports r "
            + "WHERE r.report_id = disputes.report_id) AS reference";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DisputeStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Report report) {
        jdbc.sql("INSERT INTO dispute_reports (report_id, customer_id, channel, card_in_hand, family_could_explain, "
                        + "subscription_could_explain, recognizes_merchant, certified_at, request_fingerprint, "
                        + "submitted_by, submitted_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(report.id(), report.customerId(), report.channel().name(), report.cardInHand().name(),
                        report.familyCouldExplain().name(), report.subscriptionCouldExplain().name(),
                        report.recognizesMerchant().name(), Timestamp.from(report.certifiedAt()), report.fingerprint(),
                        report.submittedBy(), Timestamp.from(report.submittedAt()), report.reference())
                .update();
    }

    Optional<Report> report(String reportId) {
        return jdbc.sql("SELECT * FROM dispute_reports WHERE report_id = ?").param(reportId)
                .query((rs, n) -> new Report(rs.getString("report_id"), rs.getString("customer_id"),
                        Channel.valueOf(rs.getString("channel")), Answer.valueOf(rs.getString("card_in_hand")),
                        Answer.valueOf(rs.getString("family_could_explain")),
                        Answer.valueOf(rs.getString("subscription_could_explain")),
                        Answer.valueOf(rs.getString("recognizes_merchant")),
                        rs.getTimestamp("certified_at").toInstant(), rs.getString("request_fingerprint"),
                        rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant(),
                        rs.getString("reference")))
                .optional();
    }

    /** Whether a report already has this reference number. */
    boolean referenceTaken(String reference) {
        return jdbc.sql("SELECT COUNT(*) FROM dispute_reports WHERE reference = ?").param(reference)
                .query(Long.class).single() > 0;
    }

    /** Inserts a new case and the first line of its history, in the caller's transaction. */
    void insert(Dispute dispute, String cardLast4, Party party, String actor) {
        jdbc.sql("INSERT INTO disputes (" + COLUMNS + ", card_last4) VALUES (" + "?, ".repeat(29) + "?)")
                .params(values(dispute, cardLast4))
                .update();
        event(dispute.id(), dispute.createdAt(), "REPORT", null, dispute.status(), party, actor, null);
    }

    /**
     * Stores a moved or updated case if nobody moved it since {@code expectedVersion} was read, and
     * writes the move to its history. False when someone else moved it first (nothing written).
     */
    boolean update(Dispute updated, int expectedVersion, String action, DisputeStatus from, Party party, String actor,
            String note) {
        int rows = jdbc.sql("""
                        UPDATE disputes SET status = ?, version = ?, assessment = ?, findings = ?, review_due_at = ?,
                        card_blocked_at = ?, replacement_card_token = ?, provisional_credit_minor = ?, credited_at = ?,
                        network = ?, reason_code = ?, filing_deadline = ?, chargeback_reference = ?,
                        chargeback_filed_at = ?, merchant_response_due = ?, effects_pending = ?, decided_at = ?,
                        updated_at = ? WHERE dispute_id = ? AND version = ?""")
                .params(updated.status().name(), updated.version(), name(updated.assessment()),
                        json.writeValueAsString(updated.findings()), ts(updated.reviewDueAt()),
                        ts(updated.cardBlockedAt()), updated.replacementCardToken(), updated.provisionalCreditMinor(),
                        ts(updated.creditedAt()), updated.network(), updated.reasonCode(),
                        date(updated.filingDeadline()), updated.chargebackReference(),
                        ts(updated.chargebackFiledAt()), date(updated.merchantResponseDue()), updated.effectsPending(),
                        ts(updated.decidedAt()), ts(updated.updatedAt()), updated.id(),
                        expectedVersion)
                .update();
        if (rows == 0) {
            return false;
        }
        if (action != null) {
            event(updated.id(), updated.updatedAt(), action, from, updated.status(), party, actor, note);
        }
        return true;
    }

    private void event(String disputeId, Instant at, String action, DisputeStatus from, DisputeStatus to, Party party,
            String actor, String note) {
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM dispute_events WHERE dispute_id = ?")
                .param(disputeId).query(Integer.class).single();
        jdbc.sql("INSERT INTO dispute_events (dispute_id, seq, at, action, from_status, to_status, party, actor, note) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(disputeId, seq, Timestamp.from(at), action, from == null ? null : from.name(), to.name(),
                        party.name(), actor, note)
                .update();
    }

    Optional<Dispute> find(String disputeId) {
        return jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE dispute_id = ?").param(disputeId)
                .query(this::map).optional();
    }

    Optional<Dispute> ofAuthorization(String authorizationId) {
        return jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE authorization_id = ?").param(authorizationId)
                .query(this::map).optional();
    }

    List<Dispute> ofReport(String reportId) {
        return jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE report_id = ? ORDER BY occurred_at, dispute_id")
                .param(reportId).query(this::map).list();
    }

    List<Dispute> ofCustomer(String customerId, int limit) {
        return jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE customer_id = ? ORDER BY created_at DESC, "
                        + "dispute_id").param(customerId).withMaxRows(limit).query(this::map).list();
    }

    /** Cases in these statuses, the earliest review deadline first (cases without one last), at most {@code limit}. */
    List<Dispute> inStatus(Collection<DisputeStatus> statuses, int limit) {
        return jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE status IN (:statuses) "
                        + "ORDER BY CASE WHEN review_due_at IS NULL THEN 1 ELSE 0 END, review_due_at, created_at")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .withMaxRows(limit)
                .query(this::map).list();
    }

    /** The order of the queue: the earliest review deadline first (cases without one last). */
    private static final String QUEUE_ORDER = " ORDER BY CASE WHEN review_due_at IS NULL THEN 1 ELSE 0 END, "
            + "review_due_at, created_at, dispute_id";
    /** The columns the queue may be grouped by. */
    static final Set<String> GROUPABLE = Set.of("card_token", "customer_id");

    /** The WHERE clause of a queue filter and its named parameters. */
    private record Where(String sql, java.util.Map<String, Object> params) {
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            for (var e : params.entrySet()) {
                spec = spec.param(e.getKey(), e.getValue());
            }
            return spec;
        }
    }

    private static Where where(QueueFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE status IN (:statuses)");
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("statuses", f.statuses().stream().map(Enum::name).sorted().toList());
        if ("NONE".equals(f.assessment())) {
            sql.append(" AND assessment IS NULL");
        } else if (f.assessment() != null) {
            sql.append(" AND assessment = :assessment");
            params.put("assessment", f.assessment());
        }
        if (f.unassigned()) {
            sql.append(" AND assigned_to IS NULL");
        } else if (f.assignedTo() != null) {
            sql.append(" AND assigned_to = :assignedTo");
            params.put("assignedTo", f.assignedTo());
        }
        if (f.cardLast4() != null) {
            sql.append(" AND card_last4 = :last4");
            params.put("last4", f.cardLast4());
        }
        if (f.receivedFrom() != null) {
            sql.append(" AND created_at >= :from");
            params.put("from", Timestamp.from(f.receivedFrom()));
        }
        if (f.receivedBefore() != null) {
            sql.append(" AND created_at < :before");
            params.put("before", Timestamp.from(f.receivedBefore()));
        }
        if (f.search() != null) {
            sql.append(" AND (dispute_id = :search OR report_id IN "
                    + "(SELECT r.report_id FROM dispute_reports r WHERE r.reference = :search))");
            params.put("search", f.search());
        }
        return new Where(sql.toString(), params);
    }

    /** How many cases match the filter. */
    long count(QueueFilter filter) {
        Where w = where(filter);
        return w.bind(jdbc.sql("SELECT COUNT(*) FROM disputes" + w.sql())).query(Long.class).single();
    }

    /**
     * How many cases matching the filter fall in each bar of the queue's deadline chart at {@code now}
     * (the same buckets as {@link DisputeConsolePage#bucket}): the whole filtered queue, not a page of it.
     */
    java.util.Map<String, Long> countByDeadline(QueueFilter filter, Instant now) {
        Where w = where(filter);
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        w.bind(jdbc.sql("SELECT bucket, COUNT(*) FROM (SELECT CASE WHEN review_due_at IS NULL THEN 'none' "
                        + "WHEN review_due_at < :now THEN 'overdue' WHEN review_due_at <= :inADay THEN 'today' "
                        + "WHEN review_due_at <= :inTwoDays THEN 'tomorrow' ELSE 'later' END AS bucket FROM disputes"
                        + w.sql() + ") due GROUP BY bucket"))
                .param("now", Timestamp.from(now))
                .param("inADay", Timestamp.from(now.plus(java.time.Duration.ofHours(24))))
                .param("inTwoDays", Timestamp.from(now.plus(java.time.Duration.ofHours(48))))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** How many cases are in each of these statuses (statuses without cases are left out). */
    java.util.Map<DisputeStatus, Long> countByStatus(Collection<DisputeStatus> statuses) {
        java.util.Map<DisputeStatus, Long> counts = new java.util.EnumMap<>(DisputeStatus.class);
        jdbc.sql("SELECT status, COUNT(*) FROM disputes WHERE status IN (:statuses) GROUP BY status")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query((rs, n) -> counts.put(DisputeStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /** One page of the cases matching the filter, in the queue's order. */
    List<Dispute> page(QueueFilter filter, long offset, int limit) {
        Where w = where(filter);
        return w.bind(jdbc.sql("SELECT " + SELECTED + " FROM disputes" + w.sql() + QUEUE_ORDER
                        + " LIMIT :limit OFFSET :offset"))
                .param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    /** A group of the queue: the cases of one card or one customer that match the filter. */
    record Group(String key, long cases) {
    }

    /** How many groups (distinct cards or customers) the matching cases fall in. */
    long groupCount(QueueFilter filter, String column) {
        requireGroupable(column);
        Where w = where(filter);
        return w.bind(jdbc.sql("SELECT COUNT(DISTINCT " + column + ") FROM disputes" + w.sql())).query(Long.class)
                .single();
    }

    /** One page of the groups, the most cases first (then the earliest deadline). */
    List<Group> groups(QueueFilter filter, String column, long offset, int limit) {
        requireGroupable(column);
        Where w = where(filter);
        return w.bind(jdbc.sql("SELECT " + column + ", COUNT(*) FROM disputes" + w.sql() + " GROUP BY " + column
                        + " ORDER BY COUNT(*) DESC, MIN(created_at), " + column + " LIMIT :limit OFFSET :offset"))
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Group(rs.getString(1), rs.getLong(2))).list();
    }

    /** The first {@code perGroup} matching cases of each of these groups, in the queue's order. */
    List<Dispute> inGroups(QueueFilter filter, String column, Collection<String> keys, int perGroup) {
        requireGroupable(column);
        if (keys.isEmpty()) {
            return List.of();
        }
        Where w = where(filter);
        String order = QUEUE_ORDER.substring(" ORDER BY ".length());
        return w.bind(jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE dispute_id IN (SELECT dispute_id FROM "
                        + "(SELECT dispute_id, ROW_NUMBER() OVER (PARTITION BY " + column + " ORDER BY " + order
                        + ") AS place FROM disputes" + w.sql() + " AND " + column + " IN (:keys)) ranked "
                        + "WHERE place <= :perGroup)" + QUEUE_ORDER))
                .param("keys", List.copyOf(keys)).param("perGroup", perGroup)
                .query(this::map).list();
    }

    /** Whether any case is assigned to this user name (an analyst since disabled, say). */
    boolean anyAssignedTo(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes WHERE assigned_to = :name").param("name", name)
                .query(Long.class).single() > 0;
    }

    private static void requireGroupable(String column) {
        if (!GROUPABLE.contains(column)) {
            throw new IllegalArgumentException(column);
        }
    }

    /**
     * Assigns a case to an analyst (null: nobody) if it is still assigned as {@code expected} (null:
     * nobody). False when someone changed the assignment first (nothing written).
     */
    boolean assign(String disputeId, String expected, String assignee) {
        String guard = expected == null ? "assigned_to IS NULL" : "assigned_to = :expected";
        JdbcClient.StatementSpec spec = jdbc.sql("UPDATE disputes SET assigned_to = :assignee WHERE dispute_id = :id AND "
                + guard).param("assignee", assignee).param("id", disputeId);
        if (expected != null) {
            spec = spec.param("expected", expected);
        }
        return spec.update() == 1;
    }

    /**
     * Cases in {@code status} whose {@code column} (a time: decided_at, occurred_at, review_due_at)
     * is before {@code before}, the oldest first, at most {@code limit}: what the clock moves.
     */
    List<Dispute> due(DisputeStatus status, String column, Instant before, int limit) {
        if (!Set.of("decided_at", "occurred_at", "review_due_at").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT " + SELECTED + " FROM disputes WHERE status = ? AND " + column + " < ? ORDER BY "
                        + column).params(status.name(), Timestamp.from(before))
                .withMaxRows(limit).query(this::map).list();
    }

    /**
     * Ids of cases to pick up again, untouched since {@code before}: not yet investigated, or decided
     * with effects not all done.
     */
    List<String> unfinished(Instant before) {
        // Two indexed look-ups rather than one OR over the whole table.
        List<String> ids = new java.util.ArrayList<>(jdbc.sql("SELECT dispute_id FROM disputes WHERE status IN "
                        + "('INTAKE', 'INVESTIGATING') AND updated_at <= ? ORDER BY created_at")
                .param(Timestamp.from(before)).query(String.class).list());
        jdbc.sql("SELECT dispute_id FROM disputes WHERE effects_pending AND updated_at <= ? ORDER BY created_at")
                .param(Timestamp.from(before)).query(String.class).list().stream()
                .filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    List<DisputeEvent> events(String disputeId) {
        return jdbc.sql("SELECT * FROM dispute_events WHERE dispute_id = ? ORDER BY seq").param(disputeId)
                .query((rs, n) -> new DisputeEvent(rs.getString("dispute_id"), rs.getInt("seq"),
                        rs.getTimestamp("at").toInstant(), rs.getString("action"),
                        rs.getString("from_status") == null ? null : DisputeStatus.valueOf(rs.getString("from_status")),
                        DisputeStatus.valueOf(rs.getString("to_status")), Party.valueOf(rs.getString("party")),
                        rs.getString("actor"), rs.getString("note")))
                .list();
    }

    /** Authorization ids of these cards that are under a dispute that was not withdrawn. */
    Set<String> contested(Collection<String> cardTokens) {
        if (cardTokens.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT authorization_id FROM disputes WHERE card_token IN (:cards) AND status <> 'WITHDRAWN'")
                .param("cards", cardTokens).query(String.class).list().stream().collect(Collectors.toSet());
    }

    /**
     * An erased customer's own words go with them: the notes they wrote on their cases (answers to
     * an analyst's questions) are cleared; the cases themselves stay, as the issuer's record of the
     * chargeback, with ids only.
     */
    @org.springframework.context.event.EventListener
    void onCustomerErased(dev.anshin.privacy.CustomerErased erased) {
        jdbc.sql("UPDATE dispute_events SET note = NULL WHERE party = 'CARDHOLDER' AND dispute_id IN "
                        + "(SELECT dispute_id FROM disputes WHERE customer_id = ?)")
                .param(erased.customerId()).update();
    }

    /** Authorization ids of these cards under a case that still claims or confirms fraud. */
    Set<String> claimedFraud(Collection<String> cardTokens) {
        if (cardTokens.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT authorization_id FROM disputes WHERE card_token IN (:cards) AND status IN (:statuses)")
                .param("cards", cardTokens)
                .param("statuses", FRAUD_CLAIMED.stream().map(Enum::name).toList())
                .query(String.class).list().stream().collect(Collectors.toSet());
    }

    /** A reported fraud at a point: which card, where, when. */
    record Reported(String cardToken, String terminalId, String merchantId, Instant occurredAt) {
    }

    /**
     * Cases still claiming fraud on transactions at this terminal or merchant in [from, to), oldest
     * first. Either may be null (that side is not looked at). Read apart, each through its index, and
     * united: one condition on both columns reads every case of the window's statuses.
     */
    List<Reported> reportedAt(String terminalId, String merchantId, Instant from, Instant to) {
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        List<String> statuses = FRAUD_CLAIMED.stream().map(Enum::name).sorted().toList();
        for (String[] place : new String[][] {{"terminal_id", terminalId}, {"merchant_id", merchantId}}) {
            if (place[1] != null) {
                parts.add("SELECT dispute_id, card_token, terminal_id, merchant_id, occurred_at FROM disputes WHERE "
                        + place[0] + " = ? AND occurred_at >= ? AND occurred_at < ? AND status IN ("
                        + String.join(", ", java.util.Collections.nCopies(statuses.size(), "?")) + ")");
                parameters.addAll(List.of(place[1], Timestamp.from(from), Timestamp.from(to)));
                parameters.addAll(statuses);
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        // UNION by case id: a case at both the terminal and the merchant counts once.
        return jdbc.sql(String.join(" UNION ", parts) + " ORDER BY occurred_at, dispute_id")
                .params(parameters)
                .query((rs, n) -> new Reported(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /**
     * The cards of cases still claiming fraud at each place since its moment and before {@code to}:
     * place id to card tokens, in one query for all the places.
     */
    java.util.Map<String, Set<String>> reportedCards(PlacesSince places, Instant to) {
        java.util.Map<String, Set<String>> cards = new java.util.HashMap<>();
        if (places.since().isEmpty()) {
            return cards;
        }
        List<String> statuses = FRAUD_CLAIMED.stream().map(Enum::name).sorted().toList();
        List<Object> parameters = new ArrayList<>(places.parameters());
        parameters.add(Timestamp.from(to));
        parameters.addAll(statuses);
        jdbc.sql("SELECT DISTINCT p.point_id, d.card_token FROM " + places.table() + " JOIN disputes d ON d."
                        + places.column() + " = p.point_id AND d.occurred_at >= p.since AND d.occurred_at < ? "
                        + "WHERE d.status IN (" + String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"))
                        + ")")
                .params(parameters)
                .query((rs, n) -> cards.computeIfAbsent(rs.getString(1), k -> new java.util.HashSet<>())
                        .add(rs.getString(2)))
                .list();
        return cards;
    }

    private Object[] values(Dispute d, String cardLast4) {
        return new Object[] {d.id(), d.reportId(), d.authorizationId(), d.cardToken(), d.customerId(), d.terminalId(),
                d.merchantId(), ts(d.occurredAt()), d.amountMinor(), d.currency(), d.status().name(), d.version(),
                name(d.assessment()), json.writeValueAsString(d.findings()), ts(d.reviewDueAt()), ts(d.cardBlockedAt()),
                d.replacementCardToken(), d.provisionalCreditMinor(), ts(d.creditedAt()), d.network(), d.reasonCode(),
                date(d.filingDeadline()), d.chargebackReference(), ts(d.chargebackFiledAt()),
                date(d.merchantResponseDue()), d.effectsPending(), ts(d.createdAt()), ts(d.decidedAt()),
                ts(d.updatedAt()), cardLast4};
    }

    private Dispute map(ResultSet rs, int row) throws SQLException {
        String findings = rs.getString("findings");
        long credit = rs.getLong("provisional_credit_minor");
        Long creditOrNull = rs.wasNull() ? null : credit;
        return new Dispute(rs.getString("dispute_id"), rs.getString("report_id"), rs.getString("authorization_id"),
                rs.getString("card_token"), rs.getString("customer_id"), rs.getString("terminal_id"),
                rs.getString("merchant_id"), instant(rs, "occurred_at"), rs.getLong("amount_minor"),
                rs.getString("currency"), DisputeStatus.valueOf(rs.getString("status")), rs.getInt("version"),
                rs.getString("assessment") == null ? null : Assessment.valueOf(rs.getString("assessment")),
                findings == null ? List.of() : json.readValue(findings, FINDINGS), instant(rs, "review_due_at"),
                instant(rs, "card_blocked_at"), rs.getString("replacement_card_token"), creditOrNull,
                instant(rs, "credited_at"), rs.getString("network"), rs.getString("reason_code"),
                localDate(rs, "filing_deadline"), rs.getString("chargeback_reference"),
                instant(rs, "chargeback_filed_at"), localDate(rs, "merchant_response_due"),
                rs.getBoolean("effects_pending"), instant(rs, "created_at"), instant(rs, "decided_at"),
                instant(rs, "updated_at"), rs.getString("reference"), rs.getString("assigned_to"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    private static Timestamp ts(Instant value) {
        return value == null ? null : Timestamp.from(value);
    }

    private static Date date(LocalDate value) {
        return value == null ? null : Date.valueOf(value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
