package dev.anshin.privacy;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The person's requests: disclosure, correction, stop of use, deletion (APPI Art. 33–35). Each is
 * taken in with a deadline ({@code anshin.privacy.requests.deadline} after intake), moves from
 * received to in progress to completed or rejected, and is visible to the person ({@link #listFor})
 * and to staff ({@link #queue}, by deadline, overdue flagged).
 *
 * <p>Completing one acts through {@link PersonalData}, so every effect is checked and audited like
 * any other use: a disclosure reads everything held, a correction writes the values asked for, a
 * stop of use records a withdrawal in the consent ledger, a deletion erases (crypto-shredding) with
 * the request's id as the tombstone's reference. The values a correction asks for and the document a
 * disclosure produced are kept sealed with the customer's own key. Every step is idempotent: the same
 * submission (same request id) answers with the request already taken in; completing a completed
 * request answers with the same result; the effect itself is idempotent if the step is retried after
 * a failure between the effect and the status change.
 */
@Service
public class DataSubjectRequests {

    /** A completed request and, for a disclosure, the document produced (null once the person is erased). */
    public record Completion(DataSubjectRequest request, Disclosure disclosure) {
    }

    private final PersonalData personalData;
    private final Recipients recipients;
    private final RequestProperties properties;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    DataSubjectRequests(PersonalData personalData, Recipients recipients, RequestProperties properties, AuditLog audit,
            JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.personalData = personalData;
        this.recipients = recipients;
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Takes in a request for a customer, from the cardholder portal (the actor is the person) or from
     * staff on the person's behalf. Idempotent on {@code requestId}: the same submission again answers
     * with the request already taken in; a different one under a used id is a conflict.
     */
    public DataSubjectRequest submit(Actor actor, String customerId, RequestKind kind, RequestDetails details,
            ConsentChannel channel, String requestId) {
        String submission = Requests.optionalText(requestId, "requestId", 64);
        if (submission == null) {
            throw RequestProblem.invalid("requestId", "required: a unique id, so a retry is taken in once");
        }
        if (kind == null) {
            throw RequestProblem.invalid("kind", "one of " + List.of(RequestKind.values()));
        }
        if (channel == null) {
            throw RequestProblem.invalid("channel", "one of " + List.of(ConsentChannel.values()));
        }
        RequestDetails checked = check(kind, details == null ? RequestDetails.none() : details);
        if (!personalData.exists(customerId)) {
            throw RequestProblem.notFound("No such customer.");
        }
        requirePersonOrStaff(actor, "dsr.submit", customerId, true);
        var earlier = byRequestId(submission);
        if (earlier.isPresent()) {
            return sameSubmission(earlier.get(), customerId, kind, checked);
        }
        if (!personalData.isActive(customerId)) {
            auditOn(actor, "dsr.submit", customerId, AuditOutcome.DENIED, "erased; kind=" + kind);
            throw new RequestProblem(ProblemType.ERASED, "This customer's personal data was erased.", List.of());
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String sealed = checked.corrections().isEmpty() ? null
                : personalData.seal(customerId, correctionContext(id), json.writeValueAsString(byName(checked.corrections())));
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("""
                                INSERT INTO data_subject_requests (id, request_id, customer_id, kind, purpose, recipient,
                                    fields, sealed_values, channel, status, received_by, received_at, deadline)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, submission, customerId, kind.name(),
                                checked.purpose() == null ? null : checked.purpose().name(), checked.recipient(),
                                PersonalField.names(checked.corrections().keySet()), sealed, channel.name(),
                                RequestStatus.RECEIVED.name(), actor.name(), Timestamp.from(now),
                                Timestamp.from(now.plus(properties.deadline())))
                        .update();
                auditOn(actor, "dsr.submit", customerId, AuditOutcome.SUCCESS, "request=" + id + " kind=" + kind
                        + (checked.purpose() == null ? "" : " purpose=" + checked.purpose())
                        + (checked.corrections().isEmpty() ? "" : " fields=" + PersonalField.names(checked.corrections().keySet())));
            });
        } catch (DuplicateKeyException submittedMeanwhile) {
            return sameSubmission(byRequestId(submission).orElseThrow(), customerId, kind, checked);
        }
        return find(id).orElseThrow();
    }

    private DataSubjectRequest sameSubmission(DataSubjectRequest earlier, String customerId, RequestKind kind,
            RequestDetails details) {
        boolean same = earlier.customerId().equals(customerId) && earlier.kind() == kind
                && earlier.purpose() == details.purpose() && Objects.equals(earlier.recipient(), details.recipient())
                && earlier.fields().equals(details.corrections().keySet())
                && (details.corrections().isEmpty() || details.corrections().equals(corrections(earlier)));
        if (!same) {
            throw RequestProblem.conflict("This request id was used for a different request.");
        }
        return earlier;
    }

    private RequestDetails check(RequestKind kind, RequestDetails details) {
        switch (kind) {
            case CORRECTION -> {
                if (details.corrections().isEmpty()) {
                    throw RequestProblem.invalid("corrections", "name at least one field and its correct value");
                }
                if (details.corrections().containsKey(PersonalField.CUSTOMER_NUMBER)) {
                    throw RequestProblem.invalid("corrections.CUSTOMER_NUMBER", "the customer number is not corrected");
                }
                PersonalData.validate(details.corrections(), "corrections.");
                return RequestDetails.correction(details.corrections());
            }
            case STOP_OF_USE -> {
                Purpose purpose = details.purpose();
                if (purpose == null) {
                    throw RequestProblem.invalid("purpose", "name the purpose whose use is to stop");
                }
                if (!purpose.optional()) {
                    throw RequestProblem.invalid("purpose", purpose + " is needed to run the contract or by law; "
                            + "it stops only with the contract (ask for deletion once it has ended)");
                }
                if (purpose.needsPriorConsent()) {
                    recipients.named(details.recipient(), "recipient");
                    return RequestDetails.stopOfUse(purpose, details.recipient());
                }
                if (details.recipient() != null) {
                    throw RequestProblem.invalid("recipient", "only a stop of " + Purpose.THIRD_PARTY_PROVISION
                            + " names a recipient");
                }
                return RequestDetails.stopOfUse(purpose, null);
            }
            default -> {
                return RequestDetails.none();
            }
        }
    }

    /** The person's own requests, newest first, for the portal: no values. */
    public List<DataSubjectRequest> listFor(String customerId) {
        return jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY received_at DESC, id").param(customerId)
                .query(this::request).list();
    }

    /** The staff queue: open requests first, by deadline, then (if asked) closed ones, most recent first. */
    public List<DataSubjectRequest> queue(boolean includeClosed, int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        List<DataSubjectRequest> open = jdbc.sql(SELECT + " WHERE status IN ('RECEIVED', 'IN_PROGRESS', 'COMPLETING')"
                        + " ORDER BY deadline, id LIMIT ?").param(bounded).query(this::request).list();
        if (!includeClosed || open.size() >= bounded) {
            return open;
        }
        List<DataSubjectRequest> closed = jdbc.sql(SELECT + " WHERE status IN ('COMPLETED', 'REJECTED')"
                        + " ORDER BY closed_at DESC, id LIMIT ?").param(bounded - open.size()).query(this::request).list();
        return java.util.stream.Stream.concat(open.stream(), closed.stream()).toList();
    }

    public Optional<DataSubjectRequest> find(String id) {
        if (!Ids.isUuid(id)) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::request).optional();
    }

    private Optional<DataSubjectRequest> byRequestId(String requestId) {
        return jdbc.sql(SELECT + " WHERE request_id = ?").param(requestId).query(this::request).optional();
    }

    private DataSubjectRequest get(String id) {
        return find(id).orElseThrow(() -> RequestProblem.notFound("No such request."));
    }

    /** Marks a received request as being worked on (again: no change). */
    public DataSubjectRequest start(Actor actor, String id) {
        DataSubjectRequest request = get(id);
        requireOfficer(actor, "dsr.start", request);
        if (request.status() == RequestStatus.RECEIVED) {
            transactions.executeWithoutResult(tx -> {
                int moved = jdbc.sql("UPDATE data_subject_requests SET status = ? WHERE id = ? AND status = ?")
                        .params(RequestStatus.IN_PROGRESS.name(), id, RequestStatus.RECEIVED.name()).update();
                if (moved > 0) {
                    auditOn(actor, "dsr.start", request.customerId(), AuditOutcome.SUCCESS, "request=" + id);
                }
            });
            return get(id);
        }
        if (request.status() != RequestStatus.IN_PROGRESS) {
            throw RequestProblem.conflict("This request is already " + request.status() + ".");
        }
        return request;
    }

    /** How long a completion's claim holds before an interrupted completion may be taken over. */
    static final java.time.Duration CLAIM_TIMEOUT = java.time.Duration.ofMinutes(15);

    /** Carries out the request through {@link PersonalData} and closes it as completed. */
    public Completion complete(Actor actor, String id) {
        DataSubjectRequest request = get(id);
        requireOfficer(actor, "dsr.complete", request);
        if (request.status() == RequestStatus.COMPLETED) {
            return new Completion(request, storedDisclosure(request).orElse(null));
        }
        if (request.status() == RequestStatus.REJECTED) {
            throw RequestProblem.conflict("This request was rejected; it cannot be completed.");
        }
        // Claimed first: from here the request cannot be rejected, so its effect (an erasure, say) is
        // never recorded under a rejection. The claim is exclusive: a second completion sent meanwhile
        // (a double click) finds it taken and carries out nothing; a claim left behind by an interrupted
        // completion is taken over once older than CLAIM_TIMEOUT.
        Instant claimAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int claimed = jdbc.sql("UPDATE data_subject_requests SET status = ?, claimed_at = ? WHERE id = ? "
                        + "AND (status IN ('RECEIVED', 'IN_PROGRESS') OR (status = 'COMPLETING' "
                        + "AND (claimed_at IS NULL OR claimed_at < ?)))")
                .params(RequestStatus.COMPLETING.name(), Timestamp.from(claimAt), id,
                        Timestamp.from(claimAt.minus(CLAIM_TIMEOUT))).update();
        if (claimed == 0) {
            DataSubjectRequest now = get(id);
            if (now.status() == RequestStatus.COMPLETED) {
                return new Completion(now, storedDisclosure(now).orElse(null));
            }
            throw RequestProblem.conflict(now.status() == RequestStatus.COMPLETING
                    ? "This request is being completed right now."
                    : "This request was closed meanwhile as " + now.status() + ".");
        }
        try {
            return carryOut(actor, request);
        } catch (RuntimeException e) {
            jdbc.sql("UPDATE data_subject_requests SET status = ? WHERE id = ? AND status = ?")
                    .params(RequestStatus.IN_PROGRESS.name(), id, RequestStatus.COMPLETING.name()).update();
            throw e;
        }
    }

    private Completion carryOut(Actor actor, DataSubjectRequest request) {
        String id = request.id();
        String customerId = request.customerId();
        Disclosure disclosure = null;
        String sealedResult = null;
        switch (request.kind()) {
            case DISCLOSURE -> {
                disclosure = personalData.disclose(actor, customerId);
                sealedResult = personalData.seal(customerId, disclosureContext(id), json.writeValueAsString(disclosure));
            }
            case CORRECTION -> personalData.correct(actor, Purpose.DATA_SUBJECT_REQUEST, customerId, corrections(request));
            case STOP_OF_USE -> personalData.recordConsent(actor, "dsr:" + id, customerId, request.purpose(), null,
                    request.recipient(), false, request.channel(), "DSR");
            case DELETION -> personalData.erase(actor, customerId, ErasureReason.PERSON_REQUESTED, id);
        }
        String result = sealedResult;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> {
            int closed = jdbc.sql("""
                            UPDATE data_subject_requests SET status = ?, closed_by = ?, closed_at = ?, sealed_result = ?
                            WHERE id = ? AND status = 'COMPLETING'""")
                    .params(RequestStatus.COMPLETED.name(), actor.name(), Timestamp.from(now), result, id).update();
            if (closed > 0) {
                auditOn(actor, "dsr.complete", customerId, AuditOutcome.SUCCESS, "request=" + id + " kind=" + request.kind());
            }
        });
        DataSubjectRequest done = get(id);
        if (done.status() != RequestStatus.COMPLETED) {
            throw RequestProblem.conflict("This request was closed meanwhile as " + done.status() + ".");
        }
        return new Completion(done, request.kind() == RequestKind.DISCLOSURE ? storedDisclosure(done).orElse(disclosure)
                : null);
    }

    /** Closes an open request as rejected, for a reason code. The same rejection again changes nothing. */
    public DataSubjectRequest reject(Actor actor, String id, RejectionReason reason) {
        if (reason == null) {
            throw RequestProblem.invalid("reason", "one of " + List.of(RejectionReason.values()));
        }
        DataSubjectRequest request = get(id);
        requireOfficer(actor, "dsr.reject", request);
        if (request.status() == RequestStatus.REJECTED && request.rejection() == reason) {
            return request;
        }
        if (!request.status().open()) {
            throw RequestProblem.conflict("This request is already " + request.status() + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> {
            int closed = jdbc.sql("""
                            UPDATE data_subject_requests SET status = ?, closed_by = ?, closed_at = ?, rejection = ?
                            WHERE id = ? AND status IN ('RECEIVED', 'IN_PROGRESS')""")
                    .params(RequestStatus.REJECTED.name(), actor.name(), Timestamp.from(now), reason.name(), id)
                    .update();
            if (closed > 0) {
                auditOn(actor, "dsr.reject", request.customerId(), AuditOutcome.SUCCESS, "request=" + id + " reason=" + reason);
            }
        });
        DataSubjectRequest done = get(id);
        if (done.status() != RequestStatus.REJECTED || done.rejection() != reason) {
            throw RequestProblem.conflict("This request was closed meanwhile as " + done.status() + ".");
        }
        return done;
    }

    /**
     * The document a completed disclosure request produced, opened for a privacy officer or for the
     * portal showing it to the person (audited as a read of the person's data). Empty once erased.
     */
    public Optional<Disclosure> disclosure(Actor actor, String id) {
        return disclosure(actor, id, null);
    }

    /**
     * As {@link #disclosure(Actor, String)}, naming in the audit entry the form it is opened in (the
     * page, a JSON or CSV download, the text): the sealed document, as produced at completion.
     */
    public Optional<Disclosure> disclosure(Actor actor, String id, DisclosureFormat format) {
        DataSubjectRequest request = get(id);
        requirePersonOrStaff(actor, "dsr.disclosure.read", request.customerId(), false);
        if (request.kind() != RequestKind.DISCLOSURE || request.status() != RequestStatus.COMPLETED) {
            throw RequestProblem.notFound("This request has no disclosure (not a completed disclosure request).");
        }
        Optional<Disclosure> disclosure = storedDisclosure(request);
        auditOn(actor, "dsr.disclosure.read", request.customerId(), AuditOutcome.SUCCESS,
                "request=" + id + (format == null ? "" : " form=" + format) + (disclosure.isEmpty() ? " erased" : ""));
        return disclosure;
    }

    /**
     * For the portal: the disclosure of one of the person's own requests. A request of someone else is
     * answered as not found, never shown.
     */
    public Optional<Disclosure> disclosureFor(Actor actor, String customerId, String id) {
        return disclosureFor(actor, customerId, id, null);
    }

    /** As {@link #disclosureFor(Actor, String, String)}, naming in the audit entry the form it is opened in. */
    public Optional<Disclosure> disclosureFor(Actor actor, String customerId, String id, DisclosureFormat format) {
        DataSubjectRequest request = find(id).filter(r -> r.customerId().equals(customerId))
                .orElseThrow(() -> RequestProblem.notFound("No such request."));
        return disclosure(actor, request.id(), format);
    }

    private Optional<Disclosure> storedDisclosure(DataSubjectRequest request) {
        String sealed = jdbc.sql("SELECT sealed_result FROM data_subject_requests WHERE id = ?").param(request.id())
                .query(String.class).optional().orElse(null);
        if (sealed == null) {
            return Optional.empty();
        }
        return personalData.open(request.customerId(), disclosureContext(request.id()), sealed)
                .map(document -> json.readValue(document, Disclosure.class));
    }

    private Map<PersonalField, String> corrections(DataSubjectRequest request) {
        String sealed = jdbc.sql("SELECT sealed_values FROM data_subject_requests WHERE id = ?").param(request.id())
                .query(String.class).optional().orElse(null);
        if (sealed == null) {
            return Map.of();
        }
        String document = personalData.open(request.customerId(), correctionContext(request.id()), sealed)
                .orElseThrow(() -> new RequestProblem(ProblemType.ERASED, "This customer's personal data was erased.",
                        List.of()));
        Map<String, String> byName = json.readValue(document, new TypeReference<Map<String, String>>() { });
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        byName.forEach((name, value) -> PersonalField.named(name).ifPresent(field -> values.put(field, value)));
        return values;
    }

    /**
     * The person for their own data only; staff who serve customers (customer service taking a
     * request on the person's behalf) or answer requests, when {@code staffMayAct}.
     */
    private void requirePersonOrStaff(Actor actor, String action, String customerId, boolean customerServiceMayAct) {
        boolean allowed = actor.dataSubject().map(customerId::equals)
                .orElseGet(() -> actor.serves(Purpose.DATA_SUBJECT_REQUEST)
                        || (customerServiceMayAct && actor.serves(Purpose.SERVICE_OPERATION)));
        if (!allowed) {
            auditOn(actor, action, customerId, AuditOutcome.DENIED, "forbidden");
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only the person, or staff answering their requests, "
                    + "may do this.", List.of());
        }
    }

    private void requireOfficer(Actor actor, String action, DataSubjectRequest request) {
        if (!actor.serves(Purpose.DATA_SUBJECT_REQUEST)) {
            auditOn(actor, action, request.customerId(), AuditOutcome.DENIED, "forbidden; request=" + request.id());
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only a privacy officer acts on the person's requests.",
                    List.of());
        }
    }

    private void auditOn(Actor actor, String action, String customerId, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(actor.name(), action, "customer/" + customerId,
                Purpose.DATA_SUBJECT_REQUEST.name(), outcome, actor.origin(), detail));
    }

    private static String correctionContext(String id) {
        return "dsr/" + id + "/corrections";
    }

    private static String disclosureContext(String id) {
        return "dsr/" + id + "/disclosure";
    }

    private static Map<String, String> byName(Map<PersonalField, String> values) {
        Map<String, String> byName = new java.util.TreeMap<>();
        values.forEach((field, value) -> byName.put(field.name(), value));
        return byName;
    }

    private static final String SELECT = """
            SELECT id, request_id, customer_id, kind, purpose, recipient, fields, channel, status, received_by,
                received_at, deadline, closed_by, closed_at, rejection FROM data_subject_requests""";

    private DataSubjectRequest request(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        RequestStatus status = RequestStatus.valueOf(rs.getString("status"));
        Instant deadline = rs.getTimestamp("deadline").toInstant();
        Timestamp closedAt = rs.getTimestamp("closed_at");
        String purpose = rs.getString("purpose");
        String rejection = rs.getString("rejection");
        return new DataSubjectRequest(rs.getString("id"), rs.getString("request_id"), rs.getString("customer_id"),
                RequestKind.valueOf(rs.getString("kind")), purpose == null ? null : Purpose.valueOf(purpose),
                rs.getString("recipient"), PersonalField.fromNames(rs.getString("fields")),
                ConsentChannel.valueOf(rs.getString("channel")), status, rs.getTimestamp("received_at").toInstant(),
                deadline, status.open() && clock.instant().isAfter(deadline), rs.getString("received_by"),
                closedAt == null ? null : closedAt.toInstant(), rs.getString("closed_by"),
                rejection == null ? null : RejectionReason.valueOf(rejection));
    }
}
