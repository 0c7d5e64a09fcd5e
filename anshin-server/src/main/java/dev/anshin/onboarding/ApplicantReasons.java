package dev.anshin.onboarding;

import dev.anshin.screening.ReasonCode;
import dev.anshin.screening.ScreeningDecision;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;

/**
 * The reasons an applicant is told, by what was decided: one rule for the applicant's page ({@link ApplyPages}) and
 * the partner API ({@link ApplicationApiController}), so that a partner never tells its applicant more, or other,
 * than we do (docs/onboarding.md).
 * <ul>
 * <li>An approval: only the screening's notes on the limits (never the referral it came through).</li>
 * <li>A referral: what staff will check, for each ground that referred (fraud signals below the cut and notes
 * left out): the identity, in its own words; the fraud signals only as "your application's details", naming no
 * signal and never which datum matched another application; the screening's referring reasons (proof of income,
 * the bureau) in words of what happens next, in place of the policy's summary. No limit note: none was
 * granted.</li>
 * <li>A decline: only what declined (the identity, or the screening's declining reasons); a staff decline says
 * staff decided. Never "our staff will check".</li>
 * </ul>
 */
final class ApplicantReasons {

    /** One reason: its stable code (a policy reason's name, or {@code SCREENING_} and the screening's) and text. */
    record Reason(String code, String text) {
    }

    /** A referral that no ground explains (after repeated technical errors): staff take the application over. */
    static final String STAFF_REVIEW = "STAFF_REVIEW";

    /** The screening's reasons that decline. */
    private static final Set<ReasonCode> SCREENING_DECLINES = EnumSet.of(ReasonCode.DELINQUENCY,
            ReasonCode.BELOW_MINIMUM_LIMIT);
    /** The screening's notes on the limits granted: all an approval tells besides the approval itself. */
    private static final Set<ReasonCode> LIMIT_NOTES = EnumSet.of(ReasonCode.REVOLVING_REDUCED,
            ReasonCode.CASH_ADVANCE_REDUCED, ReasonCode.CONVENTIONAL_SCREENING, ReasonCode.BUREAU_REPAYMENTS_HIGHER);

    private ApplicantReasons() {
    }

    /** The reasons, each (code, text) once, in the order told; empty before the decision. */
    static List<Reason> of(Application application, Optional<ScreeningDecision> screening, MessageSource messages,
            Locale locale) {
        if (application.decision() == null) {
            return List.of();
        }
        List<ReasonCode> screeningCodes = screening.map(ScreeningDecision::reasons).orElse(List.of());
        // Under the rules it was decided with: a weak fraud signal under the cut is no reason it was referred for.
        List<RiskReason> referring = application.decision().referring();
        List<Reason> told = new ArrayList<>();
        switch (application.status()) {
            case ISSUED, APPROVED -> screeningCodes.stream().filter(LIMIT_NOTES::contains)
                    .forEach(code -> told.add(screening(code, messages, locale)));
            case DECLINED -> {
                List<ReasonCode> declining = screeningCodes.stream().filter(SCREENING_DECLINES::contains).toList();
                referring.stream().filter(r -> r.effect() == RiskReason.Effect.DECLINE)
                        .filter(r -> declining.isEmpty() || r != RiskReason.SCREENING_DECLINED)
                        .forEach(r -> told.add(policy(r, messages, locale)));
                declining.forEach(code -> told.add(screening(code, messages, locale)));
                if (told.isEmpty() && application.decision().reasons().contains(RiskReason.STAFF_DECISION)) {
                    told.add(policy(RiskReason.STAFF_DECISION, messages, locale));
                }
            }
            case REFERRED -> {
                List<ReasonCode> toClear = screeningCodes.stream().filter(code -> code.needs() != null).toList();
                referring.stream().filter(r -> toClear.isEmpty() || r != RiskReason.SCREENING_REFERRED)
                        .forEach(r -> told.add(policy(r, messages, locale)));
                toClear.forEach(code -> told.add(new Reason("SCREENING_" + code.name(),
                        messages.getMessage("onboarding.referred.screening." + code.name(), null,
                                messages.getMessage(code.applicantMessageKey(), null, locale), locale))));
                if (told.isEmpty()) {
                    told.add(new Reason(STAFF_REVIEW, messages.getMessage("onboarding.referred.other", null, locale)));
                }
            }
            default -> { }
        }
        return List.copyOf(new LinkedHashSet<>(told));
    }

    private static Reason policy(RiskReason reason, MessageSource messages, Locale locale) {
        return new Reason(reason.name(), messages.getMessage(reason.applicantMessageKey(), null, locale));
    }

    private static Reason screening(ReasonCode code, MessageSource messages, Locale locale) {
        return new Reason("SCREENING_" + code.name(), messages.getMessage(code.applicantMessageKey(), null, locale));
    }
}
