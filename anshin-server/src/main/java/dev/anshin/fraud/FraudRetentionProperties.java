package dev.anshin.fraud;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the fraud module keeps authorizations (docs/operations.md, "Retention"). Beside {@link FraudProperties}
 * rather than in it, so that the scoring settings' record keeps its shape for the code that builds it.
 *
 * @param authorizationRetention an authorization (with its decision, device data and fraud labels) is deleted this long
 *                               after it occurred, unless an open dispute still needs it. Default 2557 days: 7 years with
 *                               their leap days, the period Japan's Act on Prevention of Transfer of Criminal Proceeds
 *                               (犯罪収益移転防止法, Art. 7) sets for transaction records, counted from the transaction;
 *                               it also covers the tax-law period for books and vouchers (7 years) and every chargeback
 *                               window. The model's training reads nothing older.
 */
@ConfigurationProperties("anshin.fraud")
record FraudRetentionProperties(@DefaultValue("2557d") Duration authorizationRetention) {

    FraudRetentionProperties {
        if (authorizationRetention.isNegative() || authorizationRetention.isZero()) {
            throw new IllegalArgumentException("anshin.fraud.authorization-retention must be positive");
        }
    }
}
