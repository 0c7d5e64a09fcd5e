package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.PersonalData;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The cards of customers erased while their decisions may still be in the decision log (acknowledged, not yet
 * in the database), so that the {@link DecisionIndexer} stores those decisions without their device data, as
 * the erasure's update left the rows already stored ({@link PaymentPersonalData#onCustomerErased}).
 *
 * <p>Live, the erasure names its cards here before its update ({@link #erased}); the indexer asks inside its
 * inserting transaction, and again after the commit. Either the indexer's commit came before the cards were
 * named, and so before the erasure's update, which then finds the rows; or the indexer finds them named, in
 * the transaction or after it. Held in memory from the erasure on, a few tokens per erased customer. After a
 * restart the log is put into the database before anything else; then each card of the replayed decisions is
 * asked of the cards and privacy modules ({@link #erasedInDatabase}), once per card. An erasure made by
 * another server sharing the database is learnt within seconds while this one runs ({@link ErasuresElsewhere}).
 */
@Component
class ErasedCards {

    /** For a journal without the fraud module's other beans (unit tests): no card is erased. */
    static final ErasedCards NONE = new ErasedCards(cardToken -> false);

    /** Whether a card's customer is erased, asked of the database. */
    private final Predicate<String> customerErased;
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    @Autowired
    ErasedCards(Cards cards, PersonalData personalData) {
        this(cardToken -> {
            String customerId = cards.find(cardToken).map(Card::customerId).orElse(null);
            return customerId != null && !personalData.isActive(customerId);
        });
    }

    ErasedCards(Predicate<String> customerErased) {
        this.customerErased = customerErased;
    }

    /**
     * The erasure, before its update (or {@link ErasuresElsewhere}, learning of an erasure another server made,
     * before its own update): decisions of these cards indexed from now on keep no device data. Answers the
     * cards not named before.
     */
    List<String> erased(Collection<String> cardTokens) {
        List<String> added = cardTokens.stream().filter(erased::add).toList();
        if (!added.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        added.forEach(erased::remove); // not erased after all
                    }
                }
            });
        }
        return added;
    }

    /** The cards of decisions carrying device data that an erasure named since the start. */
    Set<String> erasedAmong(List<StoredDecision> rows) {
        Set<String> found = new LinkedHashSet<>();
        if (erased.isEmpty()) {
            return found;
        }
        for (StoredDecision row : rows) {
            if (hasDeviceData(row) && erased.contains(row.authorization().cardToken())) {
                found.add(row.authorization().cardToken());
            }
        }
        return found;
    }

    /**
     * The cards of decisions carrying device data whose customer is erased, asked of the database (the
     * decision log replayed at start, erasures made before it included). {@code answers} remembers each
     * card's answer for the rest of the replay.
     */
    Set<String> erasedInDatabase(List<StoredDecision> rows, Map<String, Boolean> answers) {
        Set<String> found = erasedAmong(rows);
        for (StoredDecision row : rows) {
            String token = row.authorization().cardToken();
            if (hasDeviceData(row) && answers.computeIfAbsent(token, customerErased::test)) {
                found.add(token);
            }
        }
        return found;
    }

    /** A fresh memory of answers for one replay. */
    static Map<String, Boolean> answers() {
        return new HashMap<>();
    }

    private static boolean hasDeviceData(StoredDecision row) {
        Authorization authorization = row.authorization();
        DeviceData device = authorization.device();
        return row.sealedDevice() != null || authorization.ipAddress() != null
                || device != null && (device.deviceId() != null || device.userAgent() != null);
    }
}
