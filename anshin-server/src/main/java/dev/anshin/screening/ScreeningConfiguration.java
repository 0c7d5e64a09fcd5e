package dev.anshin.screening;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The policy from the settings, and the bureau: {@code none} (the default: no bureau, every application
 * referred), {@code sandbox} (made-up figures, for the demo and tests), or a real adapter's bean.
 */
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

    /** No bureau configured: every inquiry is unanswered, so nothing is approved until a real one is set. */
    @Bean
    @ConditionalOnProperty(prefix = "anshin.screening", name = "bureau", havingValue = "none", matchIfMissing = true)
    CreditBureau noCreditBureau() {
        LoggerFactory.getLogger(ScreeningConfiguration.class).warn("No credit bureau configured "
                + "(anshin.screening.bureau=none): every card application is referred to staff, none approved. Set "
                + "anshin.screening.bureau and provide a CreditBureau bean (docs/screening.md).");
        return inquiry -> {
            throw new CreditBureau.Unavailable("NO_BUREAU_CONFIGURED");
        };
    }

    @Bean
    @ConditionalOnProperty(prefix = "anshin.screening", name = "bureau", havingValue = "sandbox")
    SandboxCreditBureau sandboxCreditBureau(ScreeningProperties properties) {
        LoggerFactory.getLogger(SandboxCreditBureau.class).warn("Credit screening asks the sandbox bureau (made-up "
                + "figures, no real inquiry): set anshin.screening.bureau and provide a CreditBureau bean for a real "
                + "one (docs/screening.md).");
        return new SandboxCreditBureau(properties.sandboxSettings());
    }
}
