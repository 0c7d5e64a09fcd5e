package dev.anshin.notifications;

import static dev.anshin.IntegrationTestSupport.newPan;
import static dev.anshin.IntegrationTestSupport.authorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.Decisions;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox end to end: an authorization on a customer's card becomes exactly one notification
 * (also when the authorization is sent again, and when the indexer's write is replayed), none for a
 * card without a customer; the dispatcher sends it and marks it sent, retries a failing sender with
 * back-off and gives up after {@code max-attempts}; the sandbox log line has the masked card and
 * the recognized brand, never the card number. Its own context: a recording sender, fast retries.
 */
@SpringBootTest(properties = {
        "anshin.data-dir=./target/notification-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.notifications.dispatch-interval=100ms",
        "anshin.notifications.retry-backoff=100ms",
        "anshin.notifications.max-attempts=3",
        "logging.level.dev.anshin.notifications.sandbox=DEBUG"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@Import(NotificationOutboxIntegrationTest.Recording.class)
class NotificationOutboxIntegrationTest {

    private static final Actor SUPPORT = new Actor("notification-test", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Records what it is given and writes the sandbox's log line; fails for the customers told to. */
    static final class RecordingSender implements NotificationSender {

        final SandboxNotificationSender sandbox = new SandboxNotificationSender();
        final List<UsageNotification> attempts = new CopyOnWriteArrayList<>();
        final List<UsageNotification> sent = new CopyOnWriteArrayList<>();
        final Set<String> failFor = ConcurrentHashMap.newKeySet();

        @Override
        public void send(UsageNotification notification) throws Failure {
            attempts.add(notification);
            if (failFor.contains(notification.customerId())) {
                throw new Failure("TEST_CHANNEL_DOWN");
            }
            sandbox.send(notification);
            sent.add(notification);
        }

        List<UsageNotification> attemptsOf(String authorizationId) {
            return attempts.stream().filter(n -> n.message().authorizationId().equals(authorizationId)).toList();
        }
    }

    @TestConfiguration
    static class Recording {

        @Bean
        @Primary
        RecordingSender recordingSender() {
            return new RecordingSender();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    ApiClients clients;

    @Autowired
    Cards cards;

    @Autowired
    PersonalData personalData;

    @Autowired
    Decisions decisions;

    @Autowired
    UsageOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordingSender sender;

    private String scorerKey;

    @Test
    void anAuthorizationOnACustomersCardIsNotifiedOnceAndSentWithTheBrandAndNoCardNumber(CapturedOutput output)
            throws Exception {
        String pan = newPan();
        Card card = cards.register(pan, newCustomer());
        String id = "notify-" + UUID.randomUUID();
        Map<String, Object> body = authorization(id, card.token());
        body.put("merchantName", "NETFLIX.COM 866-579-7172");

        score(body);
        score(body); // the issuer's retry: the same decision, no second notification
        await("sent", () -> sentAt(id) != null);

        assertThat(rows(id)).isEqualTo(1);
        // The indexer's write once more (a replayed decision log, a commit retried): still one row.
        transactions.executeWithoutResult(status -> outbox.record(List.of(decisions.find(id).orElseThrow())));
        assertThat(rows(id)).isEqualTo(1);

        List<UsageNotification> got = sender.attemptsOf(id);
        assertThat(got).hasSize(1);
        UsageNotification notification = got.get(0);
        assertThat(notification.customerId()).isEqualTo(card.customerId());
        assertThat(notification.attempt()).isEqualTo(1);
        UsageMessage message = notification.message();
        assertThat(message.brandEn()).isEqualTo("Netflix");
        assertThat(message.maskedCard()).isEqualTo("****" + pan.substring(12));
        assertThat(message.amount(java.util.Locale.ENGLISH)).isEqualTo("USD 12.50");
        assertThat(jdbc.sql("SELECT attempts FROM usage_notifications WHERE authorization_id = ?").param(id)
                .query(Integer.class).single()).isEqualTo(1);

        await("logged", () -> output.getAll().contains("Usage notification " + notification.id()));
        String line = output.getAll().lines().filter(l -> l.contains("Usage notification " + notification.id()))
                .findFirst().orElseThrow();
        assertThat(line).contains("****" + pan.substring(12)).contains("NETFLIX.COM 866-579-7172");
        assertThat(output.getAll()).doesNotContain(pan);
    }

    @Test
    void yenHaveNoMinorUnits() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        String id = "notify-" + UUID.randomUUID();
        Map<String, Object> body = authorization(id, card.token());
        body.put("amount", new LinkedHashMap<>(Map.of("minor", 123456, "currency", "JPY")));
        score(body);
        await("sent", () -> sentAt(id) != null);
        UsageMessage message = sender.attemptsOf(id).get(0).message();
        assertThat(message.amount(java.util.Locale.JAPANESE)).isEqualTo("123,456円");
        assertThat(message.amount(java.util.Locale.ENGLISH)).isEqualTo("¥123,456");
        assertThat(message.merchant(true)).isEqualTo("—");
    }

    @Test
    void aCardWithoutACustomerIsNotNotified() throws Exception {
        Card card = cards.register(newPan());
        String id = "notify-" + UUID.randomUUID();
        score(authorization(id, card.token()));
        await("indexed", () -> jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?").param(id)
                .query(Long.class).single() == 1);
        assertThat(rows(id)).isZero();
    }

    @Test
    void anAuthorizationFromDaysAgoIsHistoryNotNews() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        String id = "notify-" + UUID.randomUUID();
        Map<String, Object> body = authorization(id, card.token());
        body.put("timestamp", Instant.now().minus(java.time.Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS)
                .toString());
        score(body);
        await("indexed", () -> jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?").param(id)
                .query(Long.class).single() == 1);
        assertThat(rows(id)).isZero();
    }

    @Test
    void sentNotificationsArePurgedAfterTheRetention() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        String old = "notify-" + UUID.randomUUID();
        String recent = "notify-" + UUID.randomUUID();
        score(authorization(old, card.token()));
        score(authorization(recent, card.token()));
        await("sent", () -> sentAt(old) != null && sentAt(recent) != null);
        jdbc.sql("UPDATE usage_notifications SET sent_at = ? WHERE authorization_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(java.time.Duration.ofDays(8))), old).update();
        assertThat(outbox.purge()).isGreaterThanOrEqualTo(1);
        assertThat(rows(old)).isZero();
        assertThat(rows(recent)).isEqualTo(1);
    }

    @Test
    void aNotificationNotSentWithinNotifyWithinIsGivenUpNotSentLate() throws Exception {
        // Written while the channel was down (or before a sender existed), its authorization three days ago.
        Card card = cards.register(newPan(), newCustomer());
        String id = "notify-" + UUID.randomUUID();
        Map<String, Object> body = authorization(id, card.token());
        body.put("timestamp", Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS).toString());
        score(body);
        await("indexed", () -> jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?").param(id)
                .query(Long.class).single() == 1);
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO usage_notifications (id, authorization_id, card_token, customer_id, created_at, due_at, "
                        + "attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")
                .params(UUID.randomUUID().toString(), id, card.token(), card.customerId(), now, now).update();

        await("given up", () -> jdbc.sql("SELECT COUNT(*) FROM usage_notifications WHERE authorization_id = ? "
                + "AND gave_up_at IS NOT NULL").param(id).query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT last_error FROM usage_notifications WHERE authorization_id = ?").param(id)
                .query(String.class).single()).isEqualTo("STALE");
        assertThat(sender.attemptsOf(id)).isEmpty();
    }

    @Test
    void unsentNotificationsOlderThanTheRetentionArePurged() {
        String old = "notify-" + UUID.randomUUID();
        String recent = "notify-" + UUID.randomUUID();
        // Never sent, never given up, not due (as rows left from a time nobody sent them).
        for (Map.Entry<String, Instant> row : Map.of(old, Instant.now().minus(Duration.ofDays(8)),
                recent, Instant.now()).entrySet()) {
            jdbc.sql("INSERT INTO usage_notifications (id, authorization_id, card_token, customer_id, created_at, "
                            + "attempts) VALUES (?, ?, 'card', 'customer', ?, 0)")
                    .params(UUID.randomUUID().toString(), row.getKey(), java.sql.Timestamp.from(row.getValue()))
                    .update();
        }
        assertThat(outbox.purge()).isGreaterThanOrEqualTo(1);
        assertThat(rows(old)).isZero();
        assertThat(rows(recent)).isEqualTo(1);
    }

    @Test
    void anErasedCustomersNotificationsGoWithTheirData() throws Exception {
        String customer = newCustomer();
        sender.failFor.add(customer); // kept pending: without the erasure it would be retried
        Card card = cards.register(newPan(), customer);
        String id = "notify-" + UUID.randomUUID();
        score(authorization(id, card.token()));
        await("queued", () -> rows(id) == 1);
        personalData.erase(new Actor("notification-test", Set.of(Role.PRIVACY_OFFICER), "test"), customer,
                dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, "DSR-N");
        assertThat(rows(id)).isZero();
    }

    @Test
    void aFailingSenderIsRetriedThenGivenUp() throws Exception {
        String customer = newCustomer();
        sender.failFor.add(customer);
        Card card = cards.register(newPan(), customer);
        String id = "notify-" + UUID.randomUUID();
        score(authorization(id, card.token()));

        await("given up", () -> jdbc.sql("SELECT COUNT(*) FROM usage_notifications WHERE authorization_id = ? "
                + "AND gave_up_at IS NOT NULL").param(id).query(Long.class).single() == 1);
        List<Object> row = jdbc.sql("SELECT attempts, last_error, sent_at, due_at FROM usage_notifications "
                + "WHERE authorization_id = ?").param(id)
                .query((rs, n) -> java.util.Arrays.<Object>asList(rs.getInt(1), rs.getString(2), rs.getTimestamp(3),
                        rs.getTimestamp(4)))
                .single();
        // Attempts, the sender's code (no message), never sent, no longer due.
        assertThat(row).containsExactly(3, "TEST_CHANNEL_DOWN", null, null);
        assertThat(sender.attemptsOf(id)).extracting(UsageNotification::attempt).containsExactly(1, 2, 3);
        assertThat(sender.sent).noneMatch(n -> n.message().authorizationId().equals(id));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void score(Map<String, Object> body) throws Exception {
        if (scorerKey == null) {
            scorerKey = clients.register("notification-test-scorer", EnumSet.of(Role.SCORER));
        }
        mvc.perform(post("/api/v1/authorizations").header("X-Api-Key", scorerKey)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andExpect(status().isOk());
    }

    private long rows(String authorizationId) {
        return jdbc.sql("SELECT COUNT(*) FROM usage_notifications WHERE authorization_id = ?").param(authorizationId)
                .query(Long.class).single();
    }

    private Object sentAt(String authorizationId) {
        return jdbc.sql("SELECT sent_at FROM usage_notifications WHERE authorization_id = ?").param(authorizationId)
                .query((rs, n) -> rs.getTimestamp(1)).optional().orElse(null);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private String newCustomer() {
        Map<PersonalField, String> values = new java.util.EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "鈴木 一郎");
        values.put(PersonalField.NAME_KANA, "スズキ イチロウ");
        values.put(PersonalField.DATE_OF_BIRTH, "1980-01-02");
        values.put(PersonalField.EMAIL, "ichiro." + UUID.randomUUID().toString().substring(0, 8) + "@example.jp");
        return personalData.register(SUPPORT, "N-" + UUID.randomUUID().toString().substring(0, 23), values)
                .customerId();
    }

}
