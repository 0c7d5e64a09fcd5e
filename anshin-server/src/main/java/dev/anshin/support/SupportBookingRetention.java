package dev.anshin.support;

import dev.anshin.privacy.RetentionRule;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Support bookings leave {@code anshin.support.booking-retention} (1 year) after they ended: a closed one (served,
 * no-show, cancelled) from when it was closed, one never closed from the time it was booked for. A year: long
 * enough to answer a complaint about the call or consultation, and the notes in it are the person's own words
 * about their situation, kept no longer than that. The slot's counter is not touched: the slot is long past.
 */
@Component
class SupportBookingRetention implements RetentionRule {

    static final String SETTING = "anshin.support.booking-retention";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration period;

    SupportBookingRetention(JdbcClient jdbc, TransactionTemplate transactions,
            @Value("${" + SETTING + ":365d}") Duration period) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return SupportPersonalData.BOOKINGS;
    }

    /** Measured from {@code closed_at}, or {@code starts_at} for a booking never closed. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            Timestamp before = Timestamp.from(cutoff);
            List<String> due = jdbc.sql("SELECT id FROM support_bookings WHERE (status <> :booked AND closed_at < :before) "
                            + "OR (status = :booked AND starts_at < :before) ORDER BY starts_at, id FETCH FIRST " + limit
                            + " ROWS ONLY")
                    .param("booked", BookingStatus.BOOKED.name()).param("before", before).query(String.class).list();
            if (due.isEmpty()) {
                return 0;
            }
            return jdbc.sql("DELETE FROM support_bookings WHERE id IN (:ids)").param("ids", due).update();
        });
    }
}
