package dev.anshin.devices;

import java.time.Instant;
import java.util.Set;

/**
 * An observation as the caller of the collector's reference sees it: the device it was matched to,
 * when, and what the browser showed of automation. {@code newDevice} when the observation made the device.
 */
public record ObservedDevice(String observationRef, String deviceId, Instant observedAt, boolean newDevice,
        Set<AutomationMarker> automation) {

    public ObservedDevice {
        automation = Set.copyOf(automation);
    }
}
