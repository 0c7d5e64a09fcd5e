package dev.anshin.privacy;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data received from partners (APPI Art. 30), each receipt with its confirmation record. A receipt is
 * taken only whole: its record present and valid, from a registered provider this client sends for,
 * only items of the kinds the provider is registered for, about a customer the issuer holds, who has
 * not opted out of the published purpose the provider's data is received for ({@link
 * PersonalData#receiveFromPartner}). Otherwise it is refused with its own problem type and nothing is
 * stored. The items are sealed with the customer's own key (crypto-shredded with them); the record keeps
 * ids and words only. Idempotent on the provider's receipt id: the same receipt again answers the one
 * stored, another receipt under the same id is a conflict.
 */
@Service
public class PartnerReceipts {

    /** A receipt as answered to the partner: its record, never the data back. */
    public record Received(String receiptId, String recordId, String providerId, Set<PartnerItemKind> items,
            int itemCount, Instant receivedAt, Instant recordedAt, Instant recordKeptUntil, boolean dataHeld) {
    }

    /** A receipt, and whether this call stored it (false for a retry). */
    public record Outcome(Received received, boolean created) {
    }

    /** One item as sealed and disclosed: its kind and named values. */
    record Item(PartnerItemKind kind, Map<String, String> values) {
    }

    static final String SEAL_CONTEXT = "partner-receipt/";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern MCC = Pattern.compile("[0-9]{4}");
    private static final Pattern FILING = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    /** No date of a receipt is earlier (what PostgreSQL and H2 both keep, and no partner data is older). */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final long MAX_AMOUNT = 1_000_000_000_000L;
    private static final long MAX_POINTS = 1_000_000_000L;

