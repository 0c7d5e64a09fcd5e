package dev.anshin.devices;

import dev.anshin.privacy.RetentionStatus;
import dev.anshin.privacy.ScheduledRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps device data no longer than it serves: observations older than the retention are deleted
 * daily, and devices unseen for long and linked to no customer with them (data minimisation; a
 * customer's devices go with the customer's erasure).
 */
@Component
class DeviceRetention implements ScheduledRetention {

    private static final Logger log = LoggerFactory.getLogger(DeviceRetention.class);

    private final DeviceStore store;
    private final DevicesProperties properties;
    private final Clock clock;

    DeviceRetention(DeviceStore store, DevicesProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** What {@link #purge} keeps how long, for the privacy module's retention status. */
    @Override
    public List<RetentionStatus.RetentionElsewhere> retentions() {
        return List.of(
                new RetentionStatus.RetentionElsewhere("device-observations", DevicePersonalData.SIGNALS,
                        properties.observationRetention(), "every PT24H", "anshin.devices.observation-retention"),
                new RetentionStatus.RetentionElsewhere("devices", DevicePersonalData.LINKS, properties.deviceRetention(),
                        "every PT24H", "anshin.devices.device-retention"));
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT24H")
    void purge() {
        Instant now = clock.instant();
        try {
            int[] purged = store.purge(now.minus(properties.observationRetention()), now.minus(properties.deviceRetention()));
            if (purged[0] + purged[1] > 0) {
                log.info("Device retention: deleted {} observations and {} devices", purged[0], purged[1]);
            }
        } catch (RuntimeException e) {
            log.warn("Device retention failed; it runs again tomorrow: {}", e.toString());
        }
    }
}
