package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
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
import java.util.function.Consumer;
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
     * Transactions the readable page lists, newest first (and a request's sealed disclosure keeps): about
     * 2 KB each in memory. A customer with more is told how many are held, and the JSON and CSV downloads
     * give every one ({@link #stream}, a page at a time). Devices and labels cover every transaction.
     */
    static final int LISTED_TRANSACTIONS = 1_000;
    /** Rows read per query while disclosing: what is in memory at once, however long the history. */
    static final int PAGE = 1_000;
    /** The named values of every disclosed purchase, in order (the CSV download's header is sized by them). */
    static final List<String> PURCHASE_KEYS = List.of("authorizationId", "time", "amountMinor", "currency",
            "merchantName", "merchantId", "mcc", "merchantCountry", "cardPresent", "decision", "cardLast4");

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
        return Entry.worded(messages, key, name, DataCategory.PRODUCT_USAGE, sensitivity, DataOrigin.DERIVED,
                retention, purposes);
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
     * The customer's cards' newest transactions (at most {@link #LISTED_TRANSACTIONS}, and how many are held
     * when there are more), the devices and networks all of them were made from (the sealed values opened;
     * "pseudonym only" where none was sealed) and every fraud label on them. Every transaction is read once,
     * a page at a time, and only the listed ones and one entry per device are kept.
     */
    @Override
    public List<Disclosed> disclose(String customerId) {
        Map<String, Card> owned = owned(customerId);
        if (owned.isEmpty()) {
            return List.of();
        }
        List<Disclosed> purchases = new ArrayList<>();
        Map<String, Device> seen = new LinkedHashMap<>();
        long held = each(owned.keySet(), null, row -> {
            if (purchases.size() < LISTED_TRANSACTIONS) {
                purchases.add(purchase(row, owned.get(row.cardToken())));
            }
            device(customerId, row, seen);
        });
        List<Disclosed> disclosed = new ArrayList<>();
        if (held > purchases.size()) {
            // First: the page shows it above the listed transactions.
            Object[] more = {purchases.size(), held - purchases.size()};
            disclosed.add(new Disclosed(PURCHASES, messages.getMessage("payments.disclosure.more", more,
                    Locale.JAPANESE), messages.getMessage("payments.disclosure.more", more, Locale.ENGLISH),
                    Map.of("listed", Integer.toString(purchases.size()), "notListed", Long.toString(held - purchases.size()))));
        }
        disclosed.addAll(purchases);
        for (Device device : seen.values()) {
            disclosed.add(device(device));
        }
        disclosed.addAll(labels(owned.keySet()));
        return disclosed;
    }

    @Override
    public List<LongEntry> longEntries() {
        return List.of(new LongEntry(PURCHASES, PURCHASE_KEYS));
    }

    /** Every transaction of the customer's cards that occurred by {@code heldAt}, newest first, as read. */
    @Override
    public long stream(String customerId, String entry, Instant heldAt, Consumer<Disclosed> each) {
        if (!PURCHASES.equals(entry)) {
            throw new UnsupportedOperationException(entry + " is not a long entry");
        }
        Map<String, Card> owned = owned(customerId);
        if (owned.isEmpty()) {
            return 0;
        }
        return each(owned.keySet(), heldAt, row -> each.accept(purchase(row, owned.get(row.cardToken()))));
    }

    private Map<String, Card> owned(String customerId) {
        Map<String, Card> owned = new LinkedHashMap<>();
        for (Card card : cards.ofCustomer(customerId)) {
            owned.put(card.token(), card);
        }
        return owned;
    }

    /**
     * Hands every transaction of the cards (that occurred by {@code heldAt}, if given) to {@code each}, newest
     * first, reading {@link #PAGE} at a time after the last one read (keyset paging: no page is re-read or
     * skipped however many there are, and no more than a page is ever in memory). Returns how many.
     */
    private long each(Set<String> tokens, Instant heldAt, Consumer<Row> each) {
        long read = 0;
        Row last = null;
        while (true) {
            List<Row> page = page(tokens, heldAt, last, PAGE);
            page.forEach(each);
            read += page.size();
            if (page.size() < PAGE) {
                return read;
            }
            last = page.get(page.size() - 1);
        }
    }

    private record Row(String authorizationId, String cardToken, Instant occurredAt, long amountMinor, String currency,
            String merchantId, String merchantName, String mcc, String merchantCountry, boolean cardPresent,
            String decision, String deviceKey, String userAgentKey, String ipKey, String sealed) {
    }

    private List<Row> page(Set<String> tokens, Instant heldAt, Row after, int limit) {
        String sql = "SELECT authorization_id, card_token, occurred_at, amount_minor, currency, merchant_id, "
                + "merchant_name, mcc, merchant_country, card_present, decision, device_key, user_agent_key, "
                + "ip_key, device_sealed FROM authorizations WHERE card_token IN (:cards)"
                + (heldAt == null ? "" : " AND occurred_at <= :heldAt")
                + (after == null ? "" : " AND (occurred_at < :at OR (occurred_at = :at AND authorization_id < :id))")
                + " ORDER BY occurred_at DESC, authorization_id DESC LIMIT " + limit;
        var query = jdbc.sql(sql).param("cards", tokens);
        if (heldAt != null) {
            query = query.param("heldAt", Timestamp.from(heldAt));
        }
        if (after != null) {
            query = query.param("at", Timestamp.from(after.occurredAt())).param("id", after.authorizationId());
        }
        return query.query((rs, n) -> new Row(rs.getString("authorization_id"), rs.getString("card_token"),
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

    /** Every fraud label on the cards' transactions: few (one per reported or confirmed fraud, at most). */
    private List<Disclosed> labels(Set<String> tokens) {
        List<Disclosed> disclosed = new ArrayList<>();
        jdbc.sql("SELECT l.authorization_id, l.source, l.fraud, l.reported_at, l.known_at FROM fraud_labels l "
                        + "JOIN authorizations a ON a.authorization_id = l.authorization_id WHERE a.card_token IN (:cards) "
                        + "ORDER BY l.known_at, l.authorization_id, l.source")
                .param("cards", tokens)
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
