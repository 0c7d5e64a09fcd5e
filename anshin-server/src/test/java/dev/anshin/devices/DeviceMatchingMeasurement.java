package dev.anshin.devices;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.time.Instant;

/**
 * Measures device matching on {@link SyntheticDevices}: how often a device is recognised at its next
 * visit after its signals drifted, and how often different devices are taken for one another. Quality,
 * not speed. Run from the anshin-server module:
 *
 * <pre>./mvnw -o -q -pl anshin-server -Dtest=DeviceMatchingQualityTest -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 *
 * (the test prints the table), or this class's {@code main} with the test class path.
 */
final class DeviceMatchingMeasurement {

    /** Identity "pseudonyms": keyed or not, equal values give equal tokens, which is all matching sees. */
    static final Pseudonyms CLEAR = (domain, value) -> domain + ":" + value;

    /** The outcome of one seed at one threshold; rates are shares in [0, 1]. */
    record Outcome(double recognised, double takenForAnother, double missed, double newcomerMerged,
            double recognisedWithoutDrift, double iphoneNewcomerMerged, double desktopNewcomerMerged,
            double meanCandidates, double recognisedPhones, double recognisedDesktops) {
    }

    private DeviceMatchingMeasurement() {
    }

    /**
     * One run: {@code population} devices make their first visit in turn (each is matched against those
     * before it: a match is a newcomer merged with another device), then each returns once after drift.
     */
    static Outcome run(long seed, int population, double threshold, int candidateCap) {
        SplittableRandom random = new SplittableRandom(seed);
        DeviceMatcher matcher = new DeviceMatcher(threshold);
        Index index = new Index(candidateCap);
        List<SyntheticDevices.Device> devices = new ArrayList<>();
        List<String> assigned = new ArrayList<>();
        int merged = 0;
        int iphones = 0;
        int iphonesMerged = 0;
        int desktops = 0;
        int desktopsMerged = 0;
        long candidates = 0;
        long lookups = 0;
        for (int i = 0; i < population; i++) {
            SyntheticDevices.Device device = SyntheticDevices.newDevice(random);
            devices.add(device);
            DeviceProfile profile = device.observe(random).profile(CLEAR);
            List<DeviceMatcher.Candidate> found = index.candidates(profile);
            candidates += found.size();
            lookups++;
            var match = matcher.match(profile, found);
            boolean iphone = device.model.platform().equals("iPhone");
            boolean desktop = device.model.touch() == 0;
            iphones += iphone ? 1 : 0;
            desktops += desktop ? 1 : 0;
            if (match.isPresent()) {
                merged++;
                iphonesMerged += iphone ? 1 : 0;
                desktopsMerged += desktop ? 1 : 0;
                assigned.add(match.get().deviceId());
                index.update(match.get().deviceId(), index.profile(match.get().deviceId()).followedBy(profile), i);
            } else {
                String id = "d" + i;
                assigned.add(id);
                index.update(id, profile, i);
            }
        }
        int recognised = 0;
        int another = 0;
        int missed = 0;
        int undrifted = 0;
        int undriftedRecognised = 0;
        int phones = 0;
        int phonesRecognised = 0;
        int desktopsRecognised = 0;
        for (int i = 0; i < population; i++) {
            SyntheticDevices.Device device = devices.get(i);
            Set<SyntheticDevices.Drift> drift = SyntheticDevices.drift(device, random);
            DeviceProfile profile = device.observe(random).profile(CLEAR);
            List<DeviceMatcher.Candidate> found = index.candidates(profile);
            candidates += found.size();
            lookups++;
            var match = matcher.match(profile, found);
            boolean own = match.isPresent() && match.get().deviceId().equals(assigned.get(i));
            if (own) {
                recognised++;
            } else if (match.isPresent()) {
                another++;
            } else {
                missed++;
            }
            boolean phone = device.model.kind().equals("ios") || device.model.kind().equals("android");
            phones += phone ? 1 : 0;
            phonesRecognised += phone && own ? 1 : 0;
            desktopsRecognised += device.model.touch() == 0 && own ? 1 : 0;
            if (drift.isEmpty()) {
                undrifted++;
                undriftedRecognised += own ? 1 : 0;
            }
        }
        double n = population;
        return new Outcome(recognised / n, another / n, missed / n, merged / n,
                undrifted == 0 ? 1 : (double) undriftedRecognised / undrifted,
                iphones == 0 ? 0 : (double) iphonesMerged / iphones, desktops == 0 ? 0 : (double) desktopsMerged / desktops,
                (double) candidates / lookups, phones == 0 ? 0 : (double) phonesRecognised / phones,
                desktops == 0 ? 0 : (double) desktopsRecognised / desktops);
    }

