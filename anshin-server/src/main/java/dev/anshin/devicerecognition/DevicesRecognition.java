package dev.anshin.devicerecognition;

import dev.anshin.devices.DeviceReason;
import dev.anshin.devices.DeviceReputation;
import dev.anshin.devices.Devices;
import dev.anshin.fraud.DeviceRecognition;
import dev.anshin.scoring.DeviceFacts;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The fraud module's {@link DeviceRecognition} over {@link Devices}: the observation's device, and its
 * reputation as known at the authorization's time (point in time, as training and backtests need), or at
 * the observation's own time when the authorization's timestamp runs behind it.
 * A handful of queries, only for an authorization that names an observation.
 */
@Component
class DevicesRecognition implements DeviceRecognition {

    private final Devices devices;

    DevicesRecognition(Devices devices) {
        this.devices = devices;
    }

    @Override
    public Optional<RecognisedDevice> recognise(String observationRef, Instant at) {
        return devices.observation(observationRef).map(observed -> {
            // The observation was made for this payment, so the device is known at least as of it: the
            // merchant's timestamp may run behind our clock, and must not make the device "not yet seen".
            Instant asOf = observed.observedAt().isAfter(at) ? observed.observedAt() : at;
            DeviceReputation reputation = devices.reputationOf(observed.deviceId(), asOf);
            return new RecognisedDevice(observed.deviceId(), facts(reputation));
        });
    }

    @Override
    public boolean isAnshinDevice(String deviceId) {
        return devices.knows(deviceId);
    }

    static DeviceFacts facts(DeviceReputation reputation) {
        return new DeviceFacts(!reputation.automation().isEmpty(), reputation.applications30d(),
                reputation.customers(), reputation.fraudsOnLinkedCards(),
                reputation.reasons().stream().map(DeviceReason::name).toList());
    }
}
