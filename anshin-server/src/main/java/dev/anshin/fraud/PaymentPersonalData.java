package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Identifiability;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The fraud module's personal data, catalogued and disclosed through the privacy module's port for data
 * held outside the vault, and crypto-shredded with the customer: the purchases (authorizations), the
 * devices and networks they were made from, and the fraud labels on them. Words from the payments bundle.
 */
@Component
class PaymentPersonalData implements HeldElsewhere {

    private static final Logger log = LoggerFactory.getLogger(PaymentPersonalData.class);

    static final String PURCHASES = "PURCHASES";
    static final String PAYMENT_DEVICES = "PAYMENT_DEVICES";
    static final String FRAUD_LABELS = "FRAUD_LABELS";

    /**
     * Most transactions one disclosure lists, newest first (with their devices and labels): about 2 KB each
     * in memory, so at most some 20 MB however long the history. A customer with more is told how many more
     * are held, and gets them from the privacy officer by period.
     */
    static final int DISCLOSED_TRANSACTIONS = 10_000;
    /** Rows read per query while disclosing. */
    private static final int PAGE = 1_000;

    /**
     * What purchases are used for: scoring and investigating payments and training the fraud model on them
     * (card security: operating the card), answering the person's own requests, and the anonymous spending
     * statistics (only of customers who did not opt out). Not research: the published research purpose is
     * campaigns and the web site, and the fraud model is card security. Not marketing or provision.
     */
    static final Set<Purpose> PURCHASE_PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST,
            Purpose.STATISTICS);
    /** Devices, networks and labels: card security and the person's own requests only; no statistics. */
    static final Set<Purpose> DEVICE_AND_LABEL_PURPOSES = Set.of(Purpose.SERVICE_OPERATION,
            Purpose.DATA_SUBJECT_REQUEST);

    private final JdbcClient jdbc;
    private final Cards cards;
    private final Decisions decisions;
    private final PaymentDevices devices;
    private final MessageSource messages;
    private final FraudRetentionProperties properties;
    private final ErasedCards erasedCards;

    PaymentPersonalData(JdbcClient jdbc, Cards cards, Decisions decisions, PaymentDevices devices,
            MessageSource messages, FraudRetentionProperties properties, ErasedCards erasedCards) {
        this.erasedCards = erasedCards;
        this.jdbc = jdbc;
        this.cards = cards;
        this.decisions = decisions;
        this.devices = devices;
        this.messages = messages;
        this.properties = properties;
    }

    /** The entries; retention worded from {@code anshin.fraud.authorization-retention}. */
    @Override
    public List<Entry> catalog() {
        Object[] retention = {properties.authorizationRetention().toDays()};
        return List.of(
                entry(PURCHASES, Sensitivity.MEDIUM, PURCHASE_PURPOSES, retention),
                entry(PAYMENT_DEVICES, Sensitivity.MEDIUM, DEVICE_AND_LABEL_PURPOSES, retention),
                entry(FRAUD_LABELS, Sensitivity.MEDIUM, DEVICE_AND_LABEL_PURPOSES, retention));
    }

    private Entry entry(String name, Sensitivity sensitivity, Set<Purpose> purposes, Object[] retention) {
        String key = "payments.catalog." + name;
        return new Entry(name, messages.getMessage(key, null, Locale.JAPANESE),
                messages.getMessage(key, null, Locale.ENGLISH), DataCategory.PRODUCT_USAGE, sensitivity,
                Identifiability.BY_EASY_LINKAGE, DataOrigin.DERIVED,
                messages.getMessage(key + ".retention", retention, Locale.ENGLISH),
                messages.getMessage(key + ".storage", null, Locale.ENGLISH), purposes);
    }

    /** One device (or network) the customer paid from, as disclosed. */
    private static final class Device {
        final String deviceId;
        final String userAgent;
        final String ipAddress;
        final boolean opened;
        Instant first;
        Instant last;
        int payments;

        Device(PaymentDevices.SealedDevice values, Instant at) {
            this.deviceId = values == null ? null : values.deviceId();
            this.userAgent = values == null ? null : values.userAgent();
            this.ipAddress = values == null ? null : values.ipAddress();
            this.opened = values != null;
            this.first = at;
            this.last = at;
        }
    }

    /**
     * The customer's cards' transactions, newest first (at most {@link #DISCLOSED_TRANSACTIONS}, read a
     * page at a time), the devices and networks they were made from (the sealed values opened; "pseudonym
     * only" where none was sealed) and the fraud labels on them.
     */
    @Override
    public List<Disclosed> disclose(String customerId) {
        Map<String, Card> owned = new LinkedHashMap<>();
        for (Card card : cards.ofCustomer(customerId)) {
            owned.put(card.token(), card);
        }
        if (owned.isEmpty()) {
            return List.of();
        }
        List<Disclosed> purchases = new ArrayList<>();
        Map<String, Device> seen = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        Instant beforeAt = null;
        String beforeId = null;
        int listed = 0;
        while (listed < DISCLOSED_TRANSACTIONS) {
            List<Row> page = page(owned.keySet(), beforeAt, beforeId, Math.min(PAGE, DISCLOSED_TRANSACTIONS - listed));
            for (Row row : page) {
                purchases.add(purchase(row, owned.get(row.cardToken())));
                ids.add(row.authorizationId());
                device(customerId, row, seen);
            }
            listed += page.size();
            if (page.size() < PAGE) {
                break;
            }
            Row last = page.get(page.size() - 1);
            beforeAt = last.occurredAt();
            beforeId = last.authorizationId();
        }
        List<Disclosed> disclosed = new ArrayList<>(purchases);
        if (listed >= DISCLOSED_TRANSACTIONS) {
            long held = jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE card_token IN (:cards)")
                    .param("cards", owned.keySet()).query(Long.class).single();
            if (held > listed) {
                Object[] more = {listed, held - listed};
                disclosed.add(new Disclosed(PURCHASES, messages.getMessage("payments.disclosure.more", more,
                        Locale.JAPANESE), messages.getMessage("payments.disclosure.more", more, Locale.ENGLISH),
                        Map.of("listed", Long.toString(listed), "notListed", Long.toString(held - listed))));
            }
        }
        for (Device device : seen.values()) {
            disclosed.add(device(device));
        }
        disclosed.addAll(labels(ids));
        return disclosed;
    }

    private record Row(String authorizationId, String cardToken, Instant occurredAt, long amountMinor, String currency,
            String merchantId, String merchantName, String mcc, String merchantCountry, boolean cardPresent,
            String decision, String deviceKey, String userAgentKey, String ipKey, String sealed) {
    }

    private List<Row> page(Set<String> tokens, Instant beforeAt, String beforeId, int limit) {
        String after = beforeAt == null ? "" : " AND (occurred_at < :at OR (occurred_at = :at AND authorization_id < :id))";
        var sql = jdbc.sql("SELECT authorization_id, card_token, occurred_at, amount_minor, currency, merchant_id, "
                        + "merchant_name, mcc, merchant_country, card_present, decision, device_key, user_agent_key, "
                        + "ip_key, device_sealed FROM authorizations WHERE card_token IN (:cards)" + after
                        + " ORDER BY occurred_at DESC, authorization_id DESC LIMIT " + limit)
                .param("cards", tokens);
        if (beforeAt != null) {
            sql = sql.param("at", Timestamp.from(beforeAt)).param("id", beforeId);
        }
        return sql.query((rs, n) -> new Row(rs.getString("authorization_id"), rs.getString("card_token"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getLong("amount_minor"), rs.getString("currency"),
                        rs.getString("merchant_id"), rs.getString("merchant_name"), rs.getString("mcc"),
                        rs.getString("merchant_country"), rs.getBoolean("card_present"), rs.getString("decision"),
                        rs.getString("device_key"), rs.getString("user_agent_key"), rs.getString("ip_key"),
                        rs.getString("device_sealed")))
                .list();
    }

    private Disclosed purchase(Row row, Card card) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("authorizationId", row.authorizationId());
        values.put("time", row.occurredAt().toString());
        values.put("amountMinor", Long.toString(row.amountMinor()));
        values.put("currency", row.currency());
        values.put("merchantName", row.merchantName() == null ? "" : row.merchantName());
        values.put("merchantId", row.merchantId());
        values.put("mcc", row.mcc());
        values.put("merchantCountry", row.merchantCountry());
        values.put("cardPresent", Boolean.toString(row.cardPresent()));
        values.put("decision", row.decision());
        values.put("cardLast4", card == null ? "" : card.last4());
        return new Disclosed(PURCHASES, purchaseText(row, card, Locale.JAPANESE),
                purchaseText(row, card, Locale.ENGLISH), values);
    }

    private String purchaseText(Row row, Card card, Locale locale) {
        String merchant = row.merchantName() == null ? row.merchantId() : row.merchantName();
        return messages.getMessage("payments.disclosure.purchase", new Object[] {Display.time(row.occurredAt()),
                Display.money(row.amountMinor(), row.currency(), locale), merchant, row.merchantId(), row.mcc(),
                row.merchantCountry(), messages.getMessage("payments.disclosure.present." + row.cardPresent(), null,
                        locale),
                messages.getMessage("payments.disclosure.decision." + row.decision(), null, row.decision(), locale),
                card == null ? "" : card.last4(), row.authorizationId()}, locale);
    }

    private void device(String customerId, Row row, Map<String, Device> seen) {
        if (row.deviceKey() == null && row.userAgentKey() == null && row.ipKey() == null && row.sealed() == null) {
            return;
        }
        String key = row.deviceKey() + "|" + row.userAgentKey() + "|" + row.ipKey();
        Device device = seen.get(key);
        if (device == null || !device.opened && row.sealed() != null) {
            PaymentDevices.SealedDevice values = devices.open(customerId, row.authorizationId(), row.sealed())
                    .orElse(null);
            Device replaced = new Device(values, row.occurredAt());
            if (device != null) {
                replaced.first = device.first;
                replaced.last = device.last;
                replaced.payments = device.payments;
            }
            device = replaced;
            seen.put(key, device);
        }
        device.payments++;
        if (row.occurredAt().isBefore(device.first)) {
            device.first = row.occurredAt();
        }
        if (row.occurredAt().isAfter(device.last)) {
            device.last = row.occurredAt();
        }
    }

    private Disclosed device(Device device) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("deviceId", device.opened ? nullToEmpty(device.deviceId) : "");
        values.put("userAgent", device.opened ? nullToEmpty(device.userAgent) : "");
        values.put("ipAddress", device.opened ? nullToEmpty(device.ipAddress) : "");
        values.put("held", device.opened ? "sealed" : "pseudonym-only");
        values.put("firstPayment", device.first.toString());
        values.put("lastPayment", device.last.toString());
        values.put("payments", Integer.toString(device.payments));
        return new Disclosed(PAYMENT_DEVICES, deviceText(device, Locale.JAPANESE), deviceText(device, Locale.ENGLISH),
                values);
    }

    private String deviceText(Device device, Locale locale) {
        String none = messages.getMessage("payments.disclosure.none", null, locale);
        if (!device.opened) {
            return messages.getMessage("payments.disclosure.device.pseudonymous", new Object[] {
                    Display.time(device.first), Display.time(device.last), device.payments}, locale);
        }
        return messages.getMessage("payments.disclosure.device", new Object[] {
                device.deviceId == null ? none : device.deviceId, device.userAgent == null ? none : device.userAgent,
                device.ipAddress == null ? none : device.ipAddress, Display.time(device.first),
                Display.time(device.last), device.payments}, locale);
    }

    private List<Disclosed> labels(List<String> authorizationIds) {
        List<Disclosed> disclosed = new ArrayList<>();
        for (int from = 0; from < authorizationIds.size(); from += PAGE) {
            List<String> ids = authorizationIds.subList(from, Math.min(authorizationIds.size(), from + PAGE));
            jdbc.sql("SELECT authorization_id, source, fraud, reported_at, known_at FROM fraud_labels "
                            + "WHERE authorization_id IN (:ids) ORDER BY known_at, authorization_id, source")
                    .param("ids", ids)
                    .query(rs -> {
                        Timestamp reported = rs.getTimestamp("reported_at");
                        Instant knownAt = rs.getTimestamp("known_at").toInstant();
                        String id = rs.getString("authorization_id");
                        String source = rs.getString("source");
                        boolean fraud = rs.getBoolean("fraud");
                        Map<String, String> values = new LinkedHashMap<>();
                        values.put("authorizationId", id);
                        values.put("source", source);
                        values.put("fraud", Boolean.toString(fraud));
                        values.put("reportedAt", reported == null ? "" : reported.toInstant().toString());
                        values.put("knownAt", knownAt.toString());
                        disclosed.add(new Disclosed(FRAUD_LABELS, labelText(id, source, fraud, knownAt, Locale.JAPANESE),
                                labelText(id, source, fraud, knownAt, Locale.ENGLISH), values));
                    });
        }
        return disclosed;
    }

    private String labelText(String authorizationId, String source, boolean fraud, Instant knownAt, Locale locale) {
        return messages.getMessage("payments.disclosure.label", new Object[] {authorizationId,
                messages.getMessage("payments.disclosure.label.source." + source, null, source, locale),
                messages.getMessage("payments.disclosure.label.fraud." + fraud, null, locale),
                Display.time(knownAt)}, locale);
    }

    /**
     * In the erasure's transaction (and again when an erasure is replayed from the erasure journal after a
     * restore): the customer's cards' authorizations lose their device and network pseudonyms and sealed
     * values (already unreadable, the key being gone). The purchases themselves stay until their retention
     * ends, naming a card token whose customer no longer exists. The customer's decisions still in the decision
     * log get the same when they are indexed ({@link ErasedCards}).
     */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        List<String> tokens = cards.ofCustomer(erased.customerId()).stream().map(Card::token).toList();
        // Before the update: decisions of these cards still in the decision log are stored without device data.
        erasedCards.erased(tokens);
        int forgotten = decisions.forgetDevices(tokens);
        if (forgotten > 0) {
            log.info("Removed the device data of {} authorizations of an erased customer", forgotten);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
