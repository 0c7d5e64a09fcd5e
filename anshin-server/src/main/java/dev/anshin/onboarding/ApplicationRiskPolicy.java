package dev.anshin.onboarding;

import dev.anshin.devices.AutomationMarker;
import dev.anshin.devices.DeviceReason;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycReason;
import dev.anshin.screening.ScreeningOutcome;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The application decision as a pure function of the evidence (as {@code screening/ScreeningPolicy}
 * and {@code disputes/Investigator}): the device's reputation, the eKYC outcome, other applications
 * from the same identity, phone, e-mail or device within the window, and the screening's decision.
 * Every rule that holds adds its reason, and every reason is kept (staff see a weak signal that did not
 * refer). The fraud signals add their weights ({@link RiskReason#weight()}) to a fraud score, which refers
 * when it reaches {@link #REFER_CUT}: a strong signal on its own, a weak one only with another. The other
 * reasons act on their own: the law's (the screening), an identity not verified yet (no card without a
 * verified identity, 犯罪収益移転防止法), a failed identity (declines). The most severe effect decides
 * (DECLINE over REFER over APPROVE). It never approves when a part is missing: no identity result, no
 * screening decision, no device evidence on the web are each a referral. Replayable, unit-tested without
 * Spring.
 *
 * <p>The weights are judgement on real-world evidence (each written beside its reason), not fitted on the
 * demo's simulated applicants; they are constants, not settings, because a decision stores its reasons and
 * the pages work out from them which reasons referred ({@link #effectIn}): weights changed by a setting
 * would change what staff and the applicant are told about decisions already made.
 */
public final class ApplicationRiskPolicy {

    /**
     * The rules a decision's reasons are weighed under, stored with it ({@code applications.decision_policy},
     * V47) so that the pages read what referred as it was decided, not under today's weights. A new weight, cut
     * or effect is a new version.
     */
    public enum Version {
        /**
         * Before the fraud score (stored as null): every fraud signal referred on its own, except
         * {@link RiskReason#DEVICE_LANGUAGE_NOT_JAPANESE}, a note.
         */
        BEFORE_FRAUD_SCORE,
        /** Fraud signals weighed ({@link RiskReason#weight()}), referring when their score reaches 10. */
        FRAUD_SCORE_10
    }

    /** The rules {@link #decide} applies. */
    public static final Version VERSION = Version.FRAUD_SCORE_10;

    /** The fraud score at which an application is referred. */
    public static final int REFER_CUT = 10;
    /** The weight of a fraud signal that refers on its own. */
    static final int STRONG = REFER_CUT;
    /** The weight of a fraud signal that refers only together with another (two of them reach the cut). */
    static final int SUPPORTING = REFER_CUT / 2;

    /**
     * Duplicates that, beside {@link RiskReason#DUPLICATE_IDENTITY}, most likely point at the same person's
     * earlier application (their phone, their e-mail, their own phone's browser).
     */
    private static final Set<RiskReason> SAME_PERSON_DUPLICATES = EnumSet.of(RiskReason.DUPLICATE_PHONE,
            RiskReason.DUPLICATE_EMAIL, RiskReason.DUPLICATE_DEVICE);

    /** eKYC failures that point to someone not being who they claim: declined, not referred. */
    static final Set<EkycReason> IDENTITY_FRAUD = EnumSet.of(EkycReason.DOCUMENT_SPOOFED, EkycReason.FACE_MISMATCH,
            EkycReason.LIVENESS_FAILED, EkycReason.STAFF_DECISION, EkycReason.VENDOR_REVIEW_REJECTED);

    /**
     * The policy's reason for a device reason: {@code DEVICE_<name>}, found by name so that a device reason
     * added later in the devices module (a replayed observation, say) is never dropped: one this version has
     * no reason for refers as {@link RiskReason#DEVICE_OTHER_SIGNAL}, never approves unseen.
     */
    static RiskReason deviceReason(DeviceReason reason) {
        try {
            return RiskReason.valueOf("DEVICE_" + reason.name());
        } catch (IllegalArgumentException unknown) {
            return RiskReason.DEVICE_OTHER_SIGNAL;
        }
    }

    /** What the device collector gave: its reputation's reasons and the markers of this very observation. */
    public record DeviceEvidence(Set<DeviceReason> reasons, Set<AutomationMarker> observedMarkers) {
        public DeviceEvidence {
            reasons = reasons.isEmpty() ? Set.of() : EnumSet.copyOf(reasons);
            observedMarkers = Set.copyOf(observedMarkers);
        }
    }

    /** The eKYC verification's outcome and reasons; {@code outcome} null when none concluded. */
    public record IdentityEvidence(EkycOutcome outcome, List<EkycReason> reasons) {
        public static final IdentityEvidence NONE = new IdentityEvidence(null, List.of());

        public IdentityEvidence {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * How many other applications within the window share the identity, phone, e-mail or device; and how many
     * of the same identity, at any time, are still in progress or were issued a card ({@code identityActive}).
     */
    public record Duplicates(long identity, long phone, long email, long device, long identityActive) {
        public static final Duplicates NONE = new Duplicates(0, 0, 0, 0, 0);

        /** Duplicates within the window, none of the same identity in progress or issued. */
        public Duplicates(long identity, long phone, long email, long device) {
            this(identity, phone, email, device, 0);
        }
    }

    /**
     * Everything the decision rests on. {@code device} is null when the application came without a
     * usable device observation; {@code screening} null when it was not screened (yet).
     */
    public record Evidence(Channel channel, DeviceEvidence device, IdentityEvidence identity, Duplicates duplicates,
            ScreeningOutcome screening) {
    }

    /**
     * The decision, every reason that held (in the table's order), and the fraud score of those reasons
     * against the cut it was decided with.
     */
    public record Assessment(ApplicationOutcome outcome, List<RiskReason> reasons, int fraudScore, int cut) {
        public Assessment {
            reasons = List.copyOf(reasons);
        }
    }

    /** What held an application back, as the measurements and the review report it apart. */
    public enum Ground {
        /** The fraud score reached the cut, or a failed identity declined. */
        FRAUD_SIGNALS,
        /** The identity is not verified yet (review, not confirmed, expired): not a sign of fraud. */
        IDENTITY_NOT_VERIFIED,
        /** A part of the evidence is missing (no eKYC result, no device observation, no screening). */
        MISSING_EVIDENCE,
        /** The screening: the law's limits, the bureau. */
        SCREENING,
        /** The same person has another application in progress or a card from one: staff decide a second card. */
        SAME_PERSON,
        /** Recorded only. */
        NOTE
    }

    /** One row of the decision table, for the docs. */
    public record Rule(RiskReason reason, RiskReason.Effect effect, int weight, String when) {
    }

    public Assessment decide(Evidence evidence) {
        Set<RiskReason> reasons = EnumSet.noneOf(RiskReason.class);
        identity(evidence.identity() == null ? IdentityEvidence.NONE : evidence.identity(), reasons);
        if (evidence.device() == null) {
            reasons.add(evidence.channel() == Channel.PARTNER ? RiskReason.PARTNER_WITHOUT_DEVICE
                    : RiskReason.NO_DEVICE_EVIDENCE);
        } else {
            evidence.device().reasons().forEach(reason -> reasons.add(deviceReason(reason)));
            if (!evidence.device().observedMarkers().isEmpty()) {
                reasons.add(RiskReason.DEVICE_AUTOMATION);
            }
        }
        Duplicates duplicates = evidence.duplicates() == null ? Duplicates.NONE : evidence.duplicates();
        if (duplicates.identity() > 0) {
            reasons.add(RiskReason.DUPLICATE_IDENTITY);
        }
        if (duplicates.identityActive() > 0) {
            // Not a fraud signal: the person applies again while an application is in progress or holds a card
            // from one. A double submission must not become two cards; staff decide whether a second is meant.
            reasons.add(RiskReason.SAME_PERSON_ACTIVE);
        }
        if (duplicates.phone() > 0) {
            reasons.add(RiskReason.DUPLICATE_PHONE);
        }
        if (duplicates.email() > 0) {
            reasons.add(RiskReason.DUPLICATE_EMAIL);
        }
        if (duplicates.device() > 0) {
            reasons.add(RiskReason.DUPLICATE_DEVICE);
        }
        boolean declinedAlready = reasons.stream().anyMatch(r -> r.effect() == RiskReason.Effect.DECLINE);
        if (evidence.screening() == null) {
            if (!declinedAlready) {
                // Not screened because the identity already declines: the applicant is not told about a
                // screening that was never made.
                reasons.add(RiskReason.SCREENING_UNKNOWN);
            }
        } else if (evidence.screening() == ScreeningOutcome.DECLINE) {
            reasons.add(RiskReason.SCREENING_DECLINED);
        } else if (evidence.screening() == ScreeningOutcome.REFER) {
            reasons.add(RiskReason.SCREENING_REFERRED);
        }
        ApplicationOutcome outcome = ApplicationOutcome.APPROVE;
        for (RiskReason reason : reasons) {
            outcome = outcome.worst(outcome(effectIn(reason, reasons)));
        }
        return new Assessment(outcome, List.copyOf(reasons), fraudScore(reasons), REFER_CUT);
    }

    /**
     * The fraud score of a set of reasons: the sum of the fraud signals' weights, except that the phone, e-mail
     * and device duplicates add nothing beside an identity duplicate (the same person trying again, met four
     * times, is one fact; two people sharing a phone and an e-mail, or a device, are two).
     */
    public static int fraudScore(Collection<RiskReason> reasons) {
        boolean samePerson = reasons.contains(RiskReason.DUPLICATE_IDENTITY);
        return reasons.stream().distinct().filter(r -> !(samePerson && SAME_PERSON_DUPLICATES.contains(r)))
                .mapToInt(RiskReason::weight).sum();
    }

    /**
     * What {@code reason} did in a decision resting on {@code reasons}: a fraud signal refers when their fraud
     * score reaches the cut and is a note otherwise; every other reason does what it does on its own. The pages
     * tell staff and the applicant what referred from this, so a weak signal that did not refer is never given
     * as a reason for a referral.
     */
    public static RiskReason.Effect effectIn(RiskReason reason, Collection<RiskReason> reasons) {
        return effectIn(reason, reasons, VERSION);
    }

    /**
     * {@link #effectIn} under the rules a decision was made with: before the fraud score every fraud signal
     * referred but the browser's language (a note then).
     */
    public static RiskReason.Effect effectIn(RiskReason reason, Collection<RiskReason> reasons, Version version) {
        if (reason.effect() != RiskReason.Effect.SCORE) {
            return reason.effect();
        }
        if (version == Version.BEFORE_FRAUD_SCORE) {
            return reason == RiskReason.DEVICE_LANGUAGE_NOT_JAPANESE ? RiskReason.Effect.NOTE : RiskReason.Effect.REFER;
        }
        return fraudScore(reasons) >= REFER_CUT ? RiskReason.Effect.REFER : RiskReason.Effect.NOTE;
    }

    /** The reasons that referred or declined (notes and fraud signals below the cut left out), in their order. */
    public static List<RiskReason> referring(List<RiskReason> reasons) {
        return referring(reasons, VERSION);
    }

    /** {@link #referring} under the rules a decision was made with. */
    public static List<RiskReason> referring(List<RiskReason> reasons, Version version) {
        return reasons.stream().filter(r -> effectIn(r, reasons, version) != RiskReason.Effect.NOTE).toList();
    }

    /** What a reason holds an application back for, as the measurements report it. */
    public static Ground ground(RiskReason reason) {
        if (reason.fraudSignal()) {
            return Ground.FRAUD_SIGNALS;
        }
        return switch (reason) {
            case IDENTITY_NOT_CONFIRMED, IDENTITY_REVIEW, IDENTITY_EXPIRED -> Ground.IDENTITY_NOT_VERIFIED;
            case IDENTITY_UNKNOWN, NO_DEVICE_EVIDENCE, SCREENING_UNKNOWN -> Ground.MISSING_EVIDENCE;
            case SCREENING_DECLINED, SCREENING_REFERRED -> Ground.SCREENING;
            case SAME_PERSON_ACTIVE -> Ground.SAME_PERSON;
            default -> Ground.NOTE;
        };
    }

    private static ApplicationOutcome outcome(RiskReason.Effect effect) {
        return switch (effect) {
            case NOTE, SCORE -> ApplicationOutcome.APPROVE;
            case REFER -> ApplicationOutcome.REFER;
            case DECLINE -> ApplicationOutcome.DECLINE;
        };
    }

    private static void identity(IdentityEvidence identity, Set<RiskReason> reasons) {
        if (identity.outcome() == null) {
            reasons.add(RiskReason.IDENTITY_UNKNOWN);
            return;
        }
        switch (identity.outcome()) {
            case PASSED -> { }
            case REVIEW -> reasons.add(RiskReason.IDENTITY_REVIEW);
            case EXPIRED -> reasons.add(RiskReason.IDENTITY_EXPIRED);
            case FAILED -> reasons.add(identity.reasons().stream().anyMatch(IDENTITY_FRAUD::contains)
                    ? RiskReason.IDENTITY_FAILED : RiskReason.IDENTITY_NOT_CONFIRMED);
        }
    }

    /** Whether the identity result alone declines, so that no bureau inquiry is made for it. */
    public boolean identityDeclines(IdentityEvidence identity) {
        Set<RiskReason> reasons = EnumSet.noneOf(RiskReason.class);
        identity(identity, reasons);
        return reasons.stream().anyMatch(r -> r.effect() == RiskReason.Effect.DECLINE);
    }

    /** The identity rule's reasons alone (none when it PASSED), for an identity that concludes after a referral. */
    public List<RiskReason> identityReasons(IdentityEvidence identity) {
        Set<RiskReason> reasons = EnumSet.noneOf(RiskReason.class);
        identity(identity, reasons);
        return List.copyOf(reasons);
    }

    /** The rules, in the order they are checked (the docs' table; a test keeps the two equal). */
    public static List<Rule> decisionTable() {
        return List.of(
                rule(RiskReason.IDENTITY_FAILED, "eKYC failed for spoofing, a face mismatch or failed liveness "
                        + "(or a credit officer or the vendor's reviewer rejected it after a review): someone may not be "
                        + "who they claim. Declines on its own"),
                rule(RiskReason.IDENTITY_NOT_CONFIRMED, "eKYC failed for another reason (an expired document, a method "
                        + "no longer accepted, not a My Number Card): the applicant may verify again with another document "
                        + "(at most 3 verifications in all). Identity not verified yet, not a fraud signal: no card "
                        + "without it (犯罪収益移転防止法)"),
                rule(RiskReason.IDENTITY_REVIEW, "eKYC sent the result to review (uncertain face match, liveness, "
                        + "document): the vendor's reviewer or a credit officer concludes it. Identity not verified yet, "
                        + "not a fraud signal"),
                rule(RiskReason.IDENTITY_EXPIRED, "eKYC was not completed in time: the applicant may verify again "
                        + "(at most 3 verifications in all). Identity not verified yet, not a fraud signal"),
                rule(RiskReason.IDENTITY_UNKNOWN, "no eKYC result (never approve unknown)"),
                rule(RiskReason.DEVICE_CONFIRMED_FRAUD, "a confirmed fraud was made from the device. Strong: a "
                        + "labelled fraud from this very device"),
                rule(RiskReason.DEVICE_AUTOMATION, "automation markers on the device (webdriver, headless, software "
                        + "renderer…), in this observation or within 30 days. Strong: a person's browser does not "
                        + "announce them to a card form"),
                rule(RiskReason.DEVICE_MANY_APPLICATIONS, "three or more applications from the device within 30 days. "
                        + "Strong: the bound already leaves a household's two"),
                rule(RiskReason.DEVICE_SHARED_BY_CUSTOMERS, "the device is linked to three or more customers. Strong: "
                        + "the bound leaves a couple; more is a mule's or a ring's phone"),
                rule(RiskReason.DEVICE_MANY_CARDS, "the device's customers hold many cards. Weak: a family's cards "
                        + "add up on a shared tablet"),
                rule(RiskReason.DEVICE_FRAUD_ON_LINKED_CARDS, "a fraud on a card of a customer linked to the device. "
                        + "Weak: the customer may be the victim (a skimmed card), not the fraudster"),
                rule(RiskReason.DEVICE_HIGH_VELOCITY, "many observations of the device within an hour. Weak: a person "
                        + "going back and forth through the form, or a family, makes many too"),
                rule(RiskReason.DEVICE_REUSED_OBSERVATION, "the collector's observation reference was used for another "
                        + "application (a replayed reference borrowing a clean device's reputation). Strong: a browser "
                        + "never does this by itself"),
                rule(RiskReason.DEVICE_OTHER_SIGNAL, "a device reason this version has no rule of its own for. Strong, "
                        + "so that a new signal is never approved unseen"),
                rule(RiskReason.DEVICE_TIMEZONE_OUTSIDE_JAPAN, "the device's clock is not on Japan's time, while the "
                        + "applicant gives an address in Japan. Weak: residents travel, and keep a phone on home time"),
                rule(RiskReason.NO_DEVICE_EVIDENCE, "a web application without a usable device observation (the "
                        + "collector was blocked or the form was posted by a script); never approve unknown"),
                rule(RiskReason.DUPLICATE_IDENTITY, "another application within the window with the same kana name and "
                        + "date of birth (keyed pseudonym). Weak: a person who abandoned, or was declined, tries again"),
                rule(RiskReason.SAME_PERSON_ACTIVE, "the same kana name and date of birth (keyed pseudonym) has "
                        + "another application in progress, or was issued a card from one, at any time: not a fraud "
                        + "signal; a double submission must not become two cards, so staff decide a second card"),
                rule(RiskReason.DUPLICATE_PHONE, "another application within the window with the same phone number. "
                        + "Weak: a household shares a number. Beside a duplicate identity the phone, e-mail and device "
                        + "duplicates add nothing (the same person trying again is one fact)"),
                rule(RiskReason.DUPLICATE_EMAIL, "another application within the window with the same e-mail address. "
                        + "Weak, as the phone; two people sharing a phone and an e-mail reach the cut"),
                rule(RiskReason.DUPLICATE_DEVICE, "another application within the window from the same device. Weak: a "
                        + "partner or a parent applies on the same phone; the strong form is many applications; two "
                        + "people sharing the device and a phone or an e-mail reach the cut"),
                rule(RiskReason.SCREENING_DECLINED, "the screening declined (delinquency, capacity below the minimum)"),
                rule(RiskReason.SCREENING_REFERRED, "the screening referred (bureau unavailable, proof of income needed)"),
                rule(RiskReason.SCREENING_UNKNOWN, "no screening decision (the bureau is asked only once the identity "
                        + "check passed); never approve unknown"),
                rule(RiskReason.DEVICE_LANGUAGE_NOT_JAPANESE, "the browser does not ask for Japanese. Weak: many "
                        + "residents of Japan use another language"),
                rule(RiskReason.PARTNER_WITHOUT_DEVICE, "a partner's application without a device observation (the "
                        + "partner's channel; recorded, not held against the applicant)"),
                rule(RiskReason.STAFF_DECISION, "staff decided a referral (their note is kept, sealed)"));
    }

    private static Rule rule(RiskReason reason, String when) {
        return new Rule(reason, reason.effect(), reason.weight(), when);
    }

    /** The decision table as markdown, for the docs. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| # | reason | effect | weight | when |\n|---|---|---|---|---|\n");
        int n = 1;
        for (Rule rule : decisionTable()) {
            out.append("| ").append(n++).append(" | `").append(rule.reason()).append("` | ")
                    .append(rule.effect()).append(" | ").append(rule.weight() == 0 ? "—" : rule.weight())
                    .append(" | ").append(rule.when()).append(" |\n");
        }
        return out.toString();
    }
}
