package dev.anshin.onboarding;

import dev.anshin.devices.AutomationMarker;
import dev.anshin.devices.DeviceReason;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycReason;
import dev.anshin.screening.ScreeningOutcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The application decision as a pure function of the evidence (as {@code screening/ScreeningPolicy}
 * and {@code disputes/Investigator}): the device's reputation, the eKYC outcome, other applications
 * from the same identity, phone, e-mail or device within the window, and the screening's decision.
 * Every rule that holds adds its reason; the most severe effect decides (DECLINE over REFER over
 * APPROVE). It never approves when a part is missing or failed: no identity result, no screening
 * decision, no device evidence on the web are each a referral. Replayable, unit-tested without Spring.
 */
public final class ApplicationRiskPolicy {

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

    /** How many other applications within the window share the identity, phone, e-mail or device. */
    public record Duplicates(long identity, long phone, long email, long device) {
        public static final Duplicates NONE = new Duplicates(0, 0, 0, 0);
    }

    /**
     * Everything the decision rests on. {@code device} is null when the application came without a
     * usable device observation; {@code screening} null when it was not screened (yet).
     */
    public record Evidence(Channel channel, DeviceEvidence device, IdentityEvidence identity, Duplicates duplicates,
            ScreeningOutcome screening) {
    }

    /** The decision and every reason that held, in the table's order. */
    public record Assessment(ApplicationOutcome outcome, List<RiskReason> reasons) {
        public Assessment {
            reasons = List.copyOf(reasons);
        }
    }

    /** One row of the decision table, for the docs. */
    public record Rule(RiskReason reason, RiskReason.Effect effect, String when) {
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
            outcome = outcome.worst(reason.effect().outcome());
        }
        return new Assessment(outcome, List.copyOf(reasons));
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
                        + "who they claim"),
                rule(RiskReason.IDENTITY_NOT_CONFIRMED, "eKYC failed for another reason (an expired document, a method "
                        + "no longer accepted, not a My Number Card): the applicant may verify again with another document "
                        + "(at most 3 verifications in all)"),
                rule(RiskReason.IDENTITY_REVIEW, "eKYC sent the result to review (uncertain face match, liveness, document)"),
                rule(RiskReason.IDENTITY_EXPIRED, "eKYC was not completed in time: the applicant may verify again "
                        + "(at most 3 verifications in all)"),
                rule(RiskReason.IDENTITY_UNKNOWN, "no eKYC result"),
                rule(RiskReason.DEVICE_CONFIRMED_FRAUD, "a confirmed fraud was made from the device"),
                rule(RiskReason.DEVICE_AUTOMATION, "automation markers on the device (webdriver, headless, software "
                        + "renderer…), in this observation or within 30 days"),
                rule(RiskReason.DEVICE_MANY_APPLICATIONS, "many applications from the device within 30 days"),
                rule(RiskReason.DEVICE_SHARED_BY_CUSTOMERS, "the device is linked to many customers"),
                rule(RiskReason.DEVICE_MANY_CARDS, "the device's customers hold many cards"),
                rule(RiskReason.DEVICE_FRAUD_ON_LINKED_CARDS, "a fraud on a card of a customer linked to the device"),
                rule(RiskReason.DEVICE_HIGH_VELOCITY, "many observations of the device within an hour"),
                rule(RiskReason.DEVICE_REUSED_OBSERVATION, "the collector's observation reference was used for another "
                        + "application (a replayed reference borrowing a clean device's reputation)"),
                rule(RiskReason.DEVICE_OTHER_SIGNAL, "a device reason this version has no rule of its own for"),
                rule(RiskReason.DEVICE_TIMEZONE_OUTSIDE_JAPAN, "the device's clock is not on Japan's time, while the "
                        + "applicant gives an address in Japan"),
                rule(RiskReason.NO_DEVICE_EVIDENCE, "a web application without a usable device observation (the "
                        + "collector was blocked or the form was posted by a script)"),
                rule(RiskReason.DUPLICATE_IDENTITY, "another application within the window with the same kana name and "
                        + "date of birth (keyed pseudonym)"),
                rule(RiskReason.DUPLICATE_PHONE, "another application within the window with the same phone number"),
                rule(RiskReason.DUPLICATE_EMAIL, "another application within the window with the same e-mail address"),
                rule(RiskReason.DUPLICATE_DEVICE, "another application within the window from the same device"),
                rule(RiskReason.SCREENING_DECLINED, "the screening declined (delinquency, capacity below the minimum)"),
                rule(RiskReason.SCREENING_REFERRED, "the screening referred (bureau unavailable, proof of income needed)"),
                rule(RiskReason.SCREENING_UNKNOWN, "no screening decision (the bureau is asked only once the identity "
                        + "check passed)"),
                rule(RiskReason.DEVICE_LANGUAGE_NOT_JAPANESE, "the browser does not ask for Japanese (weak: residents "
                        + "use other languages)"),
                rule(RiskReason.PARTNER_WITHOUT_DEVICE, "a partner's application without a device observation (the "
                        + "partner's channel; recorded, not held against the applicant)"),
                rule(RiskReason.STAFF_DECISION, "staff decided a referral (their note is kept, sealed)"));
    }

    private static Rule rule(RiskReason reason, String when) {
        return new Rule(reason, reason.effect(), when);
    }

    /** The decision table as markdown, for the docs. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| # | reason | effect | when |\n|---|---|---|---|\n");
        int n = 1;
        for (Rule rule : decisionTable()) {
            out.append("| ").append(n++).append(" | `").append(rule.reason()).append("` | ")
                    .append(rule.effect()).append(" | ").append(rule.when()).append(" |\n");
        }
        return out.toString();
    }
}
