package dev.anshin.privacy;

import com.google.crypto.tink.HybridEncrypt;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provision of personal data to a registered recipient (APPI Art. 27–29). Only the items registered
 * for the recipient, only for customers with the recipient's consent in force, read through {@link
 * PersonalData}; the export (JSON lines) is encrypted for the recipient with Tink HPKE, the context
 * info binding recipient and provision id, and a provision record is kept per data subject.
 *
 * <p>The rule for customers without consent: they are <em>skipped</em>, each with its decision in the
 * response and an audit entry (DENIED); the others are provided. If nobody is left, the request is
 * refused (403 {@code consent-required}) and nothing is stored. The request id makes it idempotent:
 * the same request again answers with the provision already made and changes nothing; a different
 * request under a used id is a conflict.
 */
@Service
public class Provisions {

    private static final Logger log = LoggerFactory.getLogger(Provisions.class);

    /** What a privacy officer asks for. */
    public record ProvisionRequest(String requestId, String recipient, List<String> customerIds,
            Set<PersonalField> items) {
    }

    /** What happened to one data subject named in the request. */
    public enum Decision { PROVIDED, NO_CONSENT, ERASED, UNKNOWN_CUSTOMER }

    public record SubjectDecision(String customerId, Decision decision) {
    }

    /**
     * A provision as answered: decisions per data subject, and where the export can be fetched until
     * it expires. {@code contextInfo} is what the recipient passes to HybridDecrypt.
     */
    public record Provision(String provisionId, String requestId, String recipientId, Set<PersonalField> items,
            Instant providedAt, String providedBy, List<SubjectDecision> subjects, String format, String contextInfo,
            String exportUrl, Instant exportExpiresAt, boolean exportAvailable) {
    }

    static final String FORMAT = "application/x-ndjson; anshin-provision-v1";

    private final PersonalData personalData;
    private final Recipients recipients;
    private final ProvisionRecords records;
    private final ProvisionProperties properties;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Provisions(PersonalData personalData, Recipients recipients, ProvisionRecords records,
            ProvisionProperties properties, AuditLog audit, JsonMapper json, Clock clock) {
        this.personalData = personalData;
        this.recipients = recipients;
        this.records = records;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The context info the export of a provision is encrypted under: binds the recipient and the provision. */
    public static String contextInfo(String recipientId, String provisionId) {
        return "anshin-provision-v1/" + recipientId + "/" + provisionId;
    }

    public Provision provide(Actor actor, ProvisionRequest request) {
        String requestId = Requests.optionalText(request.requestId(), "requestId", 64);
        if (requestId == null) {
            throw RequestProblem.invalid("requestId", "required: a unique id, so a retry provides nothing twice");
        }
        Recipient recipient = recipients.named(request.recipient(), "recipient");
        List<String> customerIds = customerIds(request.customerIds());
        if (request.items() == null || request.items().isEmpty()) {
            throw RequestProblem.invalid("items", "name at least one item");
        }
        Set<PersonalField> items = request.items();
        String digest = digest(recipient.id(), customerIds, items);

        var earlier = records.byRequestId(requestId);
        if (earlier.isPresent()) {
            return replay(earlier.get(), digest);
        }
        personalData.permitProvision(actor, recipient, items);

        Map<String, Long> basis = new LinkedHashMap<>();
        Map<String, Decision> skipped = new LinkedHashMap<>();
        for (String customerId : customerIds) {
            try {
                basis.put(customerId, personalData.provisionBasis(actor, recipient, customerId).seq());
            } catch (RequestProblem refused) {
                skipped.put(customerId, switch (refused.type()) {
                    case NOT_FOUND -> Decision.UNKNOWN_CUSTOMER;
                    case ERASED -> Decision.ERASED;
                    case CONSENT_REQUIRED -> Decision.NO_CONSENT;
                    default -> throw refused;
                });
            }
        }
        if (basis.isEmpty()) {
            List<FieldProblem> reasons = new ArrayList<>();
            skipped.forEach((id, decision) -> reasons.add(new FieldProblem("customerIds", id + ": " + decision)));
            throw new RequestProblem(ProblemType.CONSENT_REQUIRED, "None of the customers named can be provided to "
                    + "this recipient (no consent in force, erased or unknown); nothing was provided.", reasons);
        }

        String provisionId = UUID.randomUUID().toString();
        // What the database keeps (PostgreSQL: microseconds), so a replay answers exactly the same.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String skippedList = String.join(",", skipped.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).toList());
        try {
            ProvisionRecords.StoredProvision stored = personalData.provide(actor, recipient, provisionId, basis, items,
                    values -> {
                        byte[] plaintext = exportLines(recipient, provisionId, now, items, values);
                        var provision = new ProvisionRecords.StoredProvision(provisionId, requestId, digest,
                                recipient.id(), items, skippedList, actor.name(), now,
                                Base64.getEncoder().encodeToString(encrypt(recipient, provisionId, plaintext)),
                                now.plus(properties.exportTtl()));
                        records.insert(provision, basis);
                        return provision;
                    });
            return view(stored); // as stored: its time is cut to what the database keeps
        } catch (DuplicateKeyException providedMeanwhile) {
            return replay(records.byRequestId(requestId).orElseThrow(), digest);
        }
    }

    /** The encrypted export of a provision while it is kept (audited); 410 once it expired. */
    public byte[] export(Actor actor, String provisionId) {
        var provision = records.byId(provisionId).orElseThrow(() -> RequestProblem.notFound("No such provision."));
        if (provision.exportCiphertext() == null || !clock.instant().isBefore(provision.exportExpiresAt())) {
            throw new RequestProblem(ProblemType.EXPORT_EXPIRED, "The export of this provision was deleted (it "
                    + "expired, or someone in it was erased or withdrew consent); the provision record stays. Make a "
                    + "new provision if the recipient still needs it.",
                    List.of());
        }
        audit.record(new AuditEvent(actor.name(), "provision.export", "provision/" + provisionId,
                Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.SUCCESS, actor.origin(),
                "recipient=" + provision.recipientId()));
        return Base64.getDecoder().decode(provision.exportCiphertext());
    }

    /**
     * An erased person's data is not handed over any more: every export still held that includes them
     * is deleted, in the erasure's transaction (the provision records stay, as the law asks).
     */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        dropExports(erased.customerId(), null);
    }

