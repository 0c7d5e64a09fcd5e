package dev.anshin.fraud;

import java.time.Instant;

/**
 * A new label said an authorization was fraud: published after the label's commit (outside the label
 * lock), for every such label, so an authorization confirmed by two sources is told twice and listeners
 * (the devices it came from) must be idempotent per authorization. What the terminal and merchant risk of
 * the scoring core learn, told to other modules. Listeners should use
 * {@code @TransactionalEventListener(fallbackExecution = true)}: outside a transaction it runs at once,
 * inside a caller's it waits for that commit.
 *
 * @param deviceId the authorization's device id as stored: Anshin's own device id when it was one (recognised,
 *                 or sent by the issuer), else the keyed pseudonym of the issuer's ({@link PaymentPseudonyms}); null
 *                 when none was sent
 */
public record FraudConfirmed(String authorizationId, String cardToken, String deviceId, Instant occurredAt,
        Instant knownAt) {
}
