package dev.anshin.scoring.features;

/** A terminal's or merchant's transaction counts (hourly buckets) and its known frauds. */
final class EntityState extends KeyState {

    static final long BUCKET_SECONDS = 3_600;

    final CountSeries transactions;
    final FraudMarks frauds = new FraudMarks();

    EntityState(long retentionSeconds) {
        transactions = new CountSeries(BUCKET_SECONDS, retentionSeconds);
    }
}
