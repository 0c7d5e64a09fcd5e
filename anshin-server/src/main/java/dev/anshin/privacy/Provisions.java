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
import org.springframework.transaction.support.TransactionTemplate;
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
 * the same request again answers with the request (and the provision, once made) and changes nothing; a
 * different request under a used id is a conflict.
 *
 * <p>Four-eyes: a privacy officer asks ({@link #request}), a second one approves ({@link #approve}); only
 * the approval makes the provision, its export and its records. The one who asked cannot approve
 * ({@code four-eyes}); a request not approved within {@code anshin.privacy.provisions.approval-ttl}
 * expires. Each step is audited.
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

    /** Why a provision request was rejected. */
    public enum Rejection { NOT_NEEDED, WRONG_RECIPIENT, WRONG_CUSTOMERS, WRONG_ITEMS, OTHER }

    /**
     * A provision asked for, as it stands: PENDING until a second privacy officer, signed in as themself,
     * approves it on the console page at {@code consoleUrl} before {@code expiresAt}; once approved, {@code
     * provisionId} is the provision made. {@code approvalUrl} names the same page (it named an API endpoint
     * that only ever refused, an API key naming no person; kept so that clients reading it still find where
     * the approval is given). Customer ids and item names, never values.
     */
    public record PendingProvision(String id, String requestId, String recipientId, List<String> customerIds,
            Set<PersonalField> items, ProvisionRequestStatus status, String requestedBy, Instant requestedAt,
            Instant expiresAt, String decidedBy, Instant decidedAt, String rejection, String approvalUrl,
            String consoleUrl, String provisionId) {

        public PendingProvision {
            customerIds = List.copyOf(customerIds);
            items = Set.copyOf(items);
        }
    }

    static final String FORMAT = "application/x-ndjson; anshin-provision-v1";

    private final PersonalData personalData;
    private final Recipients recipients;
    private final ProvisionRecords records;
    private final ProvisionRequests requests;
    private final ProvisionProperties properties;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Provisions(PersonalData personalData, Recipients recipients, ProvisionRecords records,
            ProvisionRequests requests, ProvisionProperties properties, AuditLog audit, JsonMapper json, Clock clock,
            TransactionTemplate transactions) {
        this.requests = requests;
        this.transactions = transactions;
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

    /**
     * Asks for a provision (the first privacy officer): checked as the provision will be (the recipient, the
     * items it may receive, someone among the customers with consent in force; refusals audited, nothing
     * stored), then kept PENDING until a second privacy officer approves it ({@link #approve}) or it expires.
     * Nothing leaves and no provision record is written before the approval. Idempotent on the request id:
     * the same request again answers the one stored, in its current state.
     */
    public PendingProvision request(Actor actor, ProvisionRequest request) {
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

        var earlier = requests.byRequestId(requestId);
        if (earlier.isPresent()) {
            return replay(earlier.get(), digest);
        }
        var provided = records.byRequestId(requestId);
        if (provided.isPresent()) {
            // A provision made under this id before asking needed an approval: the same request is done.
            return replayProvided(provided.get(), digest, customerIds);
        }
        personalData.permitProvision(actor, recipient, items);
        basis(actor, recipient, customerIds, new LinkedHashMap<>());

        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        var stored = new ProvisionRequests.StoredRequest(UUID.randomUUID().toString(), requestId, digest,
                recipient.id(), customerIds, items, ProvisionRequestStatus.PENDING, actor.name(), now,
                now.plus(properties.approvalTtl()), null, null, null, null);
        try {
            transactions.executeWithoutResult(tx -> {
                requests.insert(stored);
                audit.record(new AuditEvent(actor.name(), "provision.request", "provision-request/" + stored.id(),
                        Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.SUCCESS, actor.origin(),
                        "recipient=" + recipient.id() + " customers=" + customerIds.size() + " items="
                                + PersonalField.names(items) + " pending approval until " + stored.expiresAt()));
            });
        } catch (DuplicateKeyException askedMeanwhile) {
            return replay(requests.byRequestId(requestId).orElseThrow(), digest);
        }
        return view(stored);
    }

    /**
     * Approves a pending provision (a second privacy officer signed in as themself — never an API key — and
     * not the one who asked: four-eyes) and makes
     * it: the customers whose consent is in force now are provided, the export encrypted for the recipient,
     * a provision record written per data subject, and the request marked approved, in one transaction.
     * The same officer who asked is refused ({@code four-eyes}), as is a request past its window ({@code
     * approval-expired}) or rejected; nothing is provided then. Approving again answers the provision made.
     */
    public Provision approve(Actor approver, String id) {
        return approval(approver, id).provision();
    }

    /** An approval's answer: the provision, and whether this approval made it (false: it was approved before). */
    public record Approval(Provision provision, boolean made) {
    }

    /** {@link #approve}, telling whether this approval made the provision or found it made already. */
    public Approval approval(Actor approver, String id) {
        ProvisionRequests.StoredRequest stored = found(id);
        String resource = "provision-request/" + stored.id();
        if (!approver.serves(Purpose.THIRD_PARTY_PROVISION)) {
            denied(approver, "provision.approve", resource, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only a privacy officer approves a provision.", List.of());
        }
        if (!namedPerson(approver)) {
            denied(approver, "provision.approve", resource, "four-eyes: an API key may not approve");
            throw new RequestProblem(ProblemType.FOUR_EYES, "A provision is approved by a second privacy officer "
                    + "signed in as themself, not with an API key; nothing was provided.", List.of());
        }
        if (samePerson(approver.name(), stored.requestedBy())) {
            denied(approver, "provision.approve", resource, "four-eyes: the requester may not approve");
            throw new RequestProblem(ProblemType.FOUR_EYES, "A provision is approved by a second privacy officer, not "
                    + "by the one who asked for it; nothing was provided.", List.of());
        }
        if (stored.status() == ProvisionRequestStatus.APPROVED) {
            return alreadyApproved(approver, resource, stored.provisionId(), stored.decidedBy());
        }
        if (stored.status() == ProvisionRequestStatus.REJECTED) {
            denied(approver, "provision.approve", resource, "rejected before by " + stored.decidedBy());
            throw new RequestProblem(ProblemType.ILLEGAL_TRANSITION, "This provision request was rejected; nothing "
                    + "was provided. Ask again if it is still needed.", List.of());
        }
        if (expired(stored)) {
            denied(approver, "provision.approve", resource, "expired");
            throw new RequestProblem(ProblemType.APPROVAL_EXPIRED, "This provision request waited longer than "
                    + properties.approvalTtl() + " for its approval and expired; nothing was provided. Ask again.",
                    List.of());
        }
        Approval approval = provideApproved(approver, stored);
        if (!approval.made()) { // another approver made it meanwhile
            ProvisionRequests.StoredRequest now = found(id);
            return alreadyApproved(approver, resource, approval.provision().provisionId(), now.decidedBy());
        }
        audit.record(new AuditEvent(approver.name(), "provision.approve", resource,
                Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.SUCCESS, approver.origin(),
                "provision=" + approval.provision().provisionId() + " requested by " + stored.requestedBy()));
        return approval;
    }

    /** Approving what is approved already provides nothing; audited as such, not as an approval. */
    private Approval alreadyApproved(Actor approver, String resource, String provisionId, String decidedBy) {
        audit.record(new AuditEvent(approver.name(), "provision.approve", resource,
                Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.FAILURE, approver.origin(),
                "already approved by " + decidedBy + ": provision=" + provisionId + ", nothing provided again"));
        return new Approval(find(provisionId), false);
    }

    /**
     * Rejects a pending provision (any privacy officer signed in as themself, the one who asked included; never an
     * API key); nothing is provided.
     */
    public PendingProvision reject(Actor actor, String id, Rejection reason) {
        ProvisionRequests.StoredRequest stored = found(id);
        String resource = "provision-request/" + stored.id();
        if (!actor.serves(Purpose.THIRD_PARTY_PROVISION)) {
            denied(actor, "provision.reject", resource, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only a privacy officer rejects a provision.", List.of());
        }
        if (!namedPerson(actor)) {
            denied(actor, "provision.reject", resource, "four-eyes: an API key may not reject");
            throw new RequestProblem(ProblemType.FOUR_EYES, "A provision request is rejected by a privacy officer "
                    + "signed in as themself, not with an API key.", List.of());
        }
        if (reason == null) {
            throw RequestProblem.invalid("reason", "one of " + List.of(Rejection.values()));
        }
        if (stored.status() == ProvisionRequestStatus.REJECTED) {
            return view(stored);
        }
        if (stored.status() == ProvisionRequestStatus.APPROVED) {
            throw new RequestProblem(ProblemType.ILLEGAL_TRANSITION, "This provision was approved and made already.",
                    List.of());
        }
        if (expired(stored)) {
            throw new RequestProblem(ProblemType.APPROVAL_EXPIRED, "This provision request expired; nothing was "
                    + "provided.", List.of());
        }
        Instant now = clock.instant();
        boolean moved = Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean decided = requests.decide(stored.id(), ProvisionRequestStatus.REJECTED, actor.name(), now,
                    reason.name(), null);
            if (decided) {
                audit.record(new AuditEvent(actor.name(), "provision.reject", resource,
                        Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.SUCCESS, actor.origin(),
                        "reason=" + reason + " requested by " + stored.requestedBy()));
            }
            return decided;
        }));
        ProvisionRequests.StoredRequest now2 = found(id);
        if (!moved && now2.status() != ProvisionRequestStatus.REJECTED) {
            throw new RequestProblem(ProblemType.ILLEGAL_TRANSITION, "This provision request was decided meanwhile.",
                    List.of());
        }
        return view(now2);
    }

    /** A provision request as it stands. */
    public PendingProvision pending(String id) {
        return view(found(id));
    }

    /** Provision requests in one state: pending ones oldest first, the others newest first. */
    public List<PendingProvision> requests(ProvisionRequestStatus status, int limit) {
        return requests.withStatus(status, Math.max(1, Math.min(limit, 1000))).stream().map(this::view).toList();
    }

    /**
     * Whether two actors' names are the same person: a staff member is their user name; an API client its
     * name whatever key it used ({@code api:NAME/KEYID}), so rotating a key does not make a second person.
     */
    static boolean samePerson(String a, String b) {
        // Kept for requests asked before approvals needed a signed-in person: an API client stays one person.
        return person(a).equals(person(b));
    }

    /**
     * Whether the actor is a named person (a signed-in staff user), not an API client: a key names no person,
     * so a second key could be the same officer again. Only a named person approves or rejects.
     */
    static boolean namedPerson(Actor actor) {
        return !actor.name().startsWith("api:");
    }

    private static String person(String actor) {
        if (actor.startsWith("api:") && actor.lastIndexOf('/') > 4) {
            return actor.substring(0, actor.lastIndexOf('/'));
        }
        return actor;
    }

    private boolean expired(ProvisionRequests.StoredRequest stored) {
        return stored.status() == ProvisionRequestStatus.EXPIRED
                || (stored.status() == ProvisionRequestStatus.PENDING && !clock.instant().isBefore(stored.expiresAt()));
    }

    private ProvisionRequests.StoredRequest found(String id) {
        if (id == null || !dev.anshin.problems.Ids.isUuid(id)) {
            throw RequestProblem.notFound("No such provision request.");
        }
        return requests.byId(id).orElseThrow(() -> RequestProblem.notFound("No such provision request."));
    }

    private void denied(Actor actor, String action, String resource, String detail) {
        audit.record(new AuditEvent(actor.name(), action, resource, Purpose.THIRD_PARTY_PROVISION.name(),
                AuditOutcome.DENIED, actor.origin(), detail));
    }

    /** The consent basis of each customer that can be provided; the others in {@code skipped}. None: refused. */
    private Map<String, Long> basis(Actor actor, Recipient recipient, List<String> customerIds,
            Map<String, Decision> skipped) {
        Map<String, Long> basis = new LinkedHashMap<>();
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
        return basis;
    }

    /** Makes an approved provision, and marks its request approved in the same transaction. */
    private Approval provideApproved(Actor approver, ProvisionRequests.StoredRequest request) {
        Recipient recipient = recipients.named(request.recipientId(), "recipient");
        Set<PersonalField> items = request.items();
        var earlier = records.byRequestId(request.requestId());
        if (earlier.isPresent()) {
            return new Approval(view(earlier.get()), false);
        }
        personalData.permitProvision(approver, recipient, items);
        Map<String, Decision> skipped = new LinkedHashMap<>();
        Map<String, Long> basis = basis(approver, recipient, request.customerIds(), skipped);

        String provisionId = UUID.randomUUID().toString();
        // What the database keeps (PostgreSQL: microseconds), so a replay answers exactly the same.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String skippedList = String.join(",", skipped.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).toList());
        try {
            ProvisionRecords.StoredProvision stored = personalData.provide(approver, recipient, provisionId, basis,
                    items, values -> {
                        byte[] plaintext = exportLines(recipient, provisionId, now, items, values);
                        var provision = new ProvisionRecords.StoredProvision(provisionId, request.requestId(),
                                request.requestDigest(), recipient.id(), items, skippedList, approver.name(), now,
                                Base64.getEncoder().encodeToString(encrypt(recipient, provisionId, plaintext)),
                                now.plus(properties.exportTtl()));
                        records.insert(provision, basis);
                        if (!requests.decide(request.id(), ProvisionRequestStatus.APPROVED, approver.name(), now, null,
                                provisionId)) {
                            throw RequestProblem.conflict("This provision request was decided meanwhile; nothing "
                                    + "was provided by this approval.");
                        }
                        return provision;
                    });
            return new Approval(view(stored), true); // as stored: its time is cut to what the database keeps
        } catch (DuplicateKeyException providedMeanwhile) {
            return new Approval(view(records.byRequestId(request.requestId()).orElseThrow()), false);
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

    private PendingProvision replayProvided(ProvisionRecords.StoredProvision provided, String digest,
            List<String> customerIds) {
        if (!provided.requestDigest().equals(digest)) {
            throw RequestProblem.conflict("This request id was used for a different provision.");
        }
        return new PendingProvision(null, provided.requestId(), provided.recipientId(), customerIds, provided.items(),
                ProvisionRequestStatus.APPROVED, provided.providedBy(), provided.providedAt(), provided.providedAt(),
                provided.providedBy(), provided.providedAt(), null, null, null, provided.id());
    }

    private PendingProvision replay(ProvisionRequests.StoredRequest stored, String digest) {
        if (!stored.requestDigest().equals(digest)) {
            throw RequestProblem.conflict("This request id was used for a different provision.");
        }
        return view(stored);
    }

    private PendingProvision view(ProvisionRequests.StoredRequest stored) {
        ProvisionRequestStatus status = expired(stored) ? ProvisionRequestStatus.EXPIRED : stored.status();
        return new PendingProvision(stored.id(), stored.requestId(), stored.recipientId(), stored.customerIds(),
                stored.items(), status, stored.requestedBy(), stored.requestedAt(), stored.expiresAt(),
                stored.decidedBy(), stored.decidedAt(), stored.rejection(),
                "/privacy/provisions/" + stored.id(), "/privacy/provisions/" + stored.id(), stored.provisionId());
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
