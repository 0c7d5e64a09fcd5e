package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Recognition quality on the synthetic population at the chosen threshold (not speed): prints its row
 * of the table in docs/benchmarks.md (the whole table: {@link DeviceMatchingMeasurement#main}) and holds
 * it to floors a little under what was measured, so that a change to the weights, the blocking keys or
 * the threshold that loses recognition, or lets different devices merge, fails here.
 */
class DeviceMatchingQualityTest {

    @Test
    void theChosenThresholdRecognisesDriftedDevicesAndKeepsDifferentOnesApart() {
        Map<Double, List<DeviceMatchingMeasurement.Outcome>> outcomes = new HashMap<>();
        System.out.println(DeviceMatchingMeasurement.table(
                LongStream.rangeClosed(1, DeviceMatchingMeasurement.SEEDS).toArray(), DeviceMatchingMeasurement.POPULATION,
                new double[] {DeviceMatcher.DEFAULT_THRESHOLD}, 200, outcomes));
        List<DeviceMatchingMeasurement.Outcome> chosen = outcomes.get(DeviceMatcher.DEFAULT_THRESHOLD);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::recognised)).isGreaterThan(0.30);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::recognisedDesktops)).isGreaterThan(0.50);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::takenForAnother)).isLessThan(0.12);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::newcomerMerged)).isLessThan(0.09);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::desktopNewcomerMerged)).isLessThan(0.01);
    }

    private static double mean(List<DeviceMatchingMeasurement.Outcome> outcomes,
            java.util.function.ToDoubleFunction<DeviceMatchingMeasurement.Outcome> rate) {
        return outcomes.stream().mapToDouble(rate).average().orElseThrow();
    }
}
