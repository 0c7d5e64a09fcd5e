package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.fraud.StoredDecisionFixtures;
import dev.anshin.scoring.Decision;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Retention enforced, with a moved clock: the daily job deletes the authorizations past their period with what
 * refers to them, keeps those within it and those an open dispute needs, writes one audit record per rule, shows
 * its run in the status, and finds nothing the second time.
 */
class RetentionIntegrationTest extends IntegrationTestSupport {

    private static final String RULE = "authorizationRetention";
    private static final String STARTED_BY = "retention-test";

    @Autowired
    RetentionJob job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Decisions decisions;

    private final List<String> authorizations = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final Map<String, String> reportOf = new HashMap<>();

    @AfterEach
    void removeWhatIsLeft() {
        // The runs of this test go too: one made with the clock moved forward would otherwise stay the newest for
        // a later run of the test against a kept database (the audit records stay: they cannot be removed).
        jdbc.sql("DELETE FROM retention_runs WHERE started_by = ?").param(STARTED_BY).update();
        if (!authorizations.isEmpty()) {
            jdbc.sql("DELETE FROM dispute_events WHERE dispute_id IN (SELECT dispute_id FROM disputes "
                    + "WHERE authorization_id IN (:ids))").param("ids", authorizations).update();
            jdbc.sql("DELETE FROM disputes WHERE authorization_id IN (:ids)").param("ids", authorizations).update();
            jdbc.sql("DELETE FROM fraud_labels WHERE authorization_id IN (:ids)").param("ids", authorizations).update();
            StoredDecisionFixtures.delete(jdbc, authorizations);
        }
        if (!reports.isEmpty()) {
            jdbc.sql("DELETE FROM dispute_reports WHERE report_id IN (:ids)").param("ids", reports).update();
        }
        if (!devices.isEmpty()) {
            jdbc.sql("DELETE FROM devices WHERE device_id IN (:ids)").param("ids", devices).update();
        }
    }

