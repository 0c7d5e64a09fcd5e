package dev.anshin.devices;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.FraudConfirmed;
import dev.anshin.problems.Ids;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * Confirmed frauds reach devices the way they reach terminals: an authorization made from a device
 * Anshin knows (its device id is one of ours) counts against that device; a fraud on a card whose
 * customer is linked to devices counts, weaker, against those devices (the fraudster may have used
 * another device: a stolen card's owner is a victim, which is why this is a reason of its own).
 */
@Component
class DeviceFrauds {

    private static final Logger log = LoggerFactory.getLogger(DeviceFrauds.class);

    static final String ON_DEVICE = "DEVICE";
    static final String ON_LINKED_CARD = "LINKED_CARD";

    private final DeviceStore store;
    private final Cards cards;

    DeviceFrauds(DeviceStore store, Cards cards) {
        this.store = store;
        this.cards = cards;
    }

    /**
     * After the label committed, in a transaction of its own: what Spring Modulith's
     * {@code @ApplicationModuleListener} stands for (its annotation's jar, spring-modulith-events-api, is not
     * on the class path yet). The fraud module publishes after its commit, outside any transaction, so this
     * runs at once ({@code fallbackExecution}); published inside one, it waits for its commit. Heard once per
     * confirmed fraud label (two sources confirming one authorization: twice), recorded once per device and
     * authorization. A failure is logged and never reaches the labeller (the label stands).
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(FraudConfirmed fraud) {
        try {
            String customerId = cards.find(fraud.cardToken()).map(Card::customerId).orElse(null);
            if (fraud.deviceId() != null && Ids.isUuid(fraud.deviceId()) && store.exists(fraud.deviceId())) {
                store.recordFraud(fraud.deviceId(), fraud.authorizationId(), ON_DEVICE, fraud.occurredAt(),
                        fraud.knownAt(), customerId);
            }
            if (customerId != null) {
                for (String deviceId : store.devicesOf(customerId)) {
                    // Known against the device from when both were known: the fraud, and the device's link to
                    // the card's customer (a fraud reported as known before the link must not reach back).
                    Instant linkedAt = store.linkedAt(deviceId, customerId).orElse(fraud.knownAt());
                    store.recordFraud(deviceId, fraud.authorizationId(), ON_LINKED_CARD, fraud.occurredAt(),
                            linkedAt.isAfter(fraud.knownAt()) ? linkedAt : fraud.knownAt(), customerId);
                }
            }
        } catch (RuntimeException e) {
            log.warn("A confirmed fraud could not be recorded against devices: {}", e.toString());
        }
    }
}
