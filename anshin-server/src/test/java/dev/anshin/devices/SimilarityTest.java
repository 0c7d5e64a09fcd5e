package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Similarity and matching: properties over random profiles, and the behaviours that drift asks for. */
class SimilarityTest {

    /** Random profiles over a small alphabet, so that two of them often share values (as real devices do). */
    static Gen<DeviceProfile> profiles() {
        Gen<List<Integer>> values = lists().of(integers().between(0, 3)).ofSize(Signal.values().length);
        Gen<List<Integer>> fonts = lists().of(integers().between(0, 12)).ofSizeBetween(0, 8);
        Gen<List<Integer>> networks = lists().of(integers().between(0, 5)).ofSizeBetween(0, 3);
        return values.zip(fonts, networks, (v, f, n) -> {
            Map<Signal, String> tokens = new EnumMap<>(Signal.class);
            for (Signal signal : Signal.values()) {
                int value = v.get(signal.ordinal());
                if (value > 0) {
                    tokens.put(signal, signal.name() + value);
                }
            }
            Set<String> fontSet = new HashSet<>();
            f.forEach(font -> fontSet.add("font" + font));
            return new DeviceProfile(tokens, fontSet, n.stream().map(i -> "net" + i).toList());
        });
    }

    @Test
    void similarityIsSymmetric() {
        qt().forAll(profiles(), profiles()).check((a, b) -> Similarity.of(a, b) == Similarity.of(b, a));
    }

    @Test
    void similarityIsBetweenZeroAndOne() {
        qt().forAll(profiles(), profiles()).check((a, b) -> {
            double s = Similarity.of(a, b);
            return s >= 0 && s <= 1;
        });
    }

    @Test
    void anIdenticalObservationAlwaysMatches() {
        DeviceMatcher matcher = new DeviceMatcher(DeviceMatcher.DEFAULT_THRESHOLD);
        qt().forAll(profiles().assuming(p -> !p.tokens().isEmpty() || !p.fonts().isEmpty()))
                .check(profile -> matcher.match(profile, List.of(new DeviceMatcher.Candidate("d", profile, Instant.EPOCH)))
                        .filter(match -> match.deviceId().equals("d") && match.similarity() == 1.0).isPresent());
    }

    @Test
    void aStoredProfileReadsBackAsItWasWritten() {
        qt().forAll(profiles()).check(profile -> DeviceProfile.decode(profile.encode()).equals(profile));
    }

    @Test
    void aBrowserUpdateKeepsTheDeviceRecognised() {
        DeviceSignals before = laptop("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/130.0.0.0 Safari/537.36", "c1", "home");
        DeviceSignals after = laptop("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36", "c2", "home");
        assertThat(Similarity.of(profile(before), profile(after))).isGreaterThanOrEqualTo(DeviceMatcher.DEFAULT_THRESHOLD);
    }

    @Test
    void theSameModelOnAnotherNetworkWithOtherFontsIsAnotherDevice() {
        DeviceSignals mine = laptop("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0.0.0", "c1", "home");
        DeviceSignals theirs = new DeviceSignals(mine.userAgent(), mine.platform(), mine.hardwareConcurrency(),
                mine.deviceMemory(), mine.screen(), mine.availableScreen(), mine.pixelRatio(), mine.colorDepth(),
                mine.touchPoints(), mine.webglRenderer(), mine.webglParameters(), mine.timezone(), null, mine.languages(),
                mine.audio(), mine.canvas(), Set.of("arial", "meiryo", "yu gothic", "myriad pro", "fira code"),
                "neighbour", null, Set.of());
        assertThat(Similarity.of(profile(mine), profile(theirs))).isLessThan(DeviceMatcher.DEFAULT_THRESHOLD);
    }

    @Test
    void aTurnedPhoneHasTheSameScreen() {
        assertThat(DeviceSignals.screen(390, 844)).isEqualTo(DeviceSignals.screen(844, 390));
    }

    @Test
    void fontsAreComparedAsSets() {
        assertThat(Similarity.jaccard(Set.of("a", "b"), Set.of("b", "c"))).isEqualTo(1.0 / 3);
        assertThat(Similarity.jaccard(Set.of(), Set.of())).isEqualTo(1.0);
    }

    @Test
    void aNetworkSeenBeforeCountsAsTheSame() {
        DeviceProfile atHome = profile(laptop("UA", "c", "home"));
        DeviceProfile atWork = profile(laptop("UA", "c", "work"));
        DeviceProfile remembered = atHome.followedBy(atWork);
        assertThat(remembered.networks()).hasSize(2);
        assertThat(remembered.sharesNetworkWith(atHome)).isTrue();
        assertThat(atHome.sharesNetworkWith(profile(laptop("UA", "c", "cafe")))).isFalse();
    }

    @Test
    void theBestCandidateAboveTheThresholdWins() {
        DeviceProfile observed = profile(laptop("UA", "c", "home"));
        DeviceProfile other = profile(laptop("UA", "c", "elsewhere"));
        var match = new DeviceMatcher(0.5).match(observed, List.of(
                new DeviceMatcher.Candidate("other", other, Instant.EPOCH),
                new DeviceMatcher.Candidate("same", observed, Instant.EPOCH)));
        assertThat(match).hasValueSatisfying(m -> assertThat(m.deviceId()).isEqualTo("same"));
    }

    @Test
    void nothingBelowTheThresholdMatches() {
        DeviceProfile observed = profile(laptop("UA", "c", "home"));
        DeviceProfile unlike = new DeviceProfile(Map.of(Signal.PLATFORM, "x"), Set.of());
        assertThat(new DeviceMatcher(0.9).match(observed, List.of(new DeviceMatcher.Candidate("d", unlike,
                Instant.EPOCH)))).isEmpty();
    }

    @Test
    void blockingKeysSurviveAScreenChange() {
        DeviceSignals before = laptop("UA", "c", "home");
        DeviceSignals monitor = new DeviceSignals(before.userAgent(), before.platform(), before.hardwareConcurrency(),
                before.deviceMemory(), DeviceSignals.screen(2560, 1440), before.availableScreen(), "1",
                before.colorDepth(), before.touchPoints(), before.webglRenderer(), before.webglParameters(),
                before.timezone(), null, before.languages(), before.audio(), before.canvas(), before.fonts(),
                before.network(), null, Set.of());
        assertThat(profile(before).blockingKeys()).containsAnyElementsOf(profile(monitor).blockingKeys());
    }

    static DeviceProfile profile(DeviceSignals signals) {
        return signals.profile(DeviceMatchingMeasurement.CLEAR);
    }

    static DeviceSignals laptop(String userAgent, String canvas, String network) {
        return new DeviceSignals(userAgent, "Win32", 8, "8", DeviceSignals.screen(1920, 1080),
                DeviceSignals.screen(1920, 1040), "1.25", 24, 0, "ANGLE (Intel UHD 620)", "p1", "Asia/Tokyo", -540,
                List.of("ja-JP", "ja"), "a1", canvas, Set.of("arial", "meiryo", "yu gothic", "ms gothic", "calibri"),
                network, "ja", Set.of());
    }
}
