package dev.anshin.screening;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy from the settings, and the sandbox bureau unless another is configured. */
@Configuration
class ScreeningConfiguration {

    @Bean
    ScreeningPolicy screeningPolicy(ScreeningProperties properties) {
        return new ScreeningPolicy(properties.policySettings());
    }

    @Bean
    AccountReview accountReview(ScreeningPolicy policy, ScreeningProperties properties) {
        return new AccountReview(policy, properties.rescreening().latePayments(),
                properties.rescreening().highUtilizationPercent());
    }

    @Bean
    @ConditionalOnProperty(prefix = "anshin.screening", name = "bureau", havingValue = "sandbox", matchIfMissing = true)
    SandboxCreditBureau sandboxCreditBureau(ScreeningProperties properties) {
        LoggerFactory.getLogger(SandboxCreditBureau.class).warn("Credit screening asks the sandbox bureau (made-up "
                + "figures, no real inquiry): set anshin.screening.bureau and provide a CreditBureau bean for a real "
                + "one (docs/screening.md).");
        return new SandboxCreditBureau(properties.sandboxSettings());
    }
}
