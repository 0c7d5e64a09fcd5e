package dev.anshin.voice.workbench;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.notifications.StaffNotice;
import dev.anshin.notifications.StaffNotices;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Topic;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Surge alerts: every {@code anshin.voice.alert-interval} the last 24 hours of each topic (all kinds, and complaints
 * only) are held against the mean of the same window over the previous 28 days ({@link SurgeRule}); a surge is
 * stored once per topic, scope and calendar day ({@code voice_alerts}, whose unique key makes a second server's or a
 * later run's attempt a no-op) with its audit record in one transaction, shown on the dashboard and
 * {@code /voice/alerts}, and after that transaction sent to the owning department's staff
 * ({@code anshin.voice.alert-recipients.<department>}) through the notifications module's staff channel
 * ({@link StaffNotices}, not the cardholders'). An alert not yet sent to every recipient is sent again by the next
 * checks of its day and the day after (the notice ids stay the same: the channel's idempotency key). Staff
 * acknowledge an alert (audited).
 */
@Service
public class VoiceAlerts {

    private static final Logger log = LoggerFactory.getLogger(VoiceAlerts.class);
    static final Duration WINDOW = Duration.ofHours(24);

    public record Alert(String id, Topic topic, boolean complaintsOnly, LocalDate day, Instant windowFrom,
            Instant windowTo, long observed, BigDecimal baseline, BigDecimal ratio, int minimum, String department,
            int notified, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt) {

        public boolean open() {
            return acknowledgedAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final VoiceRoutes routes;
    private final StaffNotices notices;
    private final TransactionTemplate transactions;
    private final WorkbenchProperties properties;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    VoiceAlerts(JdbcClient jdbc, VoiceRoutes routes, StaffNotices notices, TransactionTemplate transactions,
            WorkbenchProperties properties, AuditLog audit, MessageSource messages, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.jdbc = jdbc;
        this.routes = routes;
        this.notices = notices;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${anshin.voice.alert-interval:15m}", initialDelayString = "1m")
    void scheduled() {
        try {
            check(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Voice surge check failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Checks every topic as of {@code now}; answers the alerts raised by this call (none already raised today), after
     * sending the notices still due (this call's and earlier ones' that did not all go out).
     */
    public List<Alert> check(Instant now) {
        SurgeRule rule = properties.rule();
        Instant windowFrom = now.minus(WINDOW);
        Instant baselineFrom = now.minus(Duration.ofDays(SurgeRule.BASELINE_DAYS + 1));
        Instant baselineTo = now.minus(Duration.ofDays(1));
        record Count(Topic topic, long observed, long baselineTotal, long complaints, long complaintsBaselineTotal) {
        }
        List<Count> counts = jdbc.sql("SELECT t.topic, "
                + "SUM(CASE WHEN i.received_at >= ? THEN 1 ELSE 0 END) AS observed, "
                + "SUM(CASE WHEN i.received_at < ? THEN 1 ELSE 0 END) AS baseline, "
                + "SUM(CASE WHEN i.received_at >= ? AND i.kind = 'COMPLAINT' THEN 1 ELSE 0 END) AS complaints, "
                + "SUM(CASE WHEN i.received_at < ? AND i.kind = 'COMPLAINT' THEN 1 ELSE 0 END) AS complaints_baseline "
                + "FROM voice_items i JOIN voice_item_topics t ON t.item_id = i.id "
                + "WHERE i.received_at >= ? AND i.received_at < ? AND (i.received_at >= ? OR i.received_at < ?) "
                + "GROUP BY t.topic")
                .params(Timestamp.from(windowFrom), Timestamp.from(baselineTo), Timestamp.from(windowFrom),
                        Timestamp.from(baselineTo), Timestamp.from(baselineFrom), Timestamp.from(now),
                        Timestamp.from(windowFrom), Timestamp.from(baselineTo))
                .query((rs, n) -> new Count(Topic.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5))).list();
        List<Alert> raised = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(now, Display.ZONE);
        for (Count c : counts) {
            BigDecimal all = SurgeRule.baseline(c.baselineTotal());
            if (rule.surges(c.observed(), all)) {
                raise(c.topic(), false, day, windowFrom, now, c.observed(), all, rule).ifPresent(raised::add);
            }
            BigDecimal complaints = SurgeRule.baseline(c.complaintsBaselineTotal());
            if (rule.surges(c.complaints(), complaints)) {
                raise(c.topic(), true, day, windowFrom, now, c.complaints(), complaints, rule).ifPresent(raised::add);
            }
        }
        notifyPending(day);
        return raised.stream().map(a -> find(a.id()).orElse(a)).toList();
    }

    /**
     * Stores the alert with its audit record in one transaction, unless one of its topic and scope was raised that
     * day; the notices go after the commit ({@link #notifyPending}).
     */
    private Optional<Alert> raise(Topic topic, boolean complaintsOnly, LocalDate day, Instant from, Instant to,
            long observed, BigDecimal baseline, SurgeRule rule) {
        String department = routes.departmentOf(topic);
        String id = UUID.randomUUID().toString();
        Instant raisedAt = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("INSERT INTO voice_alerts (id, topic, complaints_only, alert_day, window_from, window_to, "
                        + "observed, baseline, ratio, minimum, department, notified, raised_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
                        .params(id, topic.name(), complaintsOnly, day, Timestamp.from(from), Timestamp.from(to),
                                observed, baseline, rule.ratio(), rule.minimum(), department, Timestamp.from(raisedAt))
                        .update();
                audit.record(new AuditEvent("voice-surge-check", "voice.alert.raised", "voice-alert/" + id, null,
                        AuditOutcome.SUCCESS, null, topic + (complaintsOnly ? " complaints" : "") + ": " + observed
                                + " in 24h, baseline " + baseline.toPlainString()));
            });
        } catch (DuplicateKeyException alreadyToday) {
            return Optional.empty();
        }
        return Optional.of(new Alert(id, topic, complaintsOnly, day, from, to, observed, baseline, rule.ratio(),
                rule.minimum(), department, 0, raisedAt, null, null));
    }

    /**
     * Sends the notices of the alerts of {@code day} and the day before that have not reached all their department's
     * recipients ({@code notified} counts those reached), outside any transaction: a slow channel holds no lock and
     * no connection. One notice to each recipient, its id the same on every attempt; one that does not go out is
     * logged (its code) and tried again on the next check.
     */
    void notifyPending(LocalDate day) {
        List<Alert> due = jdbc.sql("SELECT * FROM voice_alerts WHERE alert_day >= ? AND alert_day <= ? "
                        + "ORDER BY raised_at, id")
                .params(day.minusDays(1), day).query(VoiceAlerts::alert).list();
        for (Alert alert : due) {
            List<String> recipients = properties.recipients(alert.department());
            if (alert.notified() >= recipients.size()) {
                continue;
            }
            String ja = notice(alert.topic(), alert.complaintsOnly(), alert.observed(), alert.baseline(),
                    Locale.JAPANESE);
            String en = notice(alert.topic(), alert.complaintsOnly(), alert.observed(), alert.baseline(),
                    Locale.ENGLISH);
            int sent = 0;
            for (String recipient : recipients) {
                try {
                    notices.send(new StaffNotice("voice-alert-" + alert.id() + "-" + recipient, recipient, ja, en));
                    sent++;
                } catch (StaffNotices.NotSent notSent) {
                    log.warn("Voice surge alert {} not sent to a recipient of {}: {}", alert.id(), alert.department(),
                            notSent.code());
                }
            }
            if (sent > alert.notified()) {
                jdbc.sql("UPDATE voice_alerts SET notified = ? WHERE id = ? AND notified < ?")
                        .params(sent, alert.id(), sent).update();
            }
        }
    }

    /** The notice's text: counts and labels only, from the bundle. */
    private String notice(Topic topic, boolean complaintsOnly, long observed, BigDecimal baseline, Locale locale) {
        String label = messages.getMessage("voice.topic." + topic.name(), null, topic.name(), locale)
                + (complaintsOnly ? messages.getMessage("voice.workbench.alert.complaints-suffix", null, locale) : "");
        return messages.getMessage("voice.workbench.alert.notice", new Object[] {label, observed,
                baseline.stripTrailingZeros().toPlainString()}, locale);
    }

    /** Alerts not yet acknowledged, newest first. */
    public List<Alert> open() {
        return jdbc.sql("SELECT * FROM voice_alerts WHERE acknowledged_at IS NULL ORDER BY raised_at DESC, id")
                .query(VoiceAlerts::alert).list();
    }

    /** The latest alerts, acknowledged or not, newest first. */
    public List<Alert> recent(int limit) {
        return jdbc.sql("SELECT * FROM voice_alerts ORDER BY raised_at DESC, id LIMIT ?").param(limit)
                .query(VoiceAlerts::alert).list();
    }

    public Optional<Alert> find(String id) {
        return jdbc.sql("SELECT * FROM voice_alerts WHERE id = ?").param(id).query(VoiceAlerts::alert).optional();
    }

    /** Marks the alert seen by the staff member; audited. An alert already acknowledged is refused. */
    @Transactional
    public Alert acknowledge(String actor, String id, String origin) {
        Alert alert = find(id).orElseThrow(() -> new WorkbenchRefused(WorkbenchRefused.Reason.INVALID_CHOICE, "alert"));
        int updated = jdbc.sql("UPDATE voice_alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? "
                + "AND acknowledged_at IS NULL").params(actor, Timestamp.from(clock.instant()), id).update();
        if (updated == 0) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.ALREADY_ACKNOWLEDGED, "alert");
        }
        audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), "voice.alert.acknowledged",
                "voice-alert/" + id, null, AuditOutcome.SUCCESS, AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN),
                alert.topic().name()));
        return find(id).orElseThrow();
    }

    private static Alert alert(ResultSet rs, int n) throws SQLException {
        Timestamp ack = rs.getTimestamp("acknowledged_at");
        return new Alert(rs.getString("id"), Topic.valueOf(rs.getString("topic")), rs.getBoolean("complaints_only"),
                rs.getObject("alert_day", LocalDate.class), rs.getTimestamp("window_from").toInstant(),
                rs.getTimestamp("window_to").toInstant(), rs.getLong("observed"), rs.getBigDecimal("baseline"),
                rs.getBigDecimal("ratio"), rs.getInt("minimum"), rs.getString("department"), rs.getInt("notified"),
                rs.getTimestamp("raised_at").toInstant(), rs.getString("acknowledged_by"),
                ack == null ? null : ack.toInstant());
    }
}
