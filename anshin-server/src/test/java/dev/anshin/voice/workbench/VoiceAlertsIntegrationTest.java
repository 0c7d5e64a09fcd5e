package dev.anshin.voice.workbench;

import static dev.anshin.voice.workbench.VoiceRows.voice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.notifications.SandboxNotificationSender;
import dev.anshin.notifications.SandboxStaffNoticeSender;
import dev.anshin.notifications.StaffNotice;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Topic;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The surge check over voices written as the intake writes them, as of a noon long past (so no other test's voices
 * are in its 29 days): fraud complaints doubling against their usual level raise one alert, sent once to the fraud
 * department's recipient (test config: {@code voice-fraud-lead}) through the staff channel, and not again on the next
 * run that day; an alert whose notice did not go out is sent by the next check.
 */
class VoiceAlertsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    VoiceAlerts alerts;

    @Autowired
    SandboxStaffNoticeSender sandbox;

    @Autowired
    SandboxNotificationSender sandboxInbox;

    @Autowired
    JdbcTemplate template;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAlertStoredWhileItsNoticeDidNotGoOutIsSentByTheNextCheckOnce() {
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 7000));
        Instant now = day.atTime(12, 0).atZone(Display.ZONE).toInstant();
        String id = UUID.randomUUID().toString();
        // As VoiceAlerts.raise stores it, before the commit's notices: none sent yet (the channel was down, or the
        // server stopped right after the commit).
        jdbc.sql("INSERT INTO voice_alerts (id, topic, complaints_only, alert_day, window_from, window_to, observed, "
                        + "baseline, ratio, minimum, department, notified, raised_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
                .params(id, "FRAUD_SECURITY", true, day, Timestamp.from(now.minus(Duration.ofHours(24))),
                        Timestamp.from(now), 13, new BigDecimal("6"), new BigDecimal("2"), 10, "FRAUD_PREVENTION",
                        Timestamp.from(now))
                .update();

        assertThat(alerts.check(now.plus(Duration.ofMinutes(15)))).isEmpty();
        assertThat(alerts.check(now.plus(Duration.ofMinutes(30)))).isEmpty();

        assertThat(sandbox.noticesTo("voice-fraud-lead").stream().filter(n -> n.id().startsWith("voice-alert-" + id)))
                .singleElement().satisfies(n -> assertThat(n.textJa()).contains("13件"));
        assertThat(alerts.find(id).orElseThrow().notified()).isEqualTo(1);
        // the demo's sandbox inbox (linked from /voice/alerts) shows it under the staff id
        assertThat(sandboxInbox.noticesTo("voice-fraud-lead")).filteredOn(n -> n.id().startsWith("voice-alert-" + id))
                .hasSize(1);
    }

    @Test
    void fraudComplaintsDoublingRaiseOneAlertAndOneNotificationOnce() throws Exception {
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 7000));
        Instant now = day.atTime(12, 0).atZone(Display.ZONE).toInstant();
        String department = "FRAUD_PREVENTION";
        List<VoiceRows.Voice> voices = new ArrayList<>();
        // The usual level: every day of the 28 before, 6 fraud complaints and 10 fraud inquiries.
        for (int d = 1; d <= SurgeRule.BASELINE_DAYS; d++) {
            Instant at = now.minus(Duration.ofDays(d)).minus(Duration.ofHours(1));
            for (int i = 0; i < 6; i++) {
                voices.add(voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, at.minusSeconds(60L * i), department));
            }
            for (int i = 0; i < 10; i++) {
                voices.add(voice(Kind.INQUIRY, Topic.FRAUD_SECURITY, at.minusSeconds(60L * i + 30), department));
            }
        }
        // The last 24 hours: 13 complaints (more than twice 6), the inquiries as usual (23 in all: not twice 16).
        for (int i = 0; i < 13; i++) {
            voices.add(voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, now.minus(Duration.ofMinutes(30L + 20 * i)),
                    department));
        }
        for (int i = 0; i < 10; i++) {
            voices.add(voice(Kind.INQUIRY, Topic.FRAUD_SECURITY, now.minus(Duration.ofMinutes(35L + 20 * i)),
                    department));
        }
        new VoiceRows(template).write(voices);

        List<VoiceAlerts.Alert> raised = alerts.check(now);

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.topic()).isEqualTo(Topic.FRAUD_SECURITY);
            assertThat(a.complaintsOnly()).isTrue();
            assertThat(a.observed()).isEqualTo(13);
            assertThat(a.baseline()).isEqualByComparingTo("6");
            assertThat(a.department()).isEqualTo(department);
            assertThat(a.notified()).isEqualTo(1);
            assertThat(a.day()).isEqualTo(day);
        });
        String id = raised.get(0).id();
        List<StaffNotice> sent = sandbox.noticesTo("voice-fraud-lead").stream()
                .filter(n -> n.id().startsWith("voice-alert-" + id)).toList();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.textJa()).contains("不正利用・セキュリティ（苦情）").contains("13件").contains("平常6");
            assertThat(n.textEn()).contains("Fraud and security (complaints)").contains("13 in the last 24 hours");
        });

        // the next runs that day: nothing new, nothing sent again
        assertThat(alerts.check(now.plus(Duration.ofMinutes(15)))).isEmpty();
        assertThat(alerts.check(now.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_alerts WHERE topic = 'FRAUD_SECURITY' AND alert_day = ?")
                .param(day).query(Long.class).single()).isEqualTo(1);
        assertThat(sandbox.noticesTo("voice-fraud-lead").stream().filter(n -> n.id().startsWith("voice-alert-" + id)))
                .hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action = 'voice.alert.raised'")
                .param("voice-alert/" + id).query(Long.class).single()).isEqualTo(1);

        // shown, then acknowledged once (audited)
        assertThat(page(get("/voice/alerts"), user("cx-test").roles(Role.CUSTOMER_EXPERIENCE.name())))
                .contains("data-alert=\"" + id + "\"");
        assertThat(alerts.acknowledge("cx-test", id, "127.0.0.1").acknowledgedBy()).isEqualTo("cx-test");
        assertThatThrownBy(() -> alerts.acknowledge("cx-test", id, "127.0.0.1"))
                .isInstanceOfSatisfying(WorkbenchRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.ALREADY_ACKNOWLEDGED));
        assertThat(alerts.open()).extracting(VoiceAlerts.Alert::id).doesNotContain(id);
        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE resource = ? AND action = 'voice.alert.acknowledged'")
                .param("voice-alert/" + id).query(String.class).list()).containsExactly("cx-test");
    }
}
