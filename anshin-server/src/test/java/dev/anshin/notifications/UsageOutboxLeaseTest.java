package dev.anshin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two dispatchers and one row: the second takes it over once the first one's lease has run out, and
 * from then on only the second may mark it (the first, still sending, changes nothing).
 */
class UsageOutboxLeaseTest {

    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    private JdbcClient jdbc;
    private UsageOutbox outbox;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate template = new JdbcTemplate(h2);
        String ddl = Files.readString(Path.of("src/main/resources/db/migration/V18__usage_notifications.sql"));
        for (String statement : ddl.replaceAll("--[^\n]*", "").split(";")) {
            if (!statement.isBlank()) {
                template.execute(statement);
            }
        }
        jdbc = JdbcClient.create(template);
        NotificationProperties defaults = new NotificationProperties(true, Duration.ofDays(1), Duration.ofSeconds(1),
                100, Duration.ofMinutes(1), Duration.ofSeconds(30), 8, 5, Duration.ofMinutes(5), Duration.ofSeconds(25),
                Duration.ofDays(7));
        outbox = new UsageOutbox(jdbc, template, null, Clock.fixed(T0, ZoneOffset.UTC), defaults);
        jdbc.sql("INSERT INTO usage_notifications (id, authorization_id, card_token, customer_id, created_at, due_at, "
                        + "attempts) VALUES ('n-1', 'a-1', 'card', 'customer', ?, ?, 0)")
                .params(Timestamp.from(T0), Timestamp.from(T0)).update();
    }

    @Test
    void afterTheLeaseRunsOutOnlyTheNewClaimerMarksTheRow() {
        List<UsageOutbox.Pending> first = outbox.claim(T0, T0.plus(Duration.ofMinutes(1)), 10);
        assertThat(first).extracting(UsageOutbox.Pending::id).containsExactly("n-1");
        // While the first lease holds, nobody else gets the row.
        assertThat(outbox.claim(T0.plusSeconds(30), T0.plusSeconds(90), 10)).isEmpty();

        // The first dispatcher is stuck; its lease runs out and a second one claims the row.
        Instant later = T0.plus(Duration.ofMinutes(2));
        List<UsageOutbox.Pending> second = outbox.claim(later, later.plus(Duration.ofMinutes(1)), 10);
        assertThat(second).extracting(UsageOutbox.Pending::id).containsExactly("n-1");

        // The first one's late answer changes nothing; the second one's counts.
        outbox.failed(first.get(0), "LATE", later, later.plusSeconds(30));
        outbox.sent(first.get(0), later);
        assertThat(sentAt()).isNull();
        assertThat(attempts()).isZero();
        outbox.sent(second.get(0), later.plusSeconds(1));
        assertThat(sentAt()).isEqualTo(Timestamp.from(later.plusSeconds(1)));
        assertThat(attempts()).isEqualTo(1);
    }

    private Timestamp sentAt() {
        return jdbc.sql("SELECT sent_at FROM usage_notifications WHERE id = 'n-1'")
                .query((rs, n) -> rs.getTimestamp(1)).list().get(0);
    }

    private int attempts() {
        return jdbc.sql("SELECT attempts FROM usage_notifications WHERE id = 'n-1'").query(Integer.class).single();
    }
}
