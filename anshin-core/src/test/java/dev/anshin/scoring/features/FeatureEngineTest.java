package dev.anshin.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.PosEntryMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {

    /** Wednesday 2018-08-01 12:00 UTC. */
    private static final Instant NOON = Instant.parse("2018-08-01T12:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private final FeatureEngine engine = new FeatureEngine(FeatureConfig.defaults());

    private static Authorization tx(String card, String terminal, long cents, Instant at) {
        return new Authorization("a" + IDS.incrementAndGet(), card, cents, "EUR", terminal, "5411", terminal, "FR",
                PosEntryMode.CHIP, true, at, null, null);
    }

    private static FraudLabel fraud(Authorization a, Instant knownAt) {
        return new FraudLabel(a.authorizationId(), a.cardToken(), a.terminalId(), a.merchantId(), a.timestamp(), true,
                knownAt);
    }

    @Test
    void schemaOrderIsStable() {
        // models are trained on this order: new features go at the end, never in between
        assertThat(FeatureEngine.schema().names()).containsExactly(
                "amount",
                "log_amount",
                "is_weekend",
                "is_night",
                "card_tx_count_1h",
                "card_mean_amount_1h",
                "card_tx_count_1d",
                "card_mean_amount_1d",
                "card_tx_count_7d",
                "card_mean_amount_7d",
                "card_tx_count_30d",
                "card_mean_amount_30d",
                "card_amount_ratio_30d",
                "card_amount_zscore_30d",
                "card_seconds_since_previous",
                "card_present",
                "pos_entry_code",
                "is_ecommerce",
                "card_first_terminal_use",
                "card_first_device_use",
                "terminal_tx_count_1d",
                "terminal_tx_count_7d",
                "terminal_tx_count_30d",
                "merchant_tx_count_1d",
                "merchant_tx_count_7d",
                "merchant_tx_count_30d",
                "device_distinct_cards_30d",
                "terminal_label_tx_count_1d",
                "terminal_fraud_ratio_1d",
                "terminal_label_tx_count_7d",
                "terminal_fraud_ratio_7d",
                "terminal_label_tx_count_30d",
                "terminal_fraud_ratio_30d",
                "merchant_label_tx_count_1d",
                "merchant_fraud_ratio_1d",
                "merchant_label_tx_count_7d",
                "merchant_fraud_ratio_7d",
                "merchant_label_tx_count_30d",
                "merchant_fraud_ratio_30d",
                "terminal_days_since_earliest_fraud_60d",
                "terminal_days_since_latest_fraud_60d",
                "terminal_fraud_ratio_since_earliest",
                "merchant_days_since_earliest_fraud_60d",
                "merchant_days_since_latest_fraud_60d",
                "merchant_fraud_ratio_since_earliest",
                "card_known_frauds",
                "terminal_known_frauds_since_earliest",
                "terminal_tx_count_since_earliest",
                "terminal_calendar_days_since_earliest_fraud",
                "merchant_known_frauds_since_earliest",
                "merchant_tx_count_since_earliest",
                "merchant_calendar_days_since_earliest_fraud",
                "card_amount_ratio_to_median_30d",
                "card_high_amount_count_7d",
                "terminal_days_since_last_tx_before_earliest_fraud",
                "device_tx_count_1h",
                "device_tx_count_1d",
                "device_days_since_first_seen",
                "device_known_frauds_60d",
                "device_days_since_earliest_fraud_60d",
                "device_fraud_ratio_30d",
                "device_timezone_not_japan",
                "device_language_not_japanese",
                "device_automation",
                "device_applications_30d",
                "device_customers",
                "device_frauds_on_linked_cards");
    }

    @Test
    void basicFlagsUseUtcTime() {
        FeatureVector saturdayNight = engine.observe(tx("c1", "t1", 1_250, Instant.parse("2018-08-04T06:59:00Z")));
        FeatureVector wednesdayMorning = engine.observe(tx("c1", "t1", 1_250, Instant.parse("2018-08-01T07:00:00Z")));

        assertThat(saturdayNight.value("amount")).isEqualTo(12.5f);
        assertThat(saturdayNight.value("is_weekend")).isEqualTo(1f);
        assertThat(saturdayNight.value("is_night")).isEqualTo(1f);
        assertThat(wednesdayMorning.value("is_weekend")).isEqualTo(0f);
        assertThat(wednesdayMorning.value("is_night")).isEqualTo(0f);
    }

    @Test
    void cardWindowsIncludeCurrentAndExcludeOldTransactions() {
        engine.observe(tx("c1", "t1", 10_000, NOON.minus(Duration.ofDays(31))));
        engine.observe(tx("c1", "t1", 2_000, NOON.minus(Duration.ofDays(3))));
        engine.observe(tx("c1", "t1", 4_000, NOON.minus(Duration.ofMinutes(30))));

        FeatureVector f = engine.observe(tx("c1", "t1", 6_000, NOON));

        assertThat(f.value("card_tx_count_1h")).isEqualTo(2f);
        assertThat(f.value("card_mean_amount_1h")).isEqualTo(50f);
        assertThat(f.value("card_tx_count_7d")).isEqualTo(3f);
        assertThat(f.value("card_mean_amount_7d")).isEqualTo(40f);
        assertThat(f.value("card_tx_count_30d")).isEqualTo(3f);
        assertThat(f.value("card_seconds_since_previous")).isEqualTo(1_800f);
        assertThat(f.value("card_amount_ratio_30d")).isEqualTo(2f); // 60 vs mean 30 of 20 and 40
        assertThat(f.value("card_amount_zscore_30d")).isEqualTo(3f); // (60 − 30) / 10
    }

    @Test
    void amountVersusHistoryIsMissingForFirstTransaction() {
        FeatureVector f = engine.observe(tx("c1", "t1", 5_000, NOON));

        assertThat(f.value("card_amount_ratio_30d")).isNaN();
        assertThat(f.value("card_amount_zscore_30d")).isNaN();
        assertThat(f.value("card_seconds_since_previous")).isNaN();
        assertThat(f.value("card_tx_count_1d")).isEqualTo(1f);
        assertThat(f.value("card_first_terminal_use")).isEqualTo(1f);
    }

    @Test
    void countsRecentAmountsFarAboveTheCardsMedian() {
        for (int day = 20; day >= 10; day -= 2) {
            engine.observe(tx("c1", "t1", 1_000, NOON.minus(Duration.ofDays(day))));
        }
        engine.observe(tx("c1", "t1", 5_000, NOON.minus(Duration.ofDays(2))));
        engine.observe(tx("c1", "t1", 5_000, NOON.minus(Duration.ofDays(9)))); // anomalous but older than 7 days

        FeatureVector f = engine.observe(tx("c1", "t1", 1_000, NOON));

        assertThat(f.value("card_high_amount_count_7d")).isEqualTo(1f);
        assertThat(f.value("card_amount_ratio_to_median_30d")).isEqualTo(1f);
    }

    @Test
    void firstTerminalUseIsPerCard() {
        engine.observe(tx("c1", "t1", 100, NOON.minusSeconds(60)));

        assertThat(engine.observe(tx("c1", "t1", 100, NOON)).value("card_first_terminal_use")).isZero();
        assertThat(engine.observe(tx("c2", "t1", 100, NOON)).value("card_first_terminal_use")).isEqualTo(1f);
    }

    @Test
    void terminalCountsIncludeCurrentTransaction() {
        engine.observe(tx("c1", "t1", 100, NOON.minus(Duration.ofDays(10))));
        engine.observe(tx("c2", "t1", 100, NOON.minus(Duration.ofHours(3))));

        FeatureVector f = engine.observe(tx("c3", "t1", 100, NOON));

        assertThat(f.value("terminal_tx_count_1d")).isEqualTo(2f);
        assertThat(f.value("terminal_tx_count_7d")).isEqualTo(2f);
        assertThat(f.value("terminal_tx_count_30d")).isEqualTo(3f);
        assertThat(f.value("merchant_tx_count_30d")).isEqualTo(3f);
    }

    @Test
    void excludesLabelsNotYetKnown() {
        Authorization stolen = tx("c1", "t1", 100, NOON.minus(Duration.ofDays(8)));
        engine.observe(stolen);
        engine.learn(fraud(stolen, NOON.plusSeconds(1)));

        FeatureVector before = engine.observe(tx("c2", "t1", 100, NOON));
        FeatureVector after = engine.observe(tx("c3", "t1", 100, NOON.plusSeconds(1)));

        assertThat(before.value("terminal_fraud_ratio_7d")).isZero();
        assertThat(before.value("terminal_days_since_earliest_fraud_60d")).isNaN();
        assertThat(before.value("card_known_frauds")).isZero();
        assertThat(after.value("terminal_label_tx_count_7d")).isEqualTo(1f);
        assertThat(after.value("terminal_fraud_ratio_7d")).isEqualTo(1f);
        assertThat(after.value("terminal_days_since_earliest_fraud_60d")).isCloseTo(8f, within(0.01f));
    }

    @Test
    void delayedRiskWindowEndsLabelDelayBeforeTransaction() {
        // known fraud 3 days ago: inside the label delay, so outside every delayed window
        Authorization recent = tx("c1", "t1", 100, NOON.minus(Duration.ofDays(3)));
        engine.observe(recent);
        engine.learn(fraud(recent, recent.timestamp()));

        FeatureVector f = engine.observe(tx("c2", "t1", 100, NOON));

        assertThat(f.value("terminal_label_tx_count_30d")).isZero();
        assertThat(f.value("terminal_fraud_ratio_30d")).isZero();
        assertThat(f.value("terminal_days_since_latest_fraud_60d")).isCloseTo(3f, within(0.01f));
    }

    @Test
    void compromisedTerminalHasFraudRatioNearOneSinceEarliestFraud() {
        List<Authorization> txs = new ArrayList<>();
        for (int day = 20; day >= 8; day--) {
            Authorization a = tx("c" + day, "t9", 100, NOON.minus(Duration.ofDays(day)));
            engine.observe(a);
            txs.add(a);
        }
        txs.forEach(a -> engine.learn(fraud(a, a.timestamp().plus(Duration.ofDays(7)))));

        FeatureVector f = engine.observe(tx("c0", "t9", 100, NOON));

        assertThat(f.value("terminal_days_since_earliest_fraud_60d")).isCloseTo(20f, within(0.01f));
        assertThat(f.value("terminal_days_since_latest_fraud_60d")).isCloseTo(8f, within(0.01f));
        assertThat(f.value("terminal_fraud_ratio_since_earliest")).isEqualTo(1f);
    }

    @Test
    void absentTerminalMerchantAndDeviceGiveMissingValues() {
        Authorization bare = new Authorization("x1", "c1", 100, "EUR", null, null, null, null, null, false, NOON,
                null, null);

        FeatureVector f = engine.observe(bare);
        engine.learn(new FraudLabel("x1", "c1", null, null, NOON, true, NOON));

        assertThat(f.value("terminal_tx_count_1d")).isNaN();
        assertThat(f.value("merchant_fraud_ratio_7d")).isNaN();
        assertThat(f.value("card_first_device_use")).isNaN();
        assertThat(f.value("pos_entry_code")).isNaN();
        assertThat(f.value("card_tx_count_1d")).isEqualTo(1f);
    }

    @Test
    void deviceCountsDistinctCards() {
        DeviceData phone = new DeviceData("d1", "01", null, null, null, null, null);
        for (String card : List.of("c1", "c2", "c1", "c3")) {
            engine.observe(new Authorization("a" + IDS.incrementAndGet(), card, 100, "EUR", "m", "5411", null, "FR",
                    PosEntryMode.ECOMMERCE, false, NOON, phone, null));
        }
        FeatureVector f = engine.observe(new Authorization("a" + IDS.incrementAndGet(), "c1", 100, "EUR", "m",
                "5411", null, "FR", PosEntryMode.ECOMMERCE, false, NOON, phone, null));

        assertThat(f.value("device_distinct_cards_30d")).isEqualTo(3f);
        assertThat(f.value("card_first_device_use")).isZero();
        assertThat(f.value("is_ecommerce")).isEqualTo(1f);
        assertThat(f.value("pos_entry_code")).isEqualTo(81f);
    }

    private static Authorization online(String card, String device, Instant at) {
        return new Authorization("a" + IDS.incrementAndGet(), card, 5_000, "JPY", "m1", "5999", "t-" + card, "JP",
                PosEntryMode.ECOMMERCE, false, at, new DeviceData(device, "02", null, "ja-JP", -540, null, null), null);
    }

    private static FraudLabel deviceFraud(Authorization a, Instant knownAt) {
        return new FraudLabel(a.authorizationId(), a.cardToken(), a.terminalId(), a.merchantId(), a.timestamp(), true,
                knownAt, a.deviceId());
    }

    @Test
    void confirmedFraudReachesTheDeviceOnlyOnceKnownAndOnAnotherCard() {
        Authorization stolen = online("victim-1", "d-fraud", NOON.minus(Duration.ofDays(10)));
        engine.observe(stolen);
        engine.learn(deviceFraud(stolen, NOON.minus(Duration.ofDays(3))));

        FeatureVector beforeKnown = engine.observe(online("victim-2", "d-fraud", NOON.minus(Duration.ofDays(5))));
        FeatureVector afterKnown = engine.observe(online("victim-3", "d-fraud", NOON));

        assertThat(beforeKnown.value("device_known_frauds_60d")).isEqualTo(0f);
        assertThat(beforeKnown.value("device_days_since_earliest_fraud_60d")).isNaN();
        assertThat(afterKnown.value("device_known_frauds_60d")).isEqualTo(1f);
        assertThat(afterKnown.value("device_days_since_earliest_fraud_60d")).isEqualTo(10f);
        // victim-3's card never had a fraud: only the device knows
        assertThat(afterKnown.value("card_known_frauds")).isEqualTo(0f);
        assertThat(afterKnown.value("device_distinct_cards_30d")).isEqualTo(3f);
    }

    @Test
    void deviceFraudRatioLooksAtTheWindowEndingLabelDelayAgo() {
        // default label delay 7 days: the window is (now − 37 d, now − 7 d]
        Authorization old = online("c1", "d1", NOON.minus(Duration.ofDays(20)));
        engine.observe(old);
        engine.observe(online("c1", "d1", NOON.minus(Duration.ofDays(19))));
        engine.learn(deviceFraud(old, NOON.minus(Duration.ofDays(13))));
        engine.observe(online("c1", "d1", NOON.minus(Duration.ofDays(2)))); // inside the delay: not in the window

        FeatureVector f = engine.observe(online("c2", "d1", NOON));

        assertThat(f.value("device_fraud_ratio_30d")).isEqualTo(0.5f);
    }

    @Test
    void aNewDeviceIsUnknownNotClean() {
        engine.observe(online("c1", "d-old", NOON.minus(Duration.ofDays(4))));

        FeatureVector known = engine.observe(online("c1", "d-old", NOON));
        FeatureVector brandNew = engine.observe(online("c1", "d-new", NOON));

        assertThat(known.value("device_known_frauds_60d")).isEqualTo(0f);
        assertThat(known.value("device_days_since_first_seen")).isEqualTo(4f);
        assertThat(brandNew.value("device_known_frauds_60d")).isNaN();
        assertThat(brandNew.value("device_fraud_ratio_30d")).isNaN();
        assertThat(brandNew.value("device_days_since_first_seen")).isEqualTo(0f);
    }

    @Test
    void deviceVelocityCountsTheLastHourAndDayAtMinuteResolution() {
        engine.observe(online("c1", "d1", NOON.minus(Duration.ofHours(25))));
        engine.observe(online("c2", "d1", NOON.minus(Duration.ofHours(5))));
        engine.observe(online("c3", "d1", NOON.minus(Duration.ofMinutes(59))));
        engine.observe(online("c4", "d1", NOON.minus(Duration.ofMinutes(2))));

        FeatureVector f = engine.observe(online("c5", "d1", NOON));

        assertThat(f.value("device_tx_count_1h")).isEqualTo(3f);
        assertThat(f.value("device_tx_count_1d")).isEqualTo(4f);
    }

    @Test
    void browserClockAndLanguageAreComparedWithJapanAndMissingWhenNotSent() {
        Authorization abroad = new Authorization("a-abroad", "c1", 5_000, "JPY", "m1", "5999", "t1", "JP",
                PosEntryMode.ECOMMERCE, false, NOON, new DeviceData(null, "02", null, "en-US", 300, null, null), null);
        Authorization home = new Authorization("a-home", "c2", 5_000, "JPY", "m1", "5999", "t1", "JP",
                PosEntryMode.ECOMMERCE, false, NOON, new DeviceData(null, "02", null, "ja", -540, null, null), null);
        Authorization silent = new Authorization("a-silent", "c3", 5_000, "JPY", "m1", "5999", "t1", "JP",
                PosEntryMode.ECOMMERCE, false, NOON, new DeviceData(null, "01", null, null, null, null, null), null);

        FeatureVector a = engine.observe(abroad);
        FeatureVector h = engine.observe(home);
        FeatureVector s = engine.observe(silent);

        assertThat(a.value("device_timezone_not_japan")).isEqualTo(1f);
        assertThat(a.value("device_language_not_japanese")).isEqualTo(1f);
        assertThat(h.value("device_timezone_not_japan")).isEqualTo(0f);
        assertThat(h.value("device_language_not_japanese")).isEqualTo(0f);
        assertThat(s.value("device_timezone_not_japan")).isNaN();
        assertThat(s.value("device_language_not_japanese")).isNaN();
        // no device id: no device history either, all missing
        assertThat(a.value("device_tx_count_1h")).isNaN();
        assertThat(a.value("device_known_frauds_60d")).isNaN();
    }

    @Test
    void anshinsDeviceFactsBecomeFeaturesOnlyWhenRecognised() {
        DeviceData recognised = new DeviceData("issuer-id", "02", null, "ja", -540, null, null)
                .recognisedAs("anshin-dev-1", new DeviceFacts(true, 4, 3, 2, List.of("AUTOMATION")));
        Authorization a = new Authorization("a-rec", "c1", 5_000, "JPY", "m1", "5999", "t1", "JP",
                PosEntryMode.ECOMMERCE, false, NOON, recognised, null);

        FeatureVector f = engine.observe(a);
        FeatureVector plain = engine.observe(online("c2", "d-issuer", NOON));

        assertThat(a.deviceId()).isEqualTo("anshin-dev-1");
        assertThat(f.value("device_automation")).isEqualTo(1f);
        assertThat(f.value("device_applications_30d")).isEqualTo(4f);
        assertThat(f.value("device_customers")).isEqualTo(3f);
        assertThat(f.value("device_frauds_on_linked_cards")).isEqualTo(2f);
        assertThat(plain.value("device_automation")).isNaN();
        assertThat(plain.value("device_customers")).isNaN();
    }

    @Test
    void evictionDropsIdleKeysAndBoundsState() {
        for (int i = 0; i < 100; i++) {
            engine.observe(tx("old" + i, "t-old" + i, 100, NOON.minus(Duration.ofDays(90))));
        }
        engine.observe(tx("fresh", "t-fresh", 100, NOON));
        assertThat(engine.trackedKeys()).isEqualTo(2 * 101 + 101);

        int dropped = engine.evictIdle(NOON);

        assertThat(dropped).isEqualTo(300);
        assertThat(engine.trackedKeys()).isEqualTo(3);
        assertThat(engine.observe(tx("old1", "t-old1", 100, NOON.plusSeconds(1))).value("card_tx_count_30d"))
                .isEqualTo(1f);
    }

    @Test
    void longRunningCardKeepsBoundedHistory() {
        CardState card = new CardState(60 * 86_400L);
        for (int i = 0; i < 100_000; i++) {
            card.add(NOON.getEpochSecond() + i * 600L, 1.0);
        }
        assertThat(card.events()).isLessThanOrEqualTo(CardState.MAX_EVENTS);
        CountSeries series = new CountSeries(3_600, 61 * 86_400L);
        for (int i = 0; i < 100_000; i++) {
            series.add(NOON.getEpochSecond() + i * 600L);
        }
        assertThat(series.buckets()).isLessThanOrEqualTo(61 * 24 + 2);
    }

    @Test
    void medianIsOverTheCardsLatestEventsOnly() {
        CardState card = new CardState(60 * 86_400L);
        long t0 = NOON.getEpochSecond();
        for (int i = 0; i < 1_000; i++) {   // many old small amounts, then the latest 256 large ones
            card.add(t0 + i, i < 1_000 - CardState.MEDIAN_EVENTS ? 10.0 : 500.0);
        }
        assertThat(card.medianAmount(t0 + 1_000)).isEqualTo(500.0);
        assertThat(card.medianAmount(t0 + 500)).isEqualTo(10.0);   // a late arrival sees only its past
    }

    @Test
    void concurrentObservationsAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            int offset = thread;
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 400; i++) {
                    Instant at = NOON.minusSeconds(10_000 + i * 4L + offset);
                    engine.observe(tx("shared", "t" + (i % 7), 100, at));
                    if (i % 50 == 0) {
                        engine.evictIdle(NOON);
                    }
                }
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();

        FeatureVector f = engine.observe(tx("shared", "t0", 100, NOON));

        assertThat(f.value("card_tx_count_1d")).isEqualTo(1_601f);
        assertThat(f.value("terminal_tx_count_1d") + 0f).isGreaterThan(200f);
    }
}
