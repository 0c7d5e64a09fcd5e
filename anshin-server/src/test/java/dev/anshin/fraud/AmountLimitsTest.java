package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.scoring.AmountCeiling;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmountLimitsTest {

    @Test
    void theDefaultsBoundTheCommonCurrenciesAndTheNetworkTheRest() {
        AmountCeiling ceiling = new AmountLimits(null).ceiling();
        assertThat(ceiling.maxMinor("JPY")).isEqualTo(100_000_000L);
        assertThat(ceiling.maxMinor("USD")).isEqualTo(100_000_000L); // US$1,000,000.00
        assertThat(ceiling.maxMinor("KRW")).isEqualTo(1_500_000_000L);
        assertThat(ceiling.maxMinor("VND")).isEqualTo(AmountCeiling.NETWORK_MAXIMUM_MINOR);
    }

    @Test
    void aSettingChangesItsCurrencyAndKeepsTheOtherDefaultsWhateverTheCaseOfTheCode() {
        AmountCeiling ceiling = new AmountLimits(Map.of("jpy", new BigDecimal("5000000"), "VND",
                new BigDecimal("25000000000"))).ceiling();
        assertThat(ceiling.maxMinor("JPY")).isEqualTo(5_000_000L);
        assertThat(ceiling.maxMinor("VND")).isEqualTo(25_000_000_000L);
        assertThat(ceiling.maxMinor("USD")).isEqualTo(100_000_000L);
    }

    @Test
    void anUnknownCurrencyOrANonPositiveCeilingStopsTheStart() {
        assertThatThrownBy(() -> new AmountLimits(Map.of("YEN", BigDecimal.TEN)).ceiling())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YEN");
        assertThatThrownBy(() -> new AmountLimits(Map.of("USD", BigDecimal.ZERO)).ceiling())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
