package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void knownTestCardNumbersAreValidAndOneChangedDigitIsNot() {
        assertThat(Luhn.isValid("4111111111111111")).isTrue();
        assertThat(Luhn.isValid("5555555555554444")).isTrue();
        assertThat(Luhn.isValid("4111111111111112")).isFalse();
    }

    @Test
    void theCheckDigitMakesAnyNumberValidAndNoOtherDigitDoes() {
        Random random = new Random(7);
        for (int n = 0; n < 1_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0, length = 12 + random.nextInt(7); i < length; i++) {
                body.append((char) ('0' + random.nextInt(10)));
            }
            int check = Luhn.checkDigit(body.toString());
            for (int digit = 0; digit < 10; digit++) {
                assertThat(Luhn.isValid(body.toString() + digit)).isEqualTo(digit == check);
            }
        }
    }
}
