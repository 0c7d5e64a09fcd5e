package dev.anshin.fraud;

import com.google.common.net.InetAddresses;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import dev.anshin.keys.KeysetFiles;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keyed pseudonyms of the identifiers a payment carries: the issuer's device id, the cardholder's IP
 * address and the browser's user agent. HMAC-SHA256 (Tink PRF) over the kind and the value, 128 bits,
 * behind a prefix that says the kind ({@code dv_}, {@code ip_}, {@code ua_}): the same value gives the
 * same pseudonym, so the feature state, the rules' lists, the disputes' comparisons and the labels work
 * on pseudonyms exactly as they did on the values; the value cannot be had back without the key.
 *
 * <p>A key of its own (env {@code ANSHIN_PAYMENT_PSEUDONYM_KEYSET} or an owner-only file in the keys
 * folder, created on first run and backed up with the other keys): the card tokens' key never meets
 * these values. Lost, every device and address is new again to the features and the rules' lists stop
 * matching: so a missing file while pseudonyms are stored stops the start instead of making a new key.
 *
 * <p>Anshin's own device id (a random UUID the devices module answers for a recognised device, which
 * then stands in the authorization with the device module's facts) is already a pseudonym that means
 * nothing outside Anshin: it is kept as it is.
 */
@Component
public class PaymentPseudonyms {

    public static final String DEVICE = "dv_";
    public static final String IP = "ip_";
    static final String USER_AGENT = "ua_";
    private static final int BYTES = 16;
    /** Prefix and 16 bytes in unpadded base64url. */
    private static final int LENGTH = 3 + 22;

    private final PrfSet prf;

    PaymentPseudonyms(PaymentDataProperties properties, JdbcClient jdbc) {
        KeysetFiles.refuseFreshKeyOverData(properties.pseudonymKeyset(), properties.pseudonymKeysetFile(),
                () -> jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE device_key IS NOT NULL "
                        + "OR ip_key IS NOT NULL OR user_agent_key IS NOT NULL").query(Long.class).single(),
                "authorizations with device or IP pseudonyms");
        try {
            PrfConfig.register();
            this.prf = KeysetFiles.load(properties.pseudonymKeyset(), properties.pseudonymKeysetFile(),
                            PredefinedPrfParameters.HMAC_SHA256_PRF,
                            "payment pseudonym keyset (device ids and IP addresses of payments are matched with it)")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the payment pseudonym keyset", e);
        }
    }

    /**
     * A value of a rule's IP list as stored: a pseudonym stays (a rule saved again from the console shows
     * and sends back its pseudonyms); anything else is the address an analyst typed, pseudonymized.
     */
    public String ipListValue(String value) {
        return isPseudonym(IP, value) ? value : ip(value);
    }

    /**
     * The values of a rule's DEVICE list as stored for one value typed: a pseudonym stays; a device id
     * becomes its pseudonym, and a UUID is kept beside it too, since it may be Anshin's own id of a
     * recognised device (which authorizations carry as it is).
     */
    public java.util.List<String> deviceListValues(String value) {
        if (isPseudonym(DEVICE, value)) {
            return java.util.List.of(value);
        }
        String pseudonym = device(value);
        return dev.anshin.problems.Ids.isUuid(value.strip()) ? java.util.List.of(value.strip(), pseudonym)
                : java.util.List.of(pseudonym);
    }

    /** The pseudonym of an issuer's device id (as sent, only surrounding blanks dropped), or null for none. */
    public String device(String deviceId) {
        String value = blankToNull(deviceId);
        return value == null ? null : of(DEVICE, "payment-device", value);
    }

    /**
     * The pseudonym of an IP address, or null for none. The address is first written the one canonical way
     * (IPv6 compressed and lower case, an IPv4-mapped address as IPv4), so "2001:DB8:0::1" and "2001:db8::1"
     * are one address; text that is no address is pseudonymized as it is.
     */
    public String ip(String address) {
        String value = blankToNull(address);
        return value == null ? null : of(IP, "payment-ip", canonicalIp(value));
    }

    /** The pseudonym of a user agent, or null for none: compared only to tell a retry from another request. */
    public String userAgent(String userAgent) {
        String value = blankToNull(userAgent);
        return value == null ? null : of(USER_AGENT, "payment-user-agent", value);
    }

    /** Whether {@code value} has the form of a pseudonym of this kind ({@link #DEVICE}, {@link #IP}). */
    public static boolean isPseudonym(String prefix, String value) {
        if (value == null || value.length() != LENGTH || !value.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String canonicalIp(String value) {
        if (!InetAddresses.isInetAddress(value)) {
            return value;
        }
        // An IPv4-mapped IPv6 address parses as its IPv4 address.
        return InetAddresses.toAddrString(InetAddresses.forString(value));
    }

    private String of(String prefix, String domain, String value) {
        try {
            byte[] mac = prf.computePrimary((domain + "\u0000" + value).getBytes(StandardCharsets.UTF_8), BYTES);
            return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pseudonymization failed", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
