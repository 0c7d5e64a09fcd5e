package dev.anshin.voice.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SurgeRuleTest {

    private final SurgeRule rule = new SurgeRule(10, new BigDecimal("2.0"));

    @Test
    void doublingTheBaselineIsASurge() {
        BigDecimal baseline = SurgeRule.baseline(6 * 28);
        assertThat(baseline).isEqualByComparingTo("6");
        assertThat(rule.surges(12, baseline)).isTrue();
        assertThat(rule.surges(11, baseline)).isFalse();
    }

    @Test
    void aQuietTopicNeedsTheMinimumHoweverSmallItsBaseline() {
        BigDecimal baseline = SurgeRule.baseline(14); // half a voice a day
        assertThat(rule.threshold(baseline)).isEqualByComparingTo("10");
        assertThat(rule.surges(9, baseline)).isFalse();
        assertThat(rule.surges(10, baseline)).isTrue();
        assertThat(rule.surges(10, BigDecimal.ZERO)).isTrue();
    }

    @Test
    void aBusyTopicNeedsTheRatioAboveTheMinimum() {
        BigDecimal baseline = SurgeRule.baseline(40 * 28);
        assertThat(rule.threshold(baseline)).isEqualByComparingTo("80");
        assertThat(rule.surges(79, baseline)).isFalse();
        assertThat(rule.surges(80, baseline)).isTrue();
    }

    @Test
    void theBaselineIsTheMeanOfTwentyEightDaysToTheHundredth() {
        assertThat(SurgeRule.baseline(100)).isEqualByComparingTo("3.57");
    }

    @Test
    void refusesARatioOfOneOrLessAndAMinimumBelowOne() {
        assertThatThrownBy(() -> new SurgeRule(10, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurgeRule(0, new BigDecimal("2"))).isInstanceOf(IllegalArgumentException.class);
    }
}
