package dev.anshin.privacy;

import dev.anshin.access.Role;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one access path to personal data. Every call names the actor and, for reads and changes, the
 * purpose and the fields; it is refused when the purpose does not allow those fields' categories,
 * when the person has opted out of the purpose, or when none of the actor's roles works for the
 * purpose. Every call, allowed or refused, leaves an entry in the audit log; an allowed change
 * commits together with its entry. No value ever goes into the audit log or a problem response,
 * only field names.
 */
@Service
public class PersonalData {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);
    /** Who erases again what the erasure journal names, at start. */
    private static final Actor ERASURE_JOURNAL = new Actor("erasure-journal", Set.of(Role.PRIVACY_OFFICER), "start");

    /** A customer as registered, and whether this call created it (false for a retried registration). */
    public record Registration(String customerId, boolean created) {
    }

    /** What is held about a person and for what, without the values. */
    public record Holdings(String customerId, Set<PersonalField> fields, Map<Purpose, Boolean> purposesInForce) {
    }

    private final CustomerVault vault;
    private final ConsentLedger consents;
    private final Recipients recipients;
    private final ProvisionRecords provisionRecords;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final java.time.Clock clock;
    private final ApplicationEventPublisher events;
    private final ErasureJournal erasureJournal;
    /** Modules holding personal data outside the vault: disclosed with it (looked up at use, no start-up cycle). */
    private final org.springframework.beans.factory.ObjectProvider<HeldElsewhere> elsewhere;
    private final UnattributedKeys unattributed;

    PersonalData(CustomerVault vault, ConsentLedger consents, Recipients recipients, ProvisionRecords provisionRecords,
            AuditLog audit, TransactionTemplate transactions, java.time.Clock clock, ApplicationEventPublisher events,
            ErasureJournal erasureJournal, org.springframework.beans.factory.ObjectProvider<HeldElsewhere> elsewhere,
            UnattributedKeys unattributed) {
        this.unattributed = unattributed;
        this.elsewhere = elsewhere;
        this.erasureJournal = erasureJournal;
        this.vault = vault;
        this.consents = consents;
        this.recipients = recipients;
        this.provisionRecords = provisionRecords;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Registers a customer with their personal data, for operating their card. Idempotent on the
     * issuer's customer number: a retry with the values already held returns the customer and changes
     * nothing; one with other values is refused (409 naming the fields) rather than silently dropped,
     * as an authorization retried with another payload is. Values change by correction ({@link #correct}).
     */
    public Registration register(Actor actor, String customerNumber, Map<PersonalField, String> values) {
        Map<PersonalField, String> checked = new EnumMap<>(values);
        checked.put(PersonalField.CUSTOMER_NUMBER, customerNumber);
        validate(checked, "values.");
        String action = "personal-data.register";
        permit(actor, Purpose.SERVICE_OPERATION, checked.keySet(), action, "new");
        try {
            var existing = vault.findByNumber(customerNumber);
            if (existing.isPresent()) {
                return retried(actor, action, existing.get(), checked);
            }
            return transactions.execute(tx -> {
                String id = vault.insert(customerNumber, checked).id();
                record(actor, action, id, Purpose.SERVICE_OPERATION, AuditOutcome.SUCCESS, fieldList(checked.keySet()));
                return new Registration(id, true);
            });
        } catch (DuplicateKeyException registeredMeanwhile) {
            // A concurrent request registered the same number first: answer as a retry of it.
            return retried(actor, action, vault.findByNumber(customerNumber).orElseThrow(), checked);
        }
    }

    private Registration retried(Actor actor, String action, CustomerVault.StoredCustomer existing,
            Map<PersonalField, String> values) {
        String customerId = existing.id();
        if (existing.status() == CustomerVault.Status.ACTIVE) {
            Map<PersonalField, String> held = vault.read(customerId, values.keySet());
            Set<PersonalField> differing = EnumSet.noneOf(PersonalField.class);
            values.forEach((field, value) -> {
                if (!value.equals(held.get(field))) {
                    differing.add(field);
                }
            });
            if (!differing.isEmpty()) {
                record(actor, action, customerId, Purpose.SERVICE_OPERATION, AuditOutcome.FAILURE,
                        "refused: other values for " + fieldList(differing));
                throw new RegisteredWithOtherValues(customerId, differing);
            }
        }
        transactions.executeWithoutResult(tx -> record(actor, action, customerId, Purpose.SERVICE_OPERATION,
                AuditOutcome.SUCCESS, "retry; nothing changed"));
        return new Registration(customerId, false);
    }

    /** Reads the named fields of a customer for a purpose (and a product, when a product-specific choice applies). */
    public Map<PersonalField, String> read(Actor actor, Purpose purpose, String product, String customerId,
            Set<PersonalField> fields) {
        if (fields.isEmpty()) {
            throw RequestProblem.invalid("fields", "name at least one field");
        }
        String action = "personal-data.read";
        requireActive(actor, action, customerId, purpose);
        requireOwn(actor, action, customerId, purpose);
        permit(actor, purpose, fields, action, customerId);
        requireConsent(actor, purpose, product, customerId, action);
        return audited(actor, action, customerId, purpose, fieldList(fields), () -> vault.read(customerId, fields));
    }

    /**
     * The customers' names (kanji) for a staff page that lists them, each read once through {@link #read}
     * (audited there) as the reader for the purpose. When none of the reader's roles serves the purpose
     * none is asked for (a refusal per customer would only fill the audit log); a customer not held,
     * erased or refused is left out (a refusal is in the audit log), and the page shows the id instead.
     */
    public Map<String, String> names(Actor reader, Purpose purpose, Collection<String> customerIds) {
        Map<String, String> names = new HashMap<>();
        if (!reader.serves(purpose)) {
            return names;
        }
        for (String customerId : new LinkedHashSet<>(customerIds)) {
            if (customerId == null) {
                continue;
            }
            try {
                String name = read(reader, purpose, null, customerId, Set.of(PersonalField.NAME_KANJI))
                        .get(PersonalField.NAME_KANJI);
                if (name != null && !name.isBlank()) {
                    names.put(customerId, name);
                }
            } catch (RequestProblem refused) {
                // not held, or erased: the page shows the id; a refusal is in the audit log
            }
        }
        return names;
    }

    /** Corrects fields, for operating the card or on the person's own correction request. */
    public void correct(Actor actor, Purpose purpose, String customerId, Map<PersonalField, String> values) {
        if (purpose != Purpose.SERVICE_OPERATION && purpose != Purpose.DATA_SUBJECT_REQUEST) {
            throw RequestProblem.invalid("purpose", "corrections are made for SERVICE_OPERATION or DATA_SUBJECT_REQUEST");
        }
        if (values.isEmpty()) {
            throw RequestProblem.invalid("values", "name at least one field");
        }
        if (values.containsKey(PersonalField.CUSTOMER_NUMBER)) {
            throw RequestProblem.invalid("values.CUSTOMER_NUMBER", "the issuer's customer number identifies the "
                    + "customer and is not corrected; register the customer under the right number");
        }
        validate(values, "values.");
        String action = "personal-data.correct";
        requireActive(actor, action, customerId, purpose);
        if (actor.dataSubject().isPresent()) {
            // The person's own corrections are requests that staff check, not direct writes.
            deny(actor, action, customerId, purpose, ProblemType.FORBIDDEN, "Corrections are asked for, not made, by the person.");
        }
        permit(actor, purpose, values.keySet(), action, customerId);
        audited(actor, action, customerId, purpose, fieldList(values.keySet()), () -> {
            vault.write(customerId, values);
            return null;
        });
    }

    /**
     * The customer registered under the issuer's customer number, found through the vault's keyed
     * index of customer numbers (an HMAC, no clear-text index); for staff serving customers. A lookup is
     * audited whether found or not (the number itself never goes into the audit log); a value that is not
     * a customer number at all looks nothing up, answers empty and is not audited.
     */
    public java.util.Optional<String> findByCustomerNumber(Actor actor, Purpose purpose, String customerNumber) {
        String action = "personal-data.find";
        if (!actor.serves(purpose) || !purpose.allows(PersonalField.CUSTOMER_NUMBER)) {
            deny(actor, action, "-", purpose, ProblemType.FORBIDDEN, "None of your roles works for the purpose " + purpose + ".");
        }
        if (customerNumber == null || PersonalField.CUSTOMER_NUMBER.check(customerNumber).isPresent()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> found = vault.findByNumber(customerNumber)
                .filter(c -> c.status() == CustomerVault.Status.ACTIVE).map(CustomerVault.StoredCustomer::id);
        recordOn(actor, action, found.map(id -> "customer/" + id).orElse("customer/-"), purpose, AuditOutcome.SUCCESS,
                "by=" + PersonalField.CUSTOMER_NUMBER + (found.isPresent() ? " found" : " not found"));
        return found;
    }

    /**
     * Which of these customers hold exactly this value in this field (a caller confirming who they
     * are: a card's last four digits and their date of birth, say). Each customer's value is decrypted
     * here, in the privacy module, and compared with the one given (equality of the stored text); the
     * values are never returned; each customer checked is a read for the purpose, audited as one.
     * Erased customers and those the purpose may not be used for are skipped.
     */
    public List<String> holdingValue(Actor actor, Purpose purpose, Collection<String> customerIds,
            PersonalField field, String value) {
        String action = "personal-data.match";
        List<String> matching = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return matching;
        }
        for (String customerId : new LinkedHashSet<>(customerIds)) {
            var customer = findCustomer(customerId);
            if (customer.isEmpty() || customer.get().status() != CustomerVault.Status.ACTIVE) {
                continue;
            }
            permit(actor, purpose, Set.of(field), action, customerId);
            if (!consents.allows(customerId, purpose, null)) {
                continue;
            }
            boolean same = audited(actor, action, customerId, purpose, fieldList(Set.of(field)),
                    () -> value.equals(vault.read(customerId, Set.of(field)).get(field)));
            if (same) {
                matching.add(customerId);
            }
        }
        return matching;
    }

    /** What is held about the customer and which purposes are in force, without reading any value. */
    public Holdings holdings(Actor actor, String customerId) {
        String action = "personal-data.holdings";
        requireActive(actor, action, customerId, null);
        requireOwn(actor, action, customerId, null);
        if (!servesCustomers(actor, customerId)) {
            deny(actor, action, customerId, null, ProblemType.FORBIDDEN, "This role does not serve customers.");
        }
        return audited(actor, action, customerId, null, null, () -> {
            Map<Purpose, Boolean> inForce = new EnumMap<>(Purpose.class);
            for (Purpose purpose : Purpose.values()) {
                inForce.put(purpose, consents.allows(customerId, purpose, null));
            }
            return new Holdings(customerId, vault.heldFields(customerId), inForce);
        });
    }

    /** Appends the person's choice for an optional purpose to the consent ledger (idempotent on the request id). */
    public ConsentEvent recordConsent(Actor actor, String requestId, String customerId, Purpose purpose, String product,
            boolean granted, ConsentChannel channel, String noticeVersion) {
        return recordConsent(actor, requestId, customerId, purpose, product, null, granted, channel, noticeVersion);
    }

    /**
     * Appends the person's choice to the consent ledger (idempotent on the request id). Consent to
     * {@link Purpose#THIRD_PARTY_PROVISION} is given or withdrawn for one registered recipient; every
     * other purpose names none.
     */
    public ConsentEvent recordConsent(Actor actor, String requestId, String customerId, Purpose purpose, String product,
            String recipient, boolean granted, ConsentChannel channel, String noticeVersion) {
        String action = "consent.record";
        if (!purpose.optional()) {
            throw RequestProblem.invalid("purpose", purpose + " is needed to run the contract and cannot be switched");
        }
        if (purpose.needsPriorConsent()) {
            if (recipient == null) {
                throw RequestProblem.invalid("recipient", "consent to " + purpose + " is given per recipient: name it");
            }
            if (product != null) {
                throw RequestProblem.invalid("product", "consent to " + purpose + " is per recipient, not per product");
            }
            if (recipients.find(recipient).isEmpty()) {
                throw RequestProblem.invalid("recipient", "not a registered recipient");
            }
        } else if (recipient != null) {
            throw RequestProblem.invalid("recipient", "only consent to " + Purpose.THIRD_PARTY_PROVISION
                    + " names a recipient");
        }
        requireActive(actor, action, customerId, purpose);
        requireOwn(actor, action, customerId, purpose);
        if (!servesCustomers(actor, customerId)) {
            deny(actor, action, customerId, purpose, ProblemType.FORBIDDEN, "This role does not record consent.");
        }
        if (requestId != null) {
            var earlier = consents.byRequestId(requestId);
            if (earlier.isPresent()) {
                return sameChoice(earlier.get(), customerId, purpose, product, recipient, granted, channel,
                        noticeVersion);
            }
        }
        try {
            return audited(actor, action, customerId, purpose, (granted ? "granted" : "withdrawn")
                            + (product == null ? "" : " for product " + product)
                            + (recipient == null ? "" : " for recipient " + recipient),
                    () -> {
                        ConsentEvent recorded = consents.append(requestId, customerId, purpose, product, recipient,
                                granted, channel, noticeVersion, actor.name());
                        if (recipient != null && !granted) {
                            // Exports to that recipient still held here are not handed over any more.
                            events.publishEvent(new ProvisionConsentWithdrawn(customerId, recipient));
                        }
                        return recorded;
                    });
        } catch (DuplicateKeyException recordedMeanwhile) {
            return sameChoice(consents.byRequestId(requestId).orElseThrow(), customerId, purpose, product, recipient,
                    granted, channel, noticeVersion);
        }
    }

    /** A retried consent request: the entry already recorded, if the retry asks for exactly the same choice. */
    private static ConsentEvent sameChoice(ConsentEvent event, String customerId, Purpose purpose, String product,
            String recipient, boolean granted, ConsentChannel channel, String noticeVersion) {
        if (!event.customerId().equals(customerId) || event.purpose() != purpose
                || !java.util.Objects.equals(event.product(), product)
                || !java.util.Objects.equals(event.recipient(), recipient) || event.granted() != granted
                || event.channel() != channel || !event.noticeVersion().equals(noticeVersion)) {
            throw RequestProblem.conflict("This request id was used for a different consent choice.");
        }
        return event;
    }

    public List<ConsentEvent> consentHistory(Actor actor, String customerId) {
        String action = "consent.history";
        if (findCustomer(customerId).isEmpty()) {
            throw RequestProblem.notFound("No such customer.");
        }
        requireOwn(actor, action, customerId, null);
        if (!servesCustomers(actor, customerId)) {
            deny(actor, action, customerId, null, ProblemType.FORBIDDEN, "This role does not read consent records.");
        }
        return audited(actor, action, customerId, null, null, () -> consents.history(customerId));
    }

    /**
     * The provision records about a customer (APPI Art. 29), oldest first: to whom, which items, on
     * which consent, when. For the person themself (the portal) and staff answering requests; audited
     * as a read for {@link Purpose#DATA_SUBJECT_REQUEST}. Ids and field names only, never values.
     */
    public List<ProvisionRecord> provisionRecords(Actor actor, String customerId) {
        String action = "provision-records.read";
        if (findCustomer(customerId).isEmpty()) {
            throw RequestProblem.notFound("No such customer.");
        }
        requireOwn(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST);
        if (!servesCustomers(actor, customerId)) {
            deny(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST, ProblemType.FORBIDDEN,
                    "This role does not read provision records.");
        }
        return audited(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST, null,
                () -> provisionRecords.ofCustomer(customerId));
    }

    /**
     * Erases a customer by destroying their key (crypto-shredding) and leaves a tombstone. Only for
     * the person's own request or the end of retention, by a privacy officer. Erasing twice is
     * answered with the first tombstone.
     */
    public Tombstone erase(Actor actor, String customerId, ErasureReason reason, String reference) {
        String action = "personal-data.erase";
        if (reason == null) {
            throw RequestProblem.invalid("reason", "one of " + java.util.Arrays.toString(ErasureReason.values()));
        }
        if (findCustomer(customerId).isEmpty()) {
            throw RequestProblem.notFound("No such customer.");
        }
        if (!actor.serves(Purpose.DATA_SUBJECT_REQUEST)) {
            deny(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST, ProblemType.FORBIDDEN,
                    "Only a privacy officer erases personal data.");
        }
        return audited(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST,
                "erasure " + reason + (reference == null ? "" : " " + reference),
                () -> {
                    CustomerVault.Erasure erasure = vault.erase(customerId, actor.name(), reason, reference);
                    events.publishEvent(new CustomerErased(customerId, erasure.tombstone().erasedAt()));
                    if (erasure.now()) {
                        // On the disk before the erasure commits: no restore of an older backup can undo it.
                        erasureJournal.append(customerId, erasure.tombstone().erasedAt(), reason);
                    }
                    return erasure.tombstone();
                });
    }

    /**
     * Makes the database agree with the erasure journal (ADR 0009), at every start before any request
     * is taken: every journalled customer it still holds a key, values or an active status for (a
     * backup taken before their erasure was restored) is erased again through the ordinary path and
     * audited; every tombstone the journal lacks (erasures from before the journal existed) is
     * journalled.
     *
     * @return the ids of the customers erased again
     */
    List<String> replayErasureJournal() {
        Map<String, ErasureJournal.Entry> journalled = new LinkedHashMap<>();
        erasureJournal.entries().forEach(entry -> journalled.putIfAbsent(entry.customerId(), entry));
        List<ErasureJournal.Entry> unjournalled = vault.tombstonesOutside(journalled.keySet()).stream()
                .map(t -> new ErasureJournal.Entry(t.customerId(), t.erasedAt(), t.reason(), null))
                .toList();
        if (!unjournalled.isEmpty()) {
            log.info("Journalling {} erasures the erasure journal did not hold yet (made before it existed, or the "
                    + "journal is older than the database)", unjournalled.size());
            erasureJournal.appendAll(unjournalled);
        }
        List<String> held = vault.stillHeld(journalled.keySet());
        for (String customerId : held) {
            ErasureJournal.Entry entry = journalled.get(customerId);
            audited(ERASURE_JOURNAL, "personal-data.erase", customerId, Purpose.DATA_SUBJECT_REQUEST,
                    "erasure " + entry.reason() + " replayed from the erasure journal", () -> {
                        Tombstone tombstone = vault.eraseAgain(customerId, entry.erasedAt(), ERASURE_JOURNAL.name(),
                                entry.reason(), "erasure-journal");
                        events.publishEvent(new CustomerErased(customerId, entry.erasedAt()));
                        return tombstone;
                    });
        }
        if (!held.isEmpty()) {
            log.warn("Erased {} customers again whom the erasure journal names but the database still held (a backup "
                    + "taken before their erasure was restored)", held.size());
        }
        return held;
    }

    /**
     * For a module storing something about the customer outside the vault (a card, a portal account),
     * inside its own transaction: locks the customer until that transaction ends, so an erasure
     * waits for it and then removes what it wrote, and refuses an unknown or erased customer (404 or
     * 410). Reads no personal data.
     */
    public void holdActive(String customerId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("holdActive locks until the caller's transaction ends: call it inside one");
        }
        if (!Ids.isUuid(customerId)) {
            throw RequestProblem.notFound("No such customer.");
        }
        vault.lockActive(customerId);
    }

    /** Whether the id names a customer whose data is held (registered and not erased). */
    public boolean isActive(String customerId) {
        return findCustomer(customerId).filter(c -> c.status() != CustomerVault.Status.ERASED).isPresent();
    }

    /**
     * Refuses, audited, a provision the actor may not make or whose items the recipient may not
     * receive; names each such item.
     */
    void permitProvision(Actor actor, Recipient recipient, Set<PersonalField> items) {
        String action = "personal-data.provide";
        String resource = "recipient/" + recipient.id();
        Purpose purpose = Purpose.THIRD_PARTY_PROVISION;
        if (!actor.serves(purpose)) {
            recordOn(actor, action, resource, purpose, AuditOutcome.DENIED, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only a privacy officer provides data to third parties.",
                    List.of());
        }
        List<FieldProblem> outside = new ArrayList<>();
        for (PersonalField item : items) {
            if (!purpose.allows(item) || !recipient.fields().contains(item)) {
                outside.add(new FieldProblem("items", item + " is not an item this recipient may receive"));
            }
        }
        if (!outside.isEmpty()) {
            recordOn(actor, action, resource, purpose, AuditOutcome.DENIED, "recipient may not receive " + fieldList(items));
            throw new RequestProblem(ProblemType.PURPOSE_NOT_ALLOWED,
                    "The recipient may not receive some of the items asked for.", outside);
        }
    }

    /**
     * The consent a provision of this customer's data to the recipient rests on: the ledger entry in
     * force for that recipient, which must be a grant. Refusals (unknown, erased, no consent) are audited.
     */
    ConsentEvent provisionBasis(Actor actor, Recipient recipient, String customerId) {
        String action = "personal-data.provide";
        requireActive(actor, action, customerId, Purpose.THIRD_PARTY_PROVISION);
        var basis = consents.latestForRecipient(customerId, recipient.id()).filter(ConsentEvent::granted);
        if (basis.isEmpty()) {
            deny(actor, action, customerId, Purpose.THIRD_PARTY_PROVISION, ProblemType.CONSENT_REQUIRED,
                    "The person has not consented to provision to this recipient.");
        }
        return basis.orElseThrow();
    }

    /**
     * Reads the items of every customer whose consent basis still stands and hands them to
     * {@code export}, which encrypts and records the provision, in one transaction together with an
     * audit entry per customer. A consent changed since {@link #provisionBasis} aborts the whole
     * provision (409, nothing provided).
     */
    <T> T provide(Actor actor, Recipient recipient, String provisionId, Map<String, Long> basis,
            Set<PersonalField> items, java.util.function.Function<Map<String, Map<PersonalField, String>>, T> export) {
        String action = "personal-data.provide";
        try {
            return transactions.execute(tx -> {
                Map<String, Map<PersonalField, String>> values = new java.util.LinkedHashMap<>();
                basis.forEach((customerId, seq) -> {
                    boolean active = vault.find(customerId).map(c -> c.status() == CustomerVault.Status.ACTIVE)
                            .orElse(false);
                    long inForce = consents.latestForRecipient(customerId, recipient.id())
                            .filter(ConsentEvent::granted).map(ConsentEvent::seq).orElse(-1L);
                    if (!active || inForce != seq) {
                        throw RequestProblem.conflict("A customer's consent or data changed while the provision was "
                                + "prepared; nothing was provided. Send the request again.");
                    }
                    values.put(customerId, vault.read(customerId, items));
                });
                T result = export.apply(values);
                for (String customerId : values.keySet()) {
                    record(actor, action, customerId, Purpose.THIRD_PARTY_PROVISION, AuditOutcome.SUCCESS,
                            "recipient=" + recipient.id() + " provision=" + provisionId + " " + fieldList(items));
                }
                return result;
            });
        } catch (DuplicateKeyException e) {
            throw e; // a concurrent retry: the caller answers it as one
        } catch (RuntimeException e) {
            recordOn(actor, action, "recipient/" + recipient.id(), Purpose.THIRD_PARTY_PROVISION, AuditOutcome.FAILURE,
                    e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * Takes in data a partner provides about one of the issuer's customers (APPI Art. 30), named by the
     * issuer's customer number as everywhere a partner names a customer. Only a client holding
     * {@link Role#PARTNER_DATA}. A retry is answered first: {@code retry} is given the customer's id and answers
     * what was stored under the receipt before (or throws a conflict), whatever happened to the person since.
     * Otherwise the customer must be held and the published purpose the provider's data is received for must be
     * in force for the person (data from a partner is used only for a purpose published to the person, who may
     * opt out of it). A number never registered, an erased customer and a person who opted out answer alike
     * ({@code customer-unknown}, 422, the same words), so a partner learns nothing of the person. Then {@code
     * store} runs with the customer's id inside one transaction that holds the customer active, checks the
     * purpose again, and commits with the audit entry; refusals are audited and nothing is stored.
     */
    <T> T receiveFromPartner(Actor partner, String resource, Purpose purpose, String customerNumber,
            java.util.function.Function<String, java.util.Optional<T>> retry,
            java.util.function.Function<String, T> store, java.util.function.Function<T, String> detail) {
        String action = "partner-data.receive";
        if (!partner.roles().contains(Role.PARTNER_DATA)) {
            recordOn(partner, action, resource, purpose, AuditOutcome.DENIED, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only a partner's PARTNER_DATA client sends data.",
                    List.of());
        }
        var customer = customerNumber == null || PersonalField.CUSTOMER_NUMBER.check(customerNumber).isPresent()
                ? java.util.Optional.<CustomerVault.StoredCustomer>empty()
                : vault.findByNumber(customerNumber).filter(c -> c.status() == CustomerVault.Status.ACTIVE);
        if (customer.isEmpty()) {
            recordOn(partner, action, "customer/-", purpose, AuditOutcome.DENIED, "customer-unknown " + resource);
            throw notReceivable();
        }
        String customerId = customer.get().id();
        java.util.Optional<T> earlier = retry.apply(customerId);
        if (earlier.isPresent()) {
            recordOn(partner, action, "customer/" + customerId, purpose, AuditOutcome.SUCCESS,
                    resource + " " + detail.apply(earlier.get()));
            return earlier.get();
        }
        if (!consents.allows(customerId, purpose, null)) {
            recordOn(partner, action, "customer/" + customerId, purpose, AuditOutcome.DENIED,
                    "consent-withdrawn " + resource);
            throw notReceivable();
        }
        try {
            return transactions.execute(tx -> {
                vault.lockActive(customerId);
                if (!consents.allows(customerId, purpose, null)) { // opted out meanwhile
                    throw new RequestProblem(ProblemType.CONSENT_WITHDRAWN, "opted out", List.of());
                }
                T result = store.apply(customerId);
                recordOn(partner, action, "customer/" + customerId, purpose, AuditOutcome.SUCCESS,
                        resource + " " + detail.apply(result));
                return result;
            });
        } catch (DuplicateKeyException e) {
            throw e; // a concurrent retry: the caller answers it as one
        } catch (RequestProblem e) {
            recordOn(partner, action, "customer/" + customerId, purpose, AuditOutcome.DENIED, e.type().name());
            if (e.type() == ProblemType.ERASED || e.type() == ProblemType.NOT_FOUND
                    || e.type() == ProblemType.CONSENT_WITHDRAWN) {
                throw notReceivable(); // erased or opted out meanwhile: answered as any person not receivable
            }
            throw e;
        } catch (RuntimeException e) {
            recordOn(partner, action, "customer/" + customerId, purpose, AuditOutcome.FAILURE,
                    e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * The one answer when no data can be received about the person named: never registered, erased, or opted
     * out of the purpose. Alike in type, words and field, so the partner learns nothing of which.
     */
    private static RequestProblem notReceivable() {
        return new RequestProblem(ProblemType.CUSTOMER_UNKNOWN, "No data can be received about a person under this "
                + "customer number; nothing was stored.",
                List.of(new FieldProblem("customerNumber", "no data can be received under this number")));
    }

    /**
     * Everything held about the person, for their disclosure request (APPI Art. 33): every value held,
     * the purposes in force, the consent history and the provision records. Privacy officer only.
     */
    public Disclosure disclose(Actor actor, String customerId) {
        String action = "personal-data.disclose";
        requireActive(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST);
        if (!actor.serves(Purpose.DATA_SUBJECT_REQUEST)) {
            deny(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST, ProblemType.FORBIDDEN,
                    "Only a privacy officer answers disclosure requests.");
        }
        Set<PersonalField> held = vault.heldFields(customerId);
        return audited(actor, action, customerId, Purpose.DATA_SUBJECT_REQUEST,
                fieldList(held) + " with consents and provision records", () -> disclosure(customerId, held));
    }

    /**
     * The same disclosure, given to the person themself (the portal's "my data"): everything
     * {@link #disclose} gives, to a cardholder acting for themself and for nobody else. Audited as a
     * disclosure for {@link Purpose#DATA_SUBJECT_REQUEST} with the person as actor and the form it was
     * given in; anyone else (another cardholder, any staff member, the privacy officer included, who
     * answers requests through {@link #disclose}) is refused, audited.
     */
    public Disclosure discloseToSubject(Actor person, String customerId, DisclosureFormat format) {
        String action = "personal-data.disclose";
        requireActive(person, action, customerId, Purpose.DATA_SUBJECT_REQUEST);
        if (person.dataSubject().filter(customerId::equals).isEmpty()) {
            deny(person, action, customerId, Purpose.DATA_SUBJECT_REQUEST, ProblemType.FORBIDDEN,
                    "A person's own disclosure is given to that person only.");
        }
        Set<PersonalField> held = vault.heldFields(customerId);
        return audited(person, action, customerId, Purpose.DATA_SUBJECT_REQUEST, "to the person; form=" + format
                + " " + fieldList(held) + " with consents and provision records", () -> disclosure(customerId, held));
    }

    private Disclosure disclosure(String customerId, Set<PersonalField> held) {
        Map<Purpose, Boolean> inForce = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            if (!purpose.needsPriorConsent()) {
                inForce.put(purpose, consents.allows(customerId, purpose, null));
            }
        }
        return new Disclosure(customerId, clock.instant(), vault.read(customerId, held), inForce,
                consents.history(customerId), provisionRecords.ofCustomer(customerId),
                elsewhere.orderedStream().flatMap(holder -> holder.disclose(customerId).stream()).toList());
    }

    /**
     * Who a statistics release may count, for the STATISTICS purpose (analysts): every customer whose
     * data is held, less those who switched statistics off, in general or for any product, as a condition
     * the release's own query applies ({@link StatisticsPopulation#condition}). With {@code ageBands},
     * each such customer's age band on the reference date, worked out here from the date of birth: the
     * one attribute statistics use, and only as a ten-year band (the date never leaves this module). One
     * audit entry per release names the purpose, the release and the fields, never a person nor how many.
     */
    public StatisticsPopulation statisticsPopulation(Actor actor, String release, boolean ageBands,
            java.time.LocalDate on) {
        String action = "personal-data.statistics";
        String resource = "statistics-release/" + release;
        if (!actor.serves(Purpose.STATISTICS)) {
            recordOn(actor, action, resource, Purpose.STATISTICS, AuditOutcome.DENIED, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "None of your roles works for statistics.", List.of());
        }
        Map<String, String> bands = null;
        if (ageBands) {
            Set<String> optedOut = consents.optedOut(Purpose.STATISTICS);
            bands = new HashMap<>();
            for (String id : vault.activeIds()) {
                if (!optedOut.contains(id)) {
                    bands.put(id, StatisticsPopulation.band(
                            vault.read(id, Set.of(PersonalField.DATE_OF_BIRTH)).get(PersonalField.DATE_OF_BIRTH), on));
                }
            }
        }
        recordOn(actor, action, resource, Purpose.STATISTICS, AuditOutcome.SUCCESS, "held customers not opted out"
                + (ageBands ? "; fields=" + PersonalField.DATE_OF_BIRTH + " as age band" : ""));
        return new StatisticsPopulation(bands);
    }

    /** Whether a customer with this id exists at all (erased or not). */
    boolean exists(String customerId) {
        return findCustomer(customerId).isPresent();
    }

    /**
     * Seals a document about the customer (the values a correction request asks for, a disclosure) with
     * the customer's own key, for the privacy module's own records of the person's requests: unreadable
     * at rest, shredded with the customer. Other modules seal the free text they keep about the
     * customer (the support window's notes) the same way, so a backup holds nothing readable of it
     * once the customer is erased.
     */
    public String seal(String customerId, String context, String document) {
        return vault.seal(customerId, context, document);
    }

    /**
     * {@link #seal}, for a hot path (the payment data of every authorization): the customer's key stays
     * unwrapped in this server's memory for at most five minutes, for sealing only; {@link #open} always
     * reads it afresh, so nothing opens once the customer is erased. Refuses an erased customer (410).
     */
    public String sealCached(String customerId, String context, String document) {
        return vault.sealCached(customerId, context, document);
    }

    /** A sealed document, or empty once the customer is erased. */
    public java.util.Optional<String> open(String customerId, String context, String sealed) {
        return vault.open(customerId, context, sealed);
    }

    /**
     * A sealed document about the customer opened for a person who may read it, audited as a read: staff serving
     * the customer ({@link Purpose#SERVICE_OPERATION}, e.g. answering a voice), the privacy officer on the person's
     * own request ({@link Purpose#DATA_SUBJECT_REQUEST}). {@code resource} names what is read ({@code voice/<id>}),
     * never its content. Empty once the customer is erased (410 through {@link #tombstone} for callers who say so).
     */
    public java.util.Optional<String> openFor(Actor actor, Purpose purpose, String customerId, String resource,
            String context, String sealed) {
        String action = "personal-data.open";
        requireOpenPurpose(actor, action, "customer/" + customerId, purpose);
        requireActive(actor, action, customerId, purpose);
        requireOwn(actor, action, customerId, purpose);
        if (!actor.serves(purpose)) {
            deny(actor, action, customerId, purpose, ProblemType.FORBIDDEN,
                    "None of your roles works for the purpose " + purpose + ".");
        }
        return audited(actor, action, customerId, purpose, "document=" + resource,
                () -> vault.open(customerId, context, sealed));
    }

    /** What {@link #sealUnattributed} answers: the key's name to keep beside the document, and the document sealed. */
    public record Unattributed(String sealKey, String sealed) {
    }

    /**
     * Seals personal data not tied to a registered customer (the words of a voice sent through the public form,
     * which may name people) with the key of the calendar month (UTC) {@code at} falls in, {@code month:YYYY-MM}:
     * unreadable at rest, and shredded for good when the month's key is ({@link #shredUnattributed}). Keep the
     * answer's {@code sealKey} beside the document.
     */
    public Unattributed sealUnattributed(java.time.Instant at, String context, String document) {
        String sealKey = UnattributedKeys.sealKey(at);
        return new Unattributed(sealKey, unattributed.seal(sealKey, context, document));
    }

    /**
     * A document sealed by {@link #sealUnattributed}, opened for a purpose that allows reading it, audited under
     * {@code resource} (e.g. {@code voice/<id>}); empty once the month's key is shredded. The privacy officer
     * answering a person's own request ({@link Purpose#DATA_SUBJECT_REQUEST}) only: the words are from nobody
     * registered, so no service to a customer needs them (least privilege).
     */
    public java.util.Optional<String> openUnattributed(Actor actor, Purpose purpose, String resource, String sealKey,
            String context, String sealed) {
        String action = "personal-data.open";
        requireOpenPurpose(actor, action, resource, purpose);
        if (purpose != Purpose.DATA_SUBJECT_REQUEST) {
            recordOn(actor, action, resource, purpose, AuditOutcome.DENIED, "purpose");
            throw new RequestProblem(ProblemType.PURPOSE_NOT_ALLOWED, "A document from nobody registered is read for "
                    + Purpose.DATA_SUBJECT_REQUEST + " only.", List.of());
        }
        if (!actor.serves(purpose)) {
            recordOn(actor, action, resource, purpose, AuditOutcome.DENIED, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "None of your roles works for the purpose " + purpose + ".",
                    List.of());
        }
        java.util.Optional<String> opened = unattributed.open(sealKey, context, sealed);
        recordOn(actor, action, resource, purpose, AuditOutcome.SUCCESS,
                "unattributed " + sealKey + (opened.isPresent() ? "" : " shredded"));
        return opened;
    }

    /**
     * Makes sure the month {@code at} falls in has its key, made in a transaction of its own when it has none yet:
     * call it before opening the transaction that calls {@link #sealUnattributed}, so that a burst of first
     * voices at a month's start does not hold two pooled connections each.
     */
    public void prepareUnattributed(java.time.Instant at) {
        unattributed.ensure(UnattributedKeys.sealKey(at));
    }

    /**
     * Crypto-shreds the unattributed data of every month that ended before {@code cutoff} by deleting the months'
     * keys: called by the retention rule of the data sealed with them, once their retention period has passed.
     * Answers how many month keys went.
     */
    public int shredUnattributed(java.time.Instant cutoff) {
        return unattributed.shredBefore(cutoff);
    }

    private void requireOpenPurpose(Actor actor, String action, String resource, Purpose purpose) {
        if (purpose != Purpose.SERVICE_OPERATION && purpose != Purpose.DATA_SUBJECT_REQUEST) {
            recordOn(actor, action, resource, purpose, AuditOutcome.DENIED, "purpose");
            throw new RequestProblem(ProblemType.PURPOSE_NOT_ALLOWED, "A sealed document is read for "
                    + Purpose.SERVICE_OPERATION + " or " + Purpose.DATA_SUBJECT_REQUEST + " only.", List.of());
        }
    }

    /**
     * The customers erased at or after {@code since} (their ids only, oldest first), by this server or any
     * other sharing the database: for a module that keeps copies of their data on this server outside the
     * database (the decision log) and must learn of an erasure made elsewhere while it runs.
     */
    public List<String> erasedSince(java.time.Instant since) {
        return vault.erasedSince(since);
    }

    /** The tombstone of an erased customer, if erased. */
    public java.util.Optional<Tombstone> tombstone(String customerId) {
        return findCustomer(customerId).flatMap(customer -> vault.tombstone(customer.id()));
    }

    /**
     * Whether the actor may work with this customer: staff operating cards or answering requests, or
     * the customer themself.
     */
    private static boolean servesCustomers(Actor actor, String customerId) {
        return actor.serves(Purpose.SERVICE_OPERATION) || actor.serves(Purpose.DATA_SUBJECT_REQUEST)
                || actor.dataSubject().filter(customerId::equals).isPresent();
    }

    /** A cardholder acting for themself reaches their own data and nobody else's. */
    private void requireOwn(Actor actor, String action, String customerId, Purpose purpose) {
        if (actor.dataSubject().filter(own -> !own.equals(customerId)).isPresent()) {
            deny(actor, action, customerId, purpose, ProblemType.FORBIDDEN, "A cardholder reaches only their own data.");
        }
    }

    private void requireActive(Actor actor, String action, String customerId, Purpose purpose) {
        var customer = findCustomer(customerId);
        if (customer.isEmpty()) {
            throw RequestProblem.notFound("No such customer.");
        }
        if (customer.get().status() == CustomerVault.Status.ERASED) {
            deny(actor, action, customerId, purpose, ProblemType.ERASED, "This customer's personal data was erased.");
        }
    }

    /** Customer ids are UUIDs; anything else is simply not found (and never reaches the audit log's fields). */
    private java.util.Optional<CustomerVault.StoredCustomer> findCustomer(String customerId) {
        if (customerId == null || !Ids.isUuid(customerId)) {
            return java.util.Optional.empty();
        }
        return vault.find(customerId);
    }


    private void permit(Actor actor, Purpose purpose, Set<PersonalField> fields, String action, String customerId) {
        // The person may see their own data: that is what a disclosure request is (APPI Art. 33).
        boolean ownDisclosure = purpose == Purpose.DATA_SUBJECT_REQUEST
                && actor.dataSubject().filter(customerId::equals).isPresent();
        if (!actor.serves(purpose) && !ownDisclosure) {
            deny(actor, action, customerId, purpose, ProblemType.FORBIDDEN,
                    "None of your roles works for the purpose " + purpose + ".");
        }
        List<FieldProblem> outside = new ArrayList<>();
        for (PersonalField field : fields) {
            if (!purpose.allows(field)) {
                outside.add(new FieldProblem("fields", field + " (" + field.category() + ") is not used for " + purpose));
            }
        }
        if (!outside.isEmpty()) {
            record(actor, action, customerId, purpose, AuditOutcome.DENIED, "purpose does not allow " + fieldList(fields));
            throw new RequestProblem(ProblemType.PURPOSE_NOT_ALLOWED,
                    "The purpose " + purpose + " does not allow some of the fields asked for.", outside);
        }
    }

    private void requireConsent(Actor actor, Purpose purpose, String product, String customerId, String action) {
        if (!consents.allows(customerId, purpose, product)) {
            deny(actor, action, customerId, purpose, ProblemType.CONSENT_WITHDRAWN,
                    "The person has opted out of " + purpose + (product == null ? "." : " for this product."));
        }
    }

    private void deny(Actor actor, String action, String customerId, Purpose purpose, ProblemType type, String detail) {
        record(actor, action, customerId, purpose, AuditOutcome.DENIED, type.name().toLowerCase());
        throw new RequestProblem(type, detail, List.of());
    }

    /** Runs an allowed operation and its audit entry in one transaction; a failure is audited on its own. */
    private <T> T audited(Actor actor, String action, String customerId, Purpose purpose, String detail,
            Supplier<T> operation) {
        try {
            return transactions.execute(tx -> {
                T result = operation.get();
                // Last, so the audit chain's head is locked only for the end of the transaction.
                record(actor, action, customerId, purpose, AuditOutcome.SUCCESS, detail);
                return result;
            });
        } catch (DuplicateKeyException e) {
            throw e; // a concurrent retry: the caller answers it as one
        } catch (RuntimeException e) {
            record(actor, action, customerId, purpose, AuditOutcome.FAILURE, e.getClass().getSimpleName());
            throw e;
        }
    }

    private void record(Actor actor, String action, String customerId, Purpose purpose, AuditOutcome outcome,
            String detail) {
        if (TransactionSynchronizationManager.isActualTransactionActive() && outcome != AuditOutcome.SUCCESS) {
            // A refusal recorded inside someone else's transaction would vanish with its rollback.
            throw new IllegalStateException("PersonalData is called inside a transaction: its refusals would not be kept");
        }
        recordOn(actor, action, "customer/" + customerId, purpose, outcome, detail);
    }

    private void recordOn(Actor actor, String action, String resource, Purpose purpose, AuditOutcome outcome,
            String detail) {
        audit.record(new AuditEvent(actor.name(), action, resource, purpose == null ? null : purpose.name(), outcome,
                actor.origin(), detail));
    }

    static void validate(Map<PersonalField, String> values, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        values.forEach((field, value) -> field.check(value)
                .ifPresent(problem -> problems.add(new FieldProblem(prefix + field.name(), problem))));
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
    }

    private static String fieldList(Set<PersonalField> fields) {
        return "fields=" + PersonalField.names(fields);
    }
}
