package dev.anshin.fraud;

import dev.anshin.scoring.AmountCeiling;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one scoring engine of this server. It starts empty (no model: scores 0 and decides by rules;
 * no rules, no history); the
 * model registry, the rule book and the history replay fill it before the server takes traffic.
 */
@Configuration(proxyBeanMethods = false)
class ScoringEngineConfiguration {

    @Bean
    ScoringEngine scoringEngine(FraudProperties properties, AmountCeiling amountCeiling) {
        FeatureConfig config = new FeatureConfig(properties.labelDelay(), properties.idleEviction(), amountCeiling);
        return new ScoringEngine(new FeatureEngine(config), null, RuleSet.EMPTY,
                new DecisionPolicy(properties.reviewThreshold(), properties.declineThreshold()));
    }

    /** One ceiling for the API's check, the feature state and training, so they never disagree. */
    @Bean
    AmountCeiling amountCeiling(AmountLimits limits) {
        return limits.ceiling();
    }
}
