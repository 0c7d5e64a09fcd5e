package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.PersonalData;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Converts the authorizations stored before payments' device data was pseudonymized (V48): in batches
 * of {@value #BATCH}, each in its own transaction, every row still holding a clear device id, user agent
 * or IP address gets their pseudonyms and, when the card has a customer, the values sealed with the
 * customer's key; the clear columns are emptied. A customer already erased keeps nothing. The request
 * fingerprint is computed again over the pseudonyms, so that a retry of such an authorization is still
 * recognised as one.
 *
 * <p>Runs at start-up, after the decision log was put into the database and before the feature state is
 * replayed from it ({@link FeatureStateReplay}), so the features are keyed by pseudonyms from the first
 * authorization on. Idempotent: a converted row holds no clear value and is not looked at again, an
 * interrupted run goes on where it stopped, and once none is left that is recorded, so later starts ask
 * nothing. The same Java on H2 and PostgreSQL.
 */
@Component
class PaymentDataConversion {

    private static final Logger log = LoggerFactory.getLogger(PaymentDataConversion.class);

    static final String NAME = "payment-device-pseudonyms";
    static final int BATCH = 500;
    private static final String ERASED = "erased";

    private final JdbcClient jdbc;
    private final Decisions decisions;
    private final TransactionTemplate transactions;
    private final PaymentDevices devices;
    private final Cards cards;
    private final PersonalData personalData;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<DeviceRecognition> recognition;

    PaymentDataConversion(JdbcClient jdbc, Decisions decisions, TransactionTemplate transactions,
            PaymentDevices devices, Cards cards, PersonalData personalData, Clock clock,
            org.springframework.beans.factory.ObjectProvider<DeviceRecognition> recognition) {
        this.recognition = recognition;
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.transactions = transactions;
        this.devices = devices;
        this.cards = cards;
        this.personalData = personalData;
        this.clock = clock;
    }

    /** Converts what is left to convert; the number of rows converted (0 when it was done before). */
    long convert() {
        if (done()) {
            return 0;
        }
        long started = System.nanoTime();
        long converted = 0;
        String after = "";
        Map<String, String> customers = new HashMap<>();
        while (true) {
            List<StoredDecision> batch = decisions.withClearDevice(after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            transactions.executeWithoutResult(status -> {
                for (StoredDecision row : batch) {
                    convert(row, customers);
                }
            });
            converted += batch.size();
            after = batch.get(batch.size() - 1).authorizationId();
            if (customers.size() > 100_000) {
                customers.clear();
            }
            if (converted % 50_000 < BATCH) {
                log.info("Pseudonymized the device data of {} stored authorizations so far", converted);
            }
        }
        try {
            long total = converted;
            transactions.executeWithoutResult(status -> jdbc.sql(
                            "INSERT INTO payment_data_conversions (name, completed_at, rows_converted) VALUES (?, ?, ?)")
                    .params(NAME, Timestamp.from(clock.instant()), total).update());
        } catch (DuplicateKeyException anotherInstanceFinished) {
            // Recorded by another instance starting at the same time.
        }
        if (converted > 0) {
            log.info("Pseudonymized the device data of {} stored authorizations in {} ms; no clear device id, user "
                    + "agent or IP address is left", converted, (System.nanoTime() - started) / 1_000_000);
        }
        return converted;
    }

    private boolean done() {
        return jdbc.sql("SELECT COUNT(*) FROM payment_data_conversions WHERE name = ?").param(NAME)
                .query(Long.class).single() > 0;
    }

    private void convert(StoredDecision row, Map<String, String> customers) {
        Authorization clear = row.authorization();
        // Per card: its customer's id, "" for none, ERASED for an erased one.
        String customerId = customers.computeIfAbsent(clear.cardToken(),
                token -> cards.find(token).map(Card::customerId)
                        .map(id -> personalData.isActive(id) ? id : ERASED).orElse(""));
        if (customerId.equals(ERASED)) {
            // Erased before the conversion: nothing of theirs stays, not even a pseudonym.
            decisions.forgetDevices(List.of(clear.cardToken()));
            return;
        }
        DeviceRecognition recognition = this.recognition.getIfAvailable();
        Authorization pseudonymous = devices.pseudonymized(clear,
                deviceId -> recognition != null && recognition.isAnshinDevice(deviceId));
        String sealed = customerId.isEmpty() ? null : devices.seal(customerId, clear);
        // The stored fingerprint was computed over the clear values: over the pseudonyms now, as a retry's is.
        String fingerprint = AuthorizationScoring.fingerprint(clear).equals(row.fingerprint())
                ? AuthorizationScoring.fingerprint(pseudonymous) : row.fingerprint();
        DeviceData device = pseudonymous.device();
        decisions.replaceClearDevice(clear.authorizationId(), device == null ? null : device.deviceId(),
                device == null ? null : device.userAgent(), pseudonymous.ipAddress(), sealed, fingerprint);
    }
}
