package dev.anshin.screening;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A stored screening decision. Staff read the reasons in the bundle's staff words
 * ({@code screening.reason.CODE.staff}), the applicant in its plain ones ({@code …applicant}).
 *
 * @param applicationId the caller's application id
 * @param decidedAt     when
 * @param outcome       APPROVE, REFER or DECLINE
 * @param granted       on APPROVE the limits granted (possibly lower than asked); on a REFER with the
 *                      bureau's answer what staff may grant once the referral is cleared; on a REFER without
 *                      it (timeout, failure) and on DECLINE none: a fresh screening sets the limits
 * @param reasons       the reasons, in rule order (the decisive ones first)
 * @param needed        what a referral needs (proof of income, the bureau's report); empty otherwise
 * @param figures       every figure the decision rests on
 */
public record ScreeningDecision(String applicationId, Instant decidedAt, ScreeningOutcome outcome, Limits granted,
        List<ReasonCode> reasons, Set<Requirement> needed, ScreeningFigures figures) {

    public ScreeningDecision {
        reasons = List.copyOf(reasons);
        needed = Set.copyOf(needed);
    }
}
