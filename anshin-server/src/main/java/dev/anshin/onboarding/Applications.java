package dev.anshin.onboarding;

import dev.anshin.access.Role;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.devices.DeviceReputation;
import dev.anshin.devices.Devices;
import dev.anshin.devices.ObservedDevice;
import dev.anshin.ekyc.EkycConcluded;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycStatus;
import dev.anshin.ekyc.EkycVerification;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.portal.PortalAccounts;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.ErasureReason;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RegisteredWithOtherValues;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.screening.ApplicantFigures;
import dev.anshin.screening.Limits;
import dev.anshin.screening.Requirement;
import dev.anshin.screening.ScreeningConflict;
import dev.anshin.screening.ScreeningDecision;
import dev.anshin.screening.ScreeningInputRefused;
import dev.anshin.screening.ScreeningOutcome;
import dev.anshin.screening.ScreeningProperties;
import dev.anshin.screening.ScreeningRequest;
import dev.anshin.screening.Screenings;
import java.net.URI;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Online card applications end to end: the public API the {@code /apply} pages, the partner API, the
 * staff review queue and the demo call. An application moves only by {@link ApplicationTransitions};
 * each move is written over the version it was read at, with a row in {@code application_moves}.
 *
 * <p>The applicant's personal data goes to the privacy module's vault ({@link PersonalData#register})
 * when the first step is saved, and is corrected by later steps; the application keeps the customer id,
 * the declared figures that are not vault fields, and keyed pseudonyms for finding duplicates.
 *
 * <p>The path: {@link #startDraft} → {@link #saveStep} (each step, field problems refused with nothing
 * stored) → {@link #submit} (the device observation) → {@link #startIdentity} (eKYC) → the verification's
 * conclusion (the {@link EkycConcluded} event, or {@link #progress} when the applicant comes back or the
 * recovery job polls) → the screening and {@link ApplicationRiskPolicy} → APPROVED, REFERRED or DECLINED →
 * {@link #issue} (a virtual card, the screening's account record, the device link, the portal enrollment).
 * A referral is decided by staff ({@link #decideReferral}). Every step after submission is idempotent
 * and resumable: a crash anywhere is finished by {@link #recover}, which runs at start and every minute.
 */
@Service
public class Applications implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Applications.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String SYSTEM_ACTOR = "onboarding";
    private static final Actor RETENTION = new Actor("onboarding-retention", Set.of(Role.PRIVACY_OFFICER), "job");
    static final String SCREEN = "SCREEN";
    static final String ISSUE = "ISSUE";
    /**
     * Identity verifications one application may use in all: the first, and two more with another document
     * when one did not confirm the identity or was not finished in time ({@link #retryIdentity}).
     */
    public static final int IDENTITY_TRIES = 3;
    /** How often staff may have a referred application screened again before it must be declined or made anew. */
    static final int MAX_RESCREENINGS = 5;

    /** A new draft and its secret resume token (shown to the applicant once, kept only as a hash). */
    public record Started(Application application, String resumeToken) {
        @Override
        public String toString() {
            return "Started[" + application.id() + ", token <redacted>]";
        }
    }

    /** A new card's details, shown once: number, expiry and security code (the code is never stored). */
    public record CardDetails(String number, YearMonth expiry, String securityCode) {
        @Override
        public String toString() {
            return "CardDetails[<redacted>]";
        }
    }

    /** How a card is shown after its one reveal: masked number and expiry. */
    public record CardSummary(String masked, YearMonth expiry, boolean revealed) {
    }

    /** The portal enrollment made at issuance: its activation code while it can still be used. */
    public record PortalSetup(String activationCode, Instant expiresAt, String status) {
        @Override
        public String toString() {
            return "PortalSetup[" + status + ", code <redacted>]";
        }
    }

    /**
     * A referred application with its evidence, for the staff review queue: the device's reputation
     * (null without a device), the eKYC verification (null without one), the screening's decision
     * (figures, bureau figures, reasons; null when not screened) and the moves so far.
     */
    public record Referral(Application application, DeviceReputation device, EkycVerification identity,
            ScreeningDecision screening, List<Move> moves) {
    }

    /** One move of an application, for staff: who did what, when (a staff note is opened for them separately). */
    public record Move(int version, ApplicationAction action, ApplicationStatus from, ApplicationStatus to,
            ApplicationParty party, String actor, Instant at, String detail) {
    }

    /** What one recovery run did: {@code tidied} counts declined applications whose leftovers it took back. */
    public record Recovery(int finished, int retried, int referred, int abandoned, int tidied) {
    }

    private final ApplicationStore store;
    private final OnboardingKeys keys;
    private final OnboardingProperties properties;
    private final ScreeningProperties screeningSettings;
    private final PersonalData personalData;
    private final Screenings screenings;
    private final EkycVerifications ekyc;
    private final Devices devices;
    private final Cards cards;
    private final PortalAccounts portal;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationRiskPolicy policy = new ApplicationRiskPolicy();
    /** Conclusions heard from eKYC are taken on here, so the vendor's webhook is answered at once. */
    private final ExecutorService conclusions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "onboarding-conclusions");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Runs between the card's issue and the rest of issuance: nothing in production; a test makes it throw
     * once to stand for a crash, and checks that recovery finishes the issuance with no second card.
     */
    volatile Runnable afterCardIssued = () -> { };
    /**
     * Runs after the rest of issuance, just before the card is activated: nothing in production; a test makes
     * it throw to stand for a failure late in issuance (the account recorded, the card not yet usable).
     */
    volatile Runnable beforeCardActivated = () -> { };
    /**
     * Runs in the recovery job between reading an application that failed {@code max-attempts} times and
     * referring it to staff: nothing in production; a test makes another instance move it meanwhile.
     */
    volatile Runnable beforeReferringAfterErrors = () -> { };
    /**
     * Runs right after a staff decision is written, before its audit and the rest: nothing in production; a
     * test makes it throw to stand for a crash, and checks that the applicant's notice is owed all the same.
     */
    volatile Runnable afterStaffDecision = () -> { };
    /**
     * Runs once a server holds the claim on deciding an application (automatically, or a staff approval), before
     * the bureau is asked: nothing in production; a test holds one "server" there (given the application id)
     * while another tries to decide.
     */
    volatile Consumer<String> whileDeciding = applicationId -> { };
    /**
     * Run when a declined application's card is closed, before the card and after it (before the rest is
     * taken back): nothing in production; a test makes one throw to stand for a failure there.
     */
    volatile Runnable beforeCardClosed = () -> { };
    volatile Runnable afterCardClosed = () -> { };
    /** How many applications of one status the recovery job takes on per run (a test makes it small). */
    volatile int recoveryBatch = 200;
    /**
     * How long a claim on deciding an application holds beyond the bureau's timeout: far longer than deciding
     * takes (the bureau call is bounded by its timeout), so that only a server that died lets a claim run out.
     */
    static final Duration DECIDING_LEASE = Duration.ofMinutes(5);
    /** Beyond the bureau's timeout, what a decision takes (the policy, the move, a card): a waiter's margin. */
    private static final Duration DECIDING_WAIT_BEYOND_BUREAU = Duration.ofSeconds(2);
    /** How often a waiter tries the claims again. */
    private static final Duration CLAIM_POLL = Duration.ofMillis(100);
    private final Object[] locks = new Object[64];

    Applications(ApplicationStore store, OnboardingKeys keys, OnboardingProperties properties,
            ScreeningProperties screeningSettings, PersonalData personalData, Screenings screenings,
            EkycVerifications ekyc, Devices devices, Cards cards, PortalAccounts portal, AuditLog audit,
            TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.properties = properties;
        this.screeningSettings = screeningSettings;
        this.personalData = personalData;
        this.screenings = screenings;
        this.ekyc = ekyc;
        this.devices = devices;
        this.cards = cards;
        this.portal = portal;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    // ---- the applicant's path ----------------------------------------------------------------------

    /** Starts a draft for the web form, in the applicant's language ({@code ja} or {@code en}). */
    public Started startDraft(String language) {
        return startDraft(Channel.WEB, null, language);
    }

    private Started startDraft(Channel channel, Application.Partner partner, String language) {
        String id = "APP-" + UUID.randomUUID();
        Application draft = Application.draft(id, channel, partner, "en".equals(language) ? "en" : "ja",
                clock.instant());
        // A partner's application has no browser of its own until the applicant passes a setup link's check:
        // its first token is random and given to nobody.
        String token = channel == Channel.PARTNER ? OnboardingKeys.freshToken() : keys.resumeToken(id);
        store.insert(draft, OnboardingKeys.hash(token));
        return new Started(draft, token);
    }

    /** The application a resume token belongs to (the token is compared by its hash). */
    public Optional<Application> resume(String resumeToken) {
        if (resumeToken == null || resumeToken.isBlank() || resumeToken.length() > 64) {
            return Optional.empty();
        }
        return store.byResumeHash(OnboardingKeys.hash(resumeToken));
    }

    /** Wrong answers to a setup link's check before the link dies (a new one must be asked for). */
    static final int LINK_TRIES = 5;

    /** A partner's applicant's setup link: its secret token (only the hash is stored) and until when it works. */
    public record SetupLink(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "SetupLink[token <redacted>, " + expiresAt + "]";
        }
    }

    /**
     * The setup link a partner passes to its applicant once the card is issued (until the card was shown), or
     * Anshin sends a referred applicant with the staff's approval ({@link DecisionNotices}), web or partner:
     * the same link while it is live; after it expired or was answered wrongly too often, a new one. Never
     * again once a link of the application was used: the applicant's browser is attached and the portal
     * account theirs, and a partner (who knows the answers to the check) must not take the card over.
     * The link alone opens nothing: {@link SetupLinks} asks for what the applicant knows, then for a one-time
     * code sent to the applicant's own contact.
     */
    Optional<SetupLink> setupLink(Application application) {
        return setupLink(application, false);
    }

    /** As {@link #setupLink(Application)}; a new link is marked {@code renewal} when the applicant asked for it. */
    Optional<SetupLink> setupLink(Application application, boolean renewal) {
        if (application.status() != ApplicationStatus.ISSUED
                || application.issue().revealedAt() != null || store.revealed(application.id())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ApplicationStore.Link> latest = store.latestLink(application.id());
            if (latest.isPresent() && latest.get().live(now, LINK_TRIES)) {
                return Optional.of(new SetupLink(keys.linkToken(application.id(), latest.get().serial()),
                        latest.get().expiresAt()));
            }
            if (latest.isPresent() && store.linkUsed(application.id())) {
                return Optional.empty();
            }
            int serial = latest.map(l -> l.serial() + 1).orElse(1);
            String token = keys.linkToken(application.id(), serial);
            Instant expires = now.plus(properties.setupLinkLifetime());
            try {
                if (store.insertLink(OnboardingKeys.hash(token), application.id(), serial, now, expires, renewal)) {
                    return Optional.of(new SetupLink(token, expires));
                }
            } catch (DuplicateKeyException madeAtTheSameMoment) {
                // Another request made this serial (the same token) at the same moment: read it again. No
                // transaction is open here, so nothing is left aborted (PostgreSQL).
            }
        }
        throw RequestProblem.conflict("The application was changed at the same time; try again.");
    }

    /**
     * The application a setup link opens, while the link is live (not used, not expired, not answered wrongly too
     * often, not out of one-time codes).
     */
    public Optional<Application> linkTarget(String token) {
        if (token == null || token.isBlank() || token.length() > 64) {
            return Optional.empty();
        }
        return store.link(OnboardingKeys.hash(token)).filter(l -> l.live(clock.instant(), LINK_TRIES))
                .flatMap(l -> find(l.applicationId()));
    }

    public Optional<Application> find(String applicationId) {
        if (applicationId == null || applicationId.length() > 64) {
            return Optional.empty();
        }
        return store.find(applicationId);
    }

    /** The issuer's limit rules the form checks: the screening's minimum and step. */
    public ApplicationForm.LimitRules limitRules() {
        return new ApplicationForm.LimitRules(screeningSettings.minimumLimit(), screeningSettings.limitStep());
    }

    /**
     * Saves one step of a draft. The values are checked first (all of the step's fields; the problems
     * name each field with a code, and nothing is stored when any is wrong); personal values go to the
     * vault (registered on the first save, corrected after), the rest onto the application.
     *
     * @throws ApplicationInputRefused a field problem (422)
     * @throws IllegalApplicationMove  the application is no longer a draft (409)
     */
    public Application saveStep(String applicationId, ApplicationStep step, Map<String, String> input, String origin) {
        Application application = require(applicationId);
        ApplicationTransitions.next(application.status(), ApplicationAction.SAVE_STEP, ApplicationParty.APPLICANT);
        Map<String, String> values = ApplicationForm.normalise(step, input);
        List<FieldError> errors = ApplicationForm.check(step, values, LocalDate.ofInstant(clock.instant(), TOKYO),
                limitRules());
        if (!errors.isEmpty()) {
            throw new ApplicationInputRefused(errors);
        }
        String customerId = application.customerId();
        Map<PersonalField, String> vault = ApplicationForm.vaultValues(step, values);
        if (!vault.isEmpty()) {
            customerId = toVault(application, vault, origin);
        }
        String customer = customerId;
        // The declared values are built from the application as the move reads it (a concurrent save of
        // another step, retried by the move, keeps what it saved).
        return move(applicationId, ApplicationAction.SAVE_STEP, ApplicationParty.APPLICANT, applicantActor(applicationId),
                "step " + step, app -> app.stepSaved(step, customer, declared(step, values, app.declared()),
                        clock.instant()));
    }

    private Application.Declared declared(ApplicationStep step, Map<String, String> values, Application.Declared declared) {
        if (step == ApplicationStep.WORK_AND_MONEY) {
            return new Application.Declared(Long.parseLong(values.get("annualCreditRepayments")),
                    declared.requested(), declared.consentAt());
        } else if (step == ApplicationStep.LIMITS_AND_CONSENT) {
            long cash = values.containsKey("requestedCashAdvance") ? Long.parseLong(values.get("requestedCashAdvance")) : 0;
            return new Application.Declared(declared.annualCreditRepayments(),
                    new Limits(Long.parseLong(values.get("requestedRevolving")), cash), clock.instant());
        }
        return declared;
    }

    /** The values saved for a step, to show the form again (personal values read from the vault, audited). */
    public Map<String, String> savedValues(String applicationId, ApplicationStep step, String origin) {
        Application application = require(applicationId);
        Map<String, String> values = new LinkedHashMap<>();
        if (application.customerId() != null && !step.vaultFields().isEmpty()
                && application.steps().contains(step) && personalData.isActive(application.customerId())) {
            Map<PersonalField, String> held = personalData.read(vaultActor(applicationId, origin),
                    Purpose.SERVICE_OPERATION, null, application.customerId(), step.vaultFields());
            ApplicationForm.VAULT.forEach((field, vaultField) -> {
                if (held.containsKey(vaultField)) {
                    values.put(field, held.get(vaultField));
                }
            });
        }
        Application.Declared declared = application.declared();
        if (step == ApplicationStep.WORK_AND_MONEY && declared.annualCreditRepayments() != null) {
            values.put("annualCreditRepayments", Long.toString(declared.annualCreditRepayments()));
        }
        if (step == ApplicationStep.LIMITS_AND_CONSENT && declared.requested() != null) {
            values.put("requestedRevolving", Long.toString(declared.requested().revolving()));
            values.put("requestedCashAdvance", Long.toString(declared.requested().cashAdvance()));
            if (declared.consentAt() != null) {
                values.put("consent", "true");
            }
        }
        return values;
    }

    private String toVault(Application application, Map<PersonalField, String> values, String origin) {
        Actor actor = vaultActor(application.id(), origin);
        if (application.customerId() != null) {
            personalData.correct(actor, Purpose.SERVICE_OPERATION, application.customerId(), values);
            return application.customerId();
        }
        // The customer number follows from the application id, so a first save retried after a crash
        // finds the customer it registered instead of registering the person twice.
        String number = customerNumber(application.id());
        try {
            return personalData.register(actor, number, values).customerId();
        } catch (RegisteredWithOtherValues retriedWithOtherValues) {
            personalData.correct(actor, Purpose.SERVICE_OPERATION, retriedWithOtherValues.customerId(), values);
            return retriedWithOtherValues.customerId();
        }
    }

    /** The issuer's customer number for the person an application registers: {@code ON} and 30 hex digits. */
    static String customerNumber(String applicationId) {
        return "ON" + applicationId.substring("APP-".length()).replace("-", "").substring(0, 30).toUpperCase(Locale.ROOT);
    }

    /**
     * Submits a complete draft with the device collector's observation reference (null when the form
     * came without one: that is itself evidence). Records the application against the device, and the
     * keyed pseudonyms that find other applications from the same identity, phone or e-mail.
     */
    public Application submit(String applicationId, String deviceObservation, String origin) {
        Application application = require(applicationId);
        ApplicationTransitions.next(application.status(), ApplicationAction.SUBMIT, ApplicationParty.APPLICANT);
        if (!application.complete()) {
            List<FieldError> missing = new ArrayList<>();
            for (ApplicationStep step : ApplicationStep.values()) {
                if (!application.steps().contains(step)) {
                    missing.add(new FieldError(step.name(), "required"));
                }
            }
            throw new ApplicationInputRefused(missing);
        }
        Instant now = clock.instant();
        // Claimed, not just read: the first application to use a reference wins (a replayed one gets nothing
        // and counts against the device); the markers are kept with the application, as the reference expires.
        Optional<ObservedDevice> observed = devices.claim(deviceObservation, applicationId);
        Application.Device device = observed.map(o -> new Application.Device(o.observationRef(), o.deviceId(),
                o.automation())).orElse(Application.Device.NONE);
        observed.ifPresent(o -> devices.recordApplication(o.deviceId(), applicationId, now));
        Map<PersonalField, String> identity = personalData.read(vaultActor(applicationId, origin),
                Purpose.SERVICE_OPERATION, null, application.customerId(),
                EnumSet.of(PersonalField.NAME_KANA, PersonalField.DATE_OF_BIRTH, PersonalField.PHONE, PersonalField.EMAIL));
        Application.DuplicateKeys duplicateKeys = new Application.DuplicateKeys(
                keys.pseudonym("identity", kana(identity.get(PersonalField.NAME_KANA)) + "/"
                        + identity.get(PersonalField.DATE_OF_BIRTH)),
                keys.pseudonym("phone", phone(identity.get(PersonalField.PHONE))),
                keys.pseudonym("email", identity.get(PersonalField.EMAIL).strip().toLowerCase(Locale.ROOT)));
        return move(applicationId, ApplicationAction.SUBMIT, ApplicationParty.APPLICANT, applicantActor(applicationId),
                observed.isPresent() ? "with a device observation" : "without a device observation",
                app -> app.submitted(duplicateKeys, device, now));
    }

    static String kana(String kana) {
        return Normalizer.normalize(kana, Normalizer.Form.NFKC).replaceAll("[\\s\u3000]+", "");
    }

    static String phone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        // +81 90… and 090… are one number.
        return digits.startsWith("81") && phone.strip().startsWith("+") ? "0" + digits.substring(2) : digits;
    }

    /**
     * Starts the identity check at the eKYC vendor; the applicant continues at the answer's
     * {@code identity().continueUrl()} and comes back to {@code /apply/{id}/identity}. Asking again
     * while it is pending answers the same verification.
     *
     * @throws dev.anshin.ekyc.EkycUnavailable no vendor configured or reachable (503; the application stays SUBMITTED)
     */
    public Application startIdentity(String applicationId) {
        Application application = require(applicationId);
        if (application.status() == ApplicationStatus.IDENTITY_PENDING) {
            return application;
        }
        ApplicationTransitions.next(application.status(), ApplicationAction.START_IDENTITY, ApplicationParty.APPLICANT);
        EkycVerifications.Started started = ekyc.start(applicationId, identityReturn(application),
                Locale.forLanguageTag(application.language()));
        Application.Identity identity = new Application.Identity(started.verificationId(),
                started.continueUrl().toString());
        try {
            return move(applicationId, ApplicationAction.START_IDENTITY, ApplicationParty.APPLICANT,
                    applicantActor(applicationId), "verification " + started.verificationId(),
                    app -> app.identityStarted(identity, clock.instant()));
        } catch (IllegalApplicationMove startedMeanwhile) {
            return require(applicationId); // a concurrent start won; its verification stands
        }
    }

    /**
     * How many more times the applicant may verify their identity again now: while the application is referred
     * because its identity was not confirmed (an expired document, a method or document not accepted) or not
     * finished in time, up to {@link #IDENTITY_TRIES} verifications in all; 0 otherwise.
     */
    public int identityRetriesLeft(String applicationId) {
        Application application = require(applicationId);
        if (application.status() != ApplicationStatus.REFERRED || !identityRetryable(application)) {
            return 0;
        }
        return Math.max(0, IDENTITY_TRIES - identityTries(applicationId));
    }

    /**
     * Whether the applicant's identity is still one to verify again (referred, its latest verification not
     * confirmed or not finished in time), whether or not tries are left; false once it passed (a late result).
     */
    public boolean identityToVerifyAgain(String applicationId) {
        Application application = require(applicationId);
        return application.status() == ApplicationStatus.REFERRED && identityRetryable(application);
    }

    /** Whether the application's latest verification is one another document can put right. */
    private boolean identityRetryable(Application application) {
        EkycVerification verification = identityOf(application);
        if (verification == null || verification.outcome() == null) {
            return false;
        }
        List<RiskReason> reasons = policy.identityReasons(new ApplicationRiskPolicy.IdentityEvidence(
                verification.outcome(), verification.reasons()));
        return reasons.contains(RiskReason.IDENTITY_NOT_CONFIRMED) || reasons.contains(RiskReason.IDENTITY_EXPIRED);
    }

    /**
     * The applicant verifies again, with another document, after the identity was not confirmed or not finished
     * in time (REFERRED → IDENTITY_PENDING, a new eKYC verification for the same application; audited
     * {@code onboarding.identity.retry}). The referral's decision goes: the application is decided again once the
     * new verification concludes. Sent twice, the second answers the first's verification.
     *
     * @throws IllegalApplicationMove not REFERRED (409)
     * @throws RequestProblem         the identity is not one another document can put right, or
     *                                {@link #IDENTITY_TRIES} verifications were used (409)
     * @throws ApplicationBeingDecided another request holds the application and did not finish meanwhile (409)
     * @throws dev.anshin.ekyc.EkycUnavailable the vendor cannot be reached (503; the application stays REFERRED)
     */
    public Application retryIdentity(String applicationId, String origin) {
        Application application = require(applicationId);
        if (application.status() == ApplicationStatus.IDENTITY_PENDING) {
            return application;
        }
        retryAllowed(application);
        // Claimed in the database before the vendor is asked, not under this server's lock: two servers (or two
        // requests) retrying at once start one verification, the other answers it; and the vendor's call holds
        // no lock stripe another application waits on.
        List<String> claims = List.of("application:" + applicationId);
        String claimant = UUID.randomUUID().toString();
        if (!claimWaiting(claims, claimant, decidingWait())) {
            Application now = require(applicationId);
            if (now.status() == ApplicationStatus.IDENTITY_PENDING) {
                return now;
            }
            throw new ApplicationBeingDecided();
        }
        try {
            application = require(applicationId);
            if (application.status() == ApplicationStatus.IDENTITY_PENDING) {
                return application; // the request that held the claim retried it
            }
            int tries = retryAllowed(application);
            EkycVerifications.Started started = ekyc.start(applicationId, identityReturn(application),
                    Locale.forLanguageTag(application.language()));
            Application.Identity identity = new Application.Identity(started.verificationId(),
                    started.continueUrl().toString());
            String previous = application.identity().verificationId();
            Application retried = move(applicationId, ApplicationAction.RETRY_IDENTITY, ApplicationParty.APPLICANT,
                    applicantActor(applicationId), "verification " + started.verificationId(), app -> {
                        if (!Objects.equals(previous, app.identity().verificationId())) {
                            throw new IllegalApplicationMove(app.status(), ApplicationAction.RETRY_IDENTITY,
                                    "verified again meanwhile");
                        }
                        return app.identityRetried(identity, clock.instant());
                    });
            audit.record(new AuditEvent(applicantActor(applicationId), "onboarding.identity.retry",
                    "application/" + applicationId, null, AuditOutcome.SUCCESS,
                    origin == null ? null : AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN),
                    "verification " + (tries + 1) + " of " + IDENTITY_TRIES + ": " + started.verificationId()
                            + " (after " + previous + ")"));
            return retried;
        } finally {
            try {
                store.release(claims, claimant);
            } catch (RuntimeException e) {
                log.warn("onboarding: giving back the claim on retrying {} failed ({}); it runs out by itself",
                        applicationId, e.getClass().getSimpleName());
            }
        }
    }

    /** Refuses a retry the application does not allow now; answers how many verifications it used. */
    private int retryAllowed(Application application) {
        ApplicationTransitions.next(application.status(), ApplicationAction.RETRY_IDENTITY, ApplicationParty.APPLICANT);
        if (!identityRetryable(application)) {
            throw RequestProblem.conflict("The identity check cannot be tried again: staff decide this application.");
        }
        int tries = identityTries(application.id());
        if (tries >= IDENTITY_TRIES) {
            throw RequestProblem.conflict("The identity check was tried " + tries + " times: staff decide this "
                    + "application.");
        }
        return tries;
    }

    /**
     * The verifications the application used: the first, and one per retry it adopted (its RETRY_IDENTITY
     * moves). A verification the vendor started for a retry whose move then lost (a race, a crash) is not one:
     * the applicant never saw it.
     */
    private int identityTries(String applicationId) {
        return 1 + (int) store.moves(applicationId).stream()
                .filter(m -> m.action() == ApplicationAction.RETRY_IDENTITY).count();
    }

    /** Where the eKYC vendor sends the applicant back. */
    private static URI identityReturn(Application application) {
        // A partner's applicant has no cookie of ours: they come back to a neutral page (the result is taken
        // on by the eKYC event or the recovery job, and the partner tells them the outcome).
        return URI.create(application.channel() == Channel.PARTNER ? "/apply/identity-done?lang="
                + application.language() : "/apply/" + application.id() + "/identity");
    }

    /** The eKYC module concluded a verification (again, possibly, after EXPIRED): taken on in the background. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(EkycConcluded concluded) {
        conclusions.execute(() -> {
            for (Application application : store.ofVerification(concluded.verificationId())) {
                try {
                    progress(application.id(), ApplicationParty.SYSTEM);
                } catch (RuntimeException e) {
                    // The recovery job polls the verification again; nothing is lost.
                    log.warn("onboarding: an eKYC conclusion for {} could not be taken on now ({})", application.id(),
                            e.getClass().getSimpleName());
                }
            }
        });
    }

    /**
     * Takes the application as far as it can go now: a concluded identity check to screening, screening
     * to the decision, an approval to the issued card. Idempotent; what the applicant's return from the
     * vendor, the eKYC event and the recovery job all call.
     */
    public Application progress(String applicationId) {
        return progress(applicationId, ApplicationParty.SYSTEM);
    }

    Application progress(String applicationId, ApplicationParty by) {
        // One at a time per application in this server (the eKYC event and the applicant coming back arrive
        // together): the loser of a race would otherwise report a failure for a step the winner finished.
        // Across servers every step stays idempotent and the versioned moves decide.
        synchronized (lockOf(applicationId)) {
            return progressNow(applicationId, by);
        }
    }

    private Object lockOf(String applicationId) {
        return locks[Math.floorMod(applicationId.hashCode(), locks.length)];
    }

    /**
     * {@link #progress} without this server's lock: what another server runs on the same application. Tests
     * call it to stand for a second server.
     */
    Application progressNow(String applicationId, ApplicationParty by) {
        Application application = require(applicationId);
        if (application.status() == ApplicationStatus.IDENTITY_PENDING) {
            Optional<EkycVerification> verification = ekyc.find(application.identity().verificationId());
            if (verification.isEmpty() || verification.get().outcome() == null) {
                return application;
            }
            try {
                application = move(applicationId, ApplicationAction.IDENTITY_CONCLUDED, by, SYSTEM_ACTOR,
                        "eKYC " + verification.get().outcome(), app -> app.identityConcluded(by, clock.instant()));
            } catch (IllegalApplicationMove movedMeanwhile) {
                application = require(applicationId);
            }
        }
        if (application.status() == ApplicationStatus.REFERRED) {
            application = declineIfIdentityFailed(application, by);
        }
        if (application.status() == ApplicationStatus.SCREENING) {
            application = decideOnce(application, by);
        }
        if (application.status() == ApplicationStatus.APPROVED) {
            application = issue(application, by);
        }
        return application;
    }

    /**
     * Decides the application ({@link #decide}) while this server holds the claim on it and on the person's
     * duplicate pseudonyms ({@link #decidingClaims}), taken in the database before the bureau is asked: the
     * bureau is asked once per application whichever servers take it on at the same moment (the eKYC event on
     * one, the applicant's return on another, the recovery job), and one person's applications are decided one
     * at a time, the later counting what the earlier was granted ({@link #heldElsewhereOnApproval}). Who finds a
     * claim held answers the application as it stands (still SCREENING); the holder decides it, or, when the
     * holder died, the recovery job once the claim ran out ({@link #decidingLease}).
     */
    private Application decideOnce(Application application, ApplicationParty by) {
        String claimant = UUID.randomUUID().toString();
        List<String> claims = decidingClaims(application);
        if (!claim(claims, claimant)) {
            return application;
        }
        try {
            Application current = require(application.id());
            if (current.status() != ApplicationStatus.SCREENING) {
                return current; // decided by the server that held the claim before
            }
            whileDeciding.accept(current.id());
            return decide(current, by);
        } finally {
            try {
                store.release(claims, claimant);
            } catch (RuntimeException e) {
                log.warn("onboarding: giving back the claim on deciding {} failed ({}); it runs out by itself",
                        application.id(), e.getClass().getSimpleName());
            }
        }
    }

    /** The keys a server claims to decide the application: the application, and its duplicate pseudonyms. */
    List<String> decidingClaims(Application application) {
        List<String> claims = new ArrayList<>();
        Application.DuplicateKeys k = application.keys();
        if (k != null) {
            // Sorted, so that two servers deciding one person's applications try their keys in the same order.
            Stream.of(k.identity() == null ? null : "identity:" + k.identity(),
                            k.phone() == null ? null : "phone:" + k.phone(),
                            k.email() == null ? null : "email:" + k.email())
                    .filter(Objects::nonNull).sorted().forEach(claims::add);
        }
        claims.add("application:" + application.id());
        return claims;
    }

    /** How long a claim on deciding holds: the bureau's timeout and {@link #DECIDING_LEASE}. */
    Duration decidingLease() {
        return screeningSettings.bureauTimeout().plus(DECIDING_LEASE);
    }

    /** The rules of the application's decision, kept when staff or the identity decline it on the same reasons. */
    private static ApplicationRiskPolicy.Version policyOf(Application application) {
        return application.decision() == null ? ApplicationRiskPolicy.VERSION : application.decision().policy();
    }

    /** How long a request waits for claims held elsewhere: about what one decision takes (the bureau's timeout). */
    Duration decidingWait() {
        return screeningSettings.bureauTimeout().plus(DECIDING_WAIT_BEYOND_BUREAU);
    }

    /**
     * {@link #claim}, tried again while another holds a claim, for at most {@code wait} (real time, not the
     * clock: it bounds how long a request thread is held).
     */
    private boolean claimWaiting(List<String> claims, String claimant, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!claim(claims, claimant)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(CLAIM_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Takes every claim or none (those taken are given back when one is held by another). */
    private boolean claim(List<String> claims, String claimant) {
        Instant now = clock.instant();
        Instant until = now.plus(decidingLease());
        List<String> taken = new ArrayList<>();
        try {
            for (String key : claims) {
                if (!store.claim(key, claimant, now, until)) {
                    store.release(taken, claimant);
                    return false;
                }
                taken.add(key);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("onboarding: claiming the decision of an application failed ({}); tried again later",
                    e.getClass().getSimpleName());
            try {
                store.release(taken, claimant);
            } catch (RuntimeException again) {
                // runs out by itself
            }
            return false;
        }
    }

    /** Screens the application and decides it with the risk policy (SCREENING → APPROVED/REFERRED/DECLINED). */
    private Application decide(Application application, ApplicationParty by) {
        String id = application.id();
        ApplicationRiskPolicy.Assessment assessment;
        ScreeningDecision screening = null;
        try {
            EkycVerification verification = application.identity().verificationId() == null ? null
                    : ekyc.find(application.identity().verificationId()).orElse(null);
            ApplicationRiskPolicy.IdentityEvidence identity = verification == null || verification.outcome() == null
                    ? ApplicationRiskPolicy.IdentityEvidence.NONE
                    : new ApplicationRiskPolicy.IdentityEvidence(verification.outcome(), verification.reasons());
            if (identity.outcome() == EkycOutcome.PASSED) {
                // No bureau inquiry about someone whose identity is not verified (failed, in review, expired):
                // it would be an inquiry on whoever's record the applicant names.
                screening = screen(application);
            }
            assessment = policy.decide(new ApplicationRiskPolicy.Evidence(application.channel(),
                    deviceEvidence(application), identity, duplicates(application),
                    screening == null ? null : screening.outcome()));
        } catch (RuntimeException e) {
            log.warn("onboarding: screening {} failed ({}); the recovery job retries it", id, e.getClass().getSimpleName());
            return fail(application, SCREEN, by);
        }
        Limits granted = screening == null || assessment.outcome() == ApplicationOutcome.DECLINE ? null
                : screening.granted();
        Application.Decision decision = new Application.Decision(screening == null ? null : screening.applicationId(),
                assessment.outcome(), assessment.reasons(), granted, clock.instant(), ApplicationRiskPolicy.VERSION);
        Application decided;
        try {
            decided = move(id, action(assessment.outcome()), by, SYSTEM_ACTOR, "decision " + assessment.outcome(),
                    app -> app.decided(decision, by, clock.instant()));
        } catch (IllegalApplicationMove movedMeanwhile) {
            return require(id);
        }
        audit.record(new AuditEvent(SYSTEM_ACTOR, "onboarding.decide", "application/" + id, null, AuditOutcome.SUCCESS,
                null, AuditEvent.fit("outcome=" + assessment.outcome() + " reasons=" + assessment.reasons()
                        + " fraudScore=" + assessment.fraudScore() + "/" + assessment.cut()
                        + (screening == null ? "" : " screening=" + screening.outcome()), AuditEvent.MAX_DETAIL)));
        return decided;
    }

    private ScreeningDecision screen(Application application) {
        // The same count as a staff approval's: an automatic approval of one of the person's applications
        // must leave room for another that may yet be issued (web and partner, or outside the duplicate window).
        return screen(application, heldElsewhereOnApproval(application));
    }

    private ScreeningDecision screen(Application application, Limits heldElsewhere) {
        return screenings.screen(new ScreeningRequest(application.id(), application.customerId(),
                applicantFigures(application, false), application.declared().requested(), SYSTEM_ACTOR,
                heldElsewhere));
    }

    /**
     * What deciding this application must count as held elsewhere now, automatically ({@link #screen}) or by
     * staff approving it: the cards of ISSUED applications sharing a pseudonym ({@link #heldElsewhere}), and the
     * limits of those sharing one that may yet be issued: APPROVED or ERRORED with limits granted, REFERRED with
     * an approving screening (its latest). Another application approved since this one was screened is then
     * counted (総量規制 and the 0.9 × capacity ceiling over both cards); two decided automatically at the same
     * moment are decided one after the other ({@link #decideOnce}).
     */
    private Limits heldElsewhereOnApproval(Application application) {
        Limits issued = heldElsewhere(application);
        Application.DuplicateKeys k = application.keys();
        if (k == null) {
            return issued;
        }
        long revolving = issued.revolving();
        long cash = issued.cashAdvance();
        for (Application other : store.openSharing(k, application.id())) {
            if (application.customerId() != null && application.customerId().equals(other.customerId())) {
                continue;
            }
            Limits held = other.decision() == null || other.decision().granted() == null ? Limits.NONE
                    : other.decision().granted();
            if (other.status() == ApplicationStatus.REFERRED) {
                held = latestApproving(other.id()).orElse(held);
            }
            revolving += held.revolving();
            cash += held.cashAdvance();
        }
        return new Limits(revolving, cash);
    }

    /** The limits of the application's latest approving screening (its own or one made again), if any. */
    private Optional<Limits> latestApproving(String applicationId) {
        Optional<Limits> latest = screenings.find(applicationId).filter(s -> s.outcome() == ScreeningOutcome.APPROVE)
                .map(ScreeningDecision::granted);
        for (ScreeningDecision again : rescreenings(applicationId)) {
            if (again.outcome() == ScreeningOutcome.APPROVE) {
                latest = Optional.of(again.granted());
            }
        }
        return latest;
    }

    /** Whether the screening counted at least {@code heldElsewhere} among the issuer's existing limits. */
    private static boolean counted(ScreeningDecision screening, Limits heldElsewhere) {
        Limits existing = screening.figures() == null ? null : screening.figures().existing();
        return existing != null && existing.revolving() >= heldElsewhere.revolving()
                && existing.cashAdvance() >= heldElsewhere.cashAdvance();
    }

    /**
     * The limits the issuer already gives the applicant on cards of earlier applications: every ISSUED
     * application with the same identity, phone or e-mail pseudonym, at any time (each application registers
     * its own customer, so the screening would not see them under this one's). Their current limits (after
     * any accepted reduction), else those granted. Counted in both of the law's ceilings; a phone or e-mail
     * shared in a family counts too, which can only lower what is granted.
     */
    private Limits heldElsewhere(Application application) {
        Application.DuplicateKeys k = application.keys();
        if (k == null) {
            return Limits.NONE;
        }
        long revolving = 0;
        long cash = 0;
        for (Application earlier : store.issuedSharing(k, application.id())) {
            if (earlier.issue() == null || application.customerId() != null
                    && application.customerId().equals(earlier.customerId())) {
                continue;
            }
            Limits held = screenings.account(earlier.issue().cardToken()).map(a -> a.limits())
                    .orElse(earlier.decision() == null || earlier.decision().granted() == null ? Limits.NONE
                            : earlier.decision().granted());
            revolving += held.revolving();
            cash += held.cashAdvance();
        }
        return new Limits(revolving, cash);
    }

    /** The screening's figures: income, household and housing from the vault, repayments from the application. */
    private ApplicantFigures applicantFigures(Application application, boolean incomeProven) {
        Map<PersonalField, String> figures = personalData.read(vaultActor(application.id(), "system"),
                Purpose.SERVICE_OPERATION, null, application.customerId(),
                EnumSet.of(PersonalField.ANNUAL_INCOME, PersonalField.HOUSEHOLD_SIZE, PersonalField.HOUSING));
        return new ApplicantFigures(Long.parseLong(figures.get(PersonalField.ANNUAL_INCOME)),
                Integer.parseInt(figures.get(PersonalField.HOUSEHOLD_SIZE)),
                ApplicationForm.screeningHousing(figures.get(PersonalField.HOUSING)),
                application.declared().annualCreditRepayments(), incomeProven);
    }

    private ApplicationRiskPolicy.DeviceEvidence deviceEvidence(Application application) {
        if (application.device().deviceId() == null) {
            return null;
        }
        DeviceReputation reputation = devices.reputationOf(application.device().deviceId());
        return new ApplicationRiskPolicy.DeviceEvidence(Set.copyOf(reputation.reasons()), application.device().markers());
    }

    private ApplicationRiskPolicy.Duplicates duplicates(Application application) {
        Instant since = clock.instant().minus(properties.duplicateWindow());
        Application.DuplicateKeys k = application.keys();
        String id = application.id();
        return new ApplicationRiskPolicy.Duplicates(
                k == null ? 0 : store.others("identity_key", k.identity(), since, id),
                k == null ? 0 : store.others("phone_key", k.phone(), since, id),
                k == null ? 0 : store.others("email_key", k.email(), since, id),
                store.others("device_id", application.device().deviceId(), since, id),
                k == null ? 0 : store.activeOfIdentity(k.identity(), id));
    }

    private static ApplicationAction action(ApplicationOutcome outcome) {
        return switch (outcome) {
            case APPROVE -> ApplicationAction.APPROVE;
            case REFER -> ApplicationAction.REFER;
            case DECLINE -> ApplicationAction.DECLINE;
        };
    }

    // ---- issuance -----------------------------------------------------------------------------------

    /**
     * Issues the card of an approved application: a virtual card in the issuer's BIN (idempotent on the
     * application; PENDING, so declined), the screening's account record, the device linked to the new
     * customer, the portal enrollment, and last the card activated; then ISSUED. Every step is idempotent,
     * so a crash anywhere is finished by running it again (the recovery job): never a second card, never a
     * half-issued one left. A technical failure moves the application to ERRORED, retried by the recovery job.
     */
    public Application issue(String applicationId) {
        synchronized (lockOf(applicationId)) {
            return issue(require(applicationId), ApplicationParty.SYSTEM);
        }
    }

    private Application issue(Application application, ApplicationParty by) {
        String id = application.id();
        ApplicationTransitions.next(application.status(), ApplicationAction.ISSUE, by);
        Instant now = clock.instant();
        Card card;
        try {
            YearMonth expiry = YearMonth.from(clock.instant().atZone(TOKYO)).plusYears(properties.cardValidityYears());
            card = cards.issueVirtual(application.customerId(), id, properties.bin(), expiry);
            afterCardIssued.run();
            Limits granted = application.decision().granted();
            screenings.recordIssued(card.token(), application.customerId(), application.decision().screeningId(),
                    granted, SYSTEM_ACTOR);
            if (application.device().deviceId() != null) {
                devices.linkCustomer(new Actor(SYSTEM_ACTOR, Set.of(Role.CUSTOMER_SERVICE), "system"),
                        application.device().deviceId(), application.customerId(), id, now);
            }
            portal.enroll(application.customerId(), "onboarding:" + id, SYSTEM_ACTOR);
            // Last: until here the card is PENDING (declined), so an issuance that never finishes leaves no
            // usable card behind.
            beforeCardActivated.run();
            Card active = cards.activateIssued(id).orElseThrow();
            if (active.status() != Card.Status.ACTIVE) {
                throw new IllegalStateException("the application's card is " + active.status());
            }
        } catch (RuntimeException e) {
            log.warn("onboarding: issuing {} failed ({}); the recovery job finishes it", id, e.getClass().getSimpleName());
            return fail(application, ISSUE, by);
        }
        Application issued;
        try {
            // In the move's transaction: the identity verification is now a customer's record, kept for the
            // relationship (EkycRetention).
            issued = move(id, ApplicationAction.ISSUE, by, SYSTEM_ACTOR, "card " + card.masked(), null,
                    app -> app.issued(card.token(), by, clock.instant()),
                    next -> ekyc.customerRelationshipBegan(next.id(), next.issue().issuedAt()));
        } catch (IllegalApplicationMove issuedMeanwhile) {
            return require(id);
        }
        audit.record(new AuditEvent(SYSTEM_ACTOR, "onboarding.issue", "application/" + id, null, AuditOutcome.SUCCESS,
                null, "card " + card.masked()));
        return issued;
    }

    private Application fail(Application application, String step, ApplicationParty by) {
        try {
            return move(application.id(), ApplicationAction.FAIL, by, SYSTEM_ACTOR, "failed: " + step,
                    app -> app.failed(step, by, clock.instant()));
        } catch (RuntimeException e) {
            return store.find(application.id()).orElse(application); // even the failure could not be written: recovery reads it
        }
    }

    /**
     * Shows the new card once, to the applicant signed in to the portal as its customer: number, expiry
     * and the security code derived now (never stored). The reveal is recorded once the number, expiry and
     * code were read (a failure before leaves the card to be shown on the next try); only the call that
     * records it answers them, so a second call (another tab, a replayed request) answers empty; later views
     * get {@link #cardSummary}.
     */
    public Optional<CardDetails> revealCard(String applicationId, Actor cardholder) {
        Application application = require(applicationId);
        String customerId = application.customerId();
        if (application.status() != ApplicationStatus.ISSUED || customerId == null
                || !cardholder.name().equals("cardholder:" + customerId)) {
            return Optional.empty();
        }
        if (application.issue() == null || application.issue().revealedAt() != null || store.revealed(applicationId)) {
            return Optional.empty();
        }
        String token = application.issue().cardToken();
        String number = cards.detokenize(token, cardholder.name(), cardholder.origin(), applicationId);
        YearMonth expiry = cards.expiryOf(token).orElseThrow();
        CardDetails details = new CardDetails(number, expiry, keys.securityCode(number, expiry));
        if (!store.markRevealed(applicationId, clock.instant())) {
            return Optional.empty(); // another tab read it at the same moment and showed it
        }
        audit.record(new AuditEvent(cardholder.name(), "onboarding.card.reveal", "application/" + applicationId, null,
                AuditOutcome.SUCCESS, AuditEvent.fit(cardholder.origin(), AuditEvent.MAX_ORIGIN),
                "number, expiry and security code shown once"));
        return Optional.of(details);
    }

    /** The customer's applications whose issued card has not been shown yet (the portal leads to them). */
    public List<String> unrevealedCards(String customerId) {
        return store.ofCustomer(customerId).stream().filter(a -> a.status() == ApplicationStatus.ISSUED)
                .filter(a -> a.issue() != null && a.issue().revealedAt() == null && !store.revealed(a.id()))
                .map(Application::id).toList();
    }

    /** The issued card as shown after its reveal: masked number and expiry. */
    public Optional<CardSummary> cardSummary(String applicationId) {
        return find(applicationId).filter(a -> a.issue() != null).flatMap(a -> cards.find(a.issue().cardToken())
                .map(card -> new CardSummary(card.masked(), cards.expiryOf(card.token()).orElse(null),
                        a.issue().revealedAt() != null || store.revealed(applicationId))));
    }

    /**
     * The portal enrollment made at issuance (the same one every time: the enrollment is idempotent on the
     * application): its activation code while PENDING, for the applicant to set up the portal account now.
     */
    public Optional<PortalSetup> portalSetup(String applicationId) {
        Application application = require(applicationId);
        if (application.status() != ApplicationStatus.ISSUED || !personalData.isActive(application.customerId())) {
            return Optional.empty();
        }
        PortalAccounts.Enrollment enrollment = portal.enroll(application.customerId(), "onboarding:" + applicationId,
                SYSTEM_ACTOR);
        return Optional.of(new PortalSetup("PENDING".equals(enrollment.status()) ? enrollment.activationCode() : null,
                enrollment.expiresAt(), enrollment.status()));
    }

    // ---- staff ----------------------------------------------------------------------------------------

    /** Referred applications, oldest first, each with its evidence: the review queue. */
    public List<Referral> referrals(int limit) {
        List<Referral> queue = new ArrayList<>();
        for (Application application : store.referred(Math.max(1, limit))) {
            queue.add(referral(application));
        }
        return queue;
    }

    /** One application with its evidence (any status), for staff. */
    public Optional<Referral> evidence(String applicationId) {
        return find(applicationId).map(this::referral);
    }

    private Referral referral(Application application) {
        DeviceReputation device = application.device().deviceId() == null ? null
                : devices.reputationOf(application.device().deviceId());
        EkycVerification identity = application.identity().verificationId() == null ? null
                : ekyc.find(application.identity().verificationId()).orElse(null);
        ScreeningDecision screening = application.decision() == null || application.decision().screeningId() == null
                ? screenings.find(application.id()).orElse(null)
                : screenings.find(application.decision().screeningId()).orElse(null);
        List<Move> moves = store.moves(application.id()).stream().map(m -> new Move(m.version(), m.action(), m.from(),
                m.to(), m.party(), m.actor(), m.movedAt(), m.detail())).toList();
        return new Referral(application, device, identity, screening, moves);
    }

    /**
     * Staff decide a referred application, audited ({@code onboarding.referral.approve|decline}). Approving
     * needs an identity check that PASSED (409 otherwise: no card without a verified identity), runs the
     * policy again on today's evidence (a decline there refuses the approval; its reasons are kept with the
     * decision), and grants at most what the screening allows: an application never screened (its identity
     * was not verified when it was decided) is screened now under its own id; when the screening referred
     * (proof of income needed, the bureau unavailable) it is screened again under {@code <id>.2}, {@code .3}…
     * (the bureau asked again), with the proof of income counted only when staff confirm they saw it
     * ({@code incomeProofSeen}, required when a screening asked for it, and audited); only an approving
     * screening lets the card be issued. Declining closes a card issued before on the application. The note
     * (optional, up to 1,000 characters) is sealed with the applicant's key.
     *
     * @param granted         the limits to grant when approving (each at most the screening's); ignored when declining
     * @param incomeProofSeen staff saw the applicant's proof of income (源泉徴収票 and the like); ignored when declining
     * @throws IllegalApplicationMove  not REFERRED (409), also when decided meanwhile (by a request sent twice)
     * @throws ApplicationBeingDecided the application or another of the person is being decided elsewhere and was
     *                                 not decided within {@link #decidingWait} (409)
     * @throws RequestProblem          limits above the screening's, the proof of income not confirmed when asked
     *                                 for (422); an identity not passed, a policy or screening that does not approve (409)
     */
    public Application decideReferral(String applicationId, boolean approve, Limits granted, boolean incomeProofSeen,
            Actor staff, String note) {
        Application read = require(applicationId);
        ApplicationAction action = approve ? ApplicationAction.APPROVE : ApplicationAction.DECLINE;
        ApplicationTransitions.next(read.status(), action, ApplicationParty.STAFF);
        if (note != null && (note.length() > 1000 || FreeText.problem(note).isPresent()
                || FreeText.characterProblem(note).isPresent())) {
            throw RequestProblem.invalid("note", "up to 1,000 characters of plain text, no card number");
        }
        // An approval screens again (a bureau inquiry): under the same claims as an automatic decision, so that
        // two staff approving at once, or staff and a server deciding another application of the person, ask the
        // bureau once and count each other.
        // A claim held is most often this very approval sent twice (a double click): waited for, briefly, so that
        // the second is answered by what the first decided (refused as decided, which the page answers as done).
        List<String> claims = approve ? decidingClaims(read) : List.of();
        String claimant = UUID.randomUUID().toString();
        if (!claimWaiting(claims, claimant, decidingWait())) {
            ApplicationTransitions.next(require(applicationId).status(), action, ApplicationParty.STAFF);
            throw new ApplicationBeingDecided();
        }
        Application decided;
        try {
            // Read again under the claims: what a holder before decided is refused as such, never screened again.
            Application application = claims.isEmpty() ? read : require(applicationId);
            ApplicationTransitions.next(application.status(), action, ApplicationParty.STAFF);
            if (!claims.isEmpty()) {
                whileDeciding.accept(applicationId);
            }
            List<RiskReason> reasons = new ArrayList<>(application.decision() == null ? List.of()
                    : application.decision().reasons());
            Application.Decision decision;
            if (approve) {
                if (granted == null || granted.revolving() < 1) {
                    throw RequestProblem.invalid("granted.revolving", "a card has a revolving limit");
                }
                EkycVerification verification = identityOf(application);
                if (verification == null || verification.outcome() != EkycOutcome.PASSED) {
                    throw RequestProblem.conflict("The identity check has not passed ("
                            + (verification == null || verification.outcome() == null ? "no result"
                                    : verification.outcome()) + "): a card is issued only to a verified identity. "
                            + "Decline it, or wait for the identity review.");
                }
                ScreeningDecision screening;
                ApplicationRiskPolicy.Assessment assessment;
                try {
                    screening = approvingScreening(application, incomeProofSeen);
                    assessment = policy.decide(new ApplicationRiskPolicy.Evidence(application.channel(),
                            deviceEvidence(application), new ApplicationRiskPolicy.IdentityEvidence(
                                    verification.outcome(), verification.reasons()), duplicates(application),
                            screening.outcome()));
                } catch (ScreeningInputRefused refused) {
                    // The screening's own refusals are not problems by themselves: say them as one here.
                    throw RequestProblem.invalid(refused.field(), refused.reason());
                } catch (ScreeningConflict conflict) {
                    throw RequestProblem.conflict("The application was screened before with other figures.");
                }
                if (assessment.outcome() == ApplicationOutcome.DECLINE) {
                    throw RequestProblem.conflict("The policy declines the application now (" + assessment.reasons()
                            + "): decline it.");
                }
                if (granted.revolving() > screening.granted().revolving()
                        || granted.cashAdvance() > screening.granted().cashAdvance()) {
                    throw new RequestProblem(ProblemType.VALIDATION, "The limits are above what the screening allows.",
                            List.of(new FieldProblem("granted", "at most " + screening.granted().revolving() + " / "
                                    + screening.granted().cashAdvance() + " yen")));
                }
                assessment.reasons().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
                reasons.add(RiskReason.STAFF_DECISION);
                // Weighed again today: the earlier reasons are kept beside the new assessment's, under today's rules.
                decision = new Application.Decision(screening.applicationId(), ApplicationOutcome.APPROVE, reasons, granted,
                        clock.instant(), ApplicationRiskPolicy.VERSION);
            } else {
                reasons.add(RiskReason.STAFF_DECISION);
                decision = new Application.Decision(application.decision() == null ? null
                        : application.decision().screeningId(), ApplicationOutcome.DECLINE, reasons, null, clock.instant(),
                        policyOf(application));
            }
            String sealed = note == null || note.isBlank() ? null
                    : personalData.seal(application.customerId(), "onboarding-referral/" + applicationId, note);
            decided = move(applicationId, action, ApplicationParty.STAFF, staff.name(),
                    approve ? "approved " + granted.revolving() + "/" + granted.cashAdvance() : "declined",
                    sealed, app -> app.decided(decision, ApplicationParty.STAFF, clock.instant()),
                    // Owed in the decision's transaction; DecisionNotices sends it (a card's link once it is issued).
                    next -> store.oweDecisionNotice(applicationId, decision.outcome(), decision.decidedAt()));
        } finally {
            if (!claims.isEmpty()) {
                try {
                    store.release(claims, claimant);
                } catch (RuntimeException e) {
                    log.warn("onboarding: giving back the claim on deciding {} failed ({}); it runs out by itself",
                            applicationId, e.getClass().getSimpleName());
                }
            }
        }
        afterStaffDecision.run();
        audit.record(new AuditEvent(AuditEvent.fit(staff.name(), AuditEvent.MAX_ACTOR),
                approve ? "onboarding.referral.approve" : "onboarding.referral.decline", "application/" + applicationId,
                null, AuditOutcome.SUCCESS, AuditEvent.fit(staff.origin(), AuditEvent.MAX_ORIGIN),
                approve ? "revolving=" + granted.revolving() + " cashAdvance=" + granted.cashAdvance()
                        + " screening=" + decided.decision().screeningId() + " incomeProofSeen=" + incomeProofSeen
                        : "declined"));
        if (!approve) {
            closeCard(applicationId);
            return decided;
        }
        synchronized (lockOf(applicationId)) {
            return issue(require(applicationId), ApplicationParty.SYSTEM);
        }
    }

    /**
     * A credit officer decides the identity check the eKYC policy sent to review (a borderline face match, an
     * uncertain liveness or document), after looking at its evidence: confirmed, the verification is PASSED and
     * the referral can be approved; rejected, it is FAILED and the application is declined at once (its notice
     * owed). The note is required (up to 1,000 characters) and sealed with the applicant's key; audited here
     * ({@code onboarding.identity.confirm|reject}) and in eKYC ({@code ekyc.review}), the move and the
     * verification's decision written in one transaction.
     *
     * @throws IllegalApplicationMove not REFERRED (409)
     * @throws RequestProblem         no note, or not plain text (422); the identity check not in review (409)
     */
    public Application decideIdentityReview(String applicationId, boolean confirmed, Actor staff, String note) {
        Application application = require(applicationId);
        ApplicationTransitions.next(application.status(), ApplicationAction.REVIEW_IDENTITY, ApplicationParty.STAFF);
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > 1000 || FreeText.problem(text).isPresent()
                || FreeText.characterProblem(text).isPresent()) {
            throw RequestProblem.invalid("note", "required: up to 1,000 characters of plain text, no card number");
        }
        EkycVerification verification = identityOf(application);
        if (verification == null || verification.status() != EkycStatus.REVIEW) {
            throw RequestProblem.conflict("The identity check is not in review ("
                    + (verification == null ? "none" : verification.status()) + "): there is nothing to decide.");
        }
        String sealed = personalData.seal(application.customerId(), "onboarding-referral/" + applicationId, text);
        move(applicationId, ApplicationAction.REVIEW_IDENTITY, ApplicationParty.STAFF, staff.name(),
                confirmed ? "identity confirmed" : "identity rejected", sealed, app -> {
                    if (!verification.id().equals(app.identity().verificationId())) {
                        throw new IllegalApplicationMove(app.status(), ApplicationAction.REVIEW_IDENTITY,
                                "verified again meanwhile");
                    }
                    return app.identityReviewed(clock.instant());
                },
                // In the move's transaction: the verification is decided with the move, or neither is.
                next -> ekyc.decideReview(verification.id(), confirmed, AuditEvent.fit(staff.name(),
                        AuditEvent.MAX_ACTOR), AuditEvent.fit(staff.origin(), AuditEvent.MAX_ORIGIN)));
        audit.record(new AuditEvent(AuditEvent.fit(staff.name(), AuditEvent.MAX_ACTOR),
                confirmed ? "onboarding.identity.confirm" : "onboarding.identity.reject", "application/" + applicationId,
                null, AuditOutcome.SUCCESS, AuditEvent.fit(staff.origin(), AuditEvent.MAX_ORIGIN),
                "verification " + verification.id() + (confirmed ? " PASSED" : " FAILED")));
        // Rejected: declined now (declineIfIdentityFailed), not only when the eKYC event is heard.
        return progress(applicationId);
    }

    /** The staff note sealed with a decision, opened for staff (empty once the applicant is erased). */
    public Optional<String> staffNote(String applicationId, int version) {
        Application application = require(applicationId);
        return store.moves(applicationId).stream().filter(m -> m.version() == version && m.sealedNote() != null)
                .findFirst().flatMap(m -> personalData.open(application.customerId(), "onboarding-referral/"
                        + applicationId, m.sealedNote()));
    }

    /**
     * The most staff may grant on this application now: the limits of its latest approving screening (its
     * own, when made on its own figures, or one made again when staff approved before). Empty when none
     * approves yet: approving then screens (again), and refuses limits above what that screening allows.
     */
    public Optional<Limits> approvableLimits(String applicationId) {
        Application application = require(applicationId);
        Optional<Limits> ceiling = ownScreening(application).filter(s -> s.outcome() == ScreeningOutcome.APPROVE)
                .map(ScreeningDecision::granted);
        for (ScreeningDecision again : rescreenings(applicationId)) {
            if (again.outcome() == ScreeningOutcome.APPROVE) {
                ceiling = Optional.of(again.granted());
            }
        }
        return ceiling;
    }

    /** The screenings made again when staff approved ({@code <id>.2}, {@code .3}…), in order. */
    public List<ScreeningDecision> rescreenings(String applicationId) {
        List<ScreeningDecision> made = new ArrayList<>();
        for (int n = 2; n <= MAX_RESCREENINGS + 1; n++) {
            Optional<ScreeningDecision> again = screenings.find(applicationId + "." + n);
            if (again.isEmpty()) {
                break;
            }
            made.add(again.get());
        }
        return made;
    }

    /** The screening under the application's own id, when it was made on the application's own figures. */
    private Optional<ScreeningDecision> ownScreening(Application application) {
        Optional<ScreeningDecision> own = screenings.find(application.id());
        if (own.isPresent() && application.decision() != null
                && application.id().equals(application.decision().screeningId())) {
            return own; // the policy decided on it: screened with this application's figures
        }
        if (own.isEmpty() || application.customerId() == null || application.declared().requested() == null
                || !personalData.isActive(application.customerId())) {
            return Optional.empty();
        }
        ApplicantFigures declared = applicantFigures(application, false);
        // Only a screening of this application's own figures counts (the id screened with others is a
        // conflict, which leaves the application ERRORED and then with staff).
        return own.filter(s -> s.figures().declared().equals(declared)
                && s.figures().requested().equals(application.declared().requested()));
    }

    /** The screening an approval may rest on: the application's own, or one made again with what staff saw. */
    private ScreeningDecision approvingScreening(Application application, boolean incomeProofSeen) {
        // What the issuer gives the same person elsewhere now, not when the screening was made: another of
        // their applications approved since counts (else each would be granted the whole ceiling).
        Limits held = heldElsewhereOnApproval(application);
        ScreeningDecision first = ownScreening(application).orElse(null);
        if (first == null && screenings.find(application.id()).isEmpty()) {
            // Never screened (the identity was not verified when the policy decided): screened now, as it would
            // have been then.
            first = screen(application, held);
        }
        if (first != null && first.outcome() == ScreeningOutcome.APPROVE && counted(first, held)) {
            return first;
        }
        if (first != null && first.outcome() == ScreeningOutcome.DECLINE) {
            throw RequestProblem.conflict("The screening declined: the law allows no limit to grant.");
        }
        boolean proofAsked = first != null && first.needed().contains(Requirement.PROOF_OF_INCOME)
                || rescreenings(application.id()).stream()
                        .anyMatch(s -> s.needed().contains(Requirement.PROOF_OF_INCOME));
        if (proofAsked && !incomeProofSeen) {
            throw new RequestProblem(ProblemType.VALIDATION, "The screening asks for a proof of income.",
                    List.of(new FieldProblem("incomeProofSeen",
                            "confirm that you saw the applicant's proof of income")));
        }
        ApplicantFigures applicant = applicantFigures(application, incomeProofSeen);
        // Each clearing attempt is a screening of its own (<id>.2, .3, …): a screening is idempotent on its
        // id, so one that referred again stays as it was, and the next attempt asks the bureau afresh.
        ScreeningDecision again = null;
        for (int n = 2; n <= MAX_RESCREENINGS + 1 && again == null; n++) {
            String screeningId = application.id() + "." + n;
            Optional<ScreeningDecision> before = screenings.find(screeningId);
            if (before.isEmpty()) {
                again = screenings.screen(new ScreeningRequest(screeningId, application.customerId(), applicant,
                        application.declared().requested(), SYSTEM_ACTOR, held));
            } else if (before.get().outcome() == ScreeningOutcome.APPROVE && sameApplicant(before.get(), applicant,
                    application) && counted(before.get(), held)) {
                again = before.get();
            }
        }
        if (again == null) {
            throw RequestProblem.conflict("The application was screened again " + MAX_RESCREENINGS
                    + " times without an approval: decline it, or ask for a new application.");
        }
        if (again.outcome() != ScreeningOutcome.APPROVE) {
            throw RequestProblem.conflict("The screening made again does not approve (" + again.reasons()
                    + "): no limit can be granted yet.");
        }
        return again;
    }

    /** Whether a screening was made on these figures and the limits asked (the proof of income aside). */
    private static boolean sameApplicant(ScreeningDecision screening, ApplicantFigures applicant,
            Application application) {
        ApplicantFigures screened = screening.figures().declared();
        return screened.annualIncome() == applicant.annualIncome()
                && screened.householdSize() == applicant.householdSize() && screened.housing() == applicant.housing()
                && screened.annualCreditRepayments() == applicant.annualCreditRepayments()
                && screening.figures().requested().equals(application.declared().requested());
    }

    private EkycVerification identityOf(Application application) {
        return application.identity().verificationId() == null ? null
                : ekyc.find(application.identity().verificationId()).orElse(null);
    }

    /**
     * A referred application whose identity check failed after the referral (an eKYC reviewer rejected it):
     * declined at once, with the identity's reason in place of the one it was referred for; a card issued
     * before is closed. One referred on the failure itself (the policy refers a document that is no longer
     * accepted, say) stays with staff, who can only decline it: approval needs a PASSED identity.
     */
    private Application declineIfIdentityFailed(Application application, ApplicationParty by) {
        EkycVerification verification = identityOf(application);
        if (verification == null || verification.outcome() != EkycOutcome.FAILED) {
            return application;
        }
        List<RiskReason> reasons = new ArrayList<>(policy.identityReasons(
                new ApplicationRiskPolicy.IdentityEvidence(verification.outcome(), verification.reasons())));
        if (application.decision() != null && application.decision().reasons().containsAll(reasons)) {
            return application; // referred on this very failure (the policy refers some): staff decline it
        }
        if (application.decision() != null) {
            application.decision().reasons().stream()
                    .filter(r -> ReasonKind.of(r) != ReasonKind.IDENTITY && !reasons.contains(r)).forEach(reasons::add);
        }
        Application.Decision decision = new Application.Decision(application.decision() == null ? null
                : application.decision().screeningId(), ApplicationOutcome.DECLINE, reasons, null, clock.instant(),
                policyOf(application));
        Application declined;
        try {
            declined = move(application.id(), ApplicationAction.DECLINE, by, SYSTEM_ACTOR,
                    "identity FAILED after the referral", null, app -> app.decided(decision, by, clock.instant()),
                    // The referral page promised the applicant a message: the decline is owed like a staff one.
                    next -> store.oweDecisionNotice(application.id(), ApplicationOutcome.DECLINE, decision.decidedAt()));
        } catch (IllegalApplicationMove movedMeanwhile) {
            return require(application.id());
        }
        audit.record(new AuditEvent(SYSTEM_ACTOR, "onboarding.decide", "application/" + application.id(), null,
                AuditOutcome.SUCCESS, null, AuditEvent.fit("outcome=DECLINE reasons=" + reasons
                        + " (identity failed after the referral)", AuditEvent.MAX_DETAIL)));
        closeCard(application.id());
        return declined;
    }

    /**
     * Refers an application that failed {@code max-attempts} times to staff, over the version read, and in
     * the same transaction undoes its unfinished issuance: when another instance moved it meanwhile (referred,
     * approved again and issued), nothing is written and its card is left alone. False then.
     */
    private boolean referAfterErrors(Application application) {
        Application next = application.referredAfterErrors(clock.instant());
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!store.update(application, next, ApplicationAction.REFER, ApplicationParty.CLOCK, SYSTEM_ACTOR,
                    "failed " + application.failure().attempts() + " times: to staff", null)) {
                return false;
            }
            if (ISSUE.equals(application.failure().step())) {
                undoIssuance(application);
            }
            return true;
        }));
    }

    /**
     * An issuance that did not finish, going to staff: its card back to PENDING (declined; nobody was shown
     * its number) and its screening account withdrawn, so that staff may approve again, with other limits.
     */
    private void undoIssuance(Application application) {
        cards.suspendIssued(application.id()).ifPresent(card -> screenings.withdrawIssued(card.token(), SYSTEM_ACTOR));
    }

    /**
     * A declined application's card, if one was issued, closed for good with its screening account withdrawn,
     * and what the unfinished issuance made for it taken back: the portal enrollment (its code revoked) and the
     * device's link to the customer. Each step is idempotent and runs again whatever the one before found done,
     * so a failure anywhere is finished by the recovery job ({@link #recover}, every declined application not
     * marked tidied); marked tidied last. Audited ({@code onboarding.card.close}) by the call that closed the
     * card, at once: not again by a run that finds it closed (an application declined before the tidying was
     * recorded, whose card was closed and audited then), and not lost when a later step fails.
     */
    private void closeCard(String applicationId) {
        try {
            beforeCardClosed.run();
            boolean open = cards.issuedFor(applicationId).filter(c -> c.status() != Card.Status.CLOSED).isPresent();
            Optional<Card> closed = cards.closeIssued(applicationId);
            if (open && closed.isPresent()) {
                audit.record(new AuditEvent(SYSTEM_ACTOR, "onboarding.card.close", "application/" + applicationId,
                        null, AuditOutcome.SUCCESS, null, "card " + closed.get().masked()
                                + " closed: the application was declined"));
            }
            afterCardClosed.run();
            if (closed.isPresent()) {
                screenings.withdrawIssued(closed.get().token(), SYSTEM_ACTOR);
                Application declined = require(applicationId);
                portal.revokeEnrollment("onboarding:" + applicationId, SYSTEM_ACTOR);
                if (declined.device().deviceId() != null && declined.customerId() != null) {
                    devices.unlinkCustomer(new Actor(SYSTEM_ACTOR, Set.of(Role.CUSTOMER_SERVICE), "system"),
                            declined.device().deviceId(), declined.customerId(), applicationId);
                }
            }
            store.markTidied(applicationId, clock.instant());
        } catch (RuntimeException e) {
            // The card stays declined at every authorization meanwhile (PENDING or CLOSED, never ACTIVE again
            // unless issued: the application is DECLINED).
            log.warn("onboarding: closing the card of {} failed ({}); the recovery job tries again", applicationId,
                    e.getClass().getSimpleName());
        }
    }

    // ---- the partner channel ------------------------------------------------------------------------

    /**
     * A whole application from a partner's system (the partner API), idempotent on the partner's own
     * {@code reference}: the same body again answers the same application (continuing it if a crash
     * stopped it half-way), another body under the same reference is refused (409). All fields are
     * checked before anything is stored. Answers the application with its eKYC continue URL.
     */
    public Application submitFromPartner(String client, String reference, String language,
            Map<ApplicationStep, Map<String, String>> steps, String deviceObservation, String requestDigest,
            String origin) {
        List<FieldError> errors = new ArrayList<>();
        Map<ApplicationStep, Map<String, String>> normalised = new LinkedHashMap<>();
        for (ApplicationStep step : ApplicationStep.values()) {
            Map<String, String> values = ApplicationForm.normalise(step, steps.getOrDefault(step, Map.of()));
            normalised.put(step, values);
            errors.addAll(ApplicationForm.check(step, values, LocalDate.ofInstant(clock.instant(), TOKYO), limitRules()));
        }
        if (!errors.isEmpty()) {
            throw new ApplicationInputRefused(errors);
        }
        Application application = store.ofPartner(client, reference).orElse(null);
        if (application == null) {
            try {
                application = startDraft(Channel.PARTNER, new Application.Partner(client, reference, requestDigest),
                        language).application();
            } catch (DuplicateKeyException sentTwiceAtOnce) {
                application = store.ofPartner(client, reference).orElseThrow();
            }
        }
        if (!requestDigest.equals(application.partner().requestDigest())) {
            throw RequestProblem.conflict("This applicationId was sent before with another application.");
        }
        String id = application.id();
        // The same request sent twice at once answers the same: one at a time here, and across servers the
        // request that finds the application already moved on continues from where it is.
        synchronized (lockOf(id)) {
            try {
                if (require(id).status() == ApplicationStatus.DRAFT) {
                    for (ApplicationStep step : ApplicationStep.values()) {
                        saveStep(id, step, normalised.get(step), origin);
                    }
                    submit(id, deviceObservation, origin);
                }
            } catch (IllegalApplicationMove submittedMeanwhile) {
                if (require(id).status() == ApplicationStatus.DRAFT) {
                    throw submittedMeanwhile;
                }
            }
            if (require(id).status() == ApplicationStatus.SUBMITTED) {
                startIdentity(id);
            }
        }
        return require(id);
    }

    /** A partner's application by the partner's own reference. */
    public Optional<Application> ofPartner(String client, String reference) {
        return store.ofPartner(client, reference);
    }

    // ---- recovery and retention ---------------------------------------------------------------------

    /**
     * Finishes what a crash or a failure left: approvals not yet issued, identity checks concluded while
     * nobody listened, screenings interrupted (a server that died holding the claim on deciding one: once the
     * claim ran out); retries ERRORED applications (referring them to staff after {@code max-attempts});
     * tidies declined applications whose card closing failed ({@link #closeCard}); abandons drafts untouched
     * for {@code draft-retention}, erasing their personal data. Runs at start and every minute
     * ({@link OnboardingJobs}).
     */
    public Recovery recover() {
        Instant now = clock.instant();
        Instant settled = now.minus(properties.recoveryGrace());
        int finished = 0;
        int retried = 0;
        int referred = 0;
        int abandoned = 0;
        int tidied = 0;
        store.dropExpiredClaims(now);
        for (ApplicationStatus status : List.of(ApplicationStatus.IDENTITY_PENDING, ApplicationStatus.SCREENING,
                ApplicationStatus.APPROVED)) {
            // Those looked at longest ago first: applications waiting on a vendor that never answers do not
            // hide the rest behind them.
            for (Application application : store.toRecover(status, settled, recoveryBatch)) {
                store.markPolled(application.id(), now);
                try {
                    Application after = progress(application.id(), ApplicationParty.CLOCK);
                    if (after.status() != status) {
                        finished++;
                    }
                } catch (RuntimeException e) {
                    log.warn("onboarding: recovery of {} failed ({})", application.id(), e.getClass().getSimpleName());
                }
            }
        }
        for (Application application : store.toRecover(ApplicationStatus.ERRORED, settled, recoveryBatch)) {
            store.markPolled(application.id(), now);
            try {
                if (application.failure().attempts() >= properties.maxAttempts()) {
                    beforeReferringAfterErrors.run();
                    if (referAfterErrors(application)) {
                        referred++;
                    }
                } else {
                    move(application.id(), application.retried(now).status() == ApplicationStatus.APPROVED
                                    ? ApplicationAction.RETRY_ISSUE : ApplicationAction.RETRY_SCREENING,
                            ApplicationParty.CLOCK, SYSTEM_ACTOR, "retry " + application.failure().step(),
                            app -> app.retried(clock.instant()));
                    progress(application.id(), ApplicationParty.CLOCK);
                    retried++;
                }
            } catch (RuntimeException e) {
                log.warn("onboarding: retry of {} failed ({})", application.id(), e.getClass().getSimpleName());
            }
        }
        // Declined applications whose card closing failed (or, declined before tidying was recorded, never ran).
        for (Application application : store.toTidy(settled, recoveryBatch)) {
            store.markPolled(application.id(), now);
            closeCard(application.id());
            if (store.tidied(application.id())) {
                tidied++;
            }
        }
        Instant stale = now.minus(properties.draftRetention());
        for (ApplicationStatus status : List.of(ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)) {
            for (Application application : store.toRecover(status, stale, recoveryBatch)) {
                store.markPolled(application.id(), now);
                try {
                    abandon(application);
                    abandoned++;
                } catch (RuntimeException e) {
                    log.warn("onboarding: abandoning {} failed ({})", application.id(), e.getClass().getSimpleName());
                }
            }
        }
        return new Recovery(finished, retried, referred, abandoned, tidied);
    }

    /**
     * Abandons an application left unfinished and erases its applicant. The move comes first (written over
     * the version read, so a draft saved meanwhile is not erased), the erasure second. The person is found
     * by the application's customer id, or, when a first save registered them in the vault and then failed
     * to record the id on the application, by the customer number derived from the application id.
     */
    private void abandon(Application application) {
        Application abandoned = move(application.id(), ApplicationAction.ABANDON, ApplicationParty.CLOCK,
                RETENTION.name(), "unfinished since " + application.times().updatedAt(), app -> {
                    if (!app.times().updatedAt().equals(application.times().updatedAt())) {
                        throw new IllegalApplicationMove(app.status(), ApplicationAction.ABANDON, "saved meanwhile");
                    }
                    return app.abandoned(clock.instant());
                });
        Optional<String> customer = Optional.ofNullable(abandoned.customerId()).or(() -> personalData.findByCustomerNumber(
                vaultActor(application.id(), "onboarding-retention"), Purpose.SERVICE_OPERATION,
                customerNumber(application.id())));
        if (customer.isPresent() && personalData.isActive(customer.get())) {
            personalData.erase(RETENTION, customer.get(), ErasureReason.NO_LONGER_NEEDED, application.id());
        }
    }

    /** An erased applicant: what the applications held about them outside the vault goes, in the erasure's transaction. */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        // An open application closes (nothing more can be decided about someone erased; staff would find
        // it in the queue and fail to approve it), each with its move; then what is held goes.
        for (Application application : store.ofCustomer(erased.customerId())) {
            if (!application.status().closed()) {
                try {
                    move(application.id(), ApplicationAction.ERASE, ApplicationParty.SYSTEM, SYSTEM_ACTOR,
                            "the applicant's data erased", app -> app.erased(clock.instant()));
                } catch (IllegalApplicationMove closedMeanwhile) {
                    // closed by a concurrent move: forget below still removes what it held
                }
            }
        }
        // The screening decisions and identity verifications of their applications know only the application:
        // they are erased from here, which knows whose they were (the decision keeps its record, no figure).
        List<Application> theirs = store.ofCustomer(erased.customerId());
        List<String> applicationIds = theirs.stream().map(Application::id).toList();
        // Each application's first screening has its id, those made again when staff cleared it <id>.2, .3…
        List<String> screeningIds = new ArrayList<>(applicationIds);
        for (String id : applicationIds) {
            for (int n = 2; n <= MAX_RESCREENINGS + 1; n++) {
                screeningIds.add(id + "." + n);
            }
        }
        theirs.stream().filter(app -> app.decision() != null && app.decision().screeningId() != null)
                .forEach(app -> screeningIds.add(app.decision().screeningId()));
        screenings.forgetDecisions(screeningIds, erased.erasedAt());
        ekyc.forgetSubjects(applicationIds, erased.erasedAt());
        store.forget(erased.customerId());
    }

    // ---- moves ----------------------------------------------------------------------------------------

    private Application move(String id, ApplicationAction action, ApplicationParty party, String actor, String detail,
            UnaryOperator<Application> change) {
        return move(id, action, party, actor, detail, null, change);
    }

    /**
     * Reads the application, makes the move and writes it over the version read, with its row in the
     * moves; a concurrent move in between is refused (409 illegal-transition after a re-read shows the
     * move no longer applies, or a conflict).
     */
    private Application move(String id, ApplicationAction action, ApplicationParty party, String actor, String detail,
            String sealedNote, UnaryOperator<Application> change) {
        return move(id, action, party, actor, detail, sealedNote, change, next -> { });
    }

    /** The same, with {@code alongside} written in the move's transaction, only when the move is written. */
    private Application move(String id, ApplicationAction action, ApplicationParty party, String actor, String detail,
            String sealedNote, UnaryOperator<Application> change, Consumer<Application> alongside) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Application current = require(id);
            Application next = change.apply(current);
            Boolean written = transactions.execute(tx -> {
                if (!store.update(current, next, action, party, actor, detail, sealedNote)) {
                    return false;
                }
                alongside.accept(next);
                return true;
            });
            if (Boolean.TRUE.equals(written)) {
                return next;
            }
        }
        throw RequestProblem.conflict("The application was changed at the same time; try again.");
    }

    private Application require(String applicationId) {
        return find(applicationId).orElseThrow(() -> RequestProblem.notFound("No such application."));
    }

    private static String applicantActor(String applicationId) {
        return "applicant:" + applicationId;
    }

    private static Actor vaultActor(String applicationId, String origin) {
        // The module registers and reads the applicant's data for operating the card they apply for.
        return new Actor(applicantActor(applicationId), Set.of(Role.CUSTOMER_SERVICE),
                origin == null ? "onboarding" : AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN));
    }

    static String digest(String canonical) {
        return OnboardingKeys.hash(canonical);
    }

    @Override
    public void destroy() {
        conclusions.shutdownNow();
    }
}
