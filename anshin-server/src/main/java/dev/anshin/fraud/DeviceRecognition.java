package dev.anshin.fraud;

import dev.anshin.scoring.DeviceFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * Anshin's own device identity for an authorization that names an observation of Anshin's collector
 * ({@code device.observation}: the reference the collector script answered on the issuer's 3DS
 * challenge page or in its app). Implemented outside this module, by the one that holds devices: the
 * devices module already depends on this one (it hears {@link FraudConfirmed}), so the dependency is
 * inverted, as with {@link DecisionsIndexedListener}. Without an implementation, an observation is
 * ignored and scoring is as before.
 */
public interface DeviceRecognition {

    /**
     * The device behind {@code observationRef} and what was known of it at {@code at}; empty when
     * the reference names no observation Anshin holds (unknown, expired or erased). Never throws for
     * an unknown reference: a missing device is not a reason to refuse an authorization.
     */
    Optional<RecognisedDevice> recognise(String observationRef, Instant at);

    /**
     * Whether {@code deviceId}, sent by the issuer as the authorization's device id, is Anshin's own id of a
     * device it holds (a UUID the devices module gave out): such an id is already a pseudonym and is kept as
     * it is, so that the devices module can count a confirmed fraud against it. Asked only for a UUID.
     */
    default boolean isAnshinDevice(String deviceId) {
        return false;
    }

    /**
     * @param deviceId Anshin's stable device id, which replaces the issuer's in the authorization
     * @param facts    what the device module knew, as features and reasons
     */
    record RecognisedDevice(String deviceId, DeviceFacts facts) {
    }
}
