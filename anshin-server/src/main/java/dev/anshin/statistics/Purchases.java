package dev.anshin.statistics;

import dev.anshin.privacy.StatisticsPopulation;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purchases a report counts, streamed from the database in one pass. Declared reads of other
 * modules' tables, for the STATISTICS purpose the fraud module's PURCHASES catalog entry lists:
 * {@code authorizations} (fraud: amount, currency, merchant id, MCC, time, decision) and {@code cards}
 * (cards: the card's customer id and BIN). No device, IP or user-agent column is read, nor the card
 * token beyond the join. Counted: approved authorizations in yen (JPY; other currencies have no exchange
 * rate here and are left out) of cards linked to a customer (a card with no customer is left out: its
 * holder's opt-out cannot be checked and one person's several such cards could not be bounded as one),
 * and of customers the privacy module's STATISTICS population counts (held, not opted out), decided in
 * the same statement.
 * The database adds up each customer's purchases per cell and hands them over ordered by customer, so
 * each cardholder is seen once, with all their cells, and bounded as one.
 */
@Repository
class Purchases {

    /** One customer's purchases in one combination of the raw dimension values. */
    record Row(String customerId, int timeBucket, String mcc, String prefecture, String bin, long amount, long count) {
    }

    interface RowHandler {
        void row(Row row);
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final StatisticsProperties properties;

    Purchases(DataSource dataSource, PlatformTransactionManager transactions, StatisticsProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(properties.fetchSize());
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.properties = properties;
    }

    /**
     * Streams the rows of the period, grouped by customer and the raw values the report needs
     * ({@code dimensions} and filters); a value not needed is null. Only customers the population counts
     * are read: its condition is part of this one statement, so who counts and what they bought come
     * from the same snapshot. Inside a read-only transaction, so PostgreSQL streams with a cursor rather
     * than loading the whole result.
     */
    void stream(TimeBuckets time, boolean byTime, Set<Dimension> needed, StatisticsPopulation population,
            RowHandler handler) {
        boolean mcc = needed.contains(Dimension.MERCHANT_CATEGORY);
        boolean place = needed.contains(Dimension.MERCHANT_PREFECTURE) || needed.contains(Dimension.MERCHANT_REGION);
        boolean bin = needed.contains(Dimension.CARDHOLDER_COUNTRY);
        List<Object> params = new ArrayList<>();
        StringBuilder bucket = new StringBuilder("0");
        if (byTime) {
            // the bucket is the number of bucket starts at or before the purchase, less one
            bucket = new StringBuilder("CASE");
            for (int i = time.starts().size() - 1; i >= 0; i--) {
                bucket.append(" WHEN a.occurred_at >= ? THEN ").append(i);
                params.add(Timestamp.from(time.starts().get(i)));
            }
            bucket.append(" ELSE 0 END");
        }
        String sql = "SELECT customer, bucket, mcc, prefecture, bin, SUM(amount) AS amount, COUNT(*) AS n FROM ("
                + "SELECT c.customer_id AS customer, " + bucket + " AS bucket, "
                + (mcc ? "a.mcc" : "CAST(NULL AS VARCHAR(4))") + " AS mcc, "
                + (place ? "d.prefecture" : "CAST(NULL AS VARCHAR(2))") + " AS prefecture, "
                + (bin ? "c.bin" : "CAST(NULL AS VARCHAR(6))") + " AS bin, a.amount_minor AS amount "
                + "FROM authorizations a JOIN cards c ON c.token = a.card_token "
                + (place ? "LEFT JOIN merchant_directory d ON d.merchant_id = a.merchant_id " : "")
                + "WHERE a.occurred_at >= ? AND a.occurred_at < ? AND a.decision = 'APPROVE' AND a.currency = 'JPY' "
                + "AND c.customer_id IS NOT NULL AND " + population.condition("c.customer_id") + ") p "
                + "GROUP BY customer, bucket, mcc, prefecture, bin ORDER BY customer";
        params.add(Timestamp.from(time.start()));
        params.add(Timestamp.from(time.end()));
        readOnly.executeWithoutResult(tx -> jdbc.query(sql, rs -> {
            handler.row(new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getLong(6), rs.getLong(7)));
        }, params.toArray()));
    }

    int fetchSize() {
        return properties.fetchSize();
    }
}