    @Test
    void removesWhatPassedItsPeriodKeepsTheRestAndWhatAnOpenDisputeNeeds() throws Exception {
        Duration period = job.rules().get(RULE).period();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expired = now.minus(period).minus(Duration.ofDays(1));
        String past = authorization(expired);
        String pastClosedDispute = authorization(expired);
        String pastOpenDispute = authorization(expired);
        String expiresIn5Days = authorization(now.minus(period).plus(Duration.ofDays(5)));
        String within = authorization(now.minus(period).plus(Duration.ofDays(30)));
        label(past);
        label(pastOpenDispute);
        String notification = notification(past);
        String device = deviceFraud(past);
        String closedDispute = dispute(pastClosedDispute, "WON");
        String openDispute = dispute(pastOpenDispute, "ANALYST_REVIEW");

        RetentionRuns.Run first = job.run(STARTED_BY, false).orElseThrow();

        assertThat(first.state()).isEqualTo("FINISHED");
        RetentionRuns.RuleProgress swept = rule(first);
        assertThat(swept.entry()).isEqualTo("PURCHASES");
        assertThat(swept.state()).isEqualTo("FINISHED");
        assertThat(swept.removed()).isGreaterThanOrEqualTo(2);
        assertThat(swept.cutoff()).isBetween(now.minus(period), clock.instant().minus(period));
        assertThat(present(past, pastClosedDispute)).isEmpty();
        assertThat(present(pastOpenDispute, expiresIn5Days, within))
                .containsExactlyInAnyOrder(pastOpenDispute, expiresIn5Days, within);
        assertThat(count("SELECT COUNT(*) FROM fraud_labels WHERE authorization_id = ?", past)).isZero();
        assertThat(count("SELECT COUNT(*) FROM fraud_labels WHERE authorization_id = ?", pastOpenDispute)).isOne();
        assertThat(count("SELECT COUNT(*) FROM usage_notifications WHERE id = ?", notification)).isZero();
        assertThat(count("SELECT COUNT(*) FROM disputes WHERE dispute_id = ?", closedDispute)).isZero();
        assertThat(count("SELECT COUNT(*) FROM dispute_events WHERE dispute_id = ?", closedDispute)).isZero();
        assertThat(count("SELECT COUNT(*) FROM dispute_reports WHERE report_id = ?", reportOf.get(closedDispute))).isZero();
        assertThat(count("SELECT COUNT(*) FROM disputes WHERE dispute_id = ?", openDispute)).isOne();
        // The device's fraud still counts against it, without naming the authorization.
        assertThat(count("SELECT COUNT(*) FROM device_frauds WHERE device_id = ?", device)).isOne();
        assertThat(count("SELECT COUNT(*) FROM device_frauds WHERE authorization_id = ?", past)).isZero();

        // One audit record per rule of the run, counts only.
        List<String> audited = jdbc.sql("SELECT detail FROM audit_log WHERE action = ? AND detail LIKE ?")
                .params(RetentionJob.ACTION, "run=" + first.id() + " %").query(String.class).list();
        assertThat(audited).hasSize(job.rules().size());
        assertThat(audited).anySatisfy(detail -> assertThat(detail)
                .contains("rule=" + RULE + " removed=" + swept.removed() + " ").contains("state=FINISHED"));

        // The status shows the run, to the privacy officer and the administrator only.
        JsonNode status = json.readTree(mvc.perform(get("/api/v1/privacy/retention")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(status.path("lastRun").path("id").asString()).isEqualTo(first.id());
        assertThat(status.path("rules").findValuesAsString("rule")).contains(RULE);
        // The retentions other modules run on their own schedule are shown beside it.
        assertThat(status.path("elsewhere").findValuesAsString("what")).contains("audit-log", "usage-notifications",
                "device-observations", "devices", "provision-records", "provision-exports");
        mvc.perform(get("/api/v1/privacy/retention").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());

        // And on the data map, to them only.
        String officers = page(get("/privacy/data-map"), user("privacy").roles("PRIVACY_OFFICER"));
        assertThat(officers).contains("id=\"retention\"").contains("data-rule=\"" + RULE + "\"")
                .contains("data-elsewhere=\"audit-log\"");
        assertThat(page(get("/privacy/data-map"), user("analyst").roles("ANALYST"))).doesNotContain("id=\"retention\"");

        Duration moved = Duration.ofDays(10);
        clock.advance(moved);
        try {
            RetentionRuns.Run later = job.run(STARTED_BY, false).orElseThrow();
            assertThat(rule(later).removed()).isGreaterThanOrEqualTo(1);
            assertThat(present(expiresIn5Days, within, pastOpenDispute)).containsExactlyInAnyOrder(within,
                    pastOpenDispute);

            RetentionRuns.Run again = job.run(STARTED_BY, false).orElseThrow();
            assertThat(rule(again).removed()).isZero();
            assertThat(rule(again).state()).isEqualTo("FINISHED");
        } finally {
            clock.advance(moved.negated());
        }

        // Once the dispute is closed, its authorization goes too.
        jdbc.sql("UPDATE disputes SET status = 'WITHDRAWN' WHERE dispute_id = ?").param(openDispute).update();
        job.run(STARTED_BY, false).orElseThrow();
        assertThat(present(pastOpenDispute, within)).containsExactly(within);
        assertThat(count("SELECT COUNT(*) FROM disputes WHERE dispute_id = ?", openDispute)).isZero();
    }

    @Autowired
    List<dev.anshin.fraud.AuthorizationRetentionListener> leavingListeners;

    @Autowired
    org.springframework.context.MessageSource messages;

    @Test
    void everyRuleHasItsOwnLabelInJapaneseAndEnglish() {
        for (java.util.Locale locale : List.of(java.util.Locale.JAPANESE, java.util.Locale.ENGLISH)) {
            List<String> labels = job.rules().keySet().stream()
                    .map(rule -> messages.getMessage("retention.what." + rule, null, null, locale)).toList();
            assertThat(labels).as(locale + ": " + job.rules().keySet()).doesNotContainNull().doesNotHaveDuplicates();
        }
    }

    @Test
    void aBatchWithAnOpenDisputeDeletesNoDisputeAndFails() {
        Instant expired = clock.instant().minus(job.rules().get(RULE).period()).minus(Duration.ofDays(1));
        String closedOne = authorization(expired);
        String openOne = authorization(expired);
        String closedDispute = dispute(closedOne, "LOST");
        String openDispute = dispute(openOne, "ANALYST_REVIEW");
        // As when a case is opened between the question "still needed?" and the deletion.
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> leavingListeners
                .forEach(listener -> listener.leaving(List.of(closedOne, openOne)))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(count("SELECT COUNT(*) FROM disputes WHERE dispute_id = ?", openDispute)).isOne();
        assertThat(count("SELECT COUNT(*) FROM disputes WHERE dispute_id = ?", closedDispute)).isOne();
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aScheduledRunStartsOnceWhateverTheServers() {
        // A run just started (by the test above or here): a scheduled one within min-interval does nothing.
        job.run(STARTED_BY, false).orElseThrow();
        assertThat(job.run(RetentionJob.SCHEDULED, true)).isEmpty();
    }

    private RetentionRuns.RuleProgress rule(RetentionRuns.Run run) {
        return run.rules().stream().filter(r -> r.rule().equals(RULE)).findFirst().orElseThrow();
    }

    private String authorization(Instant occurred) {
        String id = newId("ret");
        StoredDecision decision = StoredDecisionFixtures.decision(id, "tok-" + UUID.randomUUID(), "m-ret", "Retention",
                occurred, Decision.APPROVE, 0.1, "test", List.of());
        StoredDecisionFixtures.insert(decisions, List.of(decision));
        authorizations.add(id);
        return id;
    }

    private void label(String authorizationId) {
        jdbc.sql("INSERT INTO fraud_labels (authorization_id, source, fraud, reported_at, known_at) "
                + "VALUES (?, 'ISSUER', TRUE, NULL, ?)").params(authorizationId, Timestamp.from(clock.instant())).update();
    }

    private String notification(String authorizationId) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO usage_notifications (id, authorization_id, card_token, customer_id, created_at, due_at) "
                        + "VALUES (?, ?, 'tok-ret', 'c-ret', ?, NULL)")
                .params(id, authorizationId, Timestamp.from(clock.instant())).update();
        return id;
    }

    private String deviceFraud(String authorizationId) {
        String device = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO devices (device_id, first_seen_at, last_seen_at, observations, profile) "
                + "VALUES (?, ?, ?, 1, '')").params(device, now, now).update();
        jdbc.sql("INSERT INTO device_frauds (device_id, authorization_id, kind, occurred_at, known_at, customer_id) "
                + "VALUES (?, ?, 'DEVICE', ?, ?, 'c-ret')").params(device, authorizationId, now, now).update();
        devices.add(device);
        return device;
    }

