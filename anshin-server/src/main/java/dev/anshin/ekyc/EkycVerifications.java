package dev.anshin.ekyc;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The module's API for the application flow: start a verification at the configured vendor, read
 * where it stands, and (for the review queue) decide one the policy referred to staff. Takes the
 * vendor's results from the webhook controller, judges them with {@link EkycPolicy} at once (it is
 * cheap) and publishes {@link EkycConcluded}. Every change is audited.
 */
@Service
public class EkycVerifications {

    private static final Logger log = LoggerFactory.getLogger(EkycVerifications.class);
    /** Ids and references are plain tokens: nothing a log, a URL or a page would have to escape. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final String ACTOR = "ekyc";

    /** What the webhook took in: the event and what it says. */
    record Delivery(String eventId, String verificationId, EkycResult result, VendorReview review,
            String bodySha256) {
    }

    /** The answer to the vendor. */
    record Receipt(String eventId, String verificationId, EkycStatus status, boolean redelivered,
            Instant receivedAt) {
    }

    /**
     * A started verification.
     *
     * @param continueUrl where the applicant continues at the vendor (send them there)
     */
    public record Started(String verificationId, URI continueUrl) {
    }

    private final ObjectProvider<EkycProvider> providers;
    private final EkycProperties properties;
    private final VerificationStore store;
    private final EkycPolicy policy;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EkycVerifications(ObjectProvider<EkycProvider> providers, EkycProperties properties, VerificationStore store,
            TransactionTemplate transactions, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.providers = providers;
        this.properties = properties;
        this.store = store;
        this.policy = new EkycPolicy(properties.policy().thresholds());
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts a verification for the subject at the configured vendor.
     *
     * @param subjectReference the caller's opaque reference (an application id): letters, digits and {@code ._:-}, up
     *                         to 128 characters; never personal data
     * @param returnUrl        where the applicant is sent back: a path on Anshin ({@code /apply/…}), never another site
     * @param language         the applicant's language (Japanese unless English)
     * @throws EkycRefused     INVALID_FIELD for a bad reference or return URL
     * @throws EkycUnavailable when no provider is configured or the vendor cannot be reached
     */
    public Started start(String subjectReference, URI returnUrl, Locale language) {
        if (subjectReference == null || !TOKEN.matcher(subjectReference).matches()) {
            throw EkycRefused.invalidField("subjectReference", "must be 1 to 128 letters, digits or ._:-");
        }
        if (!acceptableReturn(returnUrl)) {
            throw EkycRefused.invalidField("returnUrl", "must be a path on this site (/…), up to 512 characters");
        }
        String lang = language != null && "en".equals(language.getLanguage()) ? "en" : "ja";
        EkycProvider provider = providers.orderedStream().filter(p -> p.name().equals(properties.provider()))
                .findFirst().orElse(null);
        if (provider == null) {
            throw new EkycUnavailable("No eKYC provider is configured (anshin.ekyc.provider=" + properties.provider() + ")");
        }
        EkycProvider.StartedAtVendor started = provider.start(
                new EkycProvider.VerificationRequest(subjectReference, returnUrl, Locale.forLanguageTag(lang)));
        if (!TOKEN.matcher(started.verificationId()).matches()) {
            throw new EkycUnavailable("The eKYC vendor answered with an unusable verification id");
        }
        Instant now = clock.instant();
        EkycVerification verification = new EkycVerification(started.verificationId(), subjectReference,
                provider.name(), EkycStatus.STARTED, null, List.of(), null, returnUrl, lang, now, null, null, 0);
        transactions.executeWithoutResult(tx -> {
            store.insert(verification);
            audit.record(new AuditEvent(ACTOR, "ekyc.start", resource(verification.id()), null, AuditOutcome.SUCCESS,
                    null, "provider " + provider.name() + ", subject " + subjectReference));
        });
        return new Started(verification.id(), started.continueUrl());
    }

    /** The verification, if Anshin knows it. */
    public Optional<EkycVerification> find(String verificationId) {
        if (verificationId == null || !TOKEN.matcher(verificationId).matches()) {
            return Optional.empty();
        }
        return store.find(verificationId);
    }

    /** Every verification started for the subject, oldest first (an applicant may try again). */
    public List<EkycVerification> ofSubject(String subjectReference) {
        if (subjectReference == null || !TOKEN.matcher(subjectReference).matches()) {
            return List.of();
        }
        return store.ofSubject(subjectReference);
    }

    /**
     * The applicant of these subjects (application ids) was erased; called by the module that knows whose they
     * were, inside the erasure's transaction. Their verifications keep only the reference to the vendor's
     * verification record (id, provider, status, outcome and times: the record the Act on Prevention of Transfer
     * of Criminal Proceeds asks for is the vendor's, referenced by the id) and lose the result, reasons, return
     * address and language; no later result or staff decision is taken for them. Safe to repeat.
     *
     * @return how many verifications were erased now
     */
    public int forgetSubjects(java.util.Collection<String> subjectReferences, Instant erasedAt) {
        return store.erase(subjectReferences.stream().filter(s -> s != null).distinct().toList(), erasedAt);
    }

    /**
     * The subject (an application id) became a customer: its card was issued. Called by the module that issues,
     * in the issuing move's transaction. Its verifications are then the identity verification record of a
     * continuing relationship, which the Act on Prevention of Transfer of Criminal Proceeds keeps 7 years from the
     * relationship's end: {@link EkycRetention} keeps them until the customer is erased ({@link #forgetSubjects})
     * and counts its period from then. Safe to repeat (the first time stays).
     *
     * @return how many verifications were marked now
     */
    public int customerRelationshipBegan(String subjectReference, Instant at) {
        return store.markCustomer(subjectReference, at);
    }

    /**
     * Staff's decision on a verification the policy referred (REVIEW → PASSED or FAILED); audited,
     * and published as {@link EkycConcluded}.
     *
     * @throws EkycRefused                   UNKNOWN_VERIFICATION
     * @throws EkycTransitions.IllegalMove  when it is not in review
     */
    public EkycVerification decideReview(String verificationId, boolean verified, String staff, String origin) {
        return transactions.execute(tx -> {
            EkycVerification v = store.lock(verificationId).orElseThrow(EkycVerifications::unknown);
            if (store.erased(v.id())) {
                // Its applicant was erased: nothing more is decided about them.
                throw new EkycTransitions.IllegalMove(v.status(),
                        verified ? EkycTransitions.Action.APPROVE : EkycTransitions.Action.REJECT);
            }
            EkycStatus to = EkycTransitions.next(v.status(),
                    verified ? EkycTransitions.Action.APPROVE : EkycTransitions.Action.REJECT);
            EkycOutcome outcome = verified ? EkycOutcome.PASSED : EkycOutcome.FAILED;
            store.conclude(v.id(), v.version(), to, outcome, List.of(EkycReason.STAFF_DECISION), clock.instant());
            audit.record(new AuditEvent(staff, "ekyc.review", resource(v.id()), null, AuditOutcome.SUCCESS, origin,
                    outcome.name()));
            events.publishEvent(new EkycConcluded(v.id(), v.subjectReference(), outcome));
            return store.find(v.id()).orElseThrow();
        });
    }

    /**
     * Takes in a vendor's result whose signature was checked: the same event again changes nothing;
     * a new one moves the verification to RESULT_RECEIVED and, judged at once, to its outcome.
     *
     * @throws EkycRefused                  UNKNOWN_VERIFICATION, EVENT_CONFLICT
     * @throws EkycTransitions.IllegalMove when the verification has concluded already (another event), or
     *                                      expired before the vendor completed this result
     */
    Receipt receive(Delivery delivery, String provider, String origin) {
        try {
            return transactions.execute(tx -> receiveOnce(delivery, provider, origin));
        } catch (DuplicateKeyException raced) {
            // The same event delivered twice at once: the other delivery stored it; answer as for a redelivery.
            return transactions.execute(tx -> receiveOnce(delivery, provider, origin));
        }
    }

    private Receipt receiveOnce(Delivery delivery, String provider, String origin) {
        EkycVerification v = store.lock(delivery.verificationId()).orElseThrow(EkycVerifications::unknown);
        Optional<VerificationStore.ReceivedEvent> seen = store.event(delivery.eventId());
        if (seen.isPresent()) {
            if (!seen.get().bodySha256().equals(delivery.bodySha256())
                    || !seen.get().verificationId().equals(delivery.verificationId())) {
                throw new EkycRefused(EkycRefused.Reason.EVENT_CONFLICT, "eventId",
                        "This event id was received before with a different body.");
            }
            return new Receipt(delivery.eventId(), v.id(), v.status(), true, seen.get().receivedAt());
        }
        if (store.erased(v.id())) {
            // Its applicant was erased: a result that comes now is not taken in (nor stored).
            throw new EkycTransitions.IllegalMove(v.status(), EkycTransitions.Action.RECEIVE_RESULT);
        }
        // As the database keeps it, so that a redelivery answers the same receivedAt as the first delivery.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Expired meanwhile: the result still counts if the vendor completed it before the verification expired
        // (a delivery racing the expiry, or retried by the vendor); one completed later is too late.
        if (v.status() == EkycStatus.EXPIRED && (v.concludedAt() == null
                || !delivery.result().completedAt().isBefore(v.concludedAt()))) {
            throw new EkycTransitions.IllegalMove(v.status(), EkycTransitions.Action.RECEIVE_RESULT);
        }
        // A verification in review takes only the vendor's final, reviewed result (a new event): its checks alone
        // sent it to review, so the same checks again would settle nothing.
        if (v.status() == EkycStatus.REVIEW && delivery.review() == null) {
            throw new EkycTransitions.IllegalMove(v.status(), EkycTransitions.Action.RECEIVE_RESULT);
        }
        // And a reviewed result only for a verification in review: a first result carrying the reviewer's word
        // would skip the issuer's own thresholds (REVIEW → RESULT_RECEIVED is the only reviewed move).
        EkycStatus received = EkycTransitions.next(v.status(), delivery.review() != null
                ? EkycTransitions.Action.RECEIVE_REVIEWED_RESULT : EkycTransitions.Action.RECEIVE_RESULT);
        store.insertEvent(new VerificationStore.ReceivedEvent(delivery.eventId(), v.id(), delivery.bodySha256(), now));
        if (!store.recordResult(v, received, delivery.result(), now)) {
            throw new IllegalStateException("verification changed while locked");
        }
        // The time of the check, for the dated rule: when the result reached the issuer, or the vendor's own
        // completion time if its clock runs ahead. A check finished just before the instant but delivered after
        // it is judged under the new rule: the conservative side of the boundary.
        Instant checkedAt = delivery.result().completedAt().isAfter(now) ? delivery.result().completedAt() : now;
        EkycPolicy.Conclusion conclusion = policy.judge(delivery.result(), checkedAt, delivery.review());
        EkycStatus to = EkycTransitions.next(received, EkycTransitions.conclude(conclusion.outcome()));
        store.conclude(v.id(), v.version() + 1, to, conclusion.outcome(), conclusion.reasons(), now);
        audit.record(new AuditEvent("vendor:" + provider, "ekyc.result", resource(v.id()), null,
                AuditOutcome.SUCCESS, origin, conclusion.outcome() + " " + conclusion.reasons()
                        + (delivery.review() == null ? "" : " (reviewed by the vendor, was " + v.status() + ")")));
        events.publishEvent(new EkycConcluded(v.id(), v.subjectReference(), conclusion.outcome()));
        return new Receipt(delivery.eventId(), v.id(), to, false, now);
    }

    /** Verifications with no result after {@code anshin.ekyc.expire-after} become EXPIRED (checked every minute). */
    @Scheduled(fixedDelayString = "${anshin.ekyc.expiry-check-every:PT1M}", initialDelayString = "PT30S")
    void expireUnfinished() {
        expireUnfinished(clock.instant());
    }

    void expireUnfinished(Instant now) {
        for (String id : store.startedBefore(now.minus(properties.expireAfter()), 200)) {
            try {
                transactions.executeWithoutResult(tx -> store.lock(id)
                        .filter(v -> v.status() == EkycStatus.STARTED)
                        .ifPresent(v -> {
                            EkycStatus to = EkycTransitions.next(v.status(), EkycTransitions.Action.EXPIRE);
                            store.conclude(v.id(), v.version(), to, EkycOutcome.EXPIRED,
                                    List.of(EkycReason.NOT_COMPLETED_IN_TIME), now);
                            audit.record(new AuditEvent(ACTOR, "ekyc.expire", resource(v.id()), null,
                                    AuditOutcome.SUCCESS, null, null));
                            events.publishEvent(new EkycConcluded(v.id(), v.subjectReference(), EkycOutcome.EXPIRED));
                        }));
            } catch (RuntimeException e) {
                log.warn("could not expire eKYC verification {}: {}", id, e.toString());
            }
        }
    }

    EkycPolicy policy() {
        return policy;
    }

    static boolean acceptableReturn(URI url) {
        if (url == null || url.toString().length() > 512 || url.getRawFragment() != null) {
            return false;
        }
        String text = url.toString();
        // A path on this site only (the sandbox's page redirects there: any other host would make Anshin an open
        // redirect). One leading slash, never "//host" or "/\host", which a browser reads as another host.
        return !url.isAbsolute() && text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/\\")
                && url.getRawAuthority() == null;
    }

    private static String resource(String id) {
        return "ekyc-verification/" + id;
    }

    private static EkycRefused unknown() {
        return new EkycRefused(EkycRefused.Reason.UNKNOWN_VERIFICATION, "verificationId", "No verification has this id.");
    }
}
