package dev.anshin.onboarding;

import dev.anshin.access.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online applications' settings ({@code anshin.onboarding.*}; docs/configuration.md).
 *
 * @param bin               the issuer's BIN new virtual cards are numbered in (six digits)
 * @param cardValidityYears how long a new card is valid: it expires at the end of the month this many years on
 * @param cvkKeyset         the card verification key (Tink HMAC PRF keyset, JSON) the security code is derived
 *                          with, given directly (env {@code ANSHIN_ONBOARDING_CVK_KEYSET}); wins over the file
 * @param cvkKeysetFile     where that key lives otherwise (created on first run, owner-only)
 * @param keyset            the module's PRF keyset for resume tokens and duplicate pseudonyms, given directly
 * @param keysetFile        where that keyset lives otherwise
 * @param draftRetention    a draft (or a submitted application never taken to eKYC) untouched this long is
 *                          abandoned and its personal data erased
 * @param duplicateWindow   how far back other applications from the same identity, phone, e-mail or device count
 * @param recoveryGrace     how long an application may sit in APPROVED (or IDENTITY_PENDING with a concluded
 *                          verification) before the recovery job finishes it
 * @param maxAttempts       technical failures of one step before the application is referred to staff
 * @param baseUrl           the public address of Anshin, for links given to partners (a path is given when empty)
 * @param startsPerAddress  how many applications one address may start on {@code /apply} ({@code off}: no limit):
 *                          each start can register a person in the vault, so a script cannot fill it unchecked
 * @param setupLinkLifetime how long a partner's applicant's setup link can be used (once)
 * @param confirmationsPerAddress how many answers to a setup link's check (date of birth, the phone's last four
 *                          digits) one address may send ({@code off}: no limit); a link itself dies after
 *                          {@link Applications#LINK_TRIES} wrong answers; the one-time codes typed count here too
 * @param linkRequestsPerAddress how many new setup links one address may ask for on an expired link ({@code off}:
 *                          no limit); each application has its own limit too ({@link SetupLinks#RENEWALS_PER_DAY})
 */
@ConfigurationProperties("anshin.onboarding")
public record OnboardingProperties(
        @DefaultValue("499999") String bin,
        @DefaultValue("5") int cardValidityYears,
        String cvkKeyset,
        Path cvkKeysetFile,
        String keyset,
        Path keysetFile,
        @DefaultValue("7d") Duration draftRetention,
        @DefaultValue("30d") Duration duplicateWindow,
        @DefaultValue("30s") Duration recoveryGrace,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("") String baseUrl,
        @DefaultValue("30/h burst 10") RateLimit startsPerAddress,
        @DefaultValue("3d") Duration setupLinkLifetime,
        @DefaultValue("20/h burst 5") RateLimit confirmationsPerAddress,
        @DefaultValue("5/h burst 2") RateLimit linkRequestsPerAddress) {

    public OnboardingProperties {
        if (bin == null || !bin.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("anshin.onboarding.bin must be six digits");
        }
        if (cardValidityYears < 1 || cardValidityYears > 10) {
            throw new IllegalArgumentException("anshin.onboarding.card-validity-years must be 1 to 10");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("anshin.onboarding.max-attempts must be at least 1");
        }
        if (cvkKeysetFile == null) {
            cvkKeysetFile = Path.of("data", "onboarding-cvk-keyset.json");
        }
        if (keysetFile == null) {
            keysetFile = Path.of("data", "onboarding-keyset.json");
        }
        if (setupLinkLifetime.isNegative() || setupLinkLifetime.isZero() || setupLinkLifetime.toDays() > 30) {
            throw new IllegalArgumentException("anshin.onboarding.setup-link-lifetime must be more than 0 and at most 30 days");
        }
        if (baseUrl == null) {
            baseUrl = "";
        }
    }
}