    private String dispute(String authorizationId, String status) {
        String dispute = UUID.randomUUID().toString();
        String report = UUID.randomUUID().toString();
        reportOf.put(dispute, report);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO dispute_reports (report_id, customer_id, channel, card_in_hand, family_could_explain, "
                        + "subscription_could_explain, recognizes_merchant, certified_at, request_fingerprint, "
                        + "submitted_by, submitted_at) VALUES (?, 'c-ret', 'PORTAL', 'YES', 'NO', 'NO', 'NO', ?, ?, "
                        + "'test', ?)")
                .params(report, now, "f".repeat(64), now).update();
        reports.add(report);
        jdbc.sql("INSERT INTO disputes (dispute_id, report_id, authorization_id, card_token, customer_id, terminal_id, "
                        + "merchant_id, occurred_at, amount_minor, currency, status, version, effects_pending, "
                        + "created_at, updated_at) VALUES (?, ?, ?, 'tok-ret', 'c-ret', 't-ret', 'm-ret', ?, 1000, "
                        + "'JPY', ?, 1, FALSE, ?, ?)")
                .params(dispute, report, authorizationId, now, status, now, now).update();
        jdbc.sql("INSERT INTO dispute_events (dispute_id, seq, at, action, to_status, party, actor) "
                        + "VALUES (?, 1, ?, 'REPORT', ?, 'CARDHOLDER', 'test')")
                .params(dispute, now, status).update();
        return dispute;
    }

    private List<String> present(String... ids) {
        return jdbc.sql("SELECT authorization_id FROM authorizations WHERE authorization_id IN (:ids)")
                .param("ids", List.of(ids)).query(String.class).list();
    }

    private long count(String sql, String param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
