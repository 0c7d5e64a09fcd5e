package dev.anshin.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.problems.Luhn;
import dev.anshin.problems.RequestProblem;
import org.junit.jupiter.api.Test;

class PanTest {

    @Test
    void keepsOnlyBinAndLastFourWhenPrinted() {
        Pan pan = Pan.parse("4111111111111111", "card.pan");
        assertThat(pan.bin()).isEqualTo("411111");
        assertThat(pan.last4()).isEqualTo("1111");
        assertThat(pan.toString()).isEqualTo("411111******1111").doesNotContain("4111111111111111");
    }

    @Test
    void refusesANumberFailingTheLuhnCheckWithoutEchoingIt() {
        assertThatThrownBy(() -> Pan.parse("4111111111111112", "card.pan"))
                .isInstanceOf(RequestProblem.class)
                .hasMessageNotContaining("4111111111111112")
                .satisfies(e -> assertThat(((RequestProblem) e).errors().get(0).field()).isEqualTo("card.pan"));
    }

    @Test
    void refusesTooShortTooLongAndNonDigits() {
        for (String bad : new String[] {"411111111111", "41111111111111111111", "4111-1111-1111-1111", ""}) {
            assertThatThrownBy(() -> Pan.parse(bad, "pan")).isInstanceOf(RequestProblem.class);
        }
    }

    @Test
    void acceptsNineteenDigitPans() {
        assertThat(Luhn.isValid("6011000990139424")).isTrue();
        assertThat(Pan.parse("3530111333300000", "pan").last4()).isEqualTo("0000");
    }
}
