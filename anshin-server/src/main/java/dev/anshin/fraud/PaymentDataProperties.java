package dev.anshin.fraud;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the personal data an authorization carries is kept (docs/payment-data.md).
 *
 * @param pseudonymKeyset        a Tink JSON keyset (HMAC-SHA256 PRF) that turns device ids, IP addresses and user
 *                               agents into keyed pseudonyms, given directly (env ANSHIN_PAYMENT_PSEUDONYM_KEYSET);
 *                               wins over the file
 * @param pseudonymKeysetFile    where that keyset lives otherwise; created with a fresh key on first run
 * @param authorizationRetention how long an authorization (the purchase record) is kept after it happened; the
 *                               catalog words its retention from this and the retention job deletes by it.
 *                               Default 2557 days, seven years (a {@link Duration} has no years): the issuer's
 *                               books and the vouchers behind them are kept seven years (Corporation Tax Act,
 *                               法人税法 art. 126 and its ordinance art. 59), and a card sale is such a record;
 *                               dispute windows (at most 540 days) and the Installment Sales Act's use of the
 *                               payment history in credit reviews fall well inside. PCI DSS sets no minimum,
 *                               only that nothing is kept longer than needed (req. 3.2.1).
 */
@ConfigurationProperties("anshin.fraud")
public record PaymentDataProperties(String pseudonymKeyset, Path pseudonymKeysetFile, Duration authorizationRetention) {

    public PaymentDataProperties {
        if (pseudonymKeysetFile == null) {
            pseudonymKeysetFile = Path.of("data", "payment-pseudonym-keyset.json");
        }
        if (authorizationRetention == null) {
            authorizationRetention = Duration.ofDays(2557);
        }
        if (authorizationRetention.isNegative() || authorizationRetention.isZero()) {
            throw new IllegalArgumentException("anshin.fraud.authorization-retention must be positive");
        }
    }
}
