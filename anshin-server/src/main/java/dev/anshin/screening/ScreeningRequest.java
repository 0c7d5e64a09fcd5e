package dev.anshin.screening;

import dev.anshin.problems.Ids;

/**
 * One application to screen.
 *
 * @param applicationId the caller's opaque id of the application (letters, digits, {@code . _ : -}, at
 *                      most 64): screening the same id again answers the same decision
 * @param customerId    the applicant's opaque customer id in {@code privacy} if the caller has one yet, else
 *                      null (passed on to the credit bureau's adapter, not stored with the decision)
 * @param applicant     what the applicant declared
 * @param requested     the limits asked for (revolving at least 1 yen; cash advance 0 for none)
 * @param actor         who asks, for the audit log (e.g. {@code onboarding}, {@code api:partner/key}, a staff user)
 * @param heldElsewhere the limits this issuer already gives the same person under other customer ids (an
 *                      earlier application's customer, found by the caller), counted with those of
 *                      {@code customerId} in both ceilings; {@link Limits#NONE} when none
 */
public record ScreeningRequest(String applicationId, String customerId, ApplicantFigures applicant, Limits requested,
        String actor, Limits heldElsewhere) {

    public static final int MAX_ID = 64;

    /** A request with no limits held under other customer ids. */
    public ScreeningRequest(String applicationId, String customerId, ApplicantFigures applicant, Limits requested,
            String actor) {
        this(applicationId, customerId, applicant, requested, actor, Limits.NONE);
    }

    public ScreeningRequest {
        ScreeningInputRefused.required("heldElsewhere", heldElsewhere);
        reference("applicationId", applicationId);
        if (customerId != null) {
            reference("customerId", customerId);
        }
        ScreeningInputRefused.required("applicant", applicant);
        ScreeningInputRefused.required("requested", requested);
        ScreeningInputRefused.required("actor", actor);
        if (actor.isBlank() || actor.length() > 128) {
            throw new ScreeningInputRefused("actor", "malformed", "1 to 128 characters");
        }
    }

    static String reference(String field, String value) {
        ScreeningInputRefused.required(field, value);
        if (value.length() > MAX_ID || !Ids.isToken(value)) {
            throw new ScreeningInputRefused(field, "malformed",
                    "1 to " + MAX_ID + " letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }
}
