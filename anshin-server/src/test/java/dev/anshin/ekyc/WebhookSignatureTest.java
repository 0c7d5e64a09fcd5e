package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.anshin.ekyc.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] SECRET = "ekyc_test_secret_0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_SECRET = "ekyc_test_secret_old_0123456789ab".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"eventId\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Duration FUTURE = Duration.ofMinutes(1);

    private static Verdict verify(String header, byte[] body, List<byte[]> secrets) {
        return WebhookSignature.verify(header, body, secrets, NOW, TOLERANCE, FUTURE);
    }

    @Test
    void acceptsTheSignatureOfTheBodyWithTheSecret() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(verify(header, BODY, List.of(SECRET))).isEqualTo(Verdict.VALID);
    }

    @Test
    void matchesOpensslHmacOfTimestampDotBody() {
        // printf '%s.%s' 1796605200 '{"eventId":"evt-1"}' | openssl dgst -sha256 -hmac 'ekyc_test_secret_0123456789abcdef'
        assertThat(WebhookSignature.header(SECRET, 1796605200L, BODY)).isEqualTo(
                "t=1796605200,v1=addfa2d72c63b2f108b3ef68426a49c995eaa86f7d76d47081cd68905ac1f0f9");
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        byte[] changed = "{\"eventId\":\"evt-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(header, changed, List.of(SECRET))).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        String header = WebhookSignature.header("someone_elses_secret_0123456789".getBytes(StandardCharsets.UTF_8),
                NOW.getEpochSecond(), BODY);
        assertThat(verify(header, BODY, List.of(SECRET))).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void refusesAMissingHeader() {
        assertThat(verify(null, BODY, List.of(SECRET))).isEqualTo(Verdict.MISSING);
        assertThat(verify(" ", BODY, List.of(SECRET))).isEqualTo(Verdict.MISSING);
    }

    @Test
    void refusesMalformedHeaders() {
        String good = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        String hex = good.substring(good.indexOf("v1=") + 3);
        for (String header : List.of("v1=" + hex, "t=" + NOW.getEpochSecond(), "t=abc,v1=" + hex,
                "t=" + NOW.getEpochSecond() + ",v1=xyz", "t=" + NOW.getEpochSecond() + ",v1=" + hex.substring(2),
                "garbage", "t=1,t=2,v1=" + hex)) {
            assertThat(verify(header, BODY, List.of(SECRET))).as(header).isEqualTo(Verdict.MALFORMED);
        }
    }

    @Test
    void refusesATimestampOlderThanFiveMinutes() {
        long stale = NOW.minus(TOLERANCE).minusSeconds(1).getEpochSecond();
        assertThat(verify(WebhookSignature.header(SECRET, stale, BODY), BODY, List.of(SECRET))).isEqualTo(Verdict.STALE);
        long justInTime = NOW.minus(TOLERANCE).getEpochSecond();
        assertThat(verify(WebhookSignature.header(SECRET, justInTime, BODY), BODY, List.of(SECRET)))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesATimestampTooFarInTheFuture() {
        long ahead = NOW.plus(FUTURE).plusSeconds(1).getEpochSecond();
        assertThat(verify(WebhookSignature.header(SECRET, ahead, BODY), BODY, List.of(SECRET))).isEqualTo(Verdict.FUTURE);
        long slightlyAhead = NOW.plusSeconds(30).getEpochSecond();
        assertThat(verify(WebhookSignature.header(SECRET, slightlyAhead, BODY), BODY, List.of(SECRET)))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void acceptsEveryActiveSecretWhileOneIsRotated() {
        List<byte[]> both = List.of(SECRET, OLD_SECRET);
        assertThat(verify(WebhookSignature.header(OLD_SECRET, NOW.getEpochSecond(), BODY), BODY, both))
                .isEqualTo(Verdict.VALID);
        assertThat(verify(WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY), BODY, both))
                .isEqualTo(Verdict.VALID);
        // After the rotation the old secret is removed: its signatures no longer pass.
        assertThat(verify(WebhookSignature.header(OLD_SECRET, NOW.getEpochSecond(), BODY), BODY, List.of(SECRET)))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void acceptsAHeaderWithAnOldAndANewSignature() {
        String old = WebhookSignature.header(OLD_SECRET, NOW.getEpochSecond(), BODY);
        String current = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        String both = old + "," + current.substring(current.indexOf("v1="));
        assertThat(verify(both, BODY, List.of(SECRET))).isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesEverythingWhenNoSecretIsConfigured() {
        assertThat(verify(WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY), BODY, List.of()))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void everySignedBodyVerifiesAndNoOtherBodyDoes() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200), integers().between(-300, 60))
                .check((text, offset) -> {
                    byte[] body = text.getBytes(StandardCharsets.UTF_8);
                    long at = NOW.getEpochSecond() + offset;
                    String header = WebhookSignature.header(SECRET, at, body);
                    byte[] other = (text + " ").getBytes(StandardCharsets.UTF_8);
                    return verify(header, body, List.of(SECRET)) == Verdict.VALID
                            && verify(header, other, List.of(SECRET)) == Verdict.MISMATCH;
                });
    }
}