    private final PersonalData personalData;
    private final PartnerProviders providers;
    private final PartnerReceiptStore store;
    private final PartnerDataProperties properties;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    PartnerReceipts(PersonalData personalData, PartnerProviders providers, PartnerReceiptStore store,
            PartnerDataProperties properties, AuditLog audit, JsonMapper json, Clock clock) {
        this.personalData = personalData;
        this.providers = providers;
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Takes one receipt from the partner's client {@code apiClient} (its name in the registry). */
    Outcome receive(Actor partner, String apiClient, PartnerReceiptBody body) {
        if (body == null) {
            throw RequestProblem.invalid("receiptId", "is required");
        }
        String receiptId = body.receiptId();
        if (receiptId == null || receiptId.isBlank() || receiptId.length() > 64 || !Ids.isToken(receiptId)) {
            throw RequestProblem.invalid("receiptId", "1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        PartnerReceiptBody.ConfirmationRecordBody given = body.confirmationRecord();
        if (given == null) {
            throw new RequestProblem(ProblemType.CONFIRMATION_RECORD_MISSING, "Data from a partner is taken only with "
                    + "its confirmation record (APPI Art. 30): the provider, how it obtained the data and when. "
                    + "Nothing was stored.", List.of(new FieldProblem("confirmationRecord", "is required")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Checked record = checkRecord(given, now);
        PartnerProvider provider = providers.find(record.providerId())
                .filter(p -> p.apiClient().equals(apiClient))
                .orElseThrow(() -> {
                    // Only an id that could be one goes into the audit log (its resource is short, and a
                    // client's text is not echoed).
                    refused(partner, "partner-provider/" + (record.providerId().matches("[a-z0-9-]{1,64}")
                            ? record.providerId() : "?"), null, "provider-unknown");
                    return new RequestProblem(ProblemType.PROVIDER_UNKNOWN, "No provider with this id is registered "
                            + "for your client; nothing was stored.",
                            List.of(new FieldProblem("confirmationRecord.providerId", "not a provider you send for")));
                });
        if (body.customerNumber() == null || PersonalField.CUSTOMER_NUMBER.check(body.customerNumber()).isPresent()) {
            throw RequestProblem.invalid("customerNumber", "the issuer's customer number: 1 to 32 letters, digits "
                    + "or hyphens");
        }
        List<Item> items = checkItems(body.items(), record.receivedAt());
        Set<PartnerItemKind> kinds = EnumSet.noneOf(PartnerItemKind.class);
        items.forEach(item -> kinds.add(item.kind()));
        List<FieldProblem> outside = new ArrayList<>();
        for (PartnerItemKind kind : kinds) {
            if (!provider.items().contains(kind)) {
                outside.add(new FieldProblem("items." + field(kind), kind + " is not an item this provider may provide"));
            }
        }
        if (!outside.isEmpty()) {
            refused(partner, "partner-provider/" + provider.id(), provider.purpose(), "items-not-allowed " + kinds);
            throw new RequestProblem(ProblemType.ITEMS_NOT_ALLOWED, "The provider is not registered to provide some "
                    + "of the items sent; nothing was stored.", outside);
        }
        String document = json.writeValueAsString(items.stream().map(item -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", item.kind().name());
            line.put("values", item.values());
            return line;
        }).toList());
        String resource = "partner-provider/" + provider.id() + " receipt=" + receiptId;
        try {
            return receive(partner, provider, receiptId, record, body.customerNumber(), kinds, items.size(), document,
                    now, resource);
        } catch (DuplicateKeyException receivedMeanwhile) {
            // The same receipt sent twice at once: the second answers as a retry of the first.
            return receive(partner, provider, receiptId, record, body.customerNumber(), kinds, items.size(), document,
                    now, resource);
        }
    }

    private Outcome receive(Actor partner, PartnerProvider provider, String receiptId, Checked record,
            String customerNumber, Set<PartnerItemKind> kinds, int count, String document, Instant now,
            String resource) {
        java.util.function.Function<String, Optional<Outcome>> retry = customerId -> {
            String digest = digest(provider.id(), receiptId, customerId, record, document);
            Optional<ConfirmationRecord> earlier = store.byReceipt(provider.id(), receiptId);
            if (earlier.isPresent()) {
                boolean same = earlier.get().customerId().equals(customerId)
                        && store.digestOf(earlier.get().id()).map(digest::equals).orElse(false);
                if (!same) {
                    throw RequestProblem.conflict("This receipt id was used for a different receipt (or its data "
                            + "is no longer held).");
                }
                return Optional.of(new Outcome(view(earlier.get()), false));
            }
            return Optional.empty();
        };
        return personalData.receiveFromPartner(partner, resource, provider.purpose(), customerNumber, retry,
                customerId -> {
            String digest = digest(provider.id(), receiptId, customerId, record, document);
            Optional<Outcome> earlier = retry.apply(customerId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            String recordId = UUID.randomUUID().toString();
            ConfirmationRecord made = new ConfirmationRecord(recordId, provider.id(), receiptId, provider.nameJa(),
                    provider.nameEn(), provider.address(), provider.representative(), record.howObtained(),
                    record.ppcFilingNumber(), record.obtainedOn(), record.receivedAt(), customerId, kinds, count,
                    provider.purpose(), partner.name(), now, true);
            store.insert(made, digest, personalData.seal(customerId, SEAL_CONTEXT + recordId, document));
            return new Outcome(view(made), true);
        }, outcome -> outcome.created()
                ? "record=" + outcome.received().recordId() + " items=" + PartnerProviders.names(kinds) + ":" + count
                : "retry; nothing changed");
    }

    /** The most recent confirmation records, newest first (ids and words, no data). */
    public List<ConfirmationRecord> recentRecords(int limit) {
        return store.recent(Math.max(1, Math.min(limit, 1000)));
    }

    Received view(ConfirmationRecord record) {
        return new Received(record.receiptId(), record.id(), record.providerId(), record.items(), record.itemCount(),
                record.receivedAt(), record.recordedAt(), record.recordedAt().plus(PartnerDataProperties.RECORD_RETENTION),
                record.dataHeld());
    }

    /** The items held about the customer, opened with their key (empty once they are erased). */
    List<Item> itemsOf(PartnerReceiptStore.StoredReceipt receipt) {
        return personalData.open(receipt.customerId(), SEAL_CONTEXT + receipt.recordId(), receipt.sealedItems())
                .map(this::items).orElse(List.of());
    }

    private List<Item> items(String document) {
        List<Item> items = new ArrayList<>();
        for (var line : json.readTree(document)) {
            Map<String, String> values = new LinkedHashMap<>();
            line.get("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
            items.add(new Item(PartnerItemKind.valueOf(line.get("kind").asString()), values));
        }
        return items;
    }

    private record Checked(String providerId, HowObtained howObtained, String ppcFilingNumber, LocalDate obtainedOn,
            Instant receivedAt) {
    }

    private static Checked checkRecord(PartnerReceiptBody.ConfirmationRecordBody given, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        String prefix = "confirmationRecord.";
        if (given.providerId() == null || given.providerId().isBlank()) {
            problems.add(new FieldProblem(prefix + "providerId", "is required"));
        }
        HowObtained how = null;
        if (given.howObtained() == null) {
            problems.add(new FieldProblem(prefix + "howObtained", "is required: one of " + List.of(HowObtained.values())));
        } else {
            try {
                how = HowObtained.valueOf(given.howObtained());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(prefix + "howObtained", "one of " + List.of(HowObtained.values())));
            }
        }
        if (how == HowObtained.OPT_OUT_FILED) {
            if (given.ppcFilingNumber() == null || !FILING.matcher(given.ppcFilingNumber()).matches()) {
                problems.add(new FieldProblem(prefix + "ppcFilingNumber", "required for OPT_OUT_FILED: the filing "
                        + "number the PPC published, 1 to 64 letters, digits or hyphens"));
            }
        } else if (given.ppcFilingNumber() != null) {
            problems.add(new FieldProblem(prefix + "ppcFilingNumber", "only for OPT_OUT_FILED"));
        }
        Instant receivedAt = null;
        if (given.receivedAt() == null) {
            problems.add(new FieldProblem(prefix + "receivedAt", "is required"));
        } else {
            try {
                receivedAt = OffsetDateTime.parse(given.receivedAt()).toInstant().truncatedTo(ChronoUnit.MICROS);
                if (receivedAt.isAfter(now.plusSeconds(300))) {
                    problems.add(new FieldProblem(prefix + "receivedAt", "must not be in the future"));
                    receivedAt = null;
                } else if (receivedAt.isBefore(EARLIEST.atStartOfDay(Display.ZONE).toInstant())) {
                    problems.add(new FieldProblem(prefix + "receivedAt", "must not be before " + EARLIEST));
                    receivedAt = null;
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(prefix + "receivedAt", "an ISO-8601 time with offset, such as "
                        + "2026-12-07T10:15:00+09:00"));
            }
        }
        LocalDate obtainedOn = null;
        if (given.obtainedOn() == null) {
            problems.add(new FieldProblem(prefix + "obtainedOn", "is required"));
        } else {
            try {
                obtainedOn = LocalDate.parse(given.obtainedOn());
                if (obtainedOn.isBefore(EARLIEST)) {
                    problems.add(new FieldProblem(prefix + "obtainedOn", "must not be before " + EARLIEST));
                } else if (obtainedOn.isAfter(now.atZone(Display.ZONE).toLocalDate())) {
                    problems.add(new FieldProblem(prefix + "obtainedOn", "must not be in the future"));
                } else if (receivedAt != null && obtainedOn.isAfter(receivedAt.atZone(Display.ZONE).toLocalDate())) {
                    problems.add(new FieldProblem(prefix + "obtainedOn", "must not be after receivedAt"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(prefix + "obtainedOn", "a date yyyy-MM-dd"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestProblem(ProblemType.CONFIRMATION_RECORD_INVALID, "The confirmation record has missing "
                    + "or impossible fields; nothing was stored.", problems);
        }
        return new Checked(given.providerId(), how, given.ppcFilingNumber(), obtainedOn, receivedAt);
    }

    private List<Item> checkItems(PartnerReceiptBody.Items given, Instant receivedAt) {
        if (given == null) {
            throw RequestProblem.invalid("items", "is required");
        }
        List<PartnerReceiptBody.Purchase> purchases = given.purchases() == null ? List.of() : given.purchases();
        List<PartnerReceiptBody.PointMovement> points = given.points() == null ? List.of() : given.points();
        if (purchases.isEmpty() && points.isEmpty()) {
            throw RequestProblem.invalid("items", "send at least one item");
        }
        if (purchases.size() + points.size() > properties.maxItems()) {
            throw RequestProblem.invalid("items", "at most " + properties.maxItems() + " items in one receipt");
        }
        LocalDate latest = receivedAt.atZone(Display.ZONE).toLocalDate();
        List<FieldProblem> problems = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < purchases.size(); i++) {
            String at = "items.purchases[" + i + "].";
            PartnerReceiptBody.Purchase p = purchases.get(i);
            if (p == null) {
                problems.add(new FieldProblem("items.purchases[" + i + "]", "must be an object"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("date", date(problems, at + "date", p.date(), latest));
            if (p.amount() == null || p.amount() < 1 || p.amount() > MAX_AMOUNT) {
                problems.add(new FieldProblem(at + "amount", "whole minor units, 1 to " + MAX_AMOUNT));
            }
            values.put("amount", String.valueOf(p.amount()));
            if (p.currency() == null || !CURRENCY.matcher(p.currency()).matches()) {
                problems.add(new FieldProblem(at + "currency", "an ISO 4217 code such as JPY"));
            }
            values.put("currency", p.currency());
            if (p.merchantCategory() == null || !MCC.matcher(p.merchantCategory()).matches()) {
                problems.add(new FieldProblem(at + "merchantCategory", "a merchant category code, 4 digits"));
            }
            values.put("merchantCategory", p.merchantCategory());
            storeName(problems, at + "storeName", p.storeName(), true);
            values.put("storeName", p.storeName());
            items.add(new Item(PartnerItemKind.PURCHASES, values));
        }
        for (int i = 0; i < points.size(); i++) {
            String at = "items.points[" + i + "].";
            PartnerReceiptBody.PointMovement p = points.get(i);
            if (p == null) {
                problems.add(new FieldProblem("items.points[" + i + "]", "must be an object"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("date", date(problems, at + "date", p.date(), latest));
            if (p.points() == null || p.points() == 0 || Math.abs(p.points()) > MAX_POINTS) {
                problems.add(new FieldProblem(at + "points", "earned (positive) or spent (negative), not 0, at most "
                        + MAX_POINTS + " either way"));
            }
            values.put("points", String.valueOf(p.points()));
            storeName(problems, at + "storeName", p.storeName(), false);
            if (p.storeName() != null) {
                values.put("storeName", p.storeName());
            }
            items.add(new Item(PartnerItemKind.POINTS, values));
        }
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
        return items;
    }

    private static String date(List<FieldProblem> problems, String field, String value, LocalDate latest) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isAfter(latest)) {
                problems.add(new FieldProblem(field, "must not be after the record's receivedAt"));
            }
            return date.toString();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "a date yyyy-MM-dd"));
            return null;
        }
    }

    private static void storeName(List<FieldProblem> problems, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (value.isBlank() || value.length() > 100) {
            problems.add(new FieldProblem(field, "1 to 100 characters"));
        } else {
            FreeText.check(problems, field, value);
        }
    }

    private static String field(PartnerItemKind kind) {
        return kind == PartnerItemKind.PURCHASES ? "purchases" : "points";
    }

    private void refused(Actor partner, String resource, Purpose purpose, String detail) {
        audit.record(new AuditEvent(partner.name(), "partner-data.receive", resource,
                purpose == null ? null : purpose.name(), AuditOutcome.DENIED, partner.origin(), detail));
    }

    private static String digest(String provider, String receiptId, String customerId, Checked record,
            String document) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\n", provider, receiptId, customerId, record.howObtained().name(),
                    String.valueOf(record.ppcFilingNumber()), record.obtainedOn().toString(),
                    record.receivedAt().toString(), document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
