package dev.anshin.fraud;

import java.time.Instant;

/**
 * An authorization's first label said fraud: published in the label's transaction, so listeners
 * (the devices it came from) hear of it once it is committed. What the terminal and merchant risk of
 * the scoring core learn, told to other modules.
 *
 * @param deviceId the device id the issuer sent with the authorization, or null (card present, none sent)
 */
public record FraudConfirmed(String authorizationId, String cardToken, String deviceId, Instant occurredAt,
        Instant knownAt) {
}
