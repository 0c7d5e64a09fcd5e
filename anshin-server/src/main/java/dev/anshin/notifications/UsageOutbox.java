package dev.anshin.notifications;

import dev.anshin.fraud.StoredDecision;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code usage_notifications} outbox: one row per authorization of a card that has a customer,
 * written in the authorization's own transaction, then claimed, sent and marked by the
 * {@link NotificationDispatcher}. Claims are plain conditional updates (portable to H2 and
 * PostgreSQL), so two instances never send the same row at the same time.
 */
@Repository
class UsageOutbox {

    /** A claimed row. */
    record Pending(String id, String authorizationId, String cardToken, String customerId, int attempts,
            Instant leaseEnd) {
    }

    // Inserted only if absent: a replayed decision log or a retried commit never makes a second row.
    // The casts give PostgreSQL the types of parameters in a select list.
    private static final String INSERT = "INSERT INTO usage_notifications "
            + "(id, authorization_id, card_token, customer_id, created_at, due_at, attempts) "
            + "SELECT CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(36)), "
            + "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), 0 "
            + "WHERE NOT EXISTS (SELECT 1 FROM usage_notifications WHERE authorization_id = ?)";
    private static final int[] INSERT_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP, Types.TIMESTAMP, Types.VARCHAR};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final UsageMessages messages;
    private final Clock clock;
    private final Duration notifyWithin;
    private final Duration retention;

    UsageOutbox(JdbcClient jdbc, JdbcTemplate template, UsageMessages messages, Clock clock,
            NotificationProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.messages = messages;
        this.clock = clock;
        this.notifyWithin = properties.notifyWithin();
        this.retention = properties.retention();
    }

    /**
     * Deletes notifications sent or given up longer ago than the retention, and those never sent
     * that were written longer ago (rows left from a time without a sender: long past news): an
     * outbox, not an archive (one row per authorization of every customer's card would otherwise
     * grow for ever). Daily, and returns how many went.
     */
    @org.springframework.scheduling.annotation.Scheduled(cron = "${anshin.notifications.purge-cron:0 47 3 * * *}")
    int purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        return jdbc.sql("DELETE FROM usage_notifications WHERE sent_at < ? OR gave_up_at < ? "
                        + "OR (sent_at IS NULL AND created_at < ?)")
                .params(before, before, before).update();
    }

    /**
     * Adds the authorizations of cards that have a customer, in the caller's transaction, one batch
     * (those that happened longer ago than {@code notify-within} are history, not news: skipped);
     * returns how many were to be added.
     */
    int record(List<StoredDecision> decisions) {
        Instant instant = clock.instant();
        Instant oldest = instant.minus(notifyWithin);
        Timestamp now = Timestamp.from(instant);
        List<Object[]> rows = new ArrayList<>(decisions.size());
        for (StoredDecision decision : decisions) {
            if (decision.authorization().timestamp().isBefore(oldest)) {
                continue;
            }
            Optional<String> customer = messages.customerOf(decision.authorization().cardToken());
            if (customer.isPresent()) {
                rows.add(new Object[] {UUID.randomUUID().toString(), decision.authorizationId(),
                        decision.authorization().cardToken(), customer.get(), now, now, decision.authorizationId()});
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate(INSERT, rows, INSERT_TYPES);
        }
        return rows.size();
    }

    /**
     * Claims up to {@code limit} rows due now, each until {@code leaseEnd}: a row another instance
     * claimed first (its due time moved past now) is skipped.
     */
    List<Pending> claim(Instant now, Instant leaseUntil, int limit) {
        // Millisecond precision: compared for equality later, and both databases keep that exactly.
        Instant leaseEnd = leaseUntil.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<String> due = jdbc.sql("SELECT id FROM usage_notifications WHERE due_at <= ? ORDER BY due_at")
                .param(Timestamp.from(now))
                .withMaxRows(limit)
                .query(String.class)
                .list();
        List<String> claimed = new ArrayList<>(due.size());
        for (String id : due) {
            int updated = jdbc.sql("UPDATE usage_notifications SET due_at = ? WHERE id = ? AND due_at <= ?")
                    .params(Timestamp.from(leaseEnd), id, Timestamp.from(now))
                    .update();
            if (updated == 1) {
                claimed.add(id);
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, authorization_id, card_token, customer_id, attempts FROM usage_notifications "
                        + "WHERE id IN (:ids) ORDER BY created_at, id")
                .param("ids", claimed)
                .query((rs, n) -> new Pending(rs.getString("id"), rs.getString("authorization_id"),
                        rs.getString("card_token"), rs.getString("customer_id"), rs.getInt("attempts"), leaseEnd))
                .list();
    }

    /** Sent, if the row is still ours (its lease not taken over by another instance meanwhile). */
    void sent(Pending pending, Instant now) {
        jdbc.sql("UPDATE usage_notifications SET sent_at = ?, due_at = NULL, attempts = attempts + 1, "
                        + "last_error = NULL WHERE id = ? AND sent_at IS NULL AND due_at = ?")
                .params(Timestamp.from(now), pending.id(), Timestamp.from(pending.leaseEnd()))
                .update();
    }

    /** A failed attempt: tried again from {@code retryAt}, or given up when that is null. */
    void failed(Pending pending, String error, Instant now, Instant retryAt) {
        jdbc.sql("UPDATE usage_notifications SET attempts = attempts + 1, last_error = ?, due_at = ?, "
                        + "gave_up_at = ? WHERE id = ? AND sent_at IS NULL AND due_at = ?")
                .params(error, retryAt == null ? null : Timestamp.from(retryAt),
                        retryAt == null ? Timestamp.from(now) : null, pending.id(), Timestamp.from(pending.leaseEnd()))
                .update();
    }

    /** One notification as its customer's disclosure shows it: ids and delivery state, never the content. */
    record Held(String id, String authorizationId, Instant createdAt, Instant sentAt, Instant gaveUpAt, int attempts) {
    }

    /** A customer's notifications still held (the purge deletes them after the retention), newest first. */
    List<Held> ofCustomer(String customerId) {
        return jdbc.sql("SELECT id, authorization_id, created_at, sent_at, gave_up_at, attempts FROM usage_notifications "
                        + "WHERE customer_id = ? ORDER BY created_at DESC, id")
                .param(customerId)
                .query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getInt(6)))
                .list();
    }

    /**
     * An erased customer is not notified any more, and their notifications go with their data:
     * deleted in the erasure's own transaction.
     */
    @org.springframework.context.event.EventListener
    void onCustomerErased(dev.anshin.privacy.CustomerErased erased) {
        jdbc.sql("DELETE FROM usage_notifications WHERE customer_id = ?").param(erased.customerId()).update();
    }
}
