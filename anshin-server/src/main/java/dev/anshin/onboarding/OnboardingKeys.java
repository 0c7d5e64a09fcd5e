package dev.anshin.onboarding;

import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import dev.anshin.keys.KeysetFiles;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The module's keys, outside the database and the repository (loaded like the other modules' keys:
 * from the environment or an owner-only key file, created on first run):
 * <ul>
 * <li>the <b>card verification key</b> (CVK-like): the security code is a keyed MAC of the card number and
 * expiry, derived when it is shown and never stored. A fresh CVK over issued cards would change their
 * codes, so start-up refuses it (as the vaults refuse a lost key);</li>
 * <li>a PRF key for the <b>resume token</b> of an application (derived from its id, so a partner's status
 * read can give the applicant's link again while the database holds only the token's SHA-256) and for the
 * <b>duplicate pseudonyms</b> (kana name and birth date, phone, e-mail), and the keyed hash of a setup link's
 * one-time code.</li>
 * </ul>
 */
@Component
class OnboardingKeys {

    private final PrfSet cvk;
    private final PrfSet prf;

    OnboardingKeys(OnboardingProperties properties, JdbcClient jdbc) {
        KeysetFiles.refuseFreshKeyOverData(properties.cvkKeyset(), properties.cvkKeysetFile(),
                () -> jdbc.sql("SELECT COUNT(*) FROM cards WHERE application_ref IS NOT NULL").query(Long.class).single(),
                "issued cards' security codes (every card issued online would get another code)");
        try {
            PrfConfig.register();
            this.cvk = KeysetFiles.load(properties.cvkKeyset(), properties.cvkKeysetFile(),
                    PredefinedPrfParameters.HMAC_SHA256_PRF, "onboarding card verification keyset")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            this.prf = KeysetFiles.load(properties.keyset(), properties.keysetFile(),
                    PredefinedPrfParameters.HMAC_SHA256_PRF, "onboarding keyset (resume tokens, duplicate pseudonyms)")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the onboarding keys", e);
        }
    }

    /** The three-digit security code of a card: a keyed MAC of its number and expiry, never stored. */
    String securityCode(String pan, YearMonth expiry) {
        byte[] mac = compute(cvk, "cvc/" + pan + "/" + expiry, 4);
        long value = ((mac[0] & 0xffL) << 24) | ((mac[1] & 0xffL) << 16) | ((mac[2] & 0xffL) << 8) | (mac[3] & 0xffL);
        return String.format("%03d", value % 1000);
    }

    /** The application's resume token (160 bits, URL-safe): derived from its id, kept only as its hash. */
    String resumeToken(String applicationId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(compute(prf, "resume/" + applicationId, 20));
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random token (160 bits), for a browser that proved it is the applicant's. */
    static String freshToken() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token of an application's n-th setup link (a partner's applicant; only its hash is stored). */
    String linkToken(String applicationId, int serial) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(compute(prf, "link/" + applicationId + "/" + serial,
                20));
    }

    /**
     * What the database keeps of a setup link's one-time code: a keyed MAC of the link and the code (hex), so
     * that a copy of the database cannot try the million codes offline.
     */
    String codeHash(String linkHash, String code) {
        return HexFormat.of().formatHex(compute(prf, "link-code/" + linkHash + "/" + code, 20));
    }

    /** A one-time code of six digits, from a strong random source. */
    static String freshCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** A keyed pseudonym for finding duplicates (96 bits): equal values, equal pseudonyms; nothing readable. */
    String pseudonym(String domain, String normalized) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(compute(prf, "duplicate/" + domain + "\u0000"
                + normalized, 12));
    }

    /** The SHA-256 of a token, hex: what the database holds. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] compute(PrfSet set, String input, int bytes) {
        try {
            return set.computePrimary(input.getBytes(StandardCharsets.UTF_8), bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyed derivation failed", e);
        }
    }
}
