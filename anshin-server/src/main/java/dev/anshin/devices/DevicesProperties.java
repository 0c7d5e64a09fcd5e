package dev.anshin.devices;

import dev.anshin.access.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Device identification settings ({@code anshin.devices.*}).
 *
 * @param keyset               the pseudonym key (Tink JSON keyset, HMAC PRF) given directly, e.g. env
 *                             ANSHIN_DEVICE_KEYSET; wins over the file
 * @param keysetFile           where the key lives otherwise; created on first run
 * @param matchThreshold       similarity at or above which an observation is the same device (docs/benchmarks.md)
 * @param candidatesPerKey     at most this many devices (the latest seen) are compared per blocking key
 * @param observationsPerAddress how many observations one address may post ({@code 30/min}, {@code off})
 * @param maxBodyBytes         the largest observation body accepted
 * @param observationRetention observations older than this are deleted (the device keeps its profile)
 * @param deviceRetention      a device not seen for this long and linked to no customer is deleted
 * @param observationLifetime  how long an observation's reference may be read or claimed for an application
 *                             after it was made (a form is filled within it; a harvested one soon goes stale)
 */
@ConfigurationProperties("anshin.devices")
record DevicesProperties(String keyset, Path keysetFile, @DefaultValue("0.90") double matchThreshold,
        @DefaultValue("200") int candidatesPerKey, @DefaultValue("30/min burst 10") RateLimit observationsPerAddress,
        @DefaultValue("16384") int maxBodyBytes, @DefaultValue("90d") Duration observationRetention,
        @DefaultValue("400d") Duration deviceRetention, @DefaultValue("1h") Duration observationLifetime) {

    DevicesProperties {
        if (keysetFile == null) {
            keysetFile = Path.of("data", "device-keyset.json");
        }
        if (observationLifetime == null || observationLifetime.isNegative() || observationLifetime.isZero()) {
            throw new IllegalArgumentException("anshin.devices.observation-lifetime must be positive");
        }
        if (candidatesPerKey < 1) {
            throw new IllegalArgumentException("anshin.devices.candidates-per-key must be at least 1");
        }
    }
}
