package dev.anshin.scoring.features;

import dev.anshin.scoring.AmountCeiling;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.PosEntryMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Point-in-time feature computation over card, terminal, merchant and device history. The same
 * instance type runs online (server) and in backtests. Thread-safe.
 *
 * <p>Each key (card, terminal, merchant, device) has its own state guarded by its own monitor;
 * {@link #observe} takes those locks one after the other, never nested, so it cannot deadlock.
 * Rolling windows are per-event arrays for cards (30 days, capped) and hourly buckets for terminals
 * and merchants, so state is bounded per key; {@link #evictIdle} bounds the number of keys.
 *
 * <p>Label-based features count a fraud only when its {@code knownAt} is at or before the scored
 * transaction's timestamp, and look at transaction-time windows ending {@code labelDelay} before it
 * (the Handbook's delayed terminal risk). Labels reach the card, the terminal, the merchant and the
 * device ({@link FraudLabel#deviceId()}) of the labelled transaction. A device seen for the first
 * time has its label-based features missing, never 0: unknown is not clean. Genuine labels need no state: ratios divide known frauds
 * by all transactions in the window. The feature order is {@link Feature}'s.
 */
public final class FeatureEngine {

    private static final long DAY = 86_400;
    /** browserTZ (JavaScript's getTimezoneOffset) on Japan Standard Time: UTC+9 is −540 minutes. */
    private static final int JAPAN_TIMEZONE_OFFSET = -540;
    /** Horizon of the "recent known fraud" features: twice the Handbook's 28-day compromise. */
    private static final long RECENT_FRAUD_SECONDS = 60 * DAY;
    private static final FeatureSchema SCHEMA = new FeatureSchema(
            Arrays.stream(Feature.values()).map(Feature::featureName).toList());
    private static final int FEATURE_COUNT = Feature.values().length;
    private static final float[] POS_CODES = new float[PosEntryMode.values().length];

    static {
        for (PosEntryMode mode : PosEntryMode.values()) {
            POS_CODES[mode.ordinal()] = Integer.parseInt(mode.code());
        }
    }

    private final FeatureConfig config;
    private final long delaySeconds;
    private final long entityRetentionSeconds;
    private final long keyRetentionSeconds;
    private final ConcurrentHashMap<String, CardState> cards = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EntityState> terminals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EntityState> merchants = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DeviceState> devices = new ConcurrentHashMap<>();

    public FeatureEngine(FeatureConfig config) {
        this.config = config;
        this.delaySeconds = config.labelDelay().getSeconds();
        // enough history for the 30-day delayed window and the 60-day recent-fraud horizon
        this.entityRetentionSeconds = Math.max(30 * DAY + delaySeconds, RECENT_FRAUD_SECONDS) + DAY;
        this.keyRetentionSeconds = Math.max(config.idleEviction().getSeconds(), DAY);
    }

    public FeatureConfig config() {
        return config;
    }

    /** The features this engine computes, in order. */
    public static FeatureSchema schema() {
        return SCHEMA;
    }

    /**
     * Computes the features of {@code authorization} from what was known at its timestamp (the
     * current transaction included in its own counts), then records it as history.
     *
     * <p>An amount above its currency's ceiling ({@link FeatureConfig#amountCeiling}) cannot be a
     * real purchase: the authorization is scored with the ceiling as its amount and is not recorded
     * at all, so no later feature of its card, terminal, merchant or device changes. One such value
     * (9223372036854775807 minor units, say) once sat in a card's averages for 30 days, was replayed at
     * every start and turned the card's ordinary purchases suspicious.
     */
    public FeatureVector observe(Authorization authorization) {
        long t = authorization.timestamp().getEpochSecond();
        AmountCeiling ceiling = config.amountCeiling();
        boolean record = ceiling.allows(authorization.currency(), authorization.amountMinor());
        double amount = record ? authorization.amount()
                : Authorization.majorUnits(ceiling.maxMinor(authorization.currency()), authorization.currency());
        float[] v = new float[FEATURE_COUNT];
        Arrays.fill(v, Float.NaN);

        set(v, Feature.AMOUNT, amount);
        set(v, Feature.LOG_AMOUNT, Math.log1p(amount));
        LocalDateTime utc = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
        DayOfWeek day = utc.getDayOfWeek();
        set(v, Feature.IS_WEEKEND, day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 1 : 0);
        set(v, Feature.IS_NIGHT, utc.getHour() <= 6 ? 1 : 0);
        set(v, Feature.CARD_PRESENT, authorization.cardPresent() ? 1 : 0);
        PosEntryMode mode = authorization.posEntryMode();
        if (mode != null) {
            set(v, Feature.POS_ENTRY_CODE, POS_CODES[mode.ordinal()]);
        }
        set(v, Feature.IS_ECOMMERCE, mode == PosEntryMode.ECOMMERCE || mode == PosEntryMode.CARD_ON_FILE ? 1 : 0);

        observeCard(authorization, t, amount, v, record);
        String terminalId = authorization.terminalId();
        if (terminalId != null) {
            observeEntity(terminals, terminalId, t, v, Feature.TERMINAL_TX_COUNT_1D, Feature.TERMINAL_LABEL_TX_COUNT_1D,
                    Feature.TERMINAL_DAYS_SINCE_EARLIEST_FRAUD_60D, Feature.TERMINAL_KNOWN_FRAUDS_SINCE_EARLIEST, record);
        }
        String merchantId = authorization.merchantId();
        if (merchantId != null) {
            observeEntity(merchants, merchantId, t, v, Feature.MERCHANT_TX_COUNT_1D, Feature.MERCHANT_LABEL_TX_COUNT_1D,
                    Feature.MERCHANT_DAYS_SINCE_EARLIEST_FRAUD_60D, Feature.MERCHANT_KNOWN_FRAUDS_SINCE_EARLIEST, record);
        }
        DeviceData device = authorization.device();
        if (device != null) {
            observeBrowser(device, v);
        }
        String deviceId = authorization.deviceId();
        if (deviceId != null) {
            observeDevice(deviceId, authorization.cardToken(), t, v, record);
        }
        return new FeatureVector(SCHEMA, v);
    }

    /** Facts of the authorization's own device data: its clock and language, Anshin's device module's counts. */
    private static void observeBrowser(DeviceData device, float[] v) {
        if (device.timezoneOffset() != null) {
            set(v, Feature.DEVICE_TIMEZONE_NOT_JAPAN, device.timezoneOffset() == JAPAN_TIMEZONE_OFFSET ? 0 : 1);
        }
        String language = device.language();
        if (language != null && !language.isBlank()) {
            set(v, Feature.DEVICE_LANGUAGE_NOT_JAPANESE, asksForJapanese(language) ? 0 : 1);
        }
        DeviceFacts anshin = device.anshin();
        if (anshin != null) {
            set(v, Feature.DEVICE_AUTOMATION, anshin.automation() ? 1 : 0);
            set(v, Feature.DEVICE_APPLICATIONS_30D, anshin.applications30d());
            set(v, Feature.DEVICE_CUSTOMERS, anshin.customers());
            set(v, Feature.DEVICE_FRAUDS_ON_LINKED_CARDS, anshin.fraudsOnLinkedCards());
        }
    }

    /** "ja", "ja-JP", "ja_JP" — the first language of a browserLanguage or Accept-Language value. */
    static boolean asksForJapanese(String language) {
        String first = language.strip().toLowerCase(Locale.ROOT);
        return first.equals("ja") || first.startsWith("ja-") || first.startsWith("ja_") || first.startsWith("ja;")
                || first.startsWith("ja,");
    }

    private void observeDevice(String deviceId, String cardToken, long t, float[] v, boolean record) {
        while (true) {
            DeviceState device = stateOf(devices, deviceId, () -> new DeviceState(entityRetentionSeconds), record);
            synchronized (device) {
                if (device.evicted) {
                    continue;
                }
                // What was known before this transaction: a device first seen now is unknown, not clean.
                boolean seenBefore = device.firstSeen <= t;
                long firstSeen = device.firstSeen;
                if (record) {
                    device.cards.record(cardToken, t);
                    device.recent.add(t);
                    device.transactions.add(t);
                    device.firstSeen = Math.min(device.firstSeen, t);
                    device.frauds.pruneTransactionsBefore(t - entityRetentionSeconds);
                    device.touch(t);
                }
                int unrecorded = record || device.cards.seen(cardToken, t) ? 0 : 1;
                set(v, Feature.DEVICE_DISTINCT_CARDS_30D, device.cards.countSeenWithin(t, 30 * DAY) + unrecorded);
                int own = record ? 0 : 1;
                set(v, Feature.DEVICE_TX_COUNT_1H, device.recent.count(t - 3_600, t) + own);
                set(v, Feature.DEVICE_TX_COUNT_1D, device.recent.count(t - DAY, t) + own);
                set(v, Feature.DEVICE_DAYS_SINCE_FIRST_SEEN, seenBefore ? (t - firstSeen) / (double) DAY : 0);

                FraudMarks frauds = device.frauds;
                int known = frauds.isEmpty() ? 0 : frauds.knownBetween(t, t - RECENT_FRAUD_SECONDS, t);
                if (seenBefore || known > 0) {
                    set(v, Feature.DEVICE_KNOWN_FRAUDS_60D, known);
                }
                if (known > 0) {
                    long earliest = frauds.earliestKnown(t, t - RECENT_FRAUD_SECONDS);
                    set(v, Feature.DEVICE_DAYS_SINCE_EARLIEST_FRAUD_60D, (t - earliest) / (double) DAY);
                }
                long end = t - delaySeconds;
                long count = device.transactions.count(end - 30 * DAY, end);
                if (count > 0) {
                    int knownInWindow = frauds.isEmpty() ? 0 : frauds.knownBetween(t, end - 30 * DAY, end);
                    set(v, Feature.DEVICE_FRAUD_RATIO_30D, Math.min(1.0, knownInWindow / (double) count));
                }
                return;
            }
        }
    }

    /**
     * The state of {@code key}: kept in the map when the authorization is recorded; otherwise the kept
     * one if there is one (only read), or a fresh one nobody else sees.
     */
    private static <S extends KeyState> S stateOf(ConcurrentHashMap<String, S> map, String key,
            java.util.function.Supplier<S> fresh, boolean record) {
        if (record) {
            return map.computeIfAbsent(key, k -> fresh.get());
        }
        S kept = map.get(key);
        return kept != null ? kept : fresh.get();
    }

    private void observeCard(Authorization authorization, long t, double amount, float[] v, boolean record) {
        double[] h = new double[10];
        double median = Double.NaN;
        while (true) {
            CardState card = stateOf(cards, authorization.cardToken(), () -> new CardState(keyRetentionSeconds), record);
            synchronized (card) {
                if (card.evicted) {
                    continue;
                }
                card.history(t, h);
                median = card.medianAmount(t);
                set(v, Feature.CARD_HIGH_AMOUNT_COUNT_7D,
                        median > 0 ? card.countAbove(t, 7 * DAY, 3 * median) : 0);
                String terminalId = authorization.terminalId();
                if (terminalId != null) {
                    set(v, Feature.CARD_FIRST_TERMINAL_USE, card.terminals.seen(terminalId, t) ? 0 : 1);
                    if (record) {
                        card.terminals.record(terminalId, t);
                    }
                }
                String deviceId = authorization.deviceId();
                if (deviceId != null) {
                    set(v, Feature.CARD_FIRST_DEVICE_USE, card.devices.seen(deviceId, t) ? 0 : 1);
                    if (record) {
                        card.devices.record(deviceId, t);
                    }
                }
                set(v, Feature.CARD_KNOWN_FRAUDS, card.frauds.knownBetween(t, t - RECENT_FRAUD_SECONDS, Long.MAX_VALUE));
                if (record) {
                    card.frauds.pruneTransactionsBefore(t - RECENT_FRAUD_SECONDS);
                    card.add(t, amount);
                    card.touch(t);
                }
                break;
            }
        }
        set(v, Feature.CARD_TX_COUNT_1H, h[0] + 1);
        set(v, Feature.CARD_MEAN_AMOUNT_1H, (h[1] + amount) / (h[0] + 1));
        set(v, Feature.CARD_TX_COUNT_1D, h[2] + 1);
        set(v, Feature.CARD_MEAN_AMOUNT_1D, (h[3] + amount) / (h[2] + 1));
        set(v, Feature.CARD_TX_COUNT_7D, h[4] + 1);
        set(v, Feature.CARD_MEAN_AMOUNT_7D, (h[5] + amount) / (h[4] + 1));
        set(v, Feature.CARD_TX_COUNT_30D, h[6] + 1);
        set(v, Feature.CARD_MEAN_AMOUNT_30D, (h[7] + amount) / (h[6] + 1));
        double n = h[6];
        if (n > 0) {
            double mean = h[7] / n;
            if (mean > 0) {
                set(v, Feature.CARD_AMOUNT_RATIO_30D, amount / mean);
            }
            double variance = h[8] / n - mean * mean;
            if (n >= 2 && variance > 1e-9) {
                set(v, Feature.CARD_AMOUNT_ZSCORE_30D, (amount - mean) / Math.sqrt(variance));
            }
        }
        if (median > 0) {
            set(v, Feature.CARD_AMOUNT_RATIO_TO_MEDIAN_30D, amount / median);
        }
        if (!Double.isNaN(h[9])) {
            set(v, Feature.CARD_SECONDS_SINCE_PREVIOUS, t - h[9]);
        }
    }

    private void observeEntity(ConcurrentHashMap<String, EntityState> map, String id, long t, float[] v,
            Feature firstCount, Feature firstLabelCount, Feature firstRecentFraud, Feature firstSinceEarliest,
            boolean record) {
        while (true) {
            EntityState entity = stateOf(map, id, () -> new EntityState(entityRetentionSeconds), record);
            synchronized (entity) {
                if (entity.evicted) {
                    continue;
                }
                if (record) {
                    entity.transactions.add(t);
                    entity.touch(t);
                }
                // Its own counts include the transaction, recorded or not.
                int own = record ? 0 : 1;
                CountSeries tx = entity.transactions;
                FraudMarks frauds = entity.frauds;
                int c = firstCount.ordinal();
                v[c] = tx.count(t - DAY, t) + own;
                v[c + 1] = tx.count(t - 7 * DAY, t) + own;
                v[c + 2] = tx.count(t - 30 * DAY, t) + own;

                if (record) {
                    frauds.pruneTransactionsBefore(t - entityRetentionSeconds);
                }
                long end = t - delaySeconds;
                int l = firstLabelCount.ordinal();
                long[] windows = {DAY, 7 * DAY, 30 * DAY};
                for (int i = 0; i < windows.length; i++) {
                    long count = tx.count(end - windows[i], end);
                    int known = frauds.isEmpty() ? 0 : frauds.knownBetween(t, end - windows[i], end);
                    v[l + 2 * i] = count;
                    v[l + 2 * i + 1] = count == 0 ? 0f : (float) Math.min(1.0, known / (double) count);
                }

                long earliest = frauds.isEmpty() ? Long.MAX_VALUE : frauds.earliestKnown(t, t - RECENT_FRAUD_SECONDS);
                if (earliest != Long.MAX_VALUE) {
                    int r = firstRecentFraud.ordinal();
                    long latest = frauds.latestKnown(t, t - RECENT_FRAUD_SECONDS);
                    v[r] = (float) ((t - earliest) / (double) DAY);
                    v[r + 1] = latest == Long.MIN_VALUE ? Float.NaN : (float) ((t - latest) / (double) DAY);
                    int knownSince = frauds.knownBetween(t, earliest - 1, t);
                    long txSince = tx.countInclusive(earliest, end);
                    v[r + 2] = (float) (knownSince / (double) Math.max(knownSince, txSince));
                    int e = firstSinceEarliest.ordinal();
                    v[e] = knownSince;
                    v[e + 1] = txSince;
                    v[e + 2] = Math.floorDiv(t, DAY) - Math.floorDiv(earliest, DAY);
                    if (firstSinceEarliest == Feature.TERMINAL_KNOWN_FRAUDS_SINCE_EARLIEST) {
                        long before = tx.latestBucketStartBefore(earliest);
                        if (before != Long.MIN_VALUE) {
                            set(v, Feature.TERMINAL_DAYS_SINCE_LAST_TX_BEFORE_EARLIEST_FRAUD, (t - before) / (double) DAY);
                        }
                    }
                }
                break;
            }
        }
    }

    /** Names of the device-reputation features (issue 15 F3), for comparing models with and without them. */
    public static List<String> deviceReputationFeatures() {
        return Feature.DEVICE_REPUTATION.stream().map(Feature::featureName).toList();
    }

    /** Makes a label known; it affects features of transactions at or after {@code label.knownAt()}. */
    public void learn(FraudLabel label) {
        if (!label.fraud()) {
            return; // ratios divide by all transactions, so a genuine label changes nothing
        }
        long tx = label.transactionTime().getEpochSecond();
        long known = label.knownAt().getEpochSecond();
        long activity = Math.max(tx, known);
        if (label.cardToken() != null) {
            while (true) {
                CardState card = cards.computeIfAbsent(label.cardToken(), k -> new CardState(keyRetentionSeconds));
                synchronized (card) {
                    if (card.evicted) {
                        continue;
                    }
                    card.frauds.add(tx, known);
                    card.touch(activity);
                    break;
                }
            }
        }
        learnEntity(terminals, label.terminalId(), tx, known, activity);
        learnEntity(merchants, label.merchantId(), tx, known, activity);
        if (label.deviceId() != null) {
            while (true) {
                DeviceState device = devices.computeIfAbsent(label.deviceId(),
                        k -> new DeviceState(entityRetentionSeconds));
                synchronized (device) {
                    if (device.evicted) {
                        continue;
                    }
                    device.frauds.add(tx, known);
                    device.touch(activity);
                    break;
                }
            }
        }
    }

    private void learnEntity(ConcurrentHashMap<String, EntityState> map, String id, long tx, long known, long activity) {
        if (id == null) {
            return;
        }
        while (true) {
            EntityState entity = map.computeIfAbsent(id, k -> new EntityState(entityRetentionSeconds));
            synchronized (entity) {
                if (entity.evicted) {
                    continue;
                }
                entity.frauds.add(tx, known);
                entity.touch(activity);
                break;
            }
        }
    }

    /** Drops state of keys idle for longer than the configured eviction; returns how many were dropped. */
    public int evictIdle(Instant now) {
        long cutoff = now.getEpochSecond() - config.idleEviction().getSeconds();
        return evict(cards, cutoff) + evict(terminals, cutoff) + evict(merchants, cutoff) + evict(devices, cutoff);
    }

    private static <S extends KeyState> int evict(ConcurrentHashMap<String, S> map, long cutoff) {
        int dropped = 0;
        for (var entry : map.entrySet()) {
            S state = entry.getValue();
            synchronized (state) {
                if (state.lastActivity < cutoff && !state.evicted) {
                    state.evicted = true;
                    map.remove(entry.getKey(), state);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** Number of keys (cards, terminals, merchants, devices) currently held. */
    public int trackedKeys() {
        return cards.size() + terminals.size() + merchants.size() + devices.size();
    }

    private static void set(float[] v, Feature feature, double value) {
        v[feature.ordinal()] = (float) value;
    }
}
