package dev.anshin.onboarding;

import dev.anshin.devices.AutomationMarker;
import dev.anshin.screening.Limits;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An application for a card, as one versioned aggregate: each move checks {@link ApplicationTransitions}
 * and returns the next version (the store writes it only over the version it was read at, so two
 * concurrent moves cannot both win). Loose fields are grouped into values. No personal data: the
 * applicant's values are in the vault under {@code customerId}.
 *
 * @param id         Anshin's application id ({@code APP-<uuid>}), also the eKYC subject reference and the
 *                   screening id
 * @param partner    the partner's client and its own id for the application, for the partner channel
 * @param customerId the vault's customer registered when the first step was saved (null before)
 * @param steps      the steps saved so far
 * @param declared   what the applicant declared outside the vault (repayments, limits asked, consent)
 * @param keys       keyed pseudonyms for finding duplicates (null until submitted)
 * @param device     the device observation the form carried, and the device it was matched to
 * @param identity   the eKYC verification and where the applicant continues at the vendor
 * @param decision   the decision, its reasons and what was granted (null until decided)
 * @param issue      the card issued, when, and when its details were shown (null until issued)
 * @param failure    the step that failed technically and how often it was tried
 */
public record Application(String id, int version, ApplicationStatus status, Channel channel, Partner partner,
        String language, String customerId, Set<ApplicationStep> steps, Declared declared, DuplicateKeys keys,
        Device device, Identity identity, Decision decision, Issue issue, Failure failure, Times times) {

    public Application {
        steps = steps.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(steps));
    }

    /** The partner channel's references: the API client and its id for the application. */
    public record Partner(String client, String reference, String requestDigest) {
    }

    /** The figures and choices that are not vault fields. {@code consentAt} null until consent was given. */
    public record Declared(Long annualCreditRepayments, Limits requested, Instant consentAt) {
        public static final Declared NONE = new Declared(null, null, null);
    }

    /** Keyed pseudonyms (HMAC) of the kana name with the birth date, the phone and the e-mail. */
    public record DuplicateKeys(String identity, String phone, String email) {
    }

    /**
     * The collector's observation reference, Anshin's device id for it (both null when none came), and the
     * automation markers of that very observation, kept with the application (an observation is read for a
     * limited time only, and the decision may come later).
     */
    public record Device(String observationRef, String deviceId, Set<AutomationMarker> markers) {
        public static final Device NONE = new Device(null, null, Set.of());

        public Device {
            markers = Set.copyOf(markers);
        }
    }

    /** The eKYC verification id and the vendor's page the applicant continues at. */
    public record Identity(String verificationId, String continueUrl) {
        public static final Identity NONE = new Identity(null, null);
    }

    /**
     * The decision: the screening it rests on (its id; a referral cleared by staff may rest on a second
     * screening), the outcome, the policy's reasons, the limits granted, and the rules the reasons were weighed
     * under ({@code policy}): what referred is read under those, never under today's weights.
     */
    public record Decision(String screeningId, ApplicationOutcome outcome, List<RiskReason> reasons, Limits granted,
            Instant decidedAt, ApplicationRiskPolicy.Version policy) {
        public Decision {
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(policy, "policy");
        }

        /** The reasons that referred or declined in this decision, under the rules it was made with. */
        public List<RiskReason> referring() {
            return ApplicationRiskPolicy.referring(reasons, policy);
        }

        /** What {@code reason} did in this decision, under the rules it was made with. */
        public RiskReason.Effect effectOf(RiskReason reason) {
            return ApplicationRiskPolicy.effectIn(reason, reasons, policy);
        }
    }

    /** The card issued, and when its number, expiry and code were shown to the applicant (once). */
    public record Issue(String cardToken, Instant issuedAt, Instant revealedAt) {
    }

    /** What failed technically ({@code SCREEN} or {@code ISSUE}) and how many attempts were made. */
    public record Failure(String step, int attempts) {
        public static final Failure NONE = new Failure(null, 0);
    }

    public record Times(Instant createdAt, Instant updatedAt, Instant submittedAt) {
    }

    /** A new draft. */
    static Application draft(String id, Channel channel, Partner partner, String language, Instant now) {
        return new Application(id, 0, ApplicationStatus.DRAFT, channel, partner, language, null, Set.of(),
                Declared.NONE, null, Device.NONE, Identity.NONE, null, null, Failure.NONE, new Times(now, now, null));
    }

    /** The status after {@code action} by {@code by}, refused when the table does not allow it. */
    private Application moved(ApplicationAction action, ApplicationParty by, Instant now) {
        ApplicationStatus to = ApplicationTransitions.next(status, action, by);
        return new Application(id, version + 1, to, channel, partner, language, customerId, steps, declared, keys,
                device, identity, decision, issue, failure, new Times(times.createdAt(), now, times.submittedAt()));
    }

    Application stepSaved(ApplicationStep step, String customer, Declared newDeclared, Instant now) {
        Application next = moved(ApplicationAction.SAVE_STEP, ApplicationParty.APPLICANT, now);
        Set<ApplicationStep> done = EnumSet.of(step);
        done.addAll(steps);
        return new Application(id, next.version, next.status, channel, partner, language, customer, done, newDeclared,
                keys, device, identity, decision, issue, failure, next.times);
    }

    /** Whether every step was saved. */
    public boolean complete() {
        return steps.containsAll(EnumSet.allOf(ApplicationStep.class));
    }

    Application submitted(DuplicateKeys duplicateKeys, Device observed, Instant now) {
        if (!complete()) {
            throw new IllegalApplicationMove(status, ApplicationAction.SUBMIT, "an application is submitted once every step is saved");
        }
        Application next = moved(ApplicationAction.SUBMIT, ApplicationParty.APPLICANT, now);
        return new Application(id, next.version, next.status, channel, partner, language, customerId, steps, declared,
                duplicateKeys, observed, identity, decision, issue, failure, new Times(times.createdAt(), now, now));
    }

    Application identityStarted(Identity started, Instant now) {
        Application next = moved(ApplicationAction.START_IDENTITY, ApplicationParty.APPLICANT, now);
        return next.with(started, decision, issue, failure);
    }

    /** A credit officer decided the identity review: nothing here changes but the version (the move is the record). */
    Application identityReviewed(Instant now) {
        return moved(ApplicationAction.REVIEW_IDENTITY, ApplicationParty.STAFF, now);
    }

    /** The applicant verifies again: the new verification, and the referral's decision gone (decided again). */
    Application identityRetried(Identity started, Instant now) {
        return moved(ApplicationAction.RETRY_IDENTITY, ApplicationParty.APPLICANT, now).with(started, null, issue,
                Failure.NONE);
    }

    Application identityConcluded(ApplicationParty by, Instant now) {
        return moved(ApplicationAction.IDENTITY_CONCLUDED, by, now);
    }

    Application decided(Decision made, ApplicationParty by, Instant now) {
        ApplicationAction action = switch (made.outcome()) {
            case APPROVE -> ApplicationAction.APPROVE;
            case REFER -> ApplicationAction.REFER;
            case DECLINE -> ApplicationAction.DECLINE;
        };
        return moved(action, by, now).with(identity, made, issue, Failure.NONE);
    }

    Application issued(String cardToken, ApplicationParty by, Instant now) {
        return moved(ApplicationAction.ISSUE, by, now).with(identity, decision, new Issue(cardToken, now, null), Failure.NONE);
    }

    Application revealed(Instant now) {
        return new Application(id, version + 1, status, channel, partner, language, customerId, steps, declared, keys,
                device, identity, decision, new Issue(issue.cardToken(), issue.issuedAt(), now), failure,
                new Times(times.createdAt(), now, times.submittedAt()));
    }

    Application failed(String step, ApplicationParty by, Instant now) {
        return moved(ApplicationAction.FAIL, by, now).with(identity, decision, issue,
                new Failure(step, failure.attempts() + 1));
    }

    Application retried(Instant now) {
        ApplicationAction action = "ISSUE".equals(failure.step()) ? ApplicationAction.RETRY_ISSUE
                : ApplicationAction.RETRY_SCREENING;
        return moved(action, ApplicationParty.CLOCK, now);
    }

    Application abandoned(Instant now) {
        return moved(ApplicationAction.ABANDON, ApplicationParty.CLOCK, now);
    }

    /** The applicant erased: closed, the declared figures and the duplicate pseudonyms gone with them. */
    Application erased(Instant now) {
        Application next = moved(ApplicationAction.ERASE, ApplicationParty.SYSTEM, now);
        return new Application(id, next.version, next.status, channel, partner, language, customerId, steps,
                new Declared(null, null, declared.consentAt()), keys == null ? null : new DuplicateKeys(null, null, null),
                device, identity, decision, issue, failure, next.times);
    }

    Application referredAfterErrors(Instant now) {
        return moved(ApplicationAction.REFER, ApplicationParty.CLOCK, now);
    }

    private Application with(Identity newIdentity, Decision newDecision, Issue newIssue, Failure newFailure) {
        return new Application(id, version, status, channel, partner, language, customerId, steps, declared, keys,
                device, newIdentity, newDecision, newIssue, newFailure, times);
    }
}
