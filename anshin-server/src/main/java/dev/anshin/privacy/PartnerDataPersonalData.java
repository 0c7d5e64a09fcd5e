package dev.anshin.privacy;

import dev.anshin.site.Display;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Data received from partners as personal data: its two catalog entries (the data, and the confirmation
 * records), its disclosure to the person in both languages with named values, and its erasure with the
 * person: the data goes in the erasure's transaction (it is also unreadable at once, sealed with the
 * destroyed key); the confirmation records stay until their 3 years end, as the provision records do,
 * since the law asks the issuer to keep them (APPI Art. 30(4)); they hold ids and words, no value.
 */
@Component
class PartnerDataPersonalData implements HeldElsewhere {

    private static final Logger log = LoggerFactory.getLogger(PartnerDataPersonalData.class);

    static final String RECEIPTS = "PARTNER_RECEIPTS";
    static final String RECORDS = "CONFIRMATION_RECORDS";

    /**
     * What the data received may be used for: the published purposes a provider's data can be received for
     * (each provider names one; the person may opt out of it), and the person's own requests.
     */
    static final Set<Purpose> RECEIPT_PURPOSES = purposes();

    /** The records are kept because the law asks; used only to answer the person (and the regulator). */
    static final Set<Purpose> RECORD_PURPOSES = Set.of(Purpose.DATA_SUBJECT_REQUEST);

    private final PartnerReceiptStore store;
    private final PartnerReceipts receipts;
    private final MessageSource messages;
    private final PartnerDataProperties properties;

    PartnerDataPersonalData(PartnerReceiptStore store, PartnerReceipts receipts, MessageSource messages,
            PartnerDataProperties properties) {
        this.store = store;
        this.receipts = receipts;
        this.messages = messages;
        this.properties = properties;
    }

    private static Set<Purpose> purposes() {
        Set<Purpose> purposes = EnumSet.copyOf(PartnerProviders.receivablePurposes());
        purposes.add(Purpose.DATA_SUBJECT_REQUEST);
        return Set.copyOf(purposes);
    }

    @Override
    public List<Entry> catalog() {
        return List.of(
                entry(RECEIPTS, Sensitivity.MEDIUM, RECEIPT_PURPOSES, properties.receiptRetention().toDays()),
                entry(RECORDS, Sensitivity.LOW, RECORD_PURPOSES, PartnerDataProperties.RECORD_RETENTION.toDays()));
    }

    private Entry entry(String name, Sensitivity sensitivity, Set<Purpose> purposes, long days) {
        String key = "partner.catalog." + name;
        return Entry.worded(messages, key, name, DataCategory.PRODUCT_USAGE, sensitivity, DataOrigin.PARTNER,
                new Object[] {days}, purposes);
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        List<Disclosed> disclosed = new ArrayList<>();
        Map<String, ConfirmationRecord> records = new LinkedHashMap<>();
        for (ConfirmationRecord record : store.recordsOf(customerId)) {
            records.put(record.id(), record);
        }
        for (PartnerReceiptStore.StoredReceipt receipt : store.receiptsOf(customerId)) {
            ConfirmationRecord record = records.get(receipt.recordId());
            for (PartnerReceipts.Item item : receipts.itemsOf(receipt)) {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("receiptId", record.receiptId());
                values.put("provider", record.providerNameEn());
                values.put("receivedAt", record.receivedAt().toString());
                values.put("kind", item.kind().name());
                values.putAll(item.values());
                disclosed.add(new Disclosed(RECEIPTS, itemText(record, item, Locale.JAPANESE),
                        itemText(record, item, Locale.ENGLISH), values));
            }
        }
        for (ConfirmationRecord record : records.values()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("recordId", record.id());
            values.put("receiptId", record.receiptId());
            values.put("providerNameJa", record.providerNameJa());
            values.put("providerNameEn", record.providerNameEn());
            values.put("providerAddress", record.providerAddress());
            values.put("providerRepresentative", record.providerRepresentative());
            values.put("howObtained", record.howObtained().name());
            if (record.ppcFilingNumber() != null) {
                values.put("ppcFilingNumber", record.ppcFilingNumber());
            }
            values.put("obtainedOn", record.obtainedOn().toString());
            values.put("receivedAt", record.receivedAt().toString());
            values.put("items", PartnerProviders.names(record.items()));
            values.put("itemCount", Integer.toString(record.itemCount()));
            values.put("purpose", record.purpose().name());
            values.put("recordedAt", record.recordedAt().toString());
            values.put("keptUntil", record.recordedAt().plus(PartnerDataProperties.RECORD_RETENTION).toString());
            disclosed.add(new Disclosed(RECORDS, recordText(record, Locale.JAPANESE), recordText(record, Locale.ENGLISH),
                    values));
        }
        return disclosed;
    }

    private String itemText(ConfirmationRecord record, PartnerReceipts.Item item, Locale locale) {
        String provider = ja(locale) ? record.providerNameJa() : record.providerNameEn();
        Map<String, String> v = item.values();
        if (item.kind() == PartnerItemKind.PURCHASES) {
            long amount = Long.parseLong(v.get("amount"));
            return messages.getMessage("partner.disclosure.purchase", new Object[] {provider, v.get("date"),
                    Display.money(amount, v.get("currency"), locale), v.get("storeName"), v.get("merchantCategory")},
                    locale);
        }
        return messages.getMessage("partner.disclosure.points", new Object[] {provider, v.get("date"), v.get("points"),
                v.getOrDefault("storeName", "-")}, locale);
    }

    private String recordText(ConfirmationRecord record, Locale locale) {
        boolean ja = ja(locale);
        String items = record.items().stream()
                .map(kind -> messages.getMessage("partner.item." + kind.name(), null, locale))
                .collect(Collectors.joining(ja ? "、" : ", "));
        String how = messages.getMessage("partner.how." + record.howObtained().name(), null, locale)
                + (record.ppcFilingNumber() == null ? "" : " (" + record.ppcFilingNumber() + ")");
        return messages.getMessage("partner.disclosure.record", new Object[] {
                ja ? record.providerNameJa() : record.providerNameEn(), record.providerAddress(),
                record.providerRepresentative(), how, Display.date(record.obtainedOn()),
                Display.time(record.receivedAt()), items, record.itemCount(),
                ja ? record.purpose().labelJa() : record.purpose().labelEn(),
                Display.date(record.recordedAt().plus(PartnerDataProperties.RECORD_RETENTION))}, locale);
    }

    private static boolean ja(Locale locale) {
        return "ja".equals(locale.getLanguage());
    }

    /** In the erasure's transaction: the data received goes; the confirmation records stay (ids and words). */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        int deleted = store.eraseReceipts(erased.customerId());
        if (deleted > 0) {
            log.info("Deleted {} partner receipts of an erased customer", deleted);
        }
    }
}