    /** Blocking keys → devices, the most recently updated last; a lookup takes the latest {@code cap} per key. */
    static final class Index {
        private final int cap;
        private final Map<String, Deque<String>> byKey = new HashMap<>();
        private final Map<String, DeviceMatcher.Candidate> devices = new HashMap<>();

        Index(int cap) {
            this.cap = cap;
        }

        DeviceProfile profile(String id) {
            return devices.get(id).profile();
        }

        List<DeviceMatcher.Candidate> candidates(DeviceProfile profile) {
            Set<String> ids = new LinkedHashSet<>();
            for (String key : profile.blockingKeys()) {
                Deque<String> holders = byKey.get(key);
                if (holders != null) {
                    var it = holders.descendingIterator();
                    for (int taken = 0; it.hasNext() && taken < cap; taken++) {
                        ids.add(it.next());
                    }
                }
            }
            return ids.stream().map(devices::get).toList();
        }

        void update(String id, DeviceProfile profile, long time) {
            devices.put(id, new DeviceMatcher.Candidate(id, profile, Instant.ofEpochSecond(time)));
            for (String key : profile.blockingKeys()) {
                Deque<String> holders = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
                holders.remove(id);
                holders.addLast(id);
            }
        }
    }

    /** Mean and sample standard deviation. */
    record Spread(double mean, double sd) {
        static Spread of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double var = values.size() < 2 ? 0 : values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                    / (values.size() - 1);
            return new Spread(mean, Math.sqrt(var));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.1f ± %3.1f %%", mean * 100, sd * 100);
        }
    }

    /** The table of docs/benchmarks.md: one row per threshold, means ± spread over the seeds. */
    static String table(long[] seeds, int population, double[] thresholds, int cap, Map<Double, List<Outcome>> out) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Device matching on %d synthetic devices, %d seeds, candidate cap %d%n",
                population, seeds.length, cap));
        text.append("| threshold | recognised after drift | phones | desktops | taken for another device "
                + "| missed (new id) | newcomer merged with a known device | iPhones merged | desktops merged "
                + "| recognised, no drift | candidates per lookup |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (double threshold : thresholds) {
            List<Outcome> outcomes = new ArrayList<>();
            for (long seed : seeds) {
                outcomes.add(run(seed, population, threshold, cap));
            }
            out.put(threshold, outcomes);
            text.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f |%n",
                    threshold,
                    Spread.of(outcomes.stream().map(Outcome::recognised).toList()),
                    Spread.of(outcomes.stream().map(Outcome::recognisedPhones).toList()),
                    Spread.of(outcomes.stream().map(Outcome::recognisedDesktops).toList()),
                    Spread.of(outcomes.stream().map(Outcome::takenForAnother).toList()),
                    Spread.of(outcomes.stream().map(Outcome::missed).toList()),
                    Spread.of(outcomes.stream().map(Outcome::newcomerMerged).toList()),
                    Spread.of(outcomes.stream().map(Outcome::iphoneNewcomerMerged).toList()),
                    Spread.of(outcomes.stream().map(Outcome::desktopNewcomerMerged).toList()),
                    Spread.of(outcomes.stream().map(Outcome::recognisedWithoutDrift).toList()),
                    outcomes.stream().mapToDouble(Outcome::meanCandidates).average().orElse(0)));
        }
        return text.toString();
    }

    /** {@code [population [seeds [thresholds,comma,separated]]]}: by default the table of docs/benchmarks.md. */
    public static void main(String[] args) {
        int population = args.length > 0 ? Integer.parseInt(args[0]) : POPULATION;
        int seedCount = args.length > 1 ? Integer.parseInt(args[1]) : SEEDS;
        double[] thresholds = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToDouble(Double::parseDouble)
                .toArray() : THRESHOLDS;
        long[] seeds = java.util.stream.LongStream.rangeClosed(1, seedCount).toArray();
        System.out.print(table(seeds, population, thresholds, 200, new HashMap<>()));
    }

    static final int POPULATION = 3000;
    static final int SEEDS = 5;
    static final double[] THRESHOLDS = {0.80, 0.85, 0.88, 0.90, 0.93};
}
