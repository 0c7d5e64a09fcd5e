package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownIdsTest {

    @Test
    void neverForgetsAnIdAndKeepsFalsePositivesLowFarPastItsFirstSize() {
        KnownIds ids = new KnownIds(10_000);
        int added = 100_000;
        for (int i = 0; i < added; i++) {
            ids.put("auth-" + i);
        }
        for (int i = 0; i < added; i++) {
            assertThat(ids.mightContain("auth-" + i)).isTrue();
        }
        int falsePositives = 0;
        int probes = 100_000;
        for (int i = 0; i < probes; i++) {
            if (ids.mightContain("never-" + i)) {
                falsePositives++;
            }
        }
        // Ten times the first layer's size: one filter would say "perhaps" to nearly every new id
        // (99.9 % at 10x with 7 hash functions); the layers stay under twice the first layer's 1 %.
        assertThat((double) falsePositives / probes).isLessThan(0.02);
        assertThat(ids.layers()).isEqualTo(4);
    }

    @Test
    void keepsOneLayerWhileWithinItsSize() {
        KnownIds ids = new KnownIds(10_000);
        for (int i = 0; i < 10_000; i++) {
            ids.put("auth-" + i);
        }
        assertThat(ids.layers()).isEqualTo(1);
        assertThat(ids.mightContain("auth-9999")).isTrue();
    }
}
