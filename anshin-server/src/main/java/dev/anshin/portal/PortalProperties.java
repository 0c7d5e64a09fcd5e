package dev.anshin.portal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the cardholder portal (docs/configuration.md).
 *
 * @param maxFailedAttempts      consecutive failed sign-in steps (password or code) that lock an account
 * @param lockoutDuration        how long a locked account stays locked
 * @param activationCodeValidity how long an activation code can be used after it was issued
 * @param signInStepTimeout      how long the code step may follow an accepted password
 * @param noticeVersion          the version of the privacy notice the portal shows, recorded with each choice
 * @param totpIssuer             the issuer name an authenticator app shows next to the account
 * @param totpKeyset             the keyset (Tink JSON, AES-256-GCM) that encrypts TOTP secrets, e.g. from
 *                               env ANSHIN_PORTAL_TOTP_KEYSET; wins over the file
 * @param totpKeysetFile         where that keyset lives otherwise; created on first run
 * @param activationKeyset       the keyset (Tink JSON, HMAC PRF) that derives activation codes, so a
 *                               retried enrollment answers the same code without storing it
 * @param activationKeysetFile   where that keyset lives otherwise; created on first run
 * @param ownDisclosures         how often a cardholder may have their data disclosed in "my data" (each view
 *                               and download reads everything held about them, which may be a lot)
 */
@ConfigurationProperties("anshin.portal")
public record PortalProperties(Integer maxFailedAttempts, Duration lockoutDuration, Duration activationCodeValidity,
        Duration signInStepTimeout, String noticeVersion, String totpIssuer, String totpKeyset, Path totpKeysetFile,
        String activationKeyset, Path activationKeysetFile, dev.anshin.access.RateLimit ownDisclosures) {

    public PortalProperties {
        if (maxFailedAttempts == null) {
            maxFailedAttempts = 5;
        }
        if (maxFailedAttempts < 1 || maxFailedAttempts > 10) {
            throw new IllegalArgumentException("anshin.portal.max-failed-attempts must be 1 to 10 (PCI DSS 8.3.4)");
        }
        if (lockoutDuration == null) {
            lockoutDuration = Duration.ofMinutes(30);
        }
        if (lockoutDuration.compareTo(Duration.ofMinutes(30)) < 0) {
            throw new IllegalArgumentException("anshin.portal.lockout-duration must be at least 30 minutes (PCI DSS 8.3.4)");
        }
        if (activationCodeValidity == null) {
            activationCodeValidity = Duration.ofDays(14);
        }
        if (signInStepTimeout == null) {
            signInStepTimeout = Duration.ofMinutes(5);
        }
        if (noticeVersion == null || noticeVersion.isBlank()) {
            noticeVersion = "2026-12b";
        }
        if (totpIssuer == null || totpIssuer.isBlank()) {
            totpIssuer = "Anshin";
        }
        if (totpKeysetFile == null) {
            totpKeysetFile = Path.of("data", "portal-totp-keyset.json");
        }
        if (activationKeysetFile == null) {
            activationKeysetFile = Path.of("data", "portal-activation-keyset.json");
        }
        if (ownDisclosures == null) {
            ownDisclosures = dev.anshin.access.RateLimit.valueOf("30/h burst 10");
        }
    }
}
