package dev.anshin.ekyc;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * eKYC settings ({@code anshin.ekyc.*}, docs/configuration.md and docs/ekyc.md).
 *
 * @param provider    {@code sandbox} (the demo's and the tests'), a real vendor's adapter name, or {@code none}
 *                    (no verification can be started)
 * @param expireAfter a verification with no result after this long is EXPIRED
 */
@ConfigurationProperties("anshin.ekyc")
record EkycProperties(@DefaultValue("none") String provider, @DefaultValue("PT1H") Duration expireAfter,
        @DefaultValue Webhook webhook, @DefaultValue Policy policy, @DefaultValue Sandbox sandbox) {

    /**
     * The webhook's signature check.
     *
     * @param secrets          the vendor's signing secrets (env {@code ANSHIN_EKYC_WEBHOOK_SECRETS}, comma-separated);
     *                         every one is accepted, so a secret is rotated by adding the new one first
     * @param secretsFile      more secrets, one a line (owner-only file); read at start
     * @param tolerance        a signature older than this is refused (replays)
     * @param futureTolerance  a signature dated more than this ahead of Anshin's clock is refused
     */
    record Webhook(@DefaultValue List<String> secrets, Path secretsFile, @DefaultValue("PT5M") Duration tolerance,
            @DefaultValue("PT1M") Duration futureTolerance) {
    }

    /**
     * The policy's thresholds (EkycPolicy.Thresholds; defaults there).
     *
     * @param imageMethodEndsAt from when ホ is refused: {@link EkycPolicy#IMAGE_METHOD_ENDS_AT} when not set; an
     *                          earlier instant is allowed (an issuer stopping ホ sooner), a later one is refused at
     *                          start-up, since the ordinance, not the issuer, sets the last day
     */
    record Policy(@DefaultValue("0.85") double faceMatchPass, @DefaultValue("0.60") double faceMatchFail,
            @DefaultValue("0.90") double livenessPass, @DefaultValue("0.50") double livenessFail,
            @DefaultValue("0.30") double spoofReview, @DefaultValue("0.80") double spoofFail,
            @DefaultValue("0.70") double ocrReview, OffsetDateTime imageMethodEndsAt) {

        Policy {
            if (imageMethodEndsAt == null) {
                imageMethodEndsAt = EkycPolicy.IMAGE_METHOD_ENDS_AT.atOffset(ZoneOffset.ofHours(9));
            } else if (imageMethodEndsAt.toInstant().isAfter(EkycPolicy.IMAGE_METHOD_ENDS_AT)) {
                throw new IllegalArgumentException("anshin.ekyc.policy.image-method-ends-at is " + imageMethodEndsAt
                        + ", after 2027-04-01T00:00+09:00, from when the ordinance no longer accepts the image method "
                        + "(ホ): it may be set earlier, never later");
            }
        }

        EkycPolicy.Thresholds thresholds() {
            return new EkycPolicy.Thresholds(faceMatchPass, faceMatchFail, livenessPass, livenessFail, spoofReview,
                    spoofFail, ocrReview, imageMethodEndsAt.toInstant());
        }
    }

    /**
     * The sandbox vendor.
     *
     * @param webhookUrl        where it posts results; blank: this server's own port on the loopback address
     * @param signingSecretFile its own signing secret, made at first start (owner-only)
     * @param attempts          deliveries tried before it gives up on a result
     * @param firstRetryAfter   the wait before the second attempt, doubled after each failure
     */
    record Sandbox(String webhookUrl, Path signingSecretFile, @DefaultValue("6") int attempts,
            @DefaultValue("PT1S") Duration firstRetryAfter) {
    }
}