    /** Nor after the person withdrew consent to that recipient. */
    @EventListener
    void onConsentWithdrawn(ProvisionConsentWithdrawn withdrawn) {
        dropExports(withdrawn.customerId(), withdrawn.recipient());
    }

    private void dropExports(String customerId, String recipient) {
        int dropped = records.dropExportsIncluding(customerId, recipient);
        if (dropped > 0) {
            log.info("Deleted {} held provision exports including a customer whose data may not be provided any more",
                    dropped);
        }
    }

    public Provision find(String provisionId) {
        return records.byId(provisionId).map(this::view).orElseThrow(() -> RequestProblem.notFound("No such provision."));
    }

    /** The most recent provision records, newest first (ids and item names only). */
    public List<ProvisionRecord> recentRecords(int limit) {
        return records.recent(Math.max(1, Math.min(limit, 1000)));
    }

    private Provision replay(ProvisionRecords.StoredProvision stored, String digest) {
        if (!stored.requestDigest().equals(digest)) {
            throw RequestProblem.conflict("This request id was used for a different provision.");
        }
        return view(stored);
    }

    private Provision view(ProvisionRecords.StoredProvision stored) {
        List<SubjectDecision> subjects = new ArrayList<>();
        for (ProvisionRecord record : records.ofProvision(stored.id())) {
            subjects.add(new SubjectDecision(record.customerId(), Decision.PROVIDED));
        }
        if (!stored.skipped().isEmpty()) {
            for (String entry : stored.skipped().split(",")) {
                int colon = entry.lastIndexOf(':');
                subjects.add(new SubjectDecision(entry.substring(0, colon), Decision.valueOf(entry.substring(colon + 1))));
            }
        }
        boolean available = stored.exportCiphertext() != null && clock.instant().isBefore(stored.exportExpiresAt());
        return new Provision(stored.id(), stored.requestId(), stored.recipientId(), stored.items(), stored.providedAt(),
                stored.providedBy(), subjects, FORMAT, contextInfo(stored.recipientId(), stored.id()),
                "/api/v1/privacy/provisions/" + stored.id() + "/export", stored.exportExpiresAt(), available);
    }

    private List<String> customerIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw RequestProblem.invalid("customerIds", "name at least one customer");
        }
        if (ids.size() > properties.maxCustomers()) {
            throw RequestProblem.invalid("customerIds", "at most " + properties.maxCustomers() + " per provision");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            // Customer ids are UUIDs; anything else (a customer number or a phone pasted by mistake)
            // is refused here, so it is neither stored with the provision nor echoed back.
            if (id == null || !Ids.isUuid(id) || !unique.add(id)) {
                throw RequestProblem.invalid("customerIds", "customer ids (UUIDs), each once");
            }
        }
        return List.copyOf(unique);
    }

    /** One JSON object per line: a header naming the provision, then one line per data subject. */
    private byte[] exportLines(Recipient recipient, String provisionId, Instant now, Set<PersonalField> items,
            Map<String, Map<PersonalField, String>> values) {
        StringBuilder lines = new StringBuilder();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "anshin-provision-v1");
        header.put("provisionId", provisionId);
        header.put("recipient", recipient.id());
        header.put("providedAt", now.toString());
        header.put("items", items.stream().map(Enum::name).sorted().toList());
        lines.append(json.writeValueAsString(header)).append('\n');
        values.forEach((customerId, fields) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("customerId", customerId);
            Map<String, String> byName = new LinkedHashMap<>();
            fields.forEach((field, value) -> byName.put(field.name(), value));
            line.put("values", byName);
            lines.append(json.writeValueAsString(line)).append('\n');
        });
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(Recipient recipient, String provisionId, byte[] plaintext) {
        HybridEncrypt cipher = Recipients.encrypter(recipient);
        try {
            return cipher.encrypt(plaintext, contextInfo(recipient.id(), provisionId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting an export failed", e);
        }
    }

    private static String digest(String recipient, List<String> customerIds, Set<PersonalField> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((recipient + "\n" + String.join(",", customerIds) + "\n" + PersonalField.names(items))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
