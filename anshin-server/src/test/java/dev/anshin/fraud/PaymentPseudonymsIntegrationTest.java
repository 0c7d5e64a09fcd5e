package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.fraud.rules.RuleBook;
import dev.anshin.fraud.rules.RuleDefinition;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ErasureReason;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.PersonalData;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.features.FeatureVector;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments' device ids, user agents and IP addresses: stored as keyed pseudonyms and sealed per customer,
 * never in clear (database columns and decision log bytes); features, rules, labels and disputes work on
 * the pseudonyms; erased with the customer (after a restore too); converted from the clear rows of old;
 * disclosed to the person.
 */
class PaymentPseudonymsIntegrationTest extends IntegrationTestSupport {

    private static final Actor OFFICER = new Actor("pseudo-test-officer", EnumSet.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DecisionJournal journal;

    @Autowired
    Decisions decisions;

    @Autowired
    PaymentPseudonyms pseudonyms;

    @Autowired
    PaymentDevices devices;

    @Autowired
    PaymentPersonalData personalDataOfPayments;

    @Autowired
    PaymentDataConversion conversion;

    @Autowired
    PersonalData personalData;

    @Autowired
    FraudProperties properties;

    @Autowired
    FraudLabels labels;

    @Autowired
    DecisionStatistics statistics;

    @Autowired
    ScoringEngine engine;

    @Autowired
    RuleBook rules;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationContext context;

    @Autowired
    ErasedCards erasedCards;

    @Autowired
    java.time.Clock clock;

    private record Columns(String deviceId, String userAgent, String ipAddress, String deviceKey, String userAgentKey,
            String ipKey, String sealed, String fingerprint) {
    }

    private Columns columns(String authorizationId) {
        return jdbc.sql("SELECT device_id, user_agent, ip_address, device_key, user_agent_key, ip_key, device_sealed, "
                        + "request_fingerprint FROM authorizations WHERE authorization_id = ?")
                .param(authorizationId)
                .query((rs, n) -> new Columns(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .single();
    }

    private Map<String, Object> withDevice(String id, String cardToken, String deviceId, String userAgent, String ip) {
        Map<String, Object> body = authorization(id, cardToken);
        body.put("cardPresent", false);
        body.put("posEntryMode", "81");
        body.put("device", new LinkedHashMap<>(Map.of("deviceId", deviceId, "channel", "02", "userAgent", userAgent,
                "language", "ja-JP", "timezoneOffset", -540)));
        body.put("ipAddress", ip);
        return body;
    }

    private void scoreAndStore(Map<String, Object> body) throws Exception {
        postAuthorization(body).andExpect(status().isOk());
        assertThat(journal.awaitIndexed((String) body.get("authorizationId"), Duration.ofSeconds(30))).isTrue();
    }

    private static String randomIp() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private byte[] decisionLogBytes() throws IOException {
        Path directory = properties.decisionLog().directory();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1)
                .contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aCustomersCardKeepsPseudonymsAndSealedValuesNeverTheValuesInTheDatabaseOrTheDecisionLog() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String id = newId("pseudo-stored");
        String deviceId = newId("device");
        String userAgent = "Mozilla/5.0 (pseudo-test " + newId("ua") + ")";
        String ip = randomIp();

        scoreAndStore(withDevice(id, card.token(), deviceId, userAgent, ip));

        Columns stored = columns(id);
        assertThat(stored.deviceId()).isNull();
        assertThat(stored.userAgent()).isNull();
        assertThat(stored.ipAddress()).isNull();
        assertThat(stored.deviceKey()).isEqualTo(pseudonyms.device(deviceId)).startsWith("dv_");
        assertThat(stored.ipKey()).isEqualTo(pseudonyms.ip(ip)).startsWith("ip_");
        assertThat(stored.userAgentKey()).isEqualTo(pseudonyms.userAgent(userAgent)).startsWith("ua_");
        assertThat(stored.sealed()).isNotNull().doesNotContain(deviceId).doesNotContain(ip);
        assertThat(devices.open(customer, id, stored.sealed()))
                .contains(new PaymentDevices.SealedDevice(deviceId, userAgent, ip));
        // What the API answers from reads the pseudonyms too.
        assertThat(decisions.find(id).orElseThrow().authorization().ipAddress()).isEqualTo(pseudonyms.ip(ip));

        byte[] log = decisionLogBytes();
        assertThat(contains(log, deviceId)).as("clear device id in the decision log").isFalse();
        assertThat(contains(log, userAgent)).as("clear user agent in the decision log").isFalse();
        assertThat(contains(log, ip)).as("clear IP address in the decision log").isFalse();
        if (contains(log, id)) { // its segment is still there (segments go once indexed and rolled over)
            assertThat(contains(log, pseudonyms.device(deviceId))).isTrue();
        }
    }

    @Test
    void aCardWithoutACustomerKeepsThePseudonymsOnly() throws Exception {
        Card card = newCard();
        String id = newId("pseudo-anonymous");
        String ip = randomIp();

        scoreAndStore(withDevice(id, card.token(), "dev-anonymous", "Mozilla/5.0", ip));

        Columns stored = columns(id);
        assertThat(stored.sealed()).isNull();
        assertThat(stored.ipKey()).isEqualTo(pseudonyms.ip(ip));
        assertThat(stored.deviceKey()).isEqualTo(pseudonyms.device("dev-anonymous"));
        assertThat(stored.ipAddress()).isNull();
    }

    @Test
    void oneAddressWrittenTwoWaysIsOnePseudonymAndKindsNeverMeet() {
        assertThat(pseudonyms.ip("2001:DB8:0:0::1")).isEqualTo(pseudonyms.ip("2001:db8::1"));
        assertThat(pseudonyms.ip("::ffff:192.0.2.1")).isEqualTo(pseudonyms.ip("192.0.2.1"));
        assertThat(pseudonyms.ip("192.0.2.1")).isNotEqualTo(pseudonyms.ip("192.0.2.2"));
        assertThat(pseudonyms.device("192.0.2.1").substring(3)).isNotEqualTo(pseudonyms.ip("192.0.2.1").substring(3));
        assertThat(PaymentPseudonyms.isPseudonym(PaymentPseudonyms.IP, pseudonyms.ip("192.0.2.1"))).isTrue();
        assertThat(PaymentPseudonyms.isPseudonym(PaymentPseudonyms.IP, "192.0.2.1")).isFalse();
    }

    private static RuleDefinition listRule(String id, String attribute, List<String> values) {
        return new RuleDefinition(id, "pseudonym test list", "DECLINE", true, new RuleDefinition.ConditionDefinition(
                "inList", null, null, null, attribute, values, null));
    }

    @Test
    void rulesWithIpAndDeviceListsStorePseudonymsAndStillMatch() throws Exception {
        String ip = randomIp();
        String deviceId = newId("blocked-device");
        String ipRule = "pseudo-ip-" + Long.toHexString(System.nanoTime());
        String deviceRule = "pseudo-dev-" + Long.toHexString(System.nanoTime());
        Card card = newCard();
        try {
            rules.create(listRule(ipRule, "IP", List.of(ip)), "pseudo-test");
            rules.create(listRule(deviceRule, "DEVICE", List.of(deviceId)), "pseudo-test");

            // Stored as pseudonyms, the values as typed nowhere in the rule's history.
            assertThat(rules.find(ipRule).orElseThrow().definition().condition().values())
                    .containsExactly(pseudonyms.ip(ip));
            assertThat(rules.find(deviceRule).orElseThrow().definition().condition().values())
                    .containsExactly(pseudonyms.device(deviceId));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_changes WHERE definition LIKE ? OR definition LIKE ?")
                    .params("%" + ip + "\"%", "%" + deviceId + "%").query(Long.class).single()).isZero();
            // Saved again as the console sends it back (pseudonyms): unchanged.
            rules.change(ipRule, rules.find(ipRule).orElseThrow().definition(), "pseudo-test");
            assertThat(rules.find(ipRule).orElseThrow().definition().condition().values())
                    .containsExactly(pseudonyms.ip(ip));

            String fromIp = postAuthorization(withDevice(newId("pseudo-rule-ip"), card.token(), "dev-other", "UA", ip))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.decision").value("DECLINE"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(fromIp).contains(ipRule);
            String fromDevice = postAuthorization(withDevice(newId("pseudo-rule-dev"), card.token(), deviceId, "UA",
                    randomIp())).andExpect(status().isOk()).andExpect(jsonPath("$.decision").value("DECLINE"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(fromDevice).contains(deviceRule).doesNotContain(ipRule);
            String neither = postAuthorization(withDevice(newId("pseudo-rule-none"), card.token(), "dev-other", "UA",
                    randomIp())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(neither).doesNotContain(ipRule).doesNotContain(deviceRule);
        } finally {
            rules.find(ipRule).ifPresent(rule -> rules.delete(ipRule, "pseudo-test", null));
            rules.find(deviceRule).ifPresent(rule -> rules.delete(deviceRule, "pseudo-test", null));
        }
    }

    @Test
    void anErasedCustomersAuthorizationsLoseTheirDeviceDataAndARestoreCannotBringItBack() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        Card other = newCard();
        String id = newId("pseudo-erased");
        String kept = newId("pseudo-kept");
        scoreAndStore(withDevice(id, card.token(), newId("device"), "Mozilla/5.0", randomIp()));
        scoreAndStore(withDevice(kept, other.token(), newId("device"), "Mozilla/5.0", randomIp()));

        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "pseudo-test");

        Columns erased = columns(id);
        assertThat(erased).isEqualTo(new Columns(null, null, null, null, null, null, null,
                Decisions.ERASED_FINGERPRINT));
        assertThat(columns(kept).deviceKey()).isNotNull(); // another card's are untouched
        assertThat(personalDataOfPayments.disclose(customer)).noneMatch(d -> d.entry().equals("PAYMENT_DEVICES"));

        // A backup taken before the erasure is restored: the rows hold pseudonyms and the customer is active.
        jdbc.sql("UPDATE authorizations SET device_key = ?, ip_key = ?, device_sealed = ? WHERE authorization_id = ?")
                .params(pseudonyms.device("restored"), pseudonyms.ip("192.0.2.9"), "c2VhbGVk", id).update();
        jdbc.sql("UPDATE customers SET status = 'ACTIVE' WHERE id = ?").param(customer).update();
        ((SmartLifecycle) context.getBean(Class.forName("dev.anshin.privacy.ErasureJournalReplay"))).start();

        assertThat(columns(id).deviceKey()).isNull();
        assertThat(columns(id).ipKey()).isNull();
        assertThat(columns(id).sealed()).isNull();
        assertThat(personalData.isActive(customer)).isFalse();
    }

    private static StoredDecision loggedWithDevice(String cardToken) {
        String id = "pseudo-logged-" + java.util.UUID.randomUUID();
        Authorization authorization = new Authorization(id, cardToken, 1_000, "JPY", "M1", "5411", "T1", "JP",
                PosEntryMode.ECOMMERCE, false, Instant.now(),
                new DeviceData("dv_x", "02", "ua_x", "ja-JP", -540, null, null), "ip_x");
        return new StoredDecision(authorization, "f", new RiskDecision(id, Decision.APPROVE, 0.1, List.of(), "m", 1,
                Map.of(), 1), 1, Instant.now(), "sealed", false);
    }

    @Test
    void anErasureNamesTheCardsWhoseLoggedDecisionsTheIndexerStoresWithoutDeviceData() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        Card other = cards.register(newPan(), newCustomer());
        List<StoredDecision> logged = List.of(loggedWithDevice(card.token()), loggedWithDevice(other.token()));
        assertThat(erasedCards.erasedAmong(logged)).isEmpty();
        assertThat(erasedCards.erasedInDatabase(logged, ErasedCards.answers())).isEmpty();

        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "pseudo-test");

        // Live: named by the erasure; after a restart: asked of the cards and the vault.
        assertThat(erasedCards.erasedAmong(logged)).containsExactly(card.token());
        assertThat(new ErasedCards(cards, personalData).erasedInDatabase(logged, ErasedCards.answers()))
                .containsExactly(card.token());
    }

