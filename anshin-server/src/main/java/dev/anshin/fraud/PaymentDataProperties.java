package dev.anshin.fraud;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the personal data an authorization carries is kept (docs/payment-data.md).
 *
 * @param pseudonymKeyset        a Tink JSON keyset (HMAC-SHA256 PRF) that turns device ids, IP addresses and user
 *                               agents into keyed pseudonyms, given directly (env ANSHIN_PAYMENT_PSEUDONYM_KEYSET);
 *                               wins over the file
 * @param pseudonymKeysetFile    where that keyset lives otherwise; created with a fresh key on first run
 *                               (how long an authorization is kept: {@link FraudRetentionProperties})
 */
@ConfigurationProperties("anshin.fraud")
public record PaymentDataProperties(String pseudonymKeyset, Path pseudonymKeysetFile) {

    public PaymentDataProperties {
        if (pseudonymKeysetFile == null) {
            pseudonymKeysetFile = Path.of("data", "payment-pseudonym-keyset.json");
        }
    }
}
