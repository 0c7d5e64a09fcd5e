package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 Appendix B. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void matchesTheTestVectorsOfRfc6238(long epochSeconds, String expected) {
        assertThat(new Totp(8).code(RFC_SEED, Totp.step(Instant.ofEpochSecond(epochSeconds)))).isEqualTo(expected);
    }

    @Test
    void sixDigitCodesAreTheLastSixDigitsOfTheVectors() {
        assertThat(new Totp().code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(new Totp().code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    }

    @Test
    void acceptsTheCurrentStepAndOneStepEitherSide() {
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long current = Totp.step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            assertThat(totp.match(RFC_SEED, totp.code(RFC_SEED, step), now, 0)).hasValue(step);
        }
    }

    @Test
    void refusesCodesTwoStepsAway() {
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long current = Totp.step(now);
        assertThat(totp.match(RFC_SEED, totp.code(RFC_SEED, current - 2), now, 0)).isEmpty();
        assertThat(totp.match(RFC_SEED, totp.code(RFC_SEED, current + 2), now, 0)).isEmpty();
    }

    @Test
    void refusesACodeOfAStepAlreadyUsed() {
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long current = Totp.step(now);
        String code = totp.code(RFC_SEED, current);
        assertThat(totp.match(RFC_SEED, code, now, current)).isEmpty();
        // nor one of an earlier step, still inside the drift window
        assertThat(totp.match(RFC_SEED, totp.code(RFC_SEED, current - 1), now, current)).isEmpty();
        // a later step is still fine
        assertThat(totp.match(RFC_SEED, totp.code(RFC_SEED, current + 1), now, current)).hasValue(current + 1);
    }

    @Test
    void refusesMalformedCodes() {
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        assertThat(totp.match(RFC_SEED, null, now, 0)).isEmpty();
        assertThat(totp.match(RFC_SEED, "12345", now, 0)).isEmpty();
        assertThat(totp.match(RFC_SEED, "abcdef", now, 0)).isEmpty();
        assertThat(totp.match(RFC_SEED, "1234567", now, 0)).isEmpty();
    }

    @Test
    void otpauthUriNamesIssuerAccountAndParameters() {
        String uri = Totp.otpauthUri("Anshin カード", "hanako.yamada", RFC_SEED);
        assertThat(uri).startsWith("otpauth://totp/Anshin%20%E3%82%AB%E3%83%BC%E3%83%89:hanako.yamada?secret=")
                .contains("secret=" + Totp.base32(RFC_SEED))
                .contains("&algorithm=SHA1&digits=6&period=30");
        assertThat(Totp.fromBase32(Totp.base32(RFC_SEED))).isEqualTo(RFC_SEED);
        assertThat(Totp.base32(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