    @Test
    void aServerLearnsWhileRunningOfAnErasureAnotherServerMadeAndItsStoredRowsLoseTheirDeviceData() throws Exception {
        // The second server: its own memory of erased cards, reading the erasures the first one makes.
        ErasedCards secondServer = new ErasedCards(token -> false);
        ErasuresElsewhere secondServerReads = new ErasuresElsewhere(personalData, cards, decisions, secondServer,
                clock);
        secondServerReads.learn(); // erasures made before (other tests): done
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        Card other = newCard();
        String id = newId("pseudo-elsewhere");
        scoreAndStore(withDevice(id, card.token(), newId("device"), "Mozilla/5.0", randomIp()));
        List<StoredDecision> logged = List.of(loggedWithDevice(card.token()), loggedWithDevice(other.token()));

        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "pseudo-elsewhere"); // the first server
        assertThat(secondServer.erasedAmong(logged)).as("not heard of yet on the second server").isEmpty();
        // The second server's indexer stores its logged copy after the first server's update: with device data.
        jdbc.sql("UPDATE authorizations SET device_key = ?, ip_key = ?, device_sealed = ? WHERE authorization_id = ?")
                .params(pseudonyms.device("late"), pseudonyms.ip("192.0.2.10"), "c2VhbGVk", id).update();

