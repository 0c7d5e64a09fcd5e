package dev.anshin.scoring.features;

/**
 * One device: the cards seen on it (capped), its transactions (minute buckets for velocity, hourly
 * ones for the delayed label window), its known frauds and when it was first seen.
 */
final class DeviceState extends KeyState {

    static final int MAX_CARDS = 256;

    final RecentKeys cards = new RecentKeys(MAX_CARDS, 30L * 86_400);
    final CountSeries recent = new CountSeries(60, 86_400 + 60);
    final CountSeries transactions;
    final FraudMarks frauds = new FraudMarks();
    long firstSeen = Long.MAX_VALUE;

    DeviceState(long retentionSeconds) {
        transactions = new CountSeries(3_600, retentionSeconds);
    }
}
