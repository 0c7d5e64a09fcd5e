package dev.anshin.screening;

import java.time.Instant;

/**
 * A card issued on a screened application, to be re-screened periodically.
 *
 * @param cardToken     the card's token (from {@code cards}), never its number
 * @param customerId    the customer's opaque id (from {@code privacy})
 * @param applicationId the screened application whose declared figures the limits were granted on
 * @param limits        the limits granted (staff may have granted less than the decision allowed)
 * @param issuedAt      when (set by {@link Screenings#recordIssued})
 * @param nextReviewAt  when it is re-screened next
 */
public record IssuedAccount(String cardToken, String customerId, String applicationId, Limits limits,
        Instant issuedAt, Instant nextReviewAt) {

    public IssuedAccount {
        ScreeningRequest.reference("cardToken", cardToken);
        ScreeningRequest.reference("customerId", customerId);
        ScreeningRequest.reference("applicationId", applicationId);
        ScreeningInputRefused.required("limits", limits);
    }
}