        assertThat(secondServerReads.learn()).as("the erased customer's one card").isOne();
        assertThat(secondServer.erasedAmong(logged)).containsExactly(card.token());
        assertThat(columns(id).deviceKey()).isNull();
        assertThat(columns(id).ipKey()).isNull();
        assertThat(columns(id).sealed()).isNull();
        assertThat(secondServerReads.learn()).as("learnt once").isZero();
    }

    @Test
    void anErasureMadeDuringAnOutageLongerThanTheOverlapIsStillLearntAfterwards() throws Exception {
        // The second server's own clock, so that moving it moves nothing else.
        dev.anshin.MovableClock secondClock = new dev.anshin.MovableClock();
        ErasedCards secondServer = new ErasedCards(token -> false);
        ErasuresElsewhere secondServerReads = new ErasuresElsewhere(personalData, cards, decisions, secondServer,
                secondClock);
        Duration outage = ErasuresElsewhere.OVERLAP.plusMinutes(5);
        try {
            secondServerReads.learn(); // erasures made before (other tests): done
            String customer = newCustomer();
            Card card = cards.register(newPan(), customer);
            String id = newId("pseudo-outage");
            scoreAndStore(withDevice(id, card.token(), newId("device"), "Mozilla/5.0", randomIp()));
            personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "pseudo-outage"); // the first server
            jdbc.sql("UPDATE authorizations SET device_key = ?, ip_key = ?, device_sealed = ? WHERE authorization_id = ?")
                    .params(pseudonyms.device("late"), pseudonyms.ip("192.0.2.11"), "c2VhbGVk", id).update();

            // The second server could not read for longer than the overlap: its next reading comes after.
            secondClock.advance(outage);

            assertThat(secondServerReads.learn()).as("the erasure made while it could not read").isOne();
            assertThat(secondServer.erasedAmong(List.of(loggedWithDevice(card.token()))))
                    .containsExactly(card.token());
            assertThat(columns(id).deviceKey()).isNull();
            assertThat(columns(id).sealed()).isNull();
            assertThat(secondServerReads.learn()).as("learnt once").isZero();
        } finally {
            secondClock.advance(outage.negated());
        }
    }

    @Test
    void theDisclosureListsTransactionsTheirDevicesAndLabelsWithNamedValues() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String withDevice = newId("pseudo-disclosed");
        String plain = newId("pseudo-plain");
        String deviceId = newId("device");
        String ip = randomIp();
        scoreAndStore(withDevice(withDevice, card.token(), deviceId, "Mozilla/5.0 disclosed", ip));
        Map<String, Object> body = authorization(plain, card.token());
        body.put("merchantName", "PSEUDO MART TOKYO JP");
        scoreAndStore(body);
        labels.record(withDevice, FraudLabels.Source.CARDHOLDER, true, null);
        // A row whose device data was not sealed (made before the customer was linked): pseudonym only.
        String unsealed = newId("pseudo-unsealed");
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Authorization a = new Authorization(unsealed, card.token(), 300, "JPY", "m-u", "5999", "t-u", "JP",
                PosEntryMode.ECOMMERCE, false, at, new DeviceData(pseudonyms.device("old"), "02", null, null, null,
                null, null), pseudonyms.ip("192.0.2.77"));
        transactions.executeWithoutResult(s -> decisions.insertAll(List.of(new StoredDecision(a, "f", new RiskDecision(
                unsealed, Decision.APPROVE, 0, List.of(), "none", 0, Map.of(), 1), 1, at))));

        List<HeldElsewhere.Disclosed> disclosed = personalDataOfPayments.disclose(customer);

        List<HeldElsewhere.Disclosed> purchases = disclosed.stream().filter(d -> d.entry().equals("PURCHASES")).toList();
        assertThat(purchases).hasSize(3);
        HeldElsewhere.Disclosed mart = purchases.stream()
                .filter(d -> d.values().get("authorizationId").equals(plain)).findFirst().orElseThrow();
        assertThat(mart.values()).containsEntry("amountMinor", "1250").containsEntry("currency", "USD")
                .containsEntry("merchantName", "PSEUDO MART TOKYO JP").containsEntry("mcc", "5411")
                .containsEntry("merchantCountry", "JP").containsEntry("cardPresent", "true")
                .containsEntry("cardLast4", card.last4()).containsKeys("time", "decision", "merchantId");
        assertThat(mart.textJa()).contains("PSEUDO MART TOKYO JP");
        assertThat(mart.textEn()).contains("PSEUDO MART TOKYO JP").contains("USD 12.50");

        List<HeldElsewhere.Disclosed> payingDevices = disclosed.stream()
                .filter(d -> d.entry().equals("PAYMENT_DEVICES")).toList();
        assertThat(payingDevices).hasSize(2);
        assertThat(payingDevices).anySatisfy(d -> {
            assertThat(d.values()).containsEntry("deviceId", deviceId).containsEntry("ipAddress", ip)
                    .containsEntry("userAgent", "Mozilla/5.0 disclosed").containsEntry("held", "sealed");
            assertThat(d.textJa()).contains(deviceId);
        });
        assertThat(payingDevices).anySatisfy(d -> {
            assertThat(d.values()).containsEntry("held", "pseudonym-only").containsEntry("deviceId", "");
            assertThat(d.textEn()).contains("pseudonyms only");
        });
        // Never a pseudonym or a ciphertext in what the person gets.
        assertThat(disclosed).allSatisfy(d -> assertThat(d.textEn() + d.values()).doesNotContain("dv_", "ip_"));

        assertThat(disclosed.stream().filter(d -> d.entry().equals("FRAUD_LABELS")))
                .singleElement().satisfies(d -> assertThat(d.values()).containsEntry("authorizationId", withDevice)
                        .containsEntry("source", "CARDHOLDER").containsEntry("fraud", "true"));
    }

    @Test
    void theCatalogNamesTheEntriesWithTheirPurposesAndTheRetentionSetting() {
        List<HeldElsewhere.Entry> entries = personalDataOfPayments.catalog();
        assertThat(entries).extracting(HeldElsewhere.Entry::name)
                .containsExactly("PURCHASES", "PAYMENT_DEVICES", "FRAUD_LABELS");
        assertThat(entries.get(0).purposes()).contains(dev.anshin.privacy.Purpose.STATISTICS);
        assertThat(entries.get(1).purposes()).doesNotContain(dev.anshin.privacy.Purpose.STATISTICS);
        assertThat(entries).allSatisfy(e -> assertThat(e.retention()).contains("2557 days"));
    }

    @Test
    void rowsStoredInClearBeforeAreConvertedOnceAndKeepAnsweringRetries() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String id = newId("pseudo-legacy");
        String deviceId = newId("legacy-device");
        String ip = randomIp();
        Instant at = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        Authorization clear = new Authorization(id, card.token(), 700, "JPY", "m-l", "5999", "t-l", "JP",
                PosEntryMode.ECOMMERCE, false, at, new DeviceData(deviceId, "02", "Mozilla/4.0 legacy", "ja", -540,
                null, null), ip);
        String oldFingerprint = AuthorizationScoring.fingerprint(clear);
        transactions.executeWithoutResult(s -> decisions.insertAll(List.of(new StoredDecision(clear, oldFingerprint,
                new RiskDecision(id, Decision.APPROVE, 0, List.of(), "none", 0, Map.of(), 1), 1, at, null, true))));
        assertThat(columns(id).deviceId()).isEqualTo(deviceId); // as the rows of old held it

        assertThat(conversion.convert()).isPositive();

        Columns converted = columns(id);
        assertThat(converted.deviceId()).isNull();
        assertThat(converted.userAgent()).isNull();
        assertThat(converted.ipAddress()).isNull();
        assertThat(converted.deviceKey()).isEqualTo(pseudonyms.device(deviceId));
        assertThat(converted.ipKey()).isEqualTo(pseudonyms.ip(ip));
        assertThat(devices.open(customer, id, converted.sealed()))
                .contains(new PaymentDevices.SealedDevice(deviceId, "Mozilla/4.0 legacy", ip));
        assertThat(converted.fingerprint()).isEqualTo(AuthorizationScoring.fingerprint(devices.pseudonymized(clear)))
                .isNotEqualTo(oldFingerprint);
        assertThat(conversion.convert()).isZero(); // recorded as done
    }

    @Test
    void theFeatureStateReplayedAfterARestartEqualsTheLiveOne() throws Exception {
        String customer = newCustomer();
        Card mine = cards.register(newPan(), customer);
        Card another = newCard();
        String deviceId = newId("shared-device");
        String ip = randomIp();
        List<String> ids = new ArrayList<>();
        for (Card card : List.of(mine, mine, another)) {
            String id = newId("pseudo-replay");
            ids.add(id);
            scoreAndStore(withDevice(id, card.token(), deviceId, "Mozilla/5.0", ip));
        }
        labels.record(ids.get(2), FraudLabels.Source.ISSUER, true, null);

        ScoringEngine restarted = new ScoringEngine(new FeatureEngine(new FeatureConfig(properties.labelDelay(),
                FeatureConfig.defaults().idleEviction())), null, RuleSet.EMPTY, DecisionPolicy.defaults());
        new FeatureStateReplay(restarted, decisions, labels, statistics, properties, Clock.systemUTC(), conversion)
                .afterSingletonsInstantiated();

        Authorization probe = devices.pseudonymized(new Authorization(newId("pseudo-probe"), mine.token(), 1250, "USD",
                "m-probe", "5411", "t-probe", "JP", PosEntryMode.ECOMMERCE, false, Instant.now().plusSeconds(1),
                new DeviceData(deviceId, "02", "Mozilla/5.0", "ja-JP", -540, null, null), ip));
        FeatureVector live = engine.features().observe(probe);
        FeatureVector replayed = restarted.features().observe(probe);
        for (String feature : List.of("device_distinct_cards_30d", "device_tx_count_1h", "device_tx_count_1d",
                "device_known_frauds_60d", "card_tx_count_30d", "card_first_device_use")) {
            // As Float objects: equal when both are NaN (a feature not computed) too.
            assertThat(Float.valueOf(replayed.value(feature))).as(feature).isEqualTo(Float.valueOf(live.value(feature)));
        }
        assertThat(live.value("device_tx_count_1d")).isEqualTo(4f);
        assertThat(live.value("device_distinct_cards_30d")).isEqualTo(2f);
    }
}
